// Exit codes (documented in docs/cli.md): 0 success, 1 negative answer or findings, 2 bad input or usage.
export const EXIT_OK = 0;
export const EXIT_NEGATIVE = 1;
export const EXIT_BAD_INPUT = 2;

/** Thrown by commands to stop with a message on stderr and an exit code; never shows a stack trace. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}

export const badInput = (message: string): CliExit => new CliExit(EXIT_BAD_INPUT, message);
