import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressBar } from '../../src/cli/analysis-options.js';

const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
afterEach(() => {
  if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
  else delete (process.stderr as { isTTY?: boolean }).isTTY;
  vi.restoreAllMocks();
});

function capture(isTTY: boolean, enabled = true): string {
  Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
  let text = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((text += String(c)), true));
  const bar = progressBar(enabled, 'analyze', 0);
  for (let i = 1; i <= 4; i++) bar.onProgress?.(i * 25, 100);
  bar.finish();
  return text;
}

describe('progress bar', () => {
  it('draws on stderr when it is a terminal, and clears the line at the end', () => {
    const text = capture(true);
    expect(text).toContain('analyze [');
    expect(text).toContain('] 100%');
    expect(text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('is silent when stderr is not a terminal, or with --no-progress', () => {
    expect(capture(false)).toBe('');
    expect(capture(true, false)).toBe('');
  });
});
