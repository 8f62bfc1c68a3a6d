// Offline drafting keeps its promise, in the real window (issue 12, items 6 and 7): an
// IMAP channel can be completed without a connection test (typed folders, marked "not yet
// confirmed"), and a channel can point at the platform's real ids before any account is
// pulled, while the sample entries are translated, marked, and named by an export.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { App, Driver, makeSandbox } from './lib/webdriver.mjs';
import { choose, field, input, invoke, typeInto } from './lib/form.mjs';
import { back, newChannel, toList, waitSaved } from './lib/editor.mjs';

const problemPaths = async (app, id) => (await invoke(app, 'get_channel', { id })).ok.problems.map((p) => p.path);

describe('offline drafts: typed folders, real ids without a platform', { timeout: 180000 }, () => {
  const box = makeSandbox('offline');
  let driver;
  let app;

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr_FR:fr', LC_ALL: '' });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });
  afterEach(() => toList(app));

  test('IMAP folders and the sent folder are typed offline, marked "not yet confirmed", with the reason', async () => {
    const id = await newChannel(app, 'email', 'IMAP hors ligne');
    await choose(app, input('email.mode'), 'imap');
    await waitSaved(app);
    assert.ok((await problemPaths(app, id)).includes('imap.folders'), 'required, as before');
    // One line says why the guide says they cannot be typed.
    assert.match(await app.text(`${field('imap.folders')} [data-testid="folders-typed-note"]`), /première synchronisation/);
    await app.click(`${field('imap.folders')} [data-testid="list-add"]`);
    await typeInto(app, `${field('imap.folders')} li:last-child input`, 'INBOX');
    await app.waitFor(async () => (await app.findAll(`${field('imap.folders')} [data-testid="unconfirmed"]`)).length === 1, {
      what: 'the typed folder marked',
    });
    assert.match(await app.text(`${field('imap.folders')} [data-testid="unconfirmed"]`), /pas encore confirmé par un test de connexion/);
    await typeInto(app, input('imap.sent_folder'), 'Éléments envoyés');
    await app.waitFor(async () => (await app.findAll(`${field('imap.sent_folder')} [data-testid="unconfirmed"]`)).length === 1, {
      what: 'the typed sent folder marked',
    });
    await waitSaved(app);
    const doc = (await invoke(app, 'get_channel', { id })).ok.channel.doc;
    assert.deepEqual(doc.imap.folders, ['INBOX']);
    assert.equal(doc.imap.sent_folder, 'Éléments envoyés');
    assert.ok(!(await problemPaths(app, id)).includes('imap.folders'), 'typed folders complete the draft');
  });

  test('sample entries are translated and marked; a real id can be typed; an export names channels on sample data', async () => {
    const id = await newChannel(app, 'sms', 'SMS réel');
    const labels = await app.exec(
      `return [...document.querySelector(arguments[0]).options].map((o) => o.textContent.trim())`,
      input('general.community'),
    );
    assert.ok(labels.includes('Exemple — Service client'), labels.join(' | '));
    assert.ok(!labels.some((l) => l.startsWith('Sample')), 'no English sample entry in French');
    assert.match(await app.text(`${field('general.community')} [data-testid="sample-data"]`), /exemple|Exemple/);

    // A sample entry chosen: the field says so, and so does an export.
    await choose(app, input('general.community'), 'sample-community-1');
    await app.waitFor(async () => (await app.findAll(`${field('general.community')} [data-testid="sample-chosen"]`)).length === 1, {
      what: 'the sample warning under the picker',
    });
    await waitSaved(app);
    const file = join(box.root, 'sample.json');
    const exported = await invoke(app, 'export_channels', { ids: [id], path: file });
    assert.deepEqual(exported.ok.sampleData, ['SMS réel'], JSON.stringify(exported));

    // The real id, typed: no sample warning, and the export is clean.
    await choose(app, input('general.community'), '__typed__');
    await typeInto(app, `${field('general.community')} [data-testid="ref-typed"]`, '5f1e3c2a9b');
    await waitSaved(app);
    assert.equal((await invoke(app, 'get_channel', { id })).ok.channel.doc.general.community, '5f1e3c2a9b');
    assert.equal((await app.findAll(`${field('general.community')} [data-testid="sample-chosen"]`)).length, 0);
    assert.ok(!(await problemPaths(app, id)).includes('general.community'));
    const clean = await invoke(app, 'export_channels', { ids: [id], path: file });
    assert.deepEqual(clean.ok.sampleData, []);
    await back(app);
    // Reopened, the typed id is shown as typed, not as an unknown entry.
    await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-open"]`);
    const shown = await app.waitFor(
      () => app.exec(`const s = document.querySelector(arguments[0]); return s ? s.options[s.selectedIndex].textContent.trim() : null;`, input('general.community')),
      { what: 'the community picker' },
    );
    assert.match(shown, /5f1e3c2a9b \(saisi\)/);
  });
});
