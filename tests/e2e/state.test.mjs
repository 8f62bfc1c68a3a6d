// One truth about a channel's state, in the real window (issue 12, items 1–5 and 8): the
// list says what the editor says, also after a restart; bulk edit checks the value as the
// form does; a typed secret is never dropped; the app imports its own export, unfinished
// drafts included; an Engage Messaging draft shows every section.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { App, Driver, makeSandbox } from './lib/webdriver.mjs';
import { choose, field, input, invoke, storeSecret, typeInto } from './lib/form.mjs';
import { back, newChannel, rowOf, toList, waitSaved } from './lib/editor.mjs';

/** The editor's problem count (waits for the editor of `id` and its autosave). */
async function editorCount(app, id) {
  await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-open"]`);
  await app.waitFor(async () => (await app.attr('[data-testid="channel-editor"]', 'data-channel-id')) === id, { what: `the editor of ${id}` });
  await waitSaved(app);
  const count = Number(await app.attr('[data-testid="problem-summary"]', 'data-count'));
  await back(app);
  return count;
}

/** The list's rows again (the list reloads when it is shown). */
async function reloadList(app) {
  await app.click('[data-testid="nav-settings"]');
  await app.click('[data-testid="nav-channels"]');
  await app.waitFor(async () => (await app.findAll('[data-testid="view-channels"]')).length === 1, { what: 'the list' });
}

/** A Viber channel named `name` that is complete: community chosen, token stored. */
async function completeViber(app, name) {
  const id = await newChannel(app, 'viber', name);
  await choose(app, input('general.community'));
  await storeSecret(app, 'viber.auth_token', `token-of-${name}`);
  await app.waitFor(async () => (await app.attr('[data-testid="problem-summary"]', 'data-count')) === '0', {
    what: `${name} without problems`,
  });
  await back(app);
  return id;
}

describe('one truth about a channel, offline drafts that round-trip', { timeout: 300000 }, () => {
  const box = makeSandbox('state');
  let driver;
  let app;

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en', LC_ALL: '' });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });
  afterEach(() => toList(app));

  test('a taken name and a missing secret: the list says what the editor says, also after a restart', async () => {
    const first = await completeViber(app, 'Support');
    assert.equal((await rowOf(app, first)).validity, 'valid');
    // A second channel takes the name: both are invalid now, in the list as in the editor.
    const second = await newChannel(app, 'sms', 'support');
    await back(app);
    await app.waitFor(async () => (await rowOf(app, first)).validity === 'invalid', { what: 'the first "Support" invalid in the list' });
    assert.equal(await editorCount(app, first), 1, 'the editor counts the taken name');

    // An imported copy of the complete channel: a taken name, and its token to enter again.
    const file = join(box.root, 'support.json');
    assert.equal((await invoke(app, 'export_channels', { ids: [first], path: file })).ok.channels, 1);
    const imported = await invoke(app, 'import_channels', { path: file });
    assert.equal(imported.ok.outcome, 'imported', JSON.stringify(imported));
    const copy = imported.ok.report.channels[0].id;
    await reloadList(app);
    assert.equal((await rowOf(app, copy)).validity, 'invalid', 'the copy is not "✓ valid" in the list');
    assert.equal(await editorCount(app, copy), 2, 'taken name and token, in the editor');

    // After a restart, the list still agrees with every editor.
    await app.quit();
    app = await App.launch(driver);
    for (const id of [first, second, copy]) {
      const row = await rowOf(app, id);
      const count = await editorCount(app, id);
      assert.equal(row.validity === 'valid', count === 0, `${row.name}: list ${row.validity}, editor ${count} problems`);
    }

    // Renaming the second frees the name: the first is valid again without being touched.
    await app.click(`[data-testid="channel-row"][data-id="${second}"] [data-testid="channel-open"]`);
    await typeInto(app, input('general.name'), 'SMS support');
    await waitSaved(app);
    await back(app);
    await invoke(app, 'delete_channel', { id: copy });
    await reloadList(app);
    await app.waitFor(async () => (await rowOf(app, first)).validity === 'valid', { what: 'the first "Support" valid again' });
  });

  test('draft, saved, incomplete: one model in the header and the list, with "Discard changes"', async () => {
    // A new channel left untouched is not kept.
    await app.click('[data-testid="new-channel"]');
    await app.click('[data-testid="new-sms"]');
    const untouched = await app.waitFor(() => app.attr('[data-testid="channel-editor"]', 'data-channel-id'), { what: 'a new channel' });
    assert.match(await app.text('[data-testid="save-state"]'), /not kept/);
    assert.equal((await app.findAll('[data-testid="discard-changes"]')).length, 0, 'nothing to discard yet');
    await back(app);
    assert.equal((await app.findAll(`[data-testid="channel-row"][data-id="${untouched}"]`)).length, 0, 'no invalid row left behind');
    assert.equal((await invoke(app, 'get_channel', { id: untouched })).err?.code, 'not_found');
    // Nor when left through the sidebar.
    await app.click('[data-testid="new-channel"]');
    await app.click('[data-testid="new-sms"]');
    const viaSidebar = await app.waitFor(() => app.attr('[data-testid="channel-editor"]', 'data-channel-id'), { what: 'a second new channel' });
    assert.notEqual(viaSidebar, untouched);
    await app.click('[data-testid="nav-accounts"]');
    await app.waitFor(async () => (await invoke(app, 'get_channel', { id: viaSidebar })).err?.code === 'not_found', {
      what: 'the untouched channel left through the sidebar to be gone',
    });
    await app.click('[data-testid="nav-channels"]');
    await app.find('[data-testid="channel-list"], [data-testid="channels-empty"]');
    assert.equal((await app.findAll(`[data-testid="channel-row"][data-id="${viaSidebar}"]`)).length, 0, 'no row left behind');

    // Typed: an autosaved draft, not saved yet, and incomplete.
    const id = await newChannel(app, 'sms', 'Draft SMS');
    assert.equal(await app.attr('[data-testid="save-state"]', 'data-unsaved'), 'true');
    assert.match(await app.text('[data-testid="save-state"]'), /Draft, not saved/);
    // The problem count takes you to each problem in turn.
    const problems = (await invoke(app, 'get_channel', { id })).ok.problems.map((p) => p.path);
    assert.ok(problems.length >= 2, JSON.stringify(problems));
    assert.match(await app.text('[data-testid="problem-summary"]'), new RegExp(`Incomplete: ${problems.length} problems`));
    for (const expected of problems.slice(0, 2)) {
      await app.click('[data-testid="problem-summary"]');
      const at = await app.waitFor(() => app.exec(`return document.activeElement?.closest('[data-path]')?.dataset.path ?? null`), {
        what: `the focus on ${expected}`,
      });
      assert.equal(at, expected);
    }
    // Saved, and still incomplete: no check mark beside the problems.
    await app.click('[data-testid="save-channel"]');
    const note = await app.waitFor(() => app.text('[data-testid="saved-note"]').catch(() => null), { what: '"Saved"' });
    assert.match(note, /Saved, incomplete/);
    assert.ok(!note.includes('✓'), note);
    assert.equal(await app.attr('[data-testid="save-state"]', 'data-unsaved'), 'false');

    // An unsaved rename: the list keeps the saved name and shows the draft's beside it.
    await typeInto(app, input('general.name'), 'Renamed SMS');
    await waitSaved(app);
    assert.equal(await app.attr('[data-testid="save-state"]', 'data-unsaved'), 'true');
    await back(app);
    const row = () =>
      app.exec(
        `const r = document.querySelector('[data-testid="channel-row"][data-id="' + arguments[0] + '"]');
         return r ? { unsaved: r.dataset.unsaved, shown: r.querySelector('.row-name').textContent.trim(),
                      draft: r.querySelector('[data-testid="row-draft"]')?.textContent.trim() ?? null } : null;`,
        id,
      );
    const renamed = await app.waitFor(async () => {
      const r = await row();
      return r?.unsaved === 'true' ? r : null;
    }, { what: 'the row with its draft' });
    assert.deepEqual(renamed, { unsaved: 'true', shown: 'Draft SMS', draft: 'Unsaved draft: “Renamed SMS”' });

    // Discard changes: back to the saved revision, in the editor and the list.
    await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-open"]`);
    await app.click('[data-testid="discard-changes"]');
    await app.waitFor(async () => (await app.exec(`return document.querySelector(arguments[0])?.value`, input('general.name'))) === 'Draft SMS', {
      what: 'the saved name back in the form',
    });
    assert.equal(await app.attr('[data-testid="save-state"]', 'data-unsaved'), 'false');
    await back(app);
    const discarded = await app.waitFor(async () => {
      const r = await row();
      return r?.unsaved === 'false' ? r : null;
    }, { what: 'the row without its draft' });
    assert.deepEqual(discarded, { unsaved: 'false', shown: 'Draft SMS', draft: null });

    // The same from the list: a row with an unsaved draft offers "Discard changes".
    await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-open"]`);
    await typeInto(app, input('general.name'), 'Renamed again');
    await waitSaved(app);
    await back(app);
    await app.waitFor(async () => (await row())?.unsaved === 'true', { what: 'the row with its new draft' });
    await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="row-discard"]`);
    const fromList = await app.waitFor(async () => {
      const r = await row();
      return r?.unsaved === 'false' ? r : null;
    }, { what: 'the row discarded from the list' });
    assert.deepEqual(fromList, { unsaved: 'false', shown: 'Draft SMS', draft: null });
    assert.equal((await invoke(app, 'get_channel', { id })).ok.channel.doc.general.name, 'Draft SMS');
    assert.equal((await app.findAll(`[data-testid="channel-row"][data-id="${id}"] [data-testid="row-discard"]`)).length, 0, 'nothing left to discard');
  });

  test('bulk edit checks the value as the form does: "-1h" is shown per channel and not applied', async () => {
    const a = await completeViber(app, 'Bulk A');
    const b = await completeViber(app, 'Bulk B');
    for (const id of [a, b]) await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-select"]`);
    await app.click('[data-testid="bulk-open"]');
    await choose(app, '[data-testid="bulk-setting"]', 'routing.sla');
    await typeInto(app, '[data-testid="bulk-value"]', '-1h');
    await app.click('[data-testid="bulk-preview"]');
    const rows = await app.waitFor(
      () =>
        app.exec(`const r = [...document.querySelectorAll('[data-testid="bulk-preview-table"] tr')]
          .map((tr) => ({ id: tr.dataset.id, problems: Number(tr.dataset.problems),
                          paths: [...tr.querySelectorAll('[data-testid="bulk-problem"]')].map((p) => p.dataset.path) }));
          return r.length ? r : null;`),
      { what: 'the preview' },
    );
    assert.equal(rows.length, 2);
    for (const r of rows) assert.deepEqual(r.paths, ['routing.sla'], JSON.stringify(rows));
    assert.equal(await app.attr('[data-testid="bulk-apply"]', 'disabled'), 'true', 'Apply refuses it');
    assert.equal((await app.findAll('[data-testid="bulk-fix-value"]')).length, 1);
    // The command refuses it too, whoever calls it.
    const refused = await invoke(app, 'bulk_apply', { ids: [a, b], path: 'routing.sla', value: '-1h' });
    assert.equal(refused.err?.code, 'invalid_input', JSON.stringify(refused));
    assert.equal(refused.err.fields[0].path, 'routing.sla');
    await toList(app);
    for (const id of [a, b]) assert.equal((await rowOf(app, id)).validity, 'valid', 'still valid');

    // A good value goes through (the panel is still open, with the same selection).
    await typeInto(app, '[data-testid="bulk-value"]', '2h');
    await app.click('[data-testid="bulk-preview"]');
    await app.waitFor(async () => (await app.attr('[data-testid="bulk-apply"]', 'disabled')) === null, { what: 'Apply enabled for "2h"' });
    await app.click('[data-testid="bulk-apply"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="bulk-applied"]')).length === 1, { what: 'applied' });
    const got = await invoke(app, 'get_channel', { id: a });
    assert.equal(got.ok.channel.doc.routing.sla, '2h');
  });

  test('a typed secret is stored by the main Save, not dropped', async () => {
    const id = await newChannel(app, 'viber', 'Typed token');
    await app.click(`${field('viber.auth_token')} [data-testid="secret-replace"]`);
    await typeInto(app, input('viber.auth_token'), 'typed-not-stored');
    // The main Save, not the field's own "Store" button.
    await app.click('[data-testid="save-channel"]');
    await app.waitFor(async () => (await app.attr(`${field('viber.auth_token')} [data-testid="secret-state"]`, 'data-set')) === 'true', {
      what: 'the typed token stored by Save',
    });
    const view = await invoke(app, 'get_channel', { id });
    assert.deepEqual(view.ok.secretsSet, ['viber.auth_token']);
    // Typed and left by "Back": stored too.
    await app.click(`${field('viber.auth_token')} [data-testid="secret-clear"]`);
    await app.waitFor(async () => (await app.attr(`${field('viber.auth_token')} [data-testid="secret-state"]`, 'data-set')) === 'false', {
      what: 'the token cleared',
    });
    await app.click(`${field('viber.auth_token')} [data-testid="secret-replace"]`);
    await typeInto(app, input('viber.auth_token'), 'typed-then-left');
    await back(app);
    assert.deepEqual((await invoke(app, 'get_channel', { id })).ok.secretsSet, ['viber.auth_token']);
  });

  test('the app imports its own export: an unfinished draft comes back as a draft with its problems', async () => {
    const id = await newChannel(app, 'email', 'Unfinished mail');
    await typeInto(app, input('imap.port'), '70000');
    await waitSaved(app);
    await back(app);
    const before = (await invoke(app, 'get_channel', { id })).ok.problems;
    assert.ok(before.length > 1, JSON.stringify(before));
    const file = join(box.root, 'drafts.json');
    await invoke(app, 'export_channels', { ids: [id], path: file });
    await invoke(app, 'delete_channel', { id });
    const imported = await invoke(app, 'import_channels', { path: file });
    assert.equal(imported.ok.outcome, 'imported', `the app refused its own export: ${JSON.stringify(imported)}`);
    const c = imported.ok.report.channels[0];
    assert.equal(c.name, 'Unfinished mail');
    assert.deepEqual(c.problems.map((p) => p.path).sort(), before.map((p) => p.path).sort());
    await reloadList(app);
    assert.equal((await rowOf(app, c.id)).validity, 'invalid');
    assert.equal(await editorCount(app, c.id), before.length);
    // A broken file is still refused whole, each problem naming its channel.
    const broken = join(box.root, 'broken.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(broken, JSON.stringify({ format: 'switchboard.channels', version: 1, channels: [{ kind: 'fax', general: { name: 'Old fax' } }] }));
    const refused = await invoke(app, 'import_channels', { path: broken });
    assert.equal(refused.ok.outcome, 'rejected');
    assert.equal(refused.ok.problems[0].name, 'Old fax');
  });

  test('Engage Messaging: an offline draft shows every section at once, nothing kept in the webview', async () => {
    await newChannel(app, 'engage_messaging', 'Chat offline');
    for (const s of ['customization', 'em_advanced', 'integrations', 'multi_domain', 'greetings']) {
      const n = (await app.findAll(`[data-testid="section-${s}"]`)).length;
      assert.equal(n, 1, `section ${s} before any save`);
    }
    assert.equal((await app.findAll('[data-testid="two-step-note"]')).length, 0);
    await app.click('[data-testid="save-channel"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="saved-note"]')).length === 1, { what: '"Saved"' });
    assert.equal(await app.exec(`return Object.keys(localStorage).filter((k) => k.includes('savedOnce')).length`), 0);
  });
});
