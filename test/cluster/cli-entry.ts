// Runs the netpol CLI from the sources in a child process (the agent runs until SIGTERM).
import { main } from '../../src/cli/main.js';

process.exitCode = await main();
