// The shared in-process CLI runner, with colour off for stable text.
import { runCli as run, type CliRun } from '../helpers/run-cli.js';

export async function runCli(...args: string[]): Promise<CliRun> {
  const noColor = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  try {
    return await run(...args);
  } finally {
    if (noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = noColor;
  }
}
