// Runs the netpol CLI from the sources (tests need no prior `tsc` build of the CLI).
import { main } from '../../src/cli/main.js';

process.exitCode = await main();
