// The e-mail connection test in the real window, against the throwaway Dovecot and
// Postfix of tests/support/mail (run the suite through with-mail-servers.sh). A person
// fills an IMAP/SMTP channel, presses Test, watches each step turn green, picks folders
// from the list the test found (non-ASCII names included), and saves.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, ARTIFACTS, Driver, makeSandbox, windowScreenshot } from './lib/webdriver.mjs';
import { choose, field, input, setChecked, storeSecret, typeInto } from './lib/form.mjs';
import { newChannel, toList, waitSaved } from './lib/editor.mjs';


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
const required = process.env.SWITCHBOARD_REQUIRE_REAL_SERVERS === '1';
if (!env && required) throw new Error('SWITCHBOARD_REQUIRE_REAL_SERVERS=1 but SWITCHBOARD_TEST_MAIL_ENV is not set');

const steps = (app) =>
  app.exec(
    `return [...document.querySelectorAll('[data-testid="mail-test-steps"] li')].map((li) => [li.dataset.step, li.dataset.status])`,
  );

describe('testing an IMAP/SMTP channel in the editor', { skip: env ? false : 'no mail servers (see tests/support/mail)', timeout: 180000 }, () => {
  const box = makeSandbox('mailtest');
  let driver;
  let app;

  before(async () => {
    // The harness's CA is a "company CA": the channel's custom CA file field points at it,
    // so certificate verification stays ON.
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LC_ALL: '' });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });
  // A failed test leaves the window on the list, where the next one starts.
  afterEach(() => toList(app));

  test('each step turns green, folders come from the server, and the channel saves valid', async () => {
    const id = await newChannel(app, 'email');

    await choose(app, input('email.mode'), 'imap');
    await typeInto(app, input('general.name'), 'Support (test servers)');
    await typeInto(app, input('imap_smtp.email'), 'support@example.com');
    await choose(app, input('general.community'), await app.exec(`return [...document.querySelector(arguments[0]).options].find((o) => o.value !== '')?.value`, input('general.community')));
    await typeInto(app, input('imap.host'), env.HOST);
    await typeInto(app, input('imap.port'), env.IMAPS_PORT);
    await setChecked(app, input('imap.use_ssl_tls'), true);
    await setChecked(app, input('imap.use_start_tls'), false);
    await typeInto(app, input('imap.username'), env.USER);
    await typeInto(app, input('imap.ca_file'), env.CA);
    await typeInto(app, input('smtp.host'), env.HOST);
    await typeInto(app, input('smtp.port'), env.SUBMISSION_PORT);
    await setChecked(app, input('smtp.use_ssl_tls'), false);
    await setChecked(app, input('smtp.use_start_tls'), true);
    await typeInto(app, input('smtp.username'), env.USER);
    await typeInto(app, input('smtp.ca_file'), env.CA);
    for (const path of ['imap.password', 'smtp.password']) await storeSecret(app, path, env.PASSWORD);

    // Offline first: the folder is typed, marked "not yet confirmed" (issue 12, item 6).
    await app.click(`${field('imap.folders')} [data-testid="list-add"]`);
    await typeInto(app, `${field('imap.folders')} li:last-child input`, 'INBOX');
    await app.waitFor(async () => (await app.findAll(`${field('imap.folders')} [data-testid="unconfirmed"]`)).length === 1, {
      what: 'INBOX typed, not yet confirmed',
    });

    await app.click('[data-testid="mail-test-run"]');
    const finished = await app.waitFor(
      async () => (await app.attr('[data-testid="mail-test-outcome"]', 'data-outcome')) ?? null,
      { what: 'the test to finish', timeout: 60000 },
    );
    const rows = await steps(app);
    assert.equal(finished, 'ok', JSON.stringify(rows));
    const byStep = Object.fromEntries(rows);
    for (const s of ['imap.connect', 'imap.tls', 'imap.login', 'imap.list', 'smtp.connect', 'smtp.starttls', 'smtp.auth']) {
      assert.equal(byStep[s], 'ok', `${s}: ${JSON.stringify(rows)}`);
    }
    assert.ok(!rows.some(([, status]) => status === 'failed' || status === 'warning'), JSON.stringify(rows));

    // The folder picker now offers what LIST returned, decoded from modified UTF-7.
    const offered = await app.waitFor(
      () =>
        app.exec(
          `const c = [...document.querySelectorAll('${field('imap.folders')} input[type=checkbox]')].map((i) => i.value);
           return c.length ? c : null;`,
        ),
      { what: 'folder choices' },
    );
    for (const name of ['INBOX', 'Réclamations', '日本語']) assert.ok(offered.includes(name), offered.join(', '));
    // The typed folder is now one the server listed: ticked, and confirmed.
    assert.equal(await app.exec(`return document.querySelector('${field('imap.folders')} input[type=checkbox][value="INBOX"]').checked`), true);
    assert.equal((await app.findAll(`${field('imap.folders')} [data-testid="unconfirmed"]`)).length, 0);
    await setChecked(app, `${field('imap.folders')} input[type=checkbox][value="INBOX"]`, true);
    await setChecked(app, `${field('imap.folders')} input[type=checkbox][value="Réclamations"]`, true);
    // The sent folder is now a picker of what the server listed, not free text.
    assert.equal(await app.exec(`return document.querySelector('${input('imap.sent_folder')}').tagName`), 'SELECT');
    await choose(app, input('imap.sent_folder'), 'Sent');
    await waitSaved(app);
    await app.exec(`document.querySelector('[data-testid="mail-test"]').scrollIntoView({ block: 'start' })`);
    await windowScreenshot(app, join(ARTIFACTS, 'mail-test-green.png'));

    const problems = await app.exec(
      `return [...document.querySelectorAll('[data-testid="field-error"]')].map((e) => e.closest('[data-path]')?.dataset.path + ': ' + e.textContent.trim())`,
    );
    assert.deepEqual(problems, [], 'no field has an error left');
    await app.click('[data-testid="save-channel"]');
    await app.click('[data-testid="editor-back"]');
    const validity = await app.waitFor(
      () =>
        app.exec(
          `return document.querySelector('[data-testid="channel-row"][data-id="' + arguments[0] + '"]')?.dataset.validity ?? null`,
          id,
        ),
      { what: 'the channel row' },
    );
    assert.equal(validity, 'valid');

    // Reopened later, the pickers are filled from the cached list of the last test.
    await app.click(`[data-testid="channel-row"][data-id="${id}"] [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.findAll('[data-testid="mail-folders-cached"]')).length === 1, {
      what: 'the cached folder list',
    });
    const cached = await app.exec(
      `return [...document.querySelectorAll('${field('imap.folders')} input[type=checkbox]')].map((i) => i.value)`,
    );
    assert.ok(cached.includes('日本語'), cached.join(', '));
    await app.click('[data-testid="editor-back"]');
  });

  test('a wrong password fails at login and names the fields to fix', async () => {
    await newChannel(app, 'email');
    await choose(app, input('email.mode'), 'imap');
    await typeInto(app, input('imap.host'), env.HOST);
    await typeInto(app, input('imap.port'), env.IMAPS_PORT);
    await setChecked(app, input('imap.use_ssl_tls'), true);
    await setChecked(app, input('imap.use_start_tls'), false);
    await typeInto(app, input('imap.username'), env.USER);
    await typeInto(app, input('imap.ca_file'), env.CA);
    await storeSecret(app, 'imap.password', 'wrong-password');

    await app.click('[data-testid="mail-test-run"]');
    await app.waitFor(async () => (await app.attr('[data-testid="mail-test-outcome"]', 'data-outcome')) === 'failed', {
      what: 'the test to fail',
      timeout: 60000,
    });
    const byStep = Object.fromEntries(await steps(app));
    assert.equal(byStep['imap.login'], 'failed');
    // Named by their section and label, each a link to the field (not `imap.password`).
    const hint = await app.exec(
      `return document.querySelector('[data-testid="mail-test-steps"] li[data-step="imap.login"] [data-testid="mail-test-fields"]')?.textContent`,
    );
    assert.doesNotMatch(hint ?? '', /imap\.password/);
    const link = '[data-testid="mail-test-steps"] li[data-step="imap.login"] [data-testid="mail-test-field"][data-path="imap.password"]';
    assert.match(await app.text(link), / › /);
    await app.click(link);
    await app.waitFor(
      () => app.exec(`return document.activeElement?.closest('[data-path]')?.dataset.path === 'imap.password'`),
      { what: 'the link to take the focus to the password' },
    );
    // The form itself points at the fields to fix.
    const flagged = await app.exec(`return [...document.querySelectorAll('.attention[data-path]')].map((e) => e.dataset.path)`);
    assert.ok(flagged.includes('imap.password') && flagged.includes('imap.username'), flagged.join(', '));
  });

  test('auto-detect proposes a known provider\'s servers and fills the form', async () => {
    // A channel of its own: nothing left over from the test before.
    await newChannel(app, 'email');
    await choose(app, input('email.mode'), 'imap');
    await typeInto(app, input('imap_smtp.email'), 'support.team@gmail.com');
    // Taken once the button is busy or an answer is there.
    await app.clickUntil('[data-testid="mail-detect"]', () =>
      app.exec(
        `return document.querySelector('[data-testid="mail-detect"]')?.disabled ||
                !!document.querySelector('[data-testid="mail-detect-proposals"], [data-testid="mail-detect-none"]')`,
      ),
    );
    const first = await app.waitFor(
      () =>
        app.exec(
          `const li = document.querySelector('[data-testid="mail-detect-proposals"] li');
           return li ? { source: li.dataset.source, text: li.textContent } : null;`,
        ),
      { what: 'a proposal', timeout: 30000 },
    );
    assert.equal(first.source, 'provider');
    assert.match(first.text, /Gmail/);
    await app.click('[data-testid="mail-detect-proposals"] li [data-testid="mail-detect-use"]');
    await app.waitFor(async () => (await app.exec(`return document.querySelector('${input('imap.host')}').value`)) === 'imap.gmail.com', {
      what: 'the proposal in the form',
    });
    assert.equal(await app.exec(`return document.querySelector('${input('imap.port')}').value`), '993');
    assert.equal(await app.exec(`return document.querySelector('${input('imap.username')}').value`), 'support.team@gmail.com');
  });
});
