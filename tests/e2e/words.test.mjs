// Words a person understands (issue 12, items 9 and 10), in French, in the real window:
// one short help line per setting with the guide's text behind a disclosure (the e-mail
// form's height measured both ways), no guide narrative as section intros, "— Non défini
// —", units beside inputs, the SSL verification modes in words; and the mail test naming
// settings by their labels, warning about a password not stored, giving IMAP advice
// without SMTP ports and folding the steps it could not run into one line.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Driver, makeSandbox } from './lib/webdriver.mjs';
import { choose, input, setChecked, typeInto } from './lib/form.mjs';
import { newChannel, toList } from './lib/editor.mjs';

/** The editor's height with every section open (each help closed, or each opened). */
const formHeight = (app) => app.exec('return Math.round(document.querySelector(\'[data-testid="channel-editor"]\').scrollHeight)');

describe('words in the editor', () => {
  const box = makeSandbox('words');
  let driver;
  let app;

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr_FR:fr', LC_ALL: '' });
    app = await App.launch(driver);
  });
  afterEach(() => toList(app));
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });

  test('each setting has one short help line; the guide\'s text is behind "Plus"; the e-mail form is shorter', async () => {
    await newChannel(app, 'email');
    // Hybrid shows every e-mail section.
    await choose(app, input('email.mode'), 'hybrid');
    await app.find('[data-testid="section-postmark"]');
    await app.find('[data-testid="section-imap"]');
    const short = await formHeight(app);
    const opened = await app.exec(
      `const all = [...document.querySelectorAll('[data-testid="channel-editor"] details.help-more')];
       all.forEach((d) => (d.open = true));
       return all.length;`,
    );
    const full = await formHeight(app);
    await app.exec(`document.querySelectorAll('[data-testid="channel-editor"] details.help-more').forEach((d) => (d.open = false))`);
    console.log(`# e-mail form (hybrid, every section open): ${short} px with help folded, ${full} px with the guide's ${opened} texts open`);
    assert.ok(opened > 10, `the guide's texts are behind disclosures (${opened})`);
    assert.ok(short < full * 0.8, `folded help makes the form shorter (${short} vs ${full} px)`);

    const lines = await app.exec(
      `return [...document.querySelectorAll('[data-testid="channel-editor"] .help-short')].map((e) => e.textContent.trim())`,
    );
    assert.ok(lines.length > 10);
    for (const l of lines) assert.ok(l.length <= 140, `one short line: "${l}"`);
    // The disclosure opens to the guide's whole text.
    const more = '[data-path="imap.ssl_verify_mode"] details.help-more';
    await app.click(`${more} summary`);
    await app.waitFor(() => app.exec('return document.querySelector(arguments[0]).open', more), { what: 'the disclosure open' });
    assert.match(await app.text(`${more} p`), /StartTLS/);
  });

  test('no guide narrative as intros, "— Non défini —", the SSL modes in words, units beside inputs', async () => {
    await newChannel(app, 'email');
    await choose(app, input('email.mode'), 'imap');
    await app.find('[data-testid="section-imap"]');
    const intros = await app.exec(
      `return [...document.querySelectorAll('[data-testid="channel-editor"] .section-help')].map((e) => e.textContent)`,
    );
    assert.ok(intros.length > 0);
    for (const i of intros) assert.doesNotMatch(i, /Examinons/);

    const none = await app.exec(`return document.querySelector('[data-path="general.community"] select option[value=""]')?.textContent`);
    assert.equal(none, '— Non défini —');

    const modes = await app.exec(
      `return [...document.querySelectorAll('[data-path="imap.ssl_verify_mode"] select option')].filter((o) => o.value).map((o) => o.textContent.trim())`,
    );
    assert.deepEqual(modes, [
      'Ne pas vérifier le certificat (NONE)',
      'Vérifier le certificat du serveur (PEER)',
      'Vérifier le certificat une seule fois, à la première connexion (CLIENT_ONCE)',
      'Refuser la connexion sans certificat (FAIL_IF_NO_PEER_CERT)',
    ]);

    const days = input('messages.ignore_older_than_days');
    await typeInto(app, days, '30');
    await app.waitFor(async () => (await app.text('[data-path="messages.ignore_older_than_days"] [data-testid="unit"]')) === 'jours', {
      what: 'the unit "jours" beside the input',
    });
  });

  test('the revision diff shows values as the form does (Oui / Non), not JSON', async () => {
    await newChannel(app, 'sms', 'Révisions');
    await app.clickUntil('[data-testid="save-channel"]', async () => (await app.findAll('[data-testid="saved-note"]')).length === 1);
    await setChecked(app, input('general.active'), false);
    await app.waitFor(async () => (await app.attr('[data-testid="save-state"]', 'data-state')) === 'saved', { what: 'the draft saved' });
    await app.click('[data-testid="revisions-toggle"]');
    const rev = await app.waitFor(() => app.exec(`return document.querySelector('[data-testid="revision"]')?.dataset.rev ?? null`), {
      what: 'a revision',
    });
    await app.click(`[data-testid="revision"][data-rev="${rev}"]`);
    const row = await app.waitFor(
      () =>
        app.exec(
          `const tr = document.querySelector('[data-testid="rev-diff"] tr[data-path="general.active"]');
           return tr ? [...tr.children].map((c) => c.textContent.trim()) : null;`,
        ),
      { what: 'the active switch in the diff' },
    );
    assert.deepEqual(row.slice(1), ['Oui', 'Non']);
  });

  test('the mail test warns about a password not stored, names settings by label, folds the steps it could not run', async () => {
    await newChannel(app, 'email');
    await choose(app, input('email.mode'), 'imap');
    await typeInto(app, input('imap_smtp.email'), 'support@example.com');
    await typeInto(app, input('imap.host'), '127.0.0.1');
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    await typeInto(app, input('imap.port'), '1');
    await setChecked(app, input('imap.use_ssl_tls'), false);
    await typeInto(app, input('imap.username'), 'support');

    const warning = '[data-testid="mail-test-no-password"]';
    await app.find(warning);
    const named = await app.exec(`return [...document.querySelectorAll(arguments[0] + ' button')].map((b) => [b.dataset.path, b.textContent.trim()])`, warning);
    assert.deepEqual(named.find(([p]) => p === 'imap.password'), ['imap.password', 'Paramètres IMAP › Mot de passe']);

    // Taken once the button is busy or an outcome is there (a dropped click is repeated).
    await app.clickUntil('[data-testid="mail-test-run"]', () =>
      app.exec(
        `return document.querySelector('[data-testid="mail-test-run"]')?.disabled || !!document.querySelector('[data-testid="mail-test-outcome"]')`,
      ),
    );
    await app.waitFor(async () => (await app.attr('[data-testid="mail-test-outcome"]', 'data-outcome')) === 'failed', {
      what: 'the test to fail',
      timeout: 60000,
    });
    const connect = '[data-testid="mail-test-steps"] li[data-step="imap.connect"]';
    // The explanation (the server's raw reply stays behind its own disclosure).
    const advice = await app.text(`${connect} .step-detail`);
    assert.match(advice, /993 ou 143/, 'IMAP ports');
    assert.doesNotMatch(advice, /587|465/, 'no SMTP ports in IMAP advice');
    assert.doesNotMatch(advice, /os error/i);
    const fields = await app.exec(
      `return [...document.querySelectorAll(arguments[0] + ' [data-testid="mail-test-field"]')].map((b) => b.textContent.trim())`,
      connect,
    );
    assert.ok(fields.includes('Paramètres IMAP › Port de serveur'), fields.join(', '));
    for (const f of fields) assert.doesNotMatch(f, /^imap\./);

    // The steps after the failure: one line, their names behind it.
    const folded = await app.text('[data-testid="mail-test-skipped"] summary');
    assert.match(folded, /^\d+ étapes? non exécutées?/);
    const top = await app.exec(
      `return [...document.querySelectorAll('[data-testid="mail-test-steps"] > li')].filter((li) => li.dataset.status === 'skipped').length`,
    );
    assert.equal(top, 0, 'no skipped step on a line of its own');
  });
});
