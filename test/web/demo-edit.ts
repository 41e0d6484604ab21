// The demo the browser tests serve, and one edit with a known effect on it: the edit must remove
// exactly the named connection (checked against the diff panel and the graph).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './browser.js';

const examples = path.join(ROOT, 'examples/demo');
const useExamples = existsSync(examples) && !process.env.NETPOL_WEB_MINI;

export const DEMO = useExamples ? 'examples/demo' : 'test/web/fixtures/mini';
if (!useExamples) console.warn('test/web: examples/demo is missing: serving test/web/fixtures/mini instead');

export const DEMO_EDIT = useExamples
  ? // test-network-policy stops selecting db-0: its egress to 10.0.0.0/24 (TCP 5978) goes away.
    { file: 'policies/backend.yaml', find: 'role: db', replace: 'role: dbx', from: 'backend/db[StatefulSet]', to: '10.0.0.0-10.0.0.255', port: 5978 }
  : { file: 'policies.yaml', find: 'port: 5432', replace: 'port: 5433', from: 'shop/api', to: 'data/db', port: 5432 };
