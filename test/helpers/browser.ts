// Debian's Chromium driven by playwright-core (never a downloaded browser). Without Chromium the
// browser tests say they are skipped; with CI=true a missing Chromium is a failure.
import { existsSync, mkdirSync } from 'node:fs';
import { before, after } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startTestServer, type TestServer } from './server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUTPUT = new URL('../../test-output/', import.meta.url);

export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.env.CI === 'true') throw new Error(`Chromium is required in CI but ${CHROMIUM} is missing (apt-get install chromium)`);
  return `browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`;
}

export async function launch(): Promise<Browser> {
  mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A test file's Chromium and server, started before its tests and stopped after (nothing when skipped). */
export function browserSuite(): { skip: string | undefined; server(): TestServer; browser(): Browser } {
  const skip = browserSkipReason();
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    if (skip) return;
    server = await startTestServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  return { skip, server: () => server!, browser: () => browser! };
}
