// The browser leg of a sign-in in a real Chromium (Debian's /usr/bin/chromium driven by
// playwright-core): opens the authorization URL, answers the harness's sign-in page and
// follows the redirects to the app's loopback callback, then prints what the tab shows.
//
//   node browser.mjs <authorization-url> [allow|deny] [user]
//   → {"url":"http://127.0.0.1:…/callback?…","lang":"fr","text":"…"}
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, decision = 'allow', user = 'ada'] = process.argv.slice(2);
if (!url) {
  console.error('usage: browser.mjs <authorization-url> [allow|deny] [user]');
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), 'switchboard-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(url);
  await page.locator('input[name=username]').fill(user);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/callback', { timeout: 30_000 }),
    page.locator(`#${decision}`).click(),
  ]);
  await page.waitForLoadState('load');
  const lang = await page.locator('html').getAttribute('lang');
  const text = await page.locator('body').innerText();
  process.stdout.write(JSON.stringify({ url: page.url(), lang, text }) + '\n');
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
