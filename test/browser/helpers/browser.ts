/**
 * A real Chromium for the browser suite: Debian's `chromium` (TRACECTL_CHROMIUM names another
 * binary), headless, with a fresh profile and nothing in the background that could make a request.
 * Every page is watched: console errors, uncaught exceptions, dialogs (alert) and every request
 * other than the page's own file are recorded, and every request the page makes is aborted.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.TRACECTL_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(viewport = { width: 1400, height: 900 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install it with .ci/install-chromium.sh (or set TRACECTL_CHROMIUM)`);
  const profile = mkdtempSync(join(tmpdir(), 'tracectl-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport, colorScheme: 'light', reducedMotion: 'reduce' });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface Watched {
  readonly page: Page;
  /** Console errors, page errors, dialogs. */
  readonly problems: string[];
  /** Every request but the page's own file. */
  readonly requests: string[];
  /** ms from navigation start to the first waterfall row, or to the summary, whichever appeared. */
  firstRender(): Promise<number>;
}

/** Opens `file` (+ `hash`) and waits until the page has drawn (its main element no longer busy). */
export async function open(browser: Browser, file: string, hash = ''): Promise<Watched> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url && r.url() !== `${url}${hash}`) requests.push(r.url());
  });
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url || u === `${url}${hash}`) return route.continue();
    requests.push(u);
    return route.abort();
  });
  // Notes when the first row of a waterfall, or the summary, enters the document.
  await page.addInitScript(() => {
    const w = window as unknown as { __firstRender?: number };
    new MutationObserver((_, observer) => {
      if (document.querySelector('[role=treeitem], #summary, #verdict') !== null) {
        w.__firstRender = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${url}${hash}`);
  await page.waitForSelector('#app[aria-busy="false"]', { state: 'attached', timeout: 120_000 });
  return {
    page,
    problems,
    requests,
    firstRender: () => page.evaluate(() => (window as unknown as { __firstRender?: number }).__firstRender ?? NaN),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
