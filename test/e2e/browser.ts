// Headless Debian Chromium for the browser tests, through playwright-core (which downloads nothing).
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Chromium's path, or undefined when it is not installed (.ci/run installs it from apt). */
export const chromiumPath = CANDIDATES.find((path): path is string => !!path && existsSync(path));

/** CI sets NEARDUP_REQUIRE_BROWSER=1 so that a missing Chromium fails instead of skipping. */
export const browserRequired = process.env.NEARDUP_REQUIRE_BROWSER === '1';

// Offline and quiet: no first-run pages, no background downloads, no sync, no QUIC.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not found: install the Debian package "chromium"');
  return chromium.launch({ executablePath: chromiumPath, args: FLAGS, headless: true });
}
