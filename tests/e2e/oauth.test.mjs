// "Continue with Google" on a YouTube channel in the real window, against a real
// authorization server (tests/support/oauth/server.mjs, oidc-provider shaped like Google),
// with the sign-in completed in a real Chromium the test drives. The app's "open the system
// browser" is redirected, in this test build only, to a file the test reads
// (SWITCHBOARD_E2E_BROWSER_URL_FILE). The token must land in the vault and nowhere else:
// no file the app wrote, no log, no reply to the window.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Driver, makeSandbox, REPO } from './lib/webdriver.mjs';
import { filesHolding, issuedSecrets } from './lib/leaks.mjs';
import { choose, field, input, invoke } from './lib/form.mjs';
import { back, newChannel, waitSaved } from './lib/editor.mjs';

const HARNESS = join(REPO, 'tests/support/oauth');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.SWITCHBOARD_REQUIRE_REAL_SERVERS === '1';
const ready = existsSync(join(HARNESS, 'node_modules/oidc-provider')) && existsSync(CHROMIUM);
if (!ready && required) throw new Error('the OAuth harness (npm install in tests/support/oauth) and chromium are required');

/** Starts the authorization servers (one per provider shape); resolves to their base URLs. */
function startAuthServer(tokenLog) {
  const proc = spawn(process.execPath, [join(HARNESS, 'server.mjs')], {
    env: { ...process.env, OAUTH_TOKEN_LOG: tokenLog },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((ok, fail) => {
    const lines = createInterface({ input: proc.stdout });
    lines.once('line', (l) => ok({ proc, base: JSON.parse(l).google, bases: JSON.parse(l) }));
    proc.once('exit', (code) => fail(new Error(`authorization server exited (${code})`)));
  });
}

describe('OAuth sign-in in the real window', { timeout: 180000, skip: !ready && 'OAuth harness or chromium missing' }, () => {
  const box = makeSandbox('oauth');
  const urlFile = join(box.root, 'browser-urls.txt');
  const tokenLog = join(box.root, 'issued-tokens.txt');
  let driver;
  let app;
  let server;

  before(async () => {
    server = await startAuthServer(tokenLog);
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LC_ALL: '', SWITCHBOARD_E2E_BROWSER_URL_FILE: urlFile });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
    server?.proc.kill();
  });

  test('Continue with Google: connected as the account, token only in the vault', async () => {
    const id = await newChannel(app, 'youtube', 'YouTube via OAuth');

    // No provider app yet: one sentence says where it is missing, and the button waits.
    const missing = await app.waitFor(
      () => app.exec(`return document.querySelector('${field('youtube.connect')} [data-testid="oauth-app-missing"]')?.textContent ?? null`),
      { what: 'the missing provider app note' },
    );
    assert.match(missing, /Google/);
    assert.match(missing, /Settings/);

    // The local settings' Google app, pointed at the local authorization server.
    const saved = await invoke(app, 'set_provider_app', {
      provider: 'google',
      clientId: 'google-client',
      clientSecret: 'google-secret',
      baseUrl: server.base,
      redirectPort: null,
    });
    assert.equal(saved.ok?.secretSet, true, JSON.stringify(saved));
    await back(app);
    await app.click(`[data-testid="channel-row"][data-name="YouTube via OAuth"] [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.attr('[data-testid="channel-editor"]', 'data-channel-id')) === id);

    await app.click(`${field('youtube.connect')} [data-testid="oauth-connect"]`);
    await app.waitFor(async () => (await app.findAll(`${field('youtube.connect')} [data-testid="oauth-waiting"]`)).length === 1, {
      what: 'the field waiting for the browser',
    });
    const url = await app.waitFor(
      async () => (existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim().split('\n').pop() || null : null),
      { what: 'the authorization URL handed to the browser' },
    );
    assert.ok(url.startsWith(`${server.base}/o/oauth2/v2/auth?`), url);

    // The user's browser: a real Chromium signs in and lands on the app's loopback page.
    const { stdout } = await promisify(execFile)(process.execPath, [join(HARNESS, 'browser.mjs'), url, 'allow', 'ada'], { timeout: 60000 });
    const seen = JSON.parse(stdout);
    assert.match(seen.text, /Sign-in complete/);

    const connected = await app.waitFor(
      () => app.exec(`return document.querySelector('${field('youtube.connect')} [data-testid="oauth-connected"]')?.textContent ?? null`),
      { what: '"connected as" in the field' },
    );
    assert.match(connected, /Connected as ada@example\.test/);
    assert.equal(await app.attr(`${field('youtube.connect')} [data-testid="oauth"]`, 'data-health'), 'ok');
    assert.equal(await app.attr(`${field('youtube.refresh_token')} [data-testid="secret-state"]`, 'data-set'), 'true');

    // The tokens the server issued are nowhere at rest and in no reply to the window.
    const tokens = issuedSecrets(tokenLog);
    assert.ok(tokens.length >= 2, 'the server issued an access and a refresh token');
    assert.deepEqual(filesHolding(box.root, tokens, [tokenLog]), []);
    const replies = JSON.stringify([
      await invoke(app, 'get_channel', { id }),
      await invoke(app, 'oauth_action_status', { id, action: 'oauth_youtube' }),
      await invoke(app, 'channel_connections', { id }),
      await invoke(app, 'connection_health', {}),
      await invoke(app, 'provider_apps', {}),
    ]);
    for (const t of tokens) assert.ok(!replies.includes(t), 'a token reached the window');
    assert.ok(!replies.includes('google-secret'), 'the app secret reached the window');
  });

  test('an e-mail channel signs in with Microsoft for IMAP instead of a password', async () => {
    const saved = await invoke(app, 'set_provider_app', {
      provider: 'microsoft',
      clientId: 'microsoft-client',
      clientSecret: null,
      baseUrl: server.bases.microsoft,
      redirectPort: null,
    });
    assert.equal(saved.ok?.provider, 'microsoft', JSON.stringify(saved));
    await back(app);
    await newChannel(app, 'email', 'Mail via Microsoft');
    await choose(app, input('email.mode'), 'imap');
    await choose(app, input('imap.authentication_type'), 'microsoft_identity_platform');
    // The password gives way to the sign-in.
    await app.waitFor(async () => (await app.findAll(`${field('imap.connect')} [data-testid="oauth-connect"]`)).length === 1, {
      what: 'the Microsoft sign-in button',
    });
    assert.equal((await app.findAll(field('imap.password'))).length, 0);
    await waitSaved(app);

    const before = existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim().split('\n').length : 0;
    await app.click(`${field('imap.connect')} [data-testid="oauth-connect"]`);
    const url = await app.waitFor(
      async () => {
        const lines = existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim().split('\n') : [];
        return lines.length > before ? lines.at(-1) : null;
      },
      { what: 'the Microsoft authorization URL' },
    );
    assert.ok(url.startsWith(`${server.bases.microsoft}/common/oauth2/v2.0/authorize?`), url);
    assert.match(decodeURIComponent(url), /IMAP\.AccessAsUser\.All/);
    await promisify(execFile)(process.execPath, [join(HARNESS, 'browser.mjs'), url, 'allow', 'grace'], { timeout: 60000 });
    const connected = await app.waitFor(
      () => app.exec(`return document.querySelector('${field('imap.connect')} [data-testid="oauth-connected"]')?.textContent ?? null`),
      { what: '"connected as" for IMAP' },
    );
    assert.match(connected, /Connected as grace@example\.test/);
    assert.equal(await app.attr(`${field('imap.oauth_refresh_token')} [data-testid="secret-state"]`, 'data-set'), 'true');
  });
});
