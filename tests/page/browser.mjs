// Shared set-up for the page tests: Debian's Chromium driven by playwright-core (no browser
// download), and the project's own static server on a free loopback port.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Flags that keep headless Chromium from hanging on this offline machine.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/**
 * Starts the server for `root` (default www/) and a browser; returns { url, browser, close }.
 * tests/package/ serves the npm package examples with it.
 */
export async function openDemo(root = join(ROOT, 'www')) {
  const server = await startServer(root, 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** Opens a page at `path` and waits until the app says it is ready (or failed). */
export async function readyPage(demo, path = '') {
  const page = await demo.browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(demo.url + path);
  await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.status), null, { timeout: 30000 });
  return { page, errors };
}
