// "Continue with Twitter" in the real window, PIN flow, against an OAuth 1.0a provider built
// on Debian's python3-oauthlib (tests/support/oauth1/server.py). The app's "open the system
// browser" is redirected, in this test build only, to a file the test reads
// (SWITCHBOARD_E2E_BROWSER_URL_FILE); the test plays the user in the browser over HTTP and
// types the PIN into the field. The token and its secret must land in the vault only.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { App, Driver, makeSandbox, REPO } from './lib/webdriver.mjs';
import { filesHolding, issuedSecrets } from './lib/leaks.mjs';
import { field, invoke, typeInto } from './lib/form.mjs';
import { back, newChannel, toList } from './lib/editor.mjs';

const PYTHON = '/usr/bin/python3';
const SERVER = join(REPO, 'tests/support/oauth1/server.py');
const required = process.env.SWITCHBOARD_REQUIRE_REAL_SERVERS === '1';
const ready = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import oauthlib.oauth1']).status === 0;
if (!ready && required) throw new Error('python3-oauthlib (apt) is required');

function startProvider(tokenLog) {
  const proc = spawn(PYTHON, [SERVER], { env: { ...process.env, OAUTH1_TOKEN_LOG: tokenLog }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    createInterface({ input: proc.stdout }).once('line', (l) => ok({ proc, base: JSON.parse(l).base }));
    proc.once('exit', (code) => fail(new Error(`the OAuth 1.0a provider exited (${code})`)));
  });
}

describe('Continue with Twitter in the real window', { timeout: 180000, skip: !ready && 'python3-oauthlib missing' }, () => {
  const box = makeSandbox('oauth-twitter');
  const urlFile = join(box.root, 'browser-urls.txt');
  const tokenLog = join(box.root, 'oauth1-secrets.txt');
  let driver;
  let app;
  let provider;

  before(async () => {
    provider = await startProvider(tokenLog);
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LC_ALL: '', SWITCHBOARD_E2E_BROWSER_URL_FILE: urlFile });
    app = await App.launch(driver);
  });
  // Each test starts from the list, whatever the previous one left open.
  afterEach(() => toList(app));
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
    provider?.proc.kill();
  });

  test('the PIN typed in the field completes the sign-in; token and secret only in the vault', async () => {
    // The Twitter app, typed into Settings as an administrator would.
    await app.click('[data-testid="nav-settings"]');
    const form = '[data-testid="provider-app-twitter"]';
    assert.match(await app.text(`${form} h3`), /Twitter/);
    await typeInto(app, `${form} [name="clientId"]`, 'xvz1evFS4wEEPTGEFPHBog');
    await typeInto(app, `${form} [name="clientSecret"]`, 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw');
    await typeInto(app, `${form} [name="baseUrl"]`, provider.base);
    await app.click(`${form} [data-testid="provider-app-save"]`);
    await app.find(`${form} [data-testid="provider-app-saved"]`);
    await app.find(`${form} [data-testid="secret-set"]`);
    await toList(app);

    const id = await newChannel(app, 'twitter', 'Twitter via sign-in');
    const connect = field('twitter.connect');
    await back(app);
    await app.click(`[data-testid="channel-row"][data-name="Twitter via sign-in"] [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.attr('[data-testid="channel-editor"]', 'data-channel-id')) === id);

    await app.click(`${connect} [data-testid="oauth-connect"]`);
    const url = await app.waitFor(
      async () => (existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim().split('\n').pop() || null : null),
      { what: 'the authorization URL handed to the browser' },
    );
    assert.ok(url.startsWith(`${provider.base}/oauth/authorize?oauth_token=`), url);
    // The user, in the browser: authorizes, and reads the PIN.
    const page = await (await fetch(`${url}&decision=allow`)).text();
    const pin = page.match(/id="oauth_pin">([^<]+)</)?.[1];
    assert.ok(pin, page);

    await app.find(`${connect} [data-testid="oauth-pin-input"]`);
    await typeInto(app, `${connect} [data-testid="oauth-pin-input"]`, pin);
    await app.click(`${connect} [data-testid="oauth-pin-submit"]`);
    const connected = await app.waitFor(
      () => app.exec(`return document.querySelector('${connect} [data-testid="oauth-connected"]')?.textContent ?? null`),
      { what: '"connected as" in the field' },
    );
    assert.match(connected, /Connected as @cafelumiere \(783214\)/);
    for (const path of ['twitter.oauth_token', 'twitter.oauth_token_secret']) {
      assert.equal(await app.attr(`${field(path)} [data-testid="secret-state"]`, 'data-set'), 'true', path);
    }

    const secrets = issuedSecrets(tokenLog);
    assert.ok(secrets.length >= 3, 'a request token secret, an access token and its secret');
    assert.deepEqual(filesHolding(box.root, secrets, [tokenLog]), []);
    const replies = JSON.stringify([
      await invoke(app, 'get_channel', { id }),
      await invoke(app, 'oauth_action_status', { id, action: 'oauth_twitter' }),
      await invoke(app, 'channel_connections', { id }),
    ]);
    for (const t of secrets) assert.ok(!replies.includes(t), 'a secret reached the window');
  });

  test('with a registered loopback port the sign-in ends by itself at the callback', async () => {
    const port = await new Promise((ok) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => ok(p));
      });
    });
    const saved = await invoke(app, 'set_provider_app', {
      provider: 'twitter',
      clientId: 'xvz1evFS4wEEPTGEFPHBog',
      clientSecret: null,
      baseUrl: provider.base,
      redirectPort: port,
    });
    assert.equal(saved.ok?.redirectPort, port, JSON.stringify(saved));
    const id = await newChannel(app, 'twitter', 'Twitter via callback');
    const connect = field('twitter.connect');
    const before = existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim().split('\n').length : 0;
    await app.waitFor(async () => (await app.attr(`${connect} [data-testid="oauth-connect"]`, 'disabled')) === null, {
      what: 'the sign-in button',
    });
    await app.click(`${connect} [data-testid="oauth-connect"]`);
    const url = await app.waitFor(
      async () => {
        const lines = existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim().split('\n') : [];
        return lines.length > before ? lines.pop() : null;
      },
      { what: 'the authorization URL handed to the browser' },
    );
    // The browser: authorize, then follow Twitter's redirect to the app's callback.
    const res = await fetch(`${url}&decision=allow`, { redirect: 'manual' });
    const callback = res.headers.get('location');
    assert.ok(callback?.startsWith(`http://127.0.0.1:${port}/callback?`), String(callback));
    const page = await (await fetch(callback)).text();
    assert.match(page, /Sign-in complete/);
    const connected = await app.waitFor(
      () => app.exec(`return document.querySelector('${connect} [data-testid="oauth-connected"]')?.textContent ?? null`),
      { what: '"connected as" in the field' },
    );
    assert.match(connected, /Connected as @cafelumiere/);
    assert.equal((await app.findAll(`${connect} [data-testid="oauth-pin"]`)).length, 0, 'no PIN asked');
    const view = await invoke(app, 'get_channel', { id });
    assert.deepEqual(
      ['twitter.oauth_token', 'twitter.oauth_token_secret'].filter((p) => view.ok?.secretsSet.includes(p)),
      ['twitter.oauth_token', 'twitter.oauth_token_secret'],
    );
  });
});
