// "Continue with Facebook" in the real window, against the Graph stand-in
// (tests/support/graph: Facebook's login dialog and the Graph calls, answering with the
// documentation's shapes). The app opens its own login window on the dialog; the test
// switches to that window through WebDriver, checks that the remote page there cannot
// call any app command, clicks "Continue", and back in the main window picks a page:
// the page id fills in, the user token is in the vault and in no file or IPC reply.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { App, Driver, makeSandbox, REPO } from './lib/webdriver.mjs';
import { filesHolding, issuedSecrets } from './lib/leaks.mjs';
import { field, input, invoke } from './lib/form.mjs';
import { back, newChannel, toList } from './lib/editor.mjs';

const STANDIN = join(REPO, 'target/debug/switchboard-graph-standin');
const required = process.env.SWITCHBOARD_REQUIRE_REAL_SERVERS === '1';
if (!existsSync(STANDIN) && required) throw new Error(`${STANDIN} is required (cargo build --bin switchboard-graph-standin)`);

function startStandIn(tokenLog) {
  const proc = spawn(STANDIN, [], { env: { ...process.env, GRAPH_TOKEN_LOG: tokenLog }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    createInterface({ input: proc.stdout }).once('line', (l) => ok({ proc, base: JSON.parse(l).base }));
    proc.once('exit', (code) => fail(new Error(`the Graph stand-in exited (${code})`)));
  });
}

/** Saves the local Facebook app, pointed at the stand-in (idempotent: each test does it). */
async function configureApp(app, base) {
  const saved = await invoke(app, 'set_provider_app', {
    provider: 'facebook',
    clientId: 'fb-app-id',
    clientSecret: 'fb-app-secret',
    baseUrl: base,
    redirectPort: null,
  });
  assert.equal(saved.ok?.secretSet, true, JSON.stringify(saved));
}

/** Clicks "Continue with Facebook", completes the dialog in the login window, and comes
 *  back to the main window; `inWindow` runs while the login window is the current one. */
async function signInThroughWindow(app, connect, inWindow = async () => {}) {
  const main = await app.cmd('GET', '/window');
  await app.click(`${connect} [data-testid="oauth-connect"]`);
  const login = await app.waitFor(
    async () => (await app.cmd('GET', '/window/handles')).find((h) => h !== main) ?? null,
    { what: 'the Facebook login window' },
  );
  await app.cmd('POST', '/window', { handle: login });
  try {
    await app.waitFor(async () => (await app.findAll('#continue')).length === 1, { what: 'the login dialog' });
    await inWindow();
    await app.exec(`document.getElementById('continue').click()`);
  } finally {
    await app.cmd('POST', '/window', { handle: main });
  }
  return main;
}

describe('Continue with Facebook in the real window', { timeout: 180000, skip: !existsSync(STANDIN) && 'Graph stand-in not built' }, () => {
  const box = makeSandbox('oauth-facebook');
  const tokenLog = join(box.root, 'graph-tokens.txt');
  let driver;
  let app;
  let standin;

  before(async () => {
    standin = await startStandIn(tokenLog);
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LC_ALL: '' });
    app = await App.launch(driver);
  });
  // Each test starts from the list, whatever the previous one left open.
  afterEach(() => toList(app));
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
    standin?.proc.kill();
  });

  test('the login window has no IPC, and the page picker fills the page id', async () => {
    const id = await newChannel(app, 'facebook_page', 'Facebook via sign-in');
    const connect = field('facebook.connect');

    // No Facebook app yet: one sentence, and a way to the settings.
    const missing = await app.waitFor(
      () => app.exec(`return document.querySelector('${connect} [data-testid="oauth-app-missing"]')?.textContent ?? null`),
      { what: 'the missing provider app note' },
    );
    assert.match(missing, /Facebook/);
    assert.equal((await app.findAll(`${connect} [data-testid="oauth-open-settings"]`)).length, 1);

    // The note's link leads to the provider apps in Settings.
    await app.click(`${connect} [data-testid="oauth-open-settings"]`);
    await app.waitFor(async () => (await app.findAll('[data-testid="view-settings"]')).length === 1, { what: 'the settings' });
    await configureApp(app, standin.base);
    await toList(app);
    await app.click(`[data-testid="channel-row"][data-name="Facebook via sign-in"] [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.attr('[data-testid="channel-editor"]', 'data-channel-id')) === id);

    const main = await signInThroughWindow(app, connect, async () => {
      // The remote page cannot reach the app: its own attempt, and one made from here.
      const probe = await app.waitFor(
        async () => {
          const v = await app.exec('return document.body.dataset.ipc');
          return v && v !== 'pending' ? v : null;
        },
        { what: "the dialog page's IPC probe" },
      );
      assert.notEqual(probe, 'allowed', 'the login window called an app command');
      const direct = await app.cmd('POST', '/execute/async', {
        script: `const done = arguments[arguments.length - 1];
                 const i = window.__TAURI_INTERNALS__;
                 if (!i) done({ absent: true });
                 else i.invoke('list_channels', { query: {} }).then((v) => done({ ok: v }), (e) => done({ err: String(e) }));`,
        args: [],
      });
      assert.ok(!('ok' in direct), `the login window listed channels: ${JSON.stringify(direct)}`);
    });

    // The window closes by itself at login_success.html; the pages are offered.
    await app.waitFor(async () => (await app.findAll(`${connect} [data-testid="oauth-page"]`)).length === 2, {
      what: 'the page picker',
    });
    const handles = await app.waitFor(async () => {
      const h = await app.cmd('GET', '/window/handles');
      return h.length === 1 ? h : null;
    }, { what: 'the login window to close' });
    assert.deepEqual(handles, [main]);
    await app.click(`${connect} [data-testid="oauth-page"][data-page-id="134895793791914"]`);

    const connected = await app.waitFor(
      () => app.exec(`return document.querySelector('${connect} [data-testid="oauth-connected"]')?.textContent ?? null`),
      { what: '"connected as" in the field' },
    );
    assert.match(connected, /Connected as Café Lumière/);
    assert.equal(
      await app.waitFor(async () => (await app.exec(`return document.querySelector('${input('facebook.page_id')}')?.value ?? null`)) || null, {
        what: 'the page id in its field',
      }),
      '134895793791914',
    );
    assert.equal(await app.attr(`${field('facebook.user_token')} [data-testid="secret-state"]`, 'data-set'), 'true');

    // Every token the stand-in issued: nowhere at rest, in no reply to the window.
    const tokens = issuedSecrets(tokenLog);
    assert.ok(tokens.length >= 3, 'a short-lived, a long-lived and page tokens were issued');
    assert.deepEqual(filesHolding(box.root, tokens, [tokenLog]), []);
    const replies = JSON.stringify([
      await invoke(app, 'get_channel', { id }),
      await invoke(app, 'oauth_action_status', { id, action: 'oauth_facebook' }),
      await invoke(app, 'channel_connections', { id }),
      await invoke(app, 'provider_apps', {}),
    ]);
    for (const t of tokens) assert.ok(!replies.includes(t), 'a token reached the window');
    assert.ok(!replies.includes('fb-app-secret'), 'the app secret reached the window');
  });

  test('Instagram: the picked page gives its professional account; a page without one says so', async () => {
    await configureApp(app, standin.base);
    const id = await newChannel(app, 'instagram', 'Instagram via sign-in');
    const connect = field('instagram.connect');
    await app.waitFor(async () => (await app.attr(`${connect} [data-testid="oauth-connect"]`, 'disabled')) === null, {
      what: 'the sign-in button, with the Facebook app configured',
    });
    await signInThroughWindow(app, connect);
    await app.waitFor(async () => (await app.findAll(`${connect} [data-testid="oauth-page"]`)).length === 2, {
      what: 'the page picker',
    });
    // Atelier Nord has no Instagram account linked: said, and the picker stays.
    await app.click(`${connect} [data-testid="oauth-page"][data-page-id="204895793791915"]`);
    const error = await app.waitFor(
      () => app.exec(`return document.querySelector('${connect} [data-testid="field-error"]')?.textContent ?? null`),
      { what: 'the no-Instagram-account message' },
    );
    assert.match(error, /Atelier Nord has no Instagram professional account/);
    await app.click(`${connect} [data-testid="oauth-page"][data-page-id="134895793791914"]`);
    const connected = await app.waitFor(
      () => app.exec(`return document.querySelector('${connect} [data-testid="oauth-connected"]')?.textContent ?? null`),
      { what: '"connected as" in the field' },
    );
    assert.match(connected, /Connected as @cafelumiere/);
    assert.equal(
      await app.waitFor(async () => (await app.exec(`return document.querySelector('${input('instagram.business_account')}')?.value ?? null`)) || null, {
        what: 'the Instagram account in its field',
      }),
      'cafelumiere',
    );
    assert.equal(await app.attr(`${field('instagram.user_token')} [data-testid="secret-state"]`, 'data-set'), 'true');
    const view = await invoke(app, 'get_channel', { id });
    assert.equal(view.ok?.channel.doc.instagram.business_account, 'cafelumiere');
  });

  test('Cancel in the field closes the login window and gives the button back', async () => {
    await configureApp(app, standin.base);
    await newChannel(app, 'facebook_messenger', 'Messenger, window closed');
    const connect = field('facebook.connect');
    await app.waitFor(async () => (await app.attr(`${connect} [data-testid="oauth-connect"]`, 'disabled')) === null, {
      what: 'the sign-in button, with the Facebook app configured',
    });
    const main = await app.cmd('GET', '/window');
    await app.click(`${connect} [data-testid="oauth-connect"]`);
    const login = await app.waitFor(
      async () => (await app.cmd('GET', '/window/handles')).find((h) => h !== main) ?? null,
      { what: 'the Facebook login window' },
    );
    assert.ok(login);
    await app.click(`${connect} [data-testid="oauth-cancel"]`);
    await app.waitFor(async () => (await app.cmd('GET', '/window/handles')).length === 1, { what: 'the login window to close' });
    await app.waitFor(async () => (await app.findAll(`${connect} [data-testid="oauth-connect"]`)).length === 1, {
      what: 'the button back after the window closed',
    });
    assert.equal((await app.findAll(`${connect} [data-testid="oauth-waiting"]`)).length, 0);
    assert.equal((await app.findAll(`${connect} [data-testid="field-error"]`)).length, 0, 'a cancel is not an error');
    assert.equal((await app.findAll(`${connect} [data-testid="oauth-connected"]`)).length, 0);
  });
});
