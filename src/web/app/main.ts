// Entry point of the web UI: wires the views into the app shell and starts loading.
import { App } from './app.js';
import { AuditView } from './views/audit.js';
import { EditorView } from './views/editor.js';
import { ExplainView } from './views/explain.js';
import { GraphView } from './views/graph.js';
import { MatrixView } from './views/matrix.js';

function must(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

const app = new App(must('view'), must('panel'), must('tabs'), must('status'));
app.register(new GraphView(app));
app.register(new MatrixView(app));
app.register(new ExplainView(app));
app.register(new AuditView(app));
app.register(new EditorView(app));
void app.start();
