// stdout carries only the requested output; warnings and progress go to stderr.
import process from 'node:process';

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

const wrap = (code: string) => (s: string, on = useColor()) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
export const color = {
  red: wrap('31'),
  green: wrap('32'),
  yellow: wrap('33'),
  blue: wrap('34'),
  bold: wrap('1'),
  dim: wrap('2'),
};

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

export function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
