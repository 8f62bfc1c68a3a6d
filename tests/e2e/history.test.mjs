// Bulk edit, revisions and export/import in the real window. The native Save/Open dialogs
// cannot be driven by WebDriver, so export/import call the same commands the toolbar
// calls once a path is chosen (through the app's own IPC, Rust included).
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Driver, makeSandbox } from './lib/webdriver.mjs';
import { choose, input, invoke, typeInto } from './lib/form.mjs';
import { back, newChannel, rowOf, toList } from './lib/editor.mjs';


const priorityOf = async (app, id) => {
  const r = await invoke(app, 'get_channel', { id });
  return r.ok.channel.doc.routing?.default_priority;
};

describe('bulk edit, revisions, export and import', { timeout: 180000 }, () => {
  const box = makeSandbox('history');
  let driver;
  let app;
  const ids = {};

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LC_ALL: '' });
    app = await App.launch(driver);
    ids.a = await newChannel(app, 'sms', 'SMS Paris');
    await back(app);
    ids.b = await newChannel(app, 'viber', 'Viber Lyon');
    await back(app);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });
  // A failed test leaves the window on the list, where the next one starts.
  afterEach(() => toList(app));

  test('set the default priority of two channels at once, preview, apply, undo', async () => {
    for (const id of [ids.a, ids.b]) await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-select"]`);
    await app.click('[data-testid="bulk-open"]');
    await choose(app, '[data-testid="bulk-setting"]', 'routing.default_priority');
    await typeInto(app, '[data-testid="bulk-value"]', '7');
    await app.click('[data-testid="bulk-preview"]');
    const rows = await app.waitFor(
      () => app.exec(`const r = [...document.querySelectorAll('[data-testid="bulk-preview-table"] tr')].map((tr) => tr.dataset.status); return r.length ? r : null;`),
      { what: 'the preview' },
    );
    assert.deepEqual(rows, ['changes', 'changes']);
    const before = await priorityOf(app, ids.a);
    await app.click('[data-testid="bulk-apply"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="bulk-applied"]')).length === 1, { what: 'applied' });
    assert.equal(await priorityOf(app, ids.a), 7);
    assert.equal(await priorityOf(app, ids.b), 7);
    await app.click('[data-testid="bulk-undo"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="bulk-undone"]')).length === 1, { what: 'undone' });
    assert.equal(await priorityOf(app, ids.a), before);
  });

  test('a revision shows what changed, labelled, and restores it', async () => {
    await app.click(`[data-testid="channel-row"][data-id="${ids.a}"] [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.attr('[data-testid="channel-editor"]', 'data-channel-id')) === ids.a);
    await app.click('[data-testid="save-channel"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="saved-note"]')).length === 1);
    await typeInto(app, input('general.name'), 'SMS Marseille');
    await app.waitFor(async () => (await app.attr('[data-testid="save-state"]', 'data-state')) === 'saved');

    await app.click('[data-testid="revisions-toggle"]');
    const revs = await app.waitFor(
      () => app.exec(`const r = [...document.querySelectorAll('[data-testid="revision"]')].map((b) => b.dataset.rev); return r.length ? r : null;`),
      { what: 'revisions' },
    );
    await app.click(`[data-testid="revision"][data-rev="${revs[0]}"]`);
    const row = await app.waitFor(
      () =>
        app.exec(
          `const tr = document.querySelector('[data-testid="rev-diff"] tr[data-path="general.name"]');
           return tr ? [...tr.children].map((c) => c.textContent.trim()) : null;`,
        ),
      { what: 'the name change in the diff' },
    );
    assert.match(row[0], /Name/);
    assert.equal(row[1], 'SMS Paris');
    assert.equal(row[2], 'SMS Marseille');
    // The setting's name is a link to it in the form.
    await app.click('[data-testid="rev-diff"] tr[data-path="general.name"] [data-testid="rev-setting"]');
    await app.waitFor(() => app.exec(`return document.activeElement?.getAttribute('name') === 'general.name'`), {
      what: 'the focus on the name field',
    });
    await app.click('[data-testid="rev-restore"]');
    await app.waitFor(async () => (await app.exec(`return document.querySelector('${input('general.name')}')?.value`)) === 'SMS Paris', {
      what: 'the restored name in the form',
    });
    await back(app);
  });

  test('export leaves secrets out; import brings the channels back as new ones', async () => {
    const file = join(box.root, 'export.json');
    const secretPath = 'viber.auth_token';
    const set = await invoke(app, 'set_secret', { id: ids.b, path: secretPath, value: 'MARKER-e2e-viber' });
    assert.deepEqual(set.ok.secretsSet, [secretPath], JSON.stringify(set));
    const exported = await invoke(app, 'export_channels', { ids: [], path: file });
    assert.equal(exported.ok.channels, 2, JSON.stringify(exported));
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes('MARKER-e2e-viber'), 'no secret in the export');
    assert.equal(JSON.parse(text).format, 'switchboard.channels');

    // Both drafts lack a community, and both names are taken here: the app imports its own
    // export all the same, and the copies come back as drafts with those problems
    // (issue 12, item 5). They go again, so that the rest of this test starts as before.
    const drafts = await invoke(app, 'import_channels', { path: file });
    assert.equal(drafts.ok.outcome, 'imported', JSON.stringify(drafts));
    const left = drafts.ok.report.channels.flatMap((c) => c.problems.map((p) => `${c.name}:${p.path}:${p.message.id}`));
    for (const expected of [
      'SMS Paris:general.community:err-required',
      'SMS Paris:general.name:val-name-duplicate',
      'Viber Lyon:general.community:err-required',
      'Viber Lyon:general.name:val-name-duplicate',
    ]) {
      assert.ok(left.includes(expected), `${expected} in ${JSON.stringify(left)}`);
    }
    for (const c of drafts.ok.report.channels) await invoke(app, 'delete_channel', { id: c.id });
    assert.equal((await invoke(app, 'list_channels', { query: { sort: 'name', descending: false, offset: 0 } })).ok.total, 2);

    // Fix both with one bulk edit, export again, and the import goes through.
    const ref = (await invoke(app, 'reference_data', {})).ok;
    const applied = await invoke(app, 'bulk_apply', { ids: [ids.a, ids.b], path: 'general.community', value: ref.communities[0].id });
    assert.equal(applied.ok.changed.length, 2, JSON.stringify(applied));
    await invoke(app, 'export_channels', { ids: [], path: file });
    // Under new names: the same names would come in as drafts whose name is taken.
    const copy = JSON.parse(readFileSync(file, 'utf8'));
    for (const c of copy.channels) c.general.name += ' (imported)';
    writeFileSync(file, JSON.stringify(copy));
    const imported = await invoke(app, 'import_channels', { path: file });
    assert.equal(imported.ok.outcome, 'imported', JSON.stringify(imported));
    const viber = imported.ok.report.channels.find((c) => c.kind === 'viber');
    assert.deepEqual(viber.secrets_to_reenter, [secretPath]);

    // The secret is nowhere at rest: database, WAL, backups, logs, exports — every file the
    // app wrote in its data folder — nor in any reply the page received.
    const leaks = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (readFileSync(p).includes('MARKER-e2e-viber')) leaks.push(p);
      }
    };
    walk(box.root);
    assert.deepEqual(leaks, []);
    const view = await invoke(app, 'get_channel', { id: ids.b });
    assert.ok(!JSON.stringify(view).includes('MARKER-e2e-viber'));
    await app.exec('location.reload()');
    await app.waitFor(async () => (await app.findAll('[data-testid="channel-row"]')).length === 4, { what: 'four channels' });
    // The imported Viber channel is marked: its token must be entered again.
    const row = await rowOf(app, viber.id);
    assert.equal(row.secretsToReenter, true, JSON.stringify(row));
    assert.equal(row.validity, 'invalid');
  });

  test('a Channel SDK token is generated here, stored, and shown only once', async () => {
    const id = await newChannel(app, 'channel_sdk', 'SDK app');
    const field = '[data-path="channel_sdk.access_token"]';
    await app.click(`${field} [data-testid="secret-generate"]`);
    const token = await app.waitFor(() => app.exec(`return document.querySelector('[data-testid="secret-token"]')?.textContent ?? null`), {
      what: 'the token shown once',
    });
    assert.match(token, /^[0-9a-f]{64}$/);
    await app.waitFor(async () => (await app.attr(`${field} [data-testid="secret-state"]`, 'data-set')) === 'true', { what: 'set' });
    // Reopening the channel shows "set", never the token again.
    await back(app);
    await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.attr(`${field} [data-testid="secret-state"]`, 'data-set')) === 'true');
    assert.ok(!(await app.exec('return document.body.innerHTML')).includes(token));
    const view = await invoke(app, 'get_channel', { id });
    assert.ok(!JSON.stringify(view).includes(token));
    await back(app);
  });
});
