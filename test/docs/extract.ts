// Pulls the `netpol ...` command lines (and the output shown under them) out of the ```sh blocks
// of the Markdown docs, so that a test can run every documented example.

export interface DocExample {
  readonly file: string;
  readonly line: number;
  /** The command as written, without `$ ` and without the trailing comment. */
  readonly text: string;
  /** Arguments after `netpol` / `npx netpol`. */
  readonly args: string[];
  /** Expected exit code from a trailing `# exit N` comment, if any. */
  readonly exit?: number;
  /** Reason from a trailing `# skip: REASON` comment, if any. */
  readonly skip?: string;
  /** Shell syntax around the command that the runner does not reproduce (pipe, redirect). */
  readonly shell?: string;
  /** The command reads a pipe from another program. */
  readonly pipedIn?: boolean;
  /** Output lines shown under a `$ ` command in the doc (`...` lines dropped). */
  readonly output: string[];
}

interface Split {
  words: string[];
  comment: string;
  rest: string; // first unquoted |, > or < and what follows
}

// A small POSIX-ish word splitter: single and double quotes, `#` comments, stops at | > <.
function splitShell(line: string): Split {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unbalanced quote in: ${line}`);
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      return { words, comment: line.slice(i + 1).trim(), rest: '' };
    } else if ((c === '|' || c === '>' || c === '<') && !inWord) {
      const rest = line.slice(i);
      const hash = rest.search(/\s#/);
      return hash < 0
        ? { words, comment: '', rest: rest.trim() }
        : { words, comment: rest.slice(hash + 2).trim(), rest: rest.slice(0, hash).trim() };
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return { words, comment: '', rest: '' };
}

// One shell line may chain commands with `&&` (README: `npm install && npx netpol analyze ...`).
// A command fed by a pipe (`kubectl get ... | netpol serve -`) is kept with `pipedIn` set.
function netpolSegments(line: string): { seg: string; pipedIn: boolean }[] {
  const out: { seg: string; pipedIn: boolean }[] = [];
  for (const part of line.split('&&').map((s) => s.trim())) {
    if (/^(npx )?netpol(\s|$)/.test(part)) out.push({ seg: part, pipedIn: false });
    else {
      const m = /\|\s*((npx )?netpol(\s.*)?)$/.exec(part);
      if (m) out.push({ seg: (m[1] as string).trim(), pipedIn: true });
    }
  }
  return out;
}

export function extractExamples(file: string, markdown: string): DocExample[] {
  const lines = markdown.split('\n');
  const found: DocExample[] = [];
  let inSh = false;
  let inFence = false;
  let last: DocExample | undefined;
  lines.forEach((raw, idx) => {
    const fence = /^\s*```(\S*)/.exec(raw);
    if (fence) {
      if (inFence) {
        inFence = false;
        inSh = false;
      } else {
        inFence = true;
        inSh = fence[1] === 'sh';
      }
      last = undefined;
      return;
    }
    if (!inSh) return;
    const prompt = raw.startsWith('$ ');
    const body = prompt ? raw.slice(2) : raw;
    const segments = netpolSegments(body);
    if (segments.length === 0) {
      // Output under a `$ ` transcript line; `...` marks elided output.
      if (prompt) last = undefined; // another program's transcript
      else if (last && raw.trim() !== '...' && raw.trim() !== '') last.output.push(raw.trimEnd());
      return;
    }
    for (const { seg, pipedIn } of segments) {
      const { words, comment, rest } = splitShell(seg);
      const args = words.slice(words[0] === 'npx' ? 2 : 1);
      const exitM = /^exit (\d)\b/.exec(comment);
      const skipM = /\bskip: ([^)]+)/.exec(comment);
      const ex: DocExample = {
        file,
        line: idx + 1,
        text: seg.replace(/\s+#.*$/, '').trim(),
        args,
        output: [],
        ...(exitM ? { exit: Number(exitM[1]) } : {}),
        ...(skipM ? { skip: (skipM[1] as string).trim() } : {}),
        ...(rest ? { shell: rest } : {}),
        ...(pipedIn ? { pipedIn } : {}),
      };
      found.push(ex);
      last = prompt ? ex : undefined;
    }
  });
  return found;
}

const NEEDS_ROOT_OR_SERVER: Record<string, string> = {
  serve: 'runs a web server until interrupted',
  agent: 'needs a live cluster, root and nft; runs until SIGTERM',
  enforce: 'needs root and nft (changes the kernel ruleset)',
  lab: 'needs root and network namespaces',
  snapshot: 'needs a live cluster',
};

/** Why an example cannot run in the unit test (root, netns, live cluster, server), or undefined. */
export function exclusionReason(ex: DocExample): string | undefined {
  if (ex.skip) return ex.skip;
  const cmd = ex.args[0] ?? '';
  const fixed = NEEDS_ROOT_OR_SERVER[cmd];
  if (fixed) return fixed;
  if (ex.args.includes('--cluster') || ex.args.some((a) => a.startsWith('cluster:'))) return 'needs a live cluster';
  if (ex.pipedIn) return 'reads stdin from another program';
  return undefined;
}

/** Synopsis lines of plain ``` blocks (`netpol CMD ...` plus indented continuations): flags per command. */
export function synopsisFlags(markdown: string): { cmd: string; flags: string[]; line: number }[] {
  const out: { cmd: string; flags: string[]; line: number }[] = [];
  let inPlain = false;
  let inFence = false;
  let cur: { cmd: string; flags: string[]; line: number } | undefined;
  markdown.split('\n').forEach((raw, idx) => {
    const fence = /^```(\S*)/.exec(raw);
    if (fence) {
      inPlain = !inFence && fence[1] === '';
      inFence = !inFence;
      cur = undefined;
      return;
    }
    if (!inPlain) return;
    const start = /^netpol ([a-z][a-z-]*(?: (?:up|probe|down))?)\b/.exec(raw);
    if (start) {
      cur = { cmd: start[1] as string, flags: [], line: idx + 1 };
      out.push(cur);
    } else if (!(cur && /^\s+\S/.test(raw))) {
      cur = undefined;
    }
    if (cur) cur.flags.push(...(raw.replace(/\s#.*$/, '').match(/(?<![\w-])--?[a-zA-Z][\w-]*/g) ?? []));
  });
  return out;
}
