// "Continue with RingCentral" on an SMS channel in the real window, against the
// authorization server shaped like RingCentral (tests/support/oauth/server.mjs: its paths,
// a confidential app, redirect URIs matched with the port the app registered), the sign-in
// completed in a real Chromium. The refresh token the channel takes lands in the vault.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Driver, makeSandbox, REPO } from './lib/webdriver.mjs';
import { field, invoke } from './lib/form.mjs';
import { back, newChannel, toList } from './lib/editor.mjs';

const HARNESS = join(REPO, 'tests/support/oauth');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.SWITCHBOARD_REQUIRE_REAL_SERVERS === '1';
const ready = existsSync(join(HARNESS, 'node_modules/oidc-provider')) && existsSync(CHROMIUM);
if (!ready && required) throw new Error('the OAuth harness (npm install in tests/support/oauth) and chromium are required');

function startAuthServer() {
  const proc = spawn(process.execPath, [join(HARNESS, 'server.mjs')], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((ok, fail) => {
    createInterface({ input: proc.stdout }).once('line', (l) => ok({ proc, bases: JSON.parse(l) }));
    proc.once('exit', (code) => fail(new Error(`authorization server exited (${code})`)));
  });
}

/** A port free now: the one "registered" with the RingCentral app. */
function freePort() {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

describe('Continue with RingCentral in the real window', { timeout: 180000, skip: !ready && 'OAuth harness or chromium missing' }, () => {
  const box = makeSandbox('oauth-ringcentral');
  const urlFile = join(box.root, 'browser-urls.txt');
  let driver;
  let app;
  let server;

  before(async () => {
    server = await startAuthServer();
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LC_ALL: '', SWITCHBOARD_E2E_BROWSER_URL_FILE: urlFile });
    app = await App.launch(driver);
  });
  afterEach(() => toList(app));
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
    server?.proc.kill();
  });

  test('the SMS channel gets its refresh token through the registered loopback port', async () => {
    const port = await freePort();
    const saved = await invoke(app, 'set_provider_app', {
      provider: 'ringcentral',
      clientId: 'ringcentral-client',
      clientSecret: 'ringcentral-secret',
      baseUrl: server.bases.ringcentral,
      redirectPort: port,
    });
    assert.equal(saved.ok?.redirectPort, port, JSON.stringify(saved));
    const id = await newChannel(app, 'sms', 'SMS via RingCentral');
    await back(app);
    await app.click(`[data-testid="channel-row"][data-name="SMS via RingCentral"] [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.attr('[data-testid="channel-editor"]', 'data-channel-id')) === id);

    const connect = field('sms.connect');
    await app.click(`${connect} [data-testid="oauth-connect"]`);
    const url = await app.waitFor(
      async () => (existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim().split('\n').pop() || null : null),
      { what: 'the authorization URL handed to the browser' },
    );
    assert.ok(url.startsWith(`${server.bases.ringcentral}/restapi/oauth/authorize?`), url);
    assert.equal(new URL(url).searchParams.get('redirect_uri'), `http://127.0.0.1:${port}/callback`);

    const { stdout } = await promisify(execFile)(process.execPath, [join(HARNESS, 'browser.mjs'), url, 'allow', 'linus'], { timeout: 60000 });
    assert.match(JSON.parse(stdout).text, /Sign-in complete/);

    const connected = await app.waitFor(
      () => app.exec(`return document.querySelector('${connect} [data-testid="oauth-connected"]')?.textContent ?? null`),
      { what: '"connected as" in the field' },
    );
    assert.match(connected, /Connected as linus/);
    assert.equal(await app.attr(`${field('sms.refresh_token')} [data-testid="secret-state"]`, 'data-set'), 'true');
    const view = await invoke(app, 'get_channel', { id });
    assert.ok(view.ok?.secretsSet.includes('sms.refresh_token'), JSON.stringify(view));
  });
});
