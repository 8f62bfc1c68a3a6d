// Promotion between accounts in the real window: the demo platform (the sandbox, started
// by the app) and a second emulator (production, `switchboard-emulator --port 0`, the
// same reference names under other ids). A channel of the demo account is promoted onto
// the production channel of the same server name: the dialog's mapping table matches
// the business hours by name, a row set to "none" is highlighted as unmatched and then
// corrected, the secret set on the source is listed to re-enter and not copied, and the
// result is the production account's plan: nothing reaches production's server until it
// is reviewed, approved and applied in the Sync view. Expected values come from the two
// emulators' own APIs, never from the app.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, Driver, REPO, makeSandbox } from './lib/webdriver.mjs';
import { choose, invoke, setChecked, storeSecret, typeInto } from './lib/form.mjs';
import { toList, waitSaved } from './lib/editor.mjs';

const EMULATOR = process.env.EMULATOR_BIN ?? join(REPO, 'target/debug/switchboard-emulator');
const row = (remote) => `[data-testid="channel-row"][data-remote="${remote}"]`;
const accountRow = (label) => `[data-testid="account-row"][data-label="${label}"]`;

/** Starts a second emulator; resolves with its API root, admin token and process. */
function startEmulator(seed) {
  assert.ok(existsSync(EMULATOR), `${EMULATOR} (cargo build -p switchboard-emulator --bin switchboard-emulator)`);
  const child = spawn(EMULATOR, ['--port', '0', '--sources', '20', '--seed', String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before printing its URL`)));
    child.stdout.on('data', (d) => {
      out += d;
      const lines = out.split('\n');
      const admin = lines.find((l) => l.startsWith('admin '));
      if (lines[0].startsWith('http') && admin) {
        child.removeAllListeners('exit');
        resolveStart({ url: lines[0].trim(), root: lines[0].trim().replace(/\/1\.0$/, ''), token: admin.split(' ')[1], child });
      }
    });
  });
}

/** GET on an emulator's REST API (as its administrator). */
async function get(server, path) {
  const r = await fetch(`${server.root}/1.0${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
}

async function pullIn(app, label) {
  await app.click(`${accountRow(label)} [data-testid="account-pull"]`);
  await app.waitFor(async () => (await app.attr(`${accountRow(label)} [data-testid="pull-status"]`, 'data-complete')) === 'true', {
    timeout: 60000,
    what: `the pull of ${label} to complete`,
  });
}

describe('promotion between accounts (demo sandbox → production emulator)', () => {
  const box = makeSandbox('promote');
  let driver;
  let app;
  let prod;
  /** The demo platform's root and admin token. */
  let demo;
  /** The sandbox email source, its production twin, and the two accounts' ids. */
  let source;
  let twin;
  let ids;

  before(async () => {
    prod = await startEmulator(91);
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en', LC_ALL: '' });
    app = await App.launch(driver);
  });
  afterEach(() => toList(app));
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
    prod?.child.kill('SIGTERM');
  });

  test('two accounts, pulled; production has a channel of the same name', async () => {
    await app.click('[data-testid="nav-accounts"]');
    await app.waitFor(() => app.find('[data-testid="view-accounts"]'), { what: 'the accounts view' });
    await app.click('[data-testid="account-demo"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="account-row"]')).length === 1, { what: 'the demo account' });
    const url = await app.text('[data-testid="account-row"] .account-url');
    const root = url.replace(/\/1\.0$/, '');
    const tokens = await (await fetch(`${root}/_emulator/tokens`)).json();
    const admin = (Array.isArray(tokens) ? tokens : tokens.tokens).find((t) => t.holder === 'admin' || t.holder === 'Admin');
    demo = { root, token: admin.token };
    const demoLabel = await app.attr('[data-testid="account-row"]', 'data-label');
    await pullIn(app, demoLabel);

    // Production's e-mail source takes the sandbox one's name (the match key).
    source = (await get(demo, '/content_sources?limit=150')).records.find((s) => s.type === 'email');
    twin = (await get(prod, '/content_sources?limit=150')).records.find((s) => s.type === 'email');
    const r = await fetch(`${prod.root}/_emulator/sources/${twin.id}/edit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { name: source.name } }),
    });
    assert.equal(r.status, 200);

    await app.click('[data-testid="account-add"]');
    await app.waitFor(() => app.find('[data-testid="account-form"]'), { what: 'the account form' });
    await typeInto(app, '[data-testid="account-label"]', 'Production');
    await app.click('[data-testid="account-env-production"]');
    await app.click('[data-testid="account-mode-full"]');
    await typeInto(app, '[data-testid="account-url"]', prod.url);
    await typeInto(app, '[data-testid="account-token"]', prod.token);
    await app.click('[data-testid="account-save"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="account-row"]')).length === 2, { what: 'the production account' });
    await pullIn(app, 'Production');
    ids = {
      demo: await app.attr(accountRow(demoLabel), 'data-account'),
      prod: await app.attr(accountRow('Production'), 'data-account'),
    };
    await toList(app);
    await app.waitFor(() => app.find(row(twin.id)), { what: 'the production twin in the list' });
  });

  test('the mapping is proposed by name, corrected, and the result is the production plan', async () => {
    assert.ok(source && twin && ids, 'the accounts test ran');
    const sandboxSheets = (await get(demo, '/time_sheets?limit=150')).records;
    const prodSheets = (await get(prod, '/time_sheets?limit=150')).records;
    const london = sandboxSheets.find((t) => t.label === 'London office');
    const prodLondon = prodSheets.find((t) => t.label === 'London office');
    const prodAllDay = prodSheets.find((t) => t.label === '24/7');
    assert.notEqual(london.id, prodLondon.id, 'the two platforms have different ids');

    // The sandbox channel: business hours chosen, a password stored.
    await app.click(`${row(source.id)} [data-testid="channel-open"]`);
    await app.waitFor(() => app.find('select[name="general.business_hours"]'), { what: 'the form' });
    await choose(app, 'select[name="general.business_hours"]', london.id);
    await waitSaved(app);
    await storeSecret(app, 'imap.password', 'Sandbox-imap-pw-41');
    await toList(app);

    const sourceChannel = await app.attr(row(source.id), 'data-id');
    const target = await app.attr(row(twin.id), 'data-id');
    await setChecked(app, `${row(source.id)} [data-testid="channel-select"]`, true);
    await app.click('[data-testid="promote-open"]');
    await app.waitFor(() => app.find('[data-testid="promote-dialog"]'), { what: 'the promotion dialog' });
    await choose(app, '[data-testid="promote-from"]', ids.demo);
    await choose(app, '[data-testid="promote-to"]', ids.prod);
    await app.click('[data-testid="promote-propose"]');
    await app.waitFor(() => app.find('[data-testid="promote-mapping"]'), { what: 'the mapping table' });

    // The channel goes onto production's channel of the same server name.
    const targetChoice = await app.exec(`return document.querySelector('[data-testid="promote-channels"] tr[data-id="${sourceChannel}"] [data-testid="promote-target"]').value`);
    assert.equal(targetChoice, target);
    assert.ok(await app.find(`[data-testid="promote-channels"] tr[data-id="${sourceChannel}"] [data-testid="promote-secrets"] li[data-path="imap.password"]`), 'the secret is listed to re-enter');

    // Business hours: London office → production's London office, by name.
    const sheetRow = `[data-testid="promote-mapping"] tr[data-kind="time_sheets"][data-from="${london.id}"]`;
    const selected = () => app.exec(`return document.querySelector('${sheetRow} select').value`);
    assert.equal(await selected(), prodLondon.id);
    assert.equal(await app.attr(sheetRow, 'data-unmatched'), 'false');
    const unmatched = async () => Number(await app.attr('[data-testid="promote-unmatched"]', 'data-count'));
    const before = await unmatched();
    const highlighted = (await app.findAll('[data-testid="promote-mapping"] tr[data-unmatched="true"]')).length;
    assert.equal(before, highlighted, 'every unmatched row is highlighted');
    // Set to none: highlighted and counted; then corrected to another entry.
    await choose(app, `${sheetRow} select`, '');
    await app.waitFor(async () => (await app.attr(sheetRow, 'data-unmatched')) === 'true', { what: 'the row highlighted as unmatched' });
    assert.equal(await unmatched(), before + 1);
    await choose(app, `${sheetRow} select`, prodAllDay.id);
    await app.waitFor(async () => (await app.attr(sheetRow, 'data-unmatched')) === 'false', { what: 'the corrected row' });

    await app.click('[data-testid="promote-confirm"]');
    const outcome = `[data-testid="promote-outcome"][data-id="${target}"]`;
    await app.waitFor(() => app.find(outcome), { timeout: 20000, what: 'the promotion outcome' });
    assert.equal(await app.attr(outcome, 'data-created'), 'false', 'copied into the production channel');
    await app.waitFor(() => app.find('[data-testid="promote-plan"]'), { timeout: 60000, what: "production's plan" });
    assert.ok(Number(await app.attr('[data-testid="promote-plan"]', 'data-channels')) >= 1);
    assert.ok(Number(await app.attr(outcome, 'data-planned')) >= 1, 'the plan sends the promoted settings');

    // The production draft holds the corrected mapping and no secret; its server copy is
    // untouched (a plan is only a plan).
    const view = await invoke(app, 'get_channel', { id: target });
    assert.ok(view.ok, JSON.stringify(view.err));
    assert.equal(view.ok.channel.doc.general.business_hours, prodAllDay.id);
    assert.deepEqual(view.ok.secretsSet, [], 'secrets are never copied');
    const server = await get(prod, `/content_sources/${twin.id}`);
    assert.deepEqual(server.time_sheet_ids ?? [], twin.time_sheet_ids ?? [], 'nothing was sent to production');
    assert.ok(!JSON.stringify(view).includes('Sandbox-imap-pw-41'));

    // Reviewed and applied like any other plan: production then holds the promoted values.
    await app.click('[data-testid="promote-review"]');
    const card = `[data-testid="plan-channel"][data-channel="${target}"]`;
    await app.waitFor(() => app.find(card), { timeout: 20000, what: 'the promoted channel in the review' });
    await app.click('[data-testid="plan-approve"]');
    await app.waitFor(() => app.find('[data-testid="plan-approved"]'), { what: 'the plan approved' });
    await app.click('[data-testid="plan-apply"]');
    await app.waitFor(async () => (await app.attr(`[data-testid="outcome"][data-channel="${target}"]`, 'data-step').catch(() => null)) === 'applied', {
      timeout: 60000,
      what: 'the promoted channel applied',
    });
    const after = await get(prod, `/content_sources/${twin.id}`);
    assert.deepEqual(after.time_sheet_ids, [prodAllDay.id]);
    assert.equal((await fetch(`${prod.root}/_emulator/sources/${twin.id}`).then((r) => r.json()))._secrets_set?.imap_password ?? 0, 0, 'no secret reached production');
  });
});
