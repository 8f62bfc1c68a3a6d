// Microsoft OAuth for e-mail in the real window, end to end: an IMAP/SMTP channel set to
// the Microsoft identity platform signs in for IMAP and for SMTP (a real Chromium on the
// harness's Microsoft-shaped authorization server), then "Test" signs in to the
// throwaway Dovecot and Postfix with XOAUTH2 — Dovecot checks each token at that same
// server's introspection endpoint (tests/support/mail). The panel shows the XOAUTH2 steps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Driver, makeSandbox, REPO } from './lib/webdriver.mjs';
import { choose, field, input, invoke, setChecked, typeInto } from './lib/form.mjs';
import { newChannel, waitSaved } from './lib/editor.mjs';
import { filesHolding } from './lib/leaks.mjs';

const HARNESS = join(REPO, 'tests/support/oauth');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.SWITCHBOARD_REQUIRE_REAL_SERVERS === '1';

function mailEnv() {
  const file = process.env.SWITCHBOARD_TEST_MAIL_ENV;
  if (!file) return null;
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => {
        const [k, ...v] = l.split('=');
        return [k.replace(/^SWITCHBOARD_MAIL_/, ''), v.join('=')];
      }),
  );
}

const env = mailEnv();
const ready = !!env?.OAUTH_BASE && existsSync(CHROMIUM) && existsSync(join(HARNESS, 'node_modules/playwright-core'));
if (!ready && required) throw new Error('the mail harness with its authorization server, and chromium, are required');

describe('Microsoft OAuth for e-mail in the real window', { skip: !ready && 'no mail harness with an authorization server, or no chromium', timeout: 180000 }, () => {
  const box = makeSandbox('oauth-mail');
  const urlFile = join(box.root, 'browser-urls.txt');
  let driver;
  let app;
  /** Set once the first test has a channel signed in for IMAP and SMTP. */
  let connected = false;

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LC_ALL: '', SWITCHBOARD_E2E_BROWSER_URL_FILE: urlFile });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });

  /** Clicks the field's sign-in button and completes the sign-in as the mailbox user. */
  async function signIn(path) {
    const urls = () => (existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim().split('\n') : []);
    const before = urls().length;
    // Taken once the field waits for the browser (a dropped click is repeated).
    await app.clickUntil(
      `${field(path)} [data-testid="oauth-connect"]`,
      async () => urls().length > before || (await app.findAll(`${field(path)} [data-testid="oauth-waiting"]`)).length === 1,
    );
    const url = await app.waitFor(
      async () => {
        const lines = existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim().split('\n') : [];
        return lines.length > before ? lines.at(-1) : null;
      },
      { what: `the authorization URL of ${path}` },
    );
    assert.ok(url.startsWith(`${env.OAUTH_BASE}/common/oauth2/v2.0/authorize?`), url);
    await promisify(execFile)(process.execPath, [join(HARNESS, 'browser.mjs'), url, 'allow', env.USER], { timeout: 60000 });
    return app.waitFor(
      () => app.exec(`return document.querySelector('${field(path)} [data-testid="oauth-connected"]')?.textContent ?? null`),
      { what: `"connected as" for ${path}` },
    );
  }

  test('sign in for IMAP and SMTP, then Test signs in to both with XOAUTH2', async () => {
    const saved = await invoke(app, 'set_provider_app', {
      provider: 'microsoft',
      clientId: 'microsoft-client',
      clientSecret: null,
      baseUrl: env.OAUTH_BASE,
      redirectPort: null,
    });
    assert.equal(saved.ok?.provider, 'microsoft', JSON.stringify(saved));

    await newChannel(app, 'email', 'Mailbox via Microsoft');
    await choose(app, input('email.mode'), 'imap');
    await typeInto(app, input('imap_smtp.email'), env.USER);
    for (const [s, port, tls] of [['imap', env.IMAPS_PORT, true], ['smtp', env.SUBMISSION_PORT, false]]) {
      await typeInto(app, input(`${s}.host`), env.HOST);
      await typeInto(app, input(`${s}.port`), port);
      await setChecked(app, input(`${s}.use_ssl_tls`), tls);
      await setChecked(app, input(`${s}.use_start_tls`), !tls);
      await typeInto(app, input(`${s}.username`), env.USER);
      await typeInto(app, input(`${s}.ca_file`), env.CA);
      await choose(app, input(`${s}.authentication_type`), 'microsoft_identity_platform');
      await app.waitFor(async () => (await app.findAll(`${field(`${s}.connect`)} [data-testid="oauth-connect"]`)).length === 1, {
        what: `the Microsoft sign-in button of ${s}`,
      });
    }
    await waitSaved(app);
    assert.match(await signIn('imap.connect'), /Connected/);
    assert.match(await signIn('smtp.connect'), /Connected/);
    connected = true;

    // Taken once the button is busy or an outcome is there (a dropped click is repeated).
    await app.clickUntil('[data-testid="mail-test-run"]', () =>
      app.exec(
        `return document.querySelector('[data-testid="mail-test-run"]')?.disabled || !!document.querySelector('[data-testid="mail-test-outcome"]')`,
      ),
    );
    const outcome = await app.waitFor(
      async () => (await app.attr('[data-testid="mail-test-outcome"]', 'data-outcome')) ?? null,
      { what: 'the test to finish', timeout: 60000 },
    );
    const rows = await app.exec(
      `return [...document.querySelectorAll('[data-testid="mail-test-steps"] li')].map((li) => [li.dataset.step, li.dataset.status, li.textContent.trim()])`,
    );
    assert.equal(outcome, 'ok', JSON.stringify(rows));
    const byStep = Object.fromEntries(rows.map(([s, status, text]) => [s, { status, text }]));
    for (const s of ['imap.xoauth2', 'smtp.xoauth2']) assert.equal(byStep[s]?.status, 'ok', `${s}: ${JSON.stringify(rows)}`);
    assert.equal(byStep['imap.login'], undefined, 'no password login');
    assert.match(byStep['imap.xoauth2'].text, /sign in with Microsoft \(XOAUTH2\)/);

    // Every token the server issued (the sign-ins' refresh tokens, the test's fresh access
    // tokens and rotated refresh tokens) is in no file the app wrote, and in no reply.
    const tokens = readFileSync(env.OAUTH_TOKEN_LOG, 'utf8').split('\n').filter((t) => t.length > 8);
    assert.ok(tokens.length >= 6, `two sign-ins and two refreshes: ${tokens.length} tokens`);
    assert.deepEqual(filesHolding(box.root, tokens), []);
    const id = await app.attr('[data-testid="channel-editor"]', 'data-channel-id');
    const replies = JSON.stringify([
      await invoke(app, 'get_channel', { id }),
      await invoke(app, 'oauth_action_status', { id, action: 'oauth_microsoft_imap' }),
      await invoke(app, 'channel_connections', { id }),
    ]);
    for (const t of tokens) assert.ok(!replies.includes(t), 'a token reached the window');
    // The refresh the test made counts toward health: still OK.
    assert.equal(await app.attr(`${field('imap.connect')} [data-testid="oauth"]`, 'data-health'), 'ok');
  });

  test('a revoked grant: Test names Re-authorize, the field needs re-authorization, one click fixes it', async (t) => {
    // Builds on the channel of the first test: without it, say so instead of failing twice.
    if (!connected) return t.skip('the first test did not connect a channel');
    // The mailbox owner revokes the app's access at the provider.
    const res = await fetch(`${env.OAUTH_BASE}/_test/revoke`, { method: 'POST', body: new URLSearchParams({ account: env.USER }) });
    assert.ok((await res.json()).revoked >= 2, 'both grants revoked');

    // The previous run's outcome was "ok": the click is taken once the button is busy or
    // the outcome is "failed" (a dropped click is repeated), and only "failed" is this run's.
    await app.clickUntil('[data-testid="mail-test-run"]', () =>
      app.exec(
        `return document.querySelector('[data-testid="mail-test-run"]')?.disabled || document.querySelector('[data-testid="mail-test-outcome"]')?.dataset.outcome === 'failed'`,
      ),
    );
    const outcome = await app.waitFor(
      async () => ((await app.attr('[data-testid="mail-test-outcome"]', 'data-outcome')) === 'failed' ? 'failed' : null),
      { what: 'the test to fail', timeout: 60000 },
    );
    const rows = await app.exec(
      `return [...document.querySelectorAll('[data-testid="mail-test-steps"] li')].map((li) => [li.dataset.step, li.dataset.status, li.textContent.trim()])`,
    );
    assert.equal(outcome, 'failed', JSON.stringify(rows));
    const byStep = Object.fromEntries(rows.map(([s, status, text]) => [s, { status, text }]));
    for (const s of ['imap.xoauth2', 'smtp.xoauth2']) {
      assert.equal(byStep[s]?.status, 'failed', `${s}: ${JSON.stringify(rows)}`);
      assert.match(byStep[s].text, /Re-authorize/, byStep[s].text);
    }
    assert.equal(byStep['imap.capability']?.status, 'ok', 'the server was reached');

    // The field shows the state at once (the refresh was refused: no threshold), and its
    // button reads Re-authorize.
    await app.waitFor(async () => (await app.attr(`${field('imap.connect')} [data-testid="oauth"]`, 'data-health')) === 'needs_reauthorization', {
      what: 'IMAP needing re-authorization',
    });
    assert.match(await app.exec(`return document.querySelector('${field('imap.connect')} [data-testid="oauth-connect"]').textContent`), /Re-authorize/);

    // One click (and the sign-in in the browser) and it is OK again.
    await signIn('imap.connect');
    await app.waitFor(async () => (await app.attr(`${field('imap.connect')} [data-testid="oauth"]`, 'data-health')) === 'ok', {
      what: 'IMAP healthy again',
    });
  });
});
