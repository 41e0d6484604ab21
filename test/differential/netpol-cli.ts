// Runs the netpol CLI from source (tsx), so spot checks never read a stale dist/.
import { main } from '../../src/cli/main.js';

main(['node', 'netpol', ...process.argv.slice(2)]).then((code) => {
  process.exitCode = code;
});
