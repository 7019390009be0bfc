import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const RESULTS_DIR = join(process.cwd(), 'test-results');

/** Launches Debian's chromium headless with the flags the CI machine needs. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a full-page screenshot under test-results/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/** Web Chat message bubbles containing the text (the transcript also has screen-reader copies). */
export function bubble(page: Page, text: string | RegExp) {
  return page.locator('.webchat__bubble__content').filter({ hasText: text });
}

/** Web Chat's send box. */
export function sendBox(page: Page) {
  return page.locator('[data-id="webchat-sendbox-input"]');
}

/** Types a message into Web Chat and sends it with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  const input = sendBox(page);
  await input.fill(text);
  await input.press('Enter');
}

/** A suggested action button in Web Chat's toolbar. */
export function suggestedAction(page: Page, title: string) {
  return page.locator('.webchat__suggested-actions__button').filter({ hasText: title });
}
