// Platform accounts and pull in the real window, against the demo platform (the emulator
// the app starts on loopback): add it, test it, pull; the channels arrive with the
// server's values and the pickers offer the server's lists; after another administrator
// edits two sources, a second pull updates the untouched channel and marks the one edited
// here too. Expected values are read from the emulator itself (its control API and its
// REST API), never from the app.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Driver, makeSandbox } from './lib/webdriver.mjs';
import { invoke, typeInto } from './lib/form.mjs';
import { toList, waitSaved } from './lib/editor.mjs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const row = (remote) => `[data-testid="channel-row"][data-remote="${remote}"]`;


describe('platform accounts and pull (demo platform)', () => {
  const box = makeSandbox('platform');
  let driver;
  let app;
  /** The demo platform's root (http://127.0.0.1:PORT) and an admin token, from its own control API. */
  let server;

  const api = async (path) => {
    const r = await fetch(`${server.root}/1.0${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
    assert.equal(r.status, 200, `GET ${path}`);
    return r.json();
  };
  const control = async (path, body) => {
    const r = await fetch(`${server.root}/_emulator${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(r.status, 200, `control ${path}`);
    return r.json();
  };

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en', LC_ALL: '' });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });

  test('add the demo account, test it, pull', async () => {
    await app.click('[data-testid="nav-accounts"]');
    await app.waitFor(() => app.find('[data-testid="view-accounts"]'), { what: 'the accounts view' });
    await app.click('[data-testid="account-demo"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="account-row"]')).length === 1, { what: 'the demo account' });
    assert.equal(await app.text('[data-testid="account-row"] [data-testid="env-badge"]'), 'Demo platform');
    assert.equal(await app.attr('[data-testid="account-token-state"]', 'data-set'), 'true');
    const url = await app.text('[data-testid="account-row"] .account-url');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/1\.0$/);
    const root = url.replace(/\/1\.0$/, '');
    const tokens = await (await fetch(`${root}/_emulator/tokens`)).json();
    const admin = (Array.isArray(tokens) ? tokens : tokens.tokens).find((t) => t.holder === 'admin' || t.holder === 'Admin');
    server = { root, token: admin.token, email: admin.email };

    await app.click('[data-testid="account-test"]');
    await app.waitFor(async () => (await app.attr('[data-testid="account-test-result"]', 'data-ok')) === 'true', {
      timeout: 30000,
      what: 'the account test to pass',
    });
    const status = async (step) => app.attr(`[data-testid="account-test-result"] [data-step="${step}"]`, 'data-status');
    assert.equal(await status('dns'), 'ok');
    assert.equal(await status('tls'), 'skipped', 'loopback: no TLS');
    assert.equal(await status('http'), 'ok');
    assert.equal(await status('token'), 'ok');
    assert.equal(await status('role'), 'ok', 'the token user and role were read');
    assert.equal(await status('access'), 'ok');
    assert.match(await app.text('[data-testid="account-test-result"] [data-step="access"] .step-detail'), /Update channels: yes/);

    await app.click('[data-testid="account-pull"]');
    await app.waitFor(async () => (await app.attr('[data-testid="pull-status"]', 'data-complete')) === 'true', {
      timeout: 60000,
      what: 'the pull to complete',
    });
    const sources = await api('/content_sources?limit=150');
    assert.match(await app.text('[data-testid="pull-summary"]'), new RegExp(`^${sources.count} channels on the platform: ${sources.count - 1} new`));
    assert.match(await app.text('[data-testid="unadopted"]'), /wechat/, 'the unknown type is listed, not dropped');
    assert.match(await app.text('[data-testid="account-last-pull"]'), /^Last pulled/);
  });

  test('the channels arrive with the server values and the pickers offer the server lists', async () => {
    const sources = (await api('/content_sources?limit=150')).records;
    const email = sources.find((s) => s.type === 'email');
    await toList(app);
    await app.waitFor(async () => (await app.findAll('[data-testid="channel-row"][data-sync="synced"]')).length === sources.length - 1, {
      timeout: 20000,
      what: 'every adopted channel in sync in the list',
    });
    assert.equal(await app.attr(row(email.id), 'data-name'), email.name);
    assert.match(await app.text('[data-testid="filter-sync-synced"] .count'), new RegExp(`^${sources.length - 1}$`));
    assert.equal(await app.text(`${row(email.id)} [data-testid="env-badge"]`), 'Demo platform');

    await app.click(`${row(email.id)} [data-testid="channel-open"]`);
    await app.waitFor(() => app.find('[data-testid="editor-account"]'), { what: 'the editor with its account' });
    const value = (path) => app.exec(`return document.querySelector('[name="${path}"]')?.value ?? null`);
    await app.waitFor(async () => (await value('general.name')) === email.name, { what: 'the server name in the form' });
    assert.equal(await value('imap.host'), email.imap_address);
    assert.equal(String(await value('imap.port')), String(email.imap_port));
    // The pickers list the server's communities, not the sample set.
    const communities = (await api('/communities?limit=150')).records.map((c) => c.name).sort();
    const shown = await app.exec(`return [...document.querySelectorAll('select[name="general.community"] option')].map((o) => o.textContent.trim()).filter((t) => t && !t.startsWith('—'))`);
    for (const name of communities) assert.ok(shown.includes(name), `community ${name} offered (got ${shown})`);
    assert.equal((await app.findAll('[data-testid="sample-data"]')).length, 0, 'no sample data once pulled');
    assert.match(await app.text('[data-testid="ref-fetched"]'), /^From the platform, fetched /);
    const sheets = (await api('/time_sheets?limit=150')).records.map((t) => t.label);
    const shownSheets = await app.exec(`return [...document.querySelectorAll('select[name="general.business_hours"] option')].map((o) => o.textContent.trim())`);
    for (const label of sheets) assert.ok(shownSheets.includes(label), `business hours ${label} offered (got ${shownSheets})`);
    await app.click('[data-testid="editor-back"]');
    await app.waitFor(() => app.find('[data-testid="channel-list"]'), { what: 'the list again' });
  });

  test('a second pull after edits on the server updates the untouched channel and marks the edited one', async () => {
    const sources = (await api('/content_sources?limit=150')).records.filter((s) => s.type === 'viber' || s.type === 'sms' || s.type === 'tapatalk');
    const [untouched, edited] = sources;
    await toList(app);
    await app.waitFor(() => app.find(row(edited.id)), { what: 'the channel to edit' });
    await app.click(`${row(edited.id)} [data-testid="channel-open"]`);
    await app.waitFor(() => app.find('[name="general.name"]'), { what: 'the form' });
    await typeInto(app, '[name="general.name"]', 'Edited here');
    await waitSaved(app);
    await toList(app);
    await app.waitFor(async () => (await app.attr(row(edited.id), 'data-sync')) === 'modified', { what: 'the edited channel marked changed here' });

    await control(`/sources/${untouched.id}/edit`, { fields: { name: 'Renamed on the server' } });
    await control(`/sources/${edited.id}/edit`, { fields: { name: 'Also renamed on the server' } });

    await app.click('[data-testid="nav-accounts"]');
    await app.click('[data-testid="account-pull"]');
    await app.waitFor(async () => /1 updated from the server, 1 changed on both sides/.test(await app.text('[data-testid="pull-summary"]').catch(() => '')), {
      timeout: 60000,
      what: 'the second pull summary',
    });
    await toList(app);
    await app.waitFor(async () => (await app.attr(row(untouched.id), 'data-name')) === 'Renamed on the server', { what: 'the untouched channel updated' });
    assert.equal(await app.attr(row(untouched.id), 'data-sync'), 'synced');
    assert.equal(await app.attr(row(edited.id), 'data-name'), 'Edited here', 'local changes stay');
    assert.equal(await app.attr(row(edited.id), 'data-sync'), 'conflict');
    assert.equal(await app.text(`${row(edited.id)} [data-testid="sync-state"]`), 'Changed on both sides');
  });

  test('an account added through the form: its token reaches no file, log or IPC reply', async () => {
    await app.click('[data-testid="nav-accounts"]');
    await app.click('[data-testid="account-add"]');
    await app.waitFor(() => app.find('[data-testid="account-form"]'), { what: 'the account form' });
    await typeInto(app, '[data-testid="account-label"]', 'Typed by hand');
    await app.click('[data-testid="account-env-production"]');
    await app.click('[data-testid="account-mode-full"]');
    await typeInto(app, '[data-testid="account-url"]', `${server.root}/1.0`);
    await typeInto(app, '[data-testid="account-token"]', server.token);
    await typeInto(app, '[data-testid="account-token-user"]', server.email);
    // "Test" tests the values on screen, before anything is saved.
    await app.click('[data-testid="account-form-test"]');
    await app.waitFor(async () => (await app.attr('[data-testid="account-test-result"]', 'data-ok')) === 'true', {
      timeout: 30000,
      what: 'the unsaved account to pass its test',
    });
    await app.click('[data-testid="account-save"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="account-row"]')).length === 2, { what: 'the second account' });
    assert.equal(await app.text('[data-testid="account-row"][data-label="Typed by hand"] [data-testid="env-badge"]'), 'Production');

    const replies = [await invoke(app, 'list_accounts', {}), await invoke(app, 'list_channels', { query: {} })];
    for (const r of replies) assert.ok(!JSON.stringify(r).includes(server.token), 'no IPC reply carries the token');
    const leaks = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (readFileSync(p).includes(server.token)) leaks.push(p);
      }
    };
    walk(box.root);
    assert.deepEqual(leaks, [], 'the token is in no file the app wrote (database, WAL, logs, preferences)');
  });
});
