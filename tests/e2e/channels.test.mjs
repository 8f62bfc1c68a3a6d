// The channel list and editor in the real window: an IMAP/SMTP e-mail channel with an
// inline error that comes and goes as you type, values kept across a restart, one valid
// channel of each of the 16 kinds filled through the form, and smart closing only on its
// kinds. Each describe block has its own throwaway data directory.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, ARTIFACTS, Driver, makeSandbox, windowScreenshot } from './lib/webdriver.mjs';
import { choose, field, input, storeSecret, typeInto } from './lib/form.mjs';
import { back, newChannel, rowOf, saveState, toList, waitSaved } from './lib/editor.mjs';

/** One key press on whatever has the focus. */
async function press(app, key) {
  await app.cmd('POST', '/actions', {
    actions: [{ type: 'key', id: 'kb', actions: [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }] }],
  });
}

async function errorsOf(app, path) {
  return app.exec(
    `const f = document.querySelector(arguments[0]);
     return f ? [...f.querySelectorAll('[data-testid="field-error"]')].map((e) => e.textContent.trim()) : null;`,
    field(path),
  );
}

async function shot(app, name) {
  const file = join(ARTIFACTS, name);
  await windowScreenshot(app, file);
  console.log(`# screenshot: ${file}`);
}

async function setTheme(app, theme) {
  await app.click('[data-testid="nav-settings"]');
  await app.click(`[data-testid="theme-${theme}"]`);
  await app.waitFor(async () => (await app.exec('return document.documentElement.dataset.theme')) === theme);
  await app.click('[data-testid="nav-channels"]');
}

describe('an IMAP/SMTP e-mail channel', () => {
  const box = makeSandbox('channels-email');
  let driver;
  let app;
  let id;

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en', LC_ALL: '' });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });
  // A failed test leaves the window on the list, where the next one starts.
  afterEach(() => toList(app));

  /** The e-mail channel open in its editor, with its basic settings: made by whichever
   *  test needs it first, so that no test relies on an earlier one having passed. */
  async function openEmail() {
    await toList(app);
    if (id && (await app.findAll(`[data-testid="channel-row"][data-id="${id}"]`)).length === 1) {
      await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-open"]`);
      await app.waitFor(async () => (await app.attr('[data-testid="channel-editor"]', 'data-channel-id')) === id, {
        what: 'the e-mail channel in the editor',
      });
      return;
    }
    id = await newChannel(app, 'email');
    await choose(app, input('email.mode'), 'imap');
    await typeInto(app, input('general.name'), 'Support FR');
    await typeInto(app, input('imap_smtp.email'), 'support@example.com');
    await typeInto(app, input('imap.host'), 'imap.example.com');
    await typeInto(app, input('imap.username'), 'support');
    await typeInto(app, input('smtp.host'), 'smtp.example.com');
    await typeInto(app, input('smtp.username'), 'support');
    await typeInto(app, input('imap.port'), '993');
    await waitSaved(app);
  }

  test('an empty list says so, and "New channel" offers the 16 kinds', async () => {
    await app.waitFor(async () => (await app.findAll('[data-testid="channels-empty"]')).length === 1, { what: 'empty state' });
    await app.click('[data-testid="new-channel"]');
    const kinds = await app.exec(
      `return [...document.querySelectorAll('[data-testid="new-channel-menu"] [role="menuitem"]')].map((b) => b.textContent.trim())`,
    );
    assert.equal(kinds.length, 16);
    assert.ok(kinds.includes('E-mail') && kinds.includes('Viber'), kinds.join(', '));
    // Escape closes the menu and gives the focus back to its button.
    await press(app, '\uE00C');
    await app.waitFor(async () => (await app.findAll('[data-testid="new-channel-menu"]')).length === 0, { what: 'menu closed' });
    assert.equal(await app.exec(`return document.activeElement?.dataset.testid`), 'new-channel');
    // The keyboard alone: ArrowDown opens it on the first kind, arrows move, End goes last.
    const focused = () => app.exec(`return document.activeElement?.dataset.testid`);
    await press(app, '\uE015');
    await app.waitFor(async () => (await focused()) === 'new-email', { what: 'focus on the first kind' });
    await press(app, '\uE015');
    assert.equal(await focused(), 'new-facebook_page');
    await press(app, '\uE010');
    assert.equal(await focused(), 'new-viber');
    await press(app, '\uE00C');
    assert.equal(await focused(), 'new-channel');
  });

  test('port 70000 shows an inline error while typing; fixing it removes the error', async () => {
    await openEmail();
    const started = Date.now();
    await typeInto(app, input('imap.port'), '70000');
    const errors = await app.waitFor(async () => {
      const e = await errorsOf(app, 'imap.port');
      return e?.length ? e : null;
    }, { what: 'an inline error on imap.port' });
    console.log(`# inline error shown ${Date.now() - started} ms after typing`);
    assert.match(errors[0], /65,?535/, errors[0]);
    // The error describes the input, for screen readers.
    assert.match(await app.attr(input('imap.port'), 'aria-describedby'), /f-imap-port-error/);
    await waitSaved(app);

    await typeInto(app, input('imap.port'), '993');
    await app.waitFor(async () => (await errorsOf(app, 'imap.port'))?.length === 0, { what: 'the port error to go away' });
    await waitSaved(app);
    // The label is tied to the input.
    const labelFor = await app.exec(`return document.querySelector('${field('imap.port')} label')?.htmlFor`);
    assert.equal(labelFor, await app.attr(input('imap.port'), 'id'));
  });

  test('secrets show set / not set and are set explicitly', async () => {
    await openEmail();
    assert.equal(await app.attr(`${field('imap.password')} [data-testid="secret-state"]`, 'data-set'), 'false');
    await storeSecret(app, 'imap.password', 'hunter2-secret');
    // The value never comes back to the page.
    const html = await app.exec('return document.body.innerHTML');
    assert.ok(!html.includes('hunter2-secret'));
  });

  test('a signature: add a record, insert a variable at the caret, remove the record', async () => {
    await openEmail();
    await app.clickUntil('[data-testid="section-signatures"] [data-testid="records-add"]', async () => (await app.findAll(input('signatures.0.body'))).length === 1, {
      what: 'a signature record',
    });
    await typeInto(app, input('signatures.0.body'), 'Regards, ');
    await choose(app, `${field('signatures.0.body')} [data-testid="variables-picker"]`, '{{agent.firstname}}');
    await app.waitFor(
      async () => (await app.exec(`return document.querySelector('${input('signatures.0.body')}').value`)) === 'Regards, {{agent.firstname}}',
      { what: 'the variable inserted' },
    );
    // A second record, moved up: the first body is now the second record's.
    await app.clickUntil('[data-testid="section-signatures"] [data-testid="records-add"]', async () => (await app.findAll(input('signatures.1.body'))).length === 1, {
      what: 'a second signature record',
    });
    await app.click(`[data-record="signatures.1"] button[aria-label="Move item 2 up"]`);
    await app.waitFor(
      async () => (await app.exec(`return document.querySelector('${input('signatures.1.body')}').value`)) === 'Regards, {{agent.firstname}}',
      { what: 'the record moved down' },
    );
    await app.click(`[data-record="signatures.0"] button[aria-label="Remove item 1"]`);
    await app.waitFor(async () => (await app.findAll(input('signatures.1.body'))).length === 0, { what: 'one record left' });
    assert.equal(await app.exec(`return document.querySelector('${input('signatures.0.body')}').value`), 'Regards, {{agent.firstname}}');
    await waitSaved(app);
  });

  test('Save makes a revision and says so', async () => {
    await openEmail();
    await app.click('[data-testid="save-channel"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="saved-note"]')).length === 1, { what: '"Saved"' });
    assert.equal(await saveState(app), 'saved');
    await shot(app, 'editor-email-light.png');
  });

  test('values are kept across a restart', async () => {
    await openEmail();
    // What this test checks after the restart, made here if an earlier test did not.
    if ((await app.attr(`${field('imap.password')} [data-testid="secret-state"]`, 'data-set')) !== 'true') {
      await storeSecret(app, 'imap.password', 'hunter2-secret');
    }
    if ((await app.findAll(input('signatures.0.body'))).length === 0) {
      await app.clickUntil('[data-testid="section-signatures"] [data-testid="records-add"]', async () => (await app.findAll(input('signatures.0.body'))).length === 1);
      await typeInto(app, input('signatures.0.body'), 'Regards, {{agent.firstname}}');
    }
    await waitSaved(app);
    await app.quit();
    app = await App.launch(driver);
    const row = await rowOf(app, id);
    assert.equal(row.name, 'Support FR');
    assert.equal(row.kind, 'email');
    await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.attr('[data-testid="channel-editor"]', 'data-channel-id')) === id);
    assert.equal(await app.exec(`return document.querySelector('${input('imap.port')}').value`), '993');
    assert.equal(await app.exec(`return document.querySelector('${input('imap.host')}').value`), 'imap.example.com');
    assert.equal(await app.exec(`return document.querySelector('${input('email.mode')}').value`), 'imap');
    assert.equal(await app.attr(`${field('imap.password')} [data-testid="secret-state"]`, 'data-set'), 'true');
    assert.deepEqual(await errorsOf(app, 'imap.port'), []);
    assert.equal(await app.exec(`return document.querySelector('${input('signatures.0.body')}').value`), 'Regards, {{agent.firstname}}');
  });

  test('the list marks a channel with errors; duplicate and delete with undo', async () => {
    await openEmail();
    await back(app);
    // Closing the editor gives the focus back to the channel's row.
    await app.waitFor(async () => (await app.exec(`return document.activeElement?.closest('[data-testid="channel-row"]')?.dataset.id`)) === id, {
      what: 'focus back on the row',
    });
    // No folders chosen yet (they come from a connection test): the channel has errors.
    assert.equal((await rowOf(app, id)).validity, 'invalid');
    await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-duplicate"]`);
    await app.waitFor(async () => (await app.findAll('[data-testid="channel-row"]')).length === 2, { what: 'the copy' });
    const names = await app.exec(`return [...document.querySelectorAll('[data-testid="channel-row"]')].map((r) => r.dataset.name)`);
    assert.ok(names.includes('Copy of Support FR'), names.join(', '));

    await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-delete"]`);
    await app.waitFor(async () => (await app.findAll(`[data-testid="channel-row"][data-id="${id}"]`)).length === 0, { what: 'deletion' });
    // The focus moves to Undo: Enter brings the channel back.
    await app.waitFor(async () => (await app.exec(`return document.activeElement?.dataset.testid`)) === 'undo-delete', { what: 'focus on Undo' });
    await press(app, '\uE007');
    await rowOf(app, id);

    await shot(app, 'channel-list-light.png');
    await typeInto(app, '[data-testid="channel-search"]', 'copy');
    await app.waitFor(async () => (await app.findAll('[data-testid="channel-row"]')).length === 1, { what: 'search by name' });
    await typeInto(app, '[data-testid="channel-search"]', 'zzz');
    await app.waitFor(async () => (await app.findAll('[data-testid="channels-no-match"]')).length === 1, { what: 'no match' });
  });
});

// Values typed for each field type when filling a kind's required fields.
const SAMPLE = {
  text: 'Sample text',
  code: '.a { color: red; }',
  email: 'support@example.com',
  domain: 'example.com',
  host: 'mail.example.com',
  url: 'https://example.com/endpoint',
  hex_colour: '#1E88E5',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  phone: '612345678',
  country_code: '33',
  duration: '1h',
  twitter_user: '@sample',
  numeric_id: '104857361234567',
  int: '1',
  decimal: '0',
};

const KINDS = [
  'email',
  'facebook_page',
  'facebook_messenger',
  'twitter',
  'twitter_search',
  'instagram',
  'whatsapp',
  'engage_messaging',
  'channel_sdk',
  'sms',
  'apple_business_chat',
  'youtube',
  'google_business_messages',
  'google_my_business',
  'tapatalk',
  'viber',
];
const SMART_CLOSING = new Set(['facebook_messenger', 'apple_business_chat', 'engage_messaging']);

/** Fills, through the form, every field that shows a problem, until none is left. */
async function fillUntilValid(app, kind) {
  if (kind === 'email') await choose(app, input('email.mode'), 'postmark');
  for (let round = 0; round < 8; round++) {
    await waitSaved(app);
    const todo = await app.exec(
      `return [...document.querySelectorAll('[data-testid="channel-editor"] [data-path]')]
        .filter((f) => [...f.querySelectorAll(':scope > [id$="-error"] > [data-testid="field-error"], :scope > div > [data-testid="field-error"]')].length > 0 || f.classList.contains('invalid'))
        .map((f) => ({ path: f.dataset.path, type: f.dataset.type }))`,
    );
    if (todo.length === 0 && (await app.attr('[data-testid="problem-summary"]', 'data-count')) === '0') return;
    for (const { path, type } of todo) {
      if (type === 'bool') await app.click(input(path));
      else if (type === 'enum') await choose(app, input(path));
      else if (type === 'reference') {
        const multiple = (await app.findAll(`${field(path)} input[type="checkbox"]`)).length > 0;
        if (multiple) await app.click(`${field(path)} input[type="checkbox"]`);
        else await choose(app, input(path));
      } else if (type === 'records') await app.click(`${field(path)} [data-testid="records-add"]`);
      else if (type === 'list') {
        await app.click(`${field(path)} [data-testid="list-add"]`);
        await typeInto(app, `${field(path)} li:last-child input`, SAMPLE.domain);
      } else if (type === 'secret') await storeSecret(app, path, `secret-for-${path}`);
      else if (SAMPLE[type] !== undefined) await typeInto(app, input(path), SAMPLE[type]);
      else throw new Error(`no sample for ${path} (${type})`);
    }
  }
  const left = await app.exec(
    `return [...document.querySelectorAll('[data-testid="field-error"]')].map((e) => (e.closest('[data-path]')?.dataset.path ?? e.dataset.errorPath) + ': ' + e.textContent)`,
  );
  throw new Error(`${kind}: problems left: ${left.join('; ')}`);
}

describe('one channel of each of the 16 kinds', () => {
  const box = makeSandbox('channels-kinds');
  let driver;
  let app;
  const ids = {};

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en', LC_ALL: '' });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });

  afterEach(() => toList(app));

  /** A valid channel of `kind`: the one its own test made, or a new one when that test
   *  failed (the later tests need all 16, not the earlier tests' success). */
  async function channelOf(kind) {
    await toList(app);
    if (ids[kind] && (await rowOf(app, ids[kind]).catch(() => null))?.validity === 'valid') return ids[kind];
    ids[kind] = await newChannel(app, kind);
    await fillUntilValid(app, kind);
    await back(app);
    return ids[kind];
  }

  for (const kind of KINDS) {
    test(`${kind}: required fields filled through the form; smart closing ${SMART_CLOSING.has(kind) ? 'shown' : 'absent'}`, async () => {
      ids[kind] = await newChannel(app, kind);
      const smart = (await app.findAll('[data-testid="section-smart_closing"]')).length === 1;
      assert.equal(smart, SMART_CLOSING.has(kind), `smart closing on ${kind}`);
      await fillUntilValid(app, kind);
      await back(app);
      assert.equal((await rowOf(app, ids[kind])).validity, 'valid', `${kind} is valid in the list`);
    });
  }

  test('the list shows all 16, valid, with counts on the chips', async () => {
    for (const kind of KINDS) await channelOf(kind);
    const rows = await app.exec(
      `return [...document.querySelectorAll('[data-testid="channel-row"]')].map((r) => ({ id: r.dataset.id, kind: r.dataset.kind, validity: r.dataset.validity }))`,
    );
    // Each kind's channel (an earlier failure may have left an extra, invalid one).
    const ours = rows.filter((r) => Object.values(ids).includes(r.id));
    assert.equal(ours.length, 16);
    assert.ok(ours.every((r) => r.validity === 'valid'), JSON.stringify(ours));
    assert.match(await app.text('[data-testid="filter-validity-valid"]'), /16/);
    await app.click('[data-testid="filter-kind-viber"]');
    await app.waitFor(
      async () => {
        const kinds = await app.exec(`return [...document.querySelectorAll('[data-testid="channel-row"]')].map((r) => r.dataset.kind)`);
        return kinds.length >= 1 && kinds.every((k) => k === 'viber');
      },
      { what: 'kind filter' },
    );
    await app.click('[data-testid="filter-kind-viber"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="channel-row"]')).length === rows.length, { what: 'the filter off again' });
  });

  test('Engage Messaging: smart closing follows the asynchronous scopes; every section in an offline draft', async () => {
    await channelOf('engage_messaging');
    await rowOf(app, ids.engage_messaging);
    await app.click(`[data-testid="channel-row"][data-id="${ids.engage_messaging}"] [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.findAll('[data-testid="section-smart_closing"]')).length === 1, { what: 'smart closing' });
    // An offline draft shows every section at once (issue 12, item 8).
    assert.equal((await app.findAll('[data-testid="section-customization"]')).length, 1, 'customization before any save');
    assert.equal((await app.findAll('[data-testid="two-step-note"]')).length, 0);
    // The avatar: a file becomes a data URL, shown round.
    const png = join(box.root, 'avatar.png');
    writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    await app.cmd('POST', `/element/${await app.find(input('profile.avatar'))}/value`, { text: png });
    await app.waitFor(async () => (await app.attr('[data-testid="image-preview"]', 'src'))?.startsWith('data:image/png;base64,'), {
      what: 'the avatar preview',
    });
    assert.match(await app.attr('[data-testid="image-preview"]', 'class'), /round/);
    await waitSaved(app);
    // Live chat only: no smart closing.
    await app.click(input('scope.live_chat'));
    await app.click(input('scope.web'));
    await app.waitFor(async () => (await app.findAll('[data-testid="section-smart_closing"]')).length === 0, { what: 'smart closing hidden' });
    await app.click(input('scope.ios'));
    await app.waitFor(async () => (await app.findAll('[data-testid="section-smart_closing"]')).length === 1, { what: 'smart closing back' });
    await app.click('[data-testid="save-channel"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="section-customization"]')).length === 1, { what: 'customization after save' });
    assert.equal(await app.exec(`return localStorage.getItem('switchboard.savedOnce')`), null, 'no state in the webview');
    // The queue factor shows the guide's slot formula live, with the group's capacity.
    await choose(app, input('general.channel_group'));
    await typeInto(app, input('em_advanced.queue_factor'), '0.25');
    const formula = await app.waitFor(async () => {
      const text = await app.text('[data-testid="queue-slots"] p');
      return /0\.25/.test(text) ? text : null;
    }, { what: 'the slot formula' });
    console.log(`# ${formula}`);
    assert.match(formula, /^4 busy agents × default capacity (\d+) × queue factor 0\.25 = \d+ queuing slots?$/);
    const capacity = Number(/capacity (\d+)/.exec(formula)[1]);
    assert.match(formula, new RegExp(`= ${Math.floor(4 * capacity * 0.25)} queuing`));
    await waitSaved(app);
    await setTheme(app, 'dark');
    await rowOf(app, ids.engage_messaging);
    await app.click(`[data-testid="channel-row"][data-id="${ids.engage_messaging}"] [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.findAll('[data-testid="section-customization"]')).length === 1, { what: 'still there after reopening' });
    await shot(app, 'editor-engage-dark.png');
    await back(app);
    await shot(app, 'channel-list-dark.png');
  });
});
