// The small things of issue 12 (item 15), each in the real window: Ctrl+S saves; focus
// on a new channel's first field, kept after a secret is stored; a date sort starts with
// the newest; Active/Inactive chips count, and chip counts follow the other filters;
// duplicating says which secrets were not copied; dark-theme check boxes are not bright
// white (read from the pixels); Postmark mode turns Postmark on; the SMTP domain shows its
// documented default; colours are normalized; a Facebook page id must be numeric; row
// dots show the channel's icon colour.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Driver, makeSandbox } from './lib/webdriver.mjs';
import { choose, field, input, invoke, storeSecret, typeInto } from './lib/form.mjs';
import { back, newChannel, rowOf, toList, waitSaved } from './lib/editor.mjs';
import { decodePng, meanBrightness } from './lib/png.mjs';

const focusedPath = (app) => app.exec(`return document.activeElement?.closest('[data-path]')?.dataset.path ?? null`);
const rowNames = (app) => app.exec(`return [...document.querySelectorAll('[data-testid="channel-row"]')].map((r) => r.dataset.name)`);
const chipCount = (app, testId) =>
  app.exec(`return document.querySelector('[data-testid="' + arguments[0] + '"] .count')?.textContent ?? null`, testId);

/** Presses Ctrl + `key` in the window. */
function ctrl(app, key) {
  return app.cmd('POST', '/actions', {
    actions: [
      {
        type: 'key',
        id: 'kb',
        actions: [
          { type: 'keyDown', value: '\uE009' },
          { type: 'keyDown', value: key },
          { type: 'keyUp', value: key },
          { type: 'keyUp', value: '\uE009' },
        ],
      },
    ],
  });
}

describe('small things', () => {
  const box = makeSandbox('small');
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

  test('a new channel opens on its first field; Ctrl+S saves', async () => {
    await newChannel(app, 'sms');
    // The first field to type in: the name (the Active switch above it is not typed into).
    await app.waitFor(async () => (await focusedPath(app)) === 'general.name', { what: 'the focus on the name' });
    await typeInto(app, input('general.name'), 'Raccourci');
    await waitSaved(app);
    await ctrl(app, 's');
    await app.find('[data-testid="saved-note"]');
  });

  test('the focus stays on a secret once it is stored', async () => {
    await newChannel(app, 'email', 'Focus secret');
    await choose(app, input('email.mode'), 'imap');
    await storeSecret(app, 'imap.password', 'not-a-real-password');
    await app.waitFor(async () => (await focusedPath(app)) === 'imap.password', { what: 'the focus kept on the password' });
  });

  test('Postmark mode turns Postmark on; the SMTP domain shows its documented default', async () => {
    await newChannel(app, 'email', 'Modes');
    await choose(app, input('email.mode'), 'imap');
    assert.equal(await app.attr(input('smtp.helo_domain'), 'placeholder'), 'localhost');
    await choose(app, input('email.mode'), 'postmark');
    await app.waitFor(() => app.exec('return document.querySelector(arguments[0])?.checked === true', input('postmark.enabled')), {
      what: 'Postmark switched on',
    });
    await waitSaved(app);
    const problems = await app.exec(`return [...document.querySelectorAll('[data-testid="field-error"]')].map((e) => e.dataset.errorPath)`);
    assert.ok(!problems.includes('postmark.enabled'), problems.join(', '));
  });

  test('a colour typed without # is normalized; the row dot shows it', async () => {
    const id = await newChannel(app, 'sms', 'Couleur');
    const colour = `${field('general.icon_colour')} input.colour-text`;
    await typeInto(app, colour, '43a047');
    // Leaving the field (Tab) normalizes it.
    const el = await app.find(colour);
    await app.cmd('POST', `/element/${el}/value`, { text: '\uE004' });
    await app.waitFor(async () => (await app.exec('return document.querySelector(arguments[0]).value', colour)) === '#43A047', {
      what: 'the colour normalized to #43A047',
    });
    await waitSaved(app);
    await back(app);
    await rowOf(app, id);
    const dot = `[data-testid="channel-row"][data-id="${id}"] [data-testid="row-colour"]`;
    assert.equal(await app.attr(dot, 'data-colour'), '#43A047');
    assert.equal(await app.exec('return getComputedStyle(document.querySelector(arguments[0])).backgroundColor', dot), 'rgb(67, 160, 71)');
  });

  test('a Facebook page id must be numeric', async () => {
    await newChannel(app, 'facebook_page', 'Page');
    const errors = () =>
      app.exec(`return [...document.querySelectorAll('[data-testid="field-error"][data-error-path="facebook.page_id"]')].map((e) => e.textContent).join(' ')`);
    await typeInto(app, input('facebook.page_id'), 'facebook.com/acme');
    await waitSaved(app);
    await app.waitFor(async () => /chiffres/.test(await errors()), { what: 'the page id refused: digits only' });
    await typeInto(app, input('facebook.page_id'), '104857361234567');
    await waitSaved(app);
    await app.waitFor(async () => (await errors()) === '', { what: 'the numeric id accepted' });
  });

  test('duplicating says which secrets were not copied', async () => {
    const id = await newChannel(app, 'email', 'Avec secret');
    await choose(app, input('email.mode'), 'imap');
    await storeSecret(app, 'imap.password', 'not-a-real-password');
    await back(app);
    await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-duplicate"]`);
    const note = await app.waitFor(() => app.exec(`return document.querySelector('[data-testid="duplicate-note"]')?.textContent`), {
      what: 'the duplicate note',
    });
    assert.match(note, /Paramètres IMAP › Mot de passe/);
    assert.match(note, /Avec secret/);
  });

  test('a date sort starts with the newest', async () => {
    for (const name of ['Ancien', 'Récent']) {
      const r = await invoke(app, 'create_channel', { kind: 'sms', name });
      assert.ok(r.ok, JSON.stringify(r));
    }
    await app.click('[data-testid="nav-settings"]');
    await app.click('[data-testid="nav-channels"]');
    await app.find('[data-testid="channel-sort"]');
    await choose(app, '[data-testid="channel-sort"]', 'updated_at');
    await app.waitFor(async () => (await rowNames(app))[0] === 'Récent', { what: 'the newest first' });
    await choose(app, '[data-testid="channel-sort"]', 'name');
  });

  test('Active/Inactive chips count, and every chip count follows the other filters', async () => {
    const made = await invoke(app, 'create_channel', { kind: 'viber', name: 'Inactif' });
    assert.ok(made.ok, JSON.stringify(made));
    const doc = made.ok.channel.doc;
    doc.general.active = false;
    const saved = await invoke(app, 'save_channel', { id: made.ok.channel.id, doc });
    assert.ok(saved.ok, JSON.stringify(saved));
    await app.click('[data-testid="nav-settings"]');
    await app.click('[data-testid="nav-channels"]');
    await app.find('[data-testid="filter-inactive"]');
    const total = await app.exec(`return document.querySelectorAll('[data-testid="channel-row"]').length`);
    await app.waitFor(async () => (await chipCount(app, 'filter-inactive')) === '1', { what: 'one inactive' });
    assert.equal(await chipCount(app, 'filter-active'), String(total - 1));
    // A kind chip narrows the status counts; the kind chips follow the status chip.
    await app.click('[data-testid="filter-kind-viber"]');
    await app.waitFor(async () => (await chipCount(app, 'filter-active')) === '0', { what: 'no active Viber channel' });
    assert.equal(await chipCount(app, 'filter-inactive'), '1');
    await app.click('[data-testid="filter-kind-viber"]');
    await app.click('[data-testid="filter-inactive"]');
    await app.waitFor(async () => (await chipCount(app, 'filter-kind-sms')) === null || (await chipCount(app, 'filter-kind-sms')) === '0', {
      what: 'the SMS chip to count inactive channels only',
    });
    assert.equal(await chipCount(app, 'filter-kind-viber'), '1');
    await app.click('[data-testid="filter-inactive"]');
  });

  test('in the dark theme an unticked box is drawn dark, not bright white', async () => {
    const box = '[data-testid="channel-row"] [data-testid="channel-select"]';
    // The window's own pixels: the box's rectangle, and the accent-coloured New button as
    // a check that the capture holds real pixels.
    const rect = (css) =>
      app.exec('const b = document.querySelector(arguments[0]).getBoundingClientRect(); return { left: b.left, top: b.top, width: b.width, height: b.height }', css);
    const measure = async (css) => {
      const shot = decodePng(await app.screenshot());
      const scale = shot.width / (await app.exec('return window.innerWidth'));
      const r = await rect(css);
      return meanBrightness(shot, { left: r.left * scale, top: r.top * scale, width: r.width * scale, height: r.height * scale });
    };
    // The light theme's native box, for comparison: the measure tells a bright box.
    await app.find(box);
    const light = await measure(box);
    console.log(`# unticked check box in the light theme: mean brightness ${light.toFixed(0)} / 255`);
    await app.click('[data-testid="nav-settings"]');
    await app.click('[data-testid="theme-dark"]');
    await app.waitFor(async () => (await app.exec('return document.documentElement.dataset.theme')) === 'dark', { what: 'dark theme' });
    await app.click('[data-testid="nav-channels"]');
    await app.find(box);
    assert.equal(await app.exec('return document.querySelector(arguments[0]).checked', box), false);
    const brightness = await measure(box);
    const button = await measure('[data-testid="new-channel"]');
    assert.ok(button > 100, `the capture has the accent button (${button.toFixed(0)})`);
    console.log(`# unticked check box in the dark theme: mean brightness ${brightness.toFixed(0)} / 255`);
    assert.ok(brightness < 110, `the unticked box is dark (${brightness.toFixed(0)}; light theme ${light.toFixed(0)})`);
    await app.click('[data-testid="nav-settings"]');
    await app.click('[data-testid="theme-light"]');
    await app.click('[data-testid="nav-channels"]');
  });
});
