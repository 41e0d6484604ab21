// Shared Playwright plumbing for the web UI tests and the web benchmark: Debian's Chromium,
// headless, a fresh profile, and `netpol serve` started on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.NETPOL_CHROMIUM ?? '/usr/bin/chromium';
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const hasChromium = existsSync(CHROMIUM);
export const hasBuild = existsSync(path.join(ROOT, 'dist/web/app/index.html'));

export interface Served {
  readonly url: string;
  readonly proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `netpol serve` (from the sources, via tsx) on a free port and waits for its URL. */
export async function serve(paths: readonly string[], extra: readonly string[] = []): Promise<Served> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/web/run-cli.ts'), 'serve', ...paths, '--port', '0', ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`netpol serve did not start: ${stderr}`)), 60_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`netpol serve exited ${code}: ${stderr}`));
    });
  });
  return {
    url,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1400, height: 900 }): Promise<Session> {
  const profile = mkdtempSync(path.join(tmpdir(), 'netpol-chromium-'));
  // A fresh profile per session (Playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport,
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Loads the UI and waits until the worker delivered the first snapshot. */
export async function openUi(page: Page, url: string, tab = 'graph'): Promise<void> {
  await page.goto('about:blank'); // a fresh document, not a same-page hash change
  await page.goto(`${url}#${tab}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
}

/** Runs `action` and waits until the graph has been drawn again (renders are asynchronous). */
export async function redrawn(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await page.locator('#cy').getAttribute('data-render').catch(() => null);
  await action();
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('#cy');
      return el?.getAttribute('data-layout') === 'done' && el.getAttribute('data-render') !== prev;
    },
    before,
    { timeout: 120_000 },
  );
}

/** Waits for the first drawing of the graph after openUi. */
export async function drawn(page: Page): Promise<void> {
  await page.waitForSelector('#cy[data-layout="done"]', { timeout: 120_000 });
}
