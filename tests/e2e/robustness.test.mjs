// The app as a process: starting it again focuses the running window instead of opening a
// second one on the same database, and a command that panics answers the error envelope
// (`internal`) while the window stays and the draft is kept. The panic is switched on by
// SWITCHBOARD_TEST_PANIC, which only test builds (debug_assertions) read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, APP_BINARY, Driver, makeSandbox } from './lib/webdriver.mjs';
import { input, invoke, typeInto } from './lib/form.mjs';

const EN = { LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en', LC_ALL: '' };

/** Everything the app logged so far in a sandbox. */
function logOf(box) {
  const dir = join(box.env.SWITCHBOARD_DATA_DIR, 'logs');
  try {
    return readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('');
  } catch {
    return '';
  }
}

describe('a second start', () => {
  const box = makeSandbox('single-instance');
  let driver;
  let app;

  before(async () => {
    driver = await Driver.start({ ...box.env, ...EN });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });

  test('on the same database hands over to the running window and exits', async () => {
    // Started the way a launcher does: the binary, same user session and data folder.
    const second = spawn(APP_BINARY, [], { env: { ...process.env, ...box.env, ...EN }, stdio: 'ignore' });
    const code = await new Promise((ok) => {
      const timer = setTimeout(() => {
        second.kill('SIGKILL');
        ok('still running after 20 s');
      }, 20000);
      second.on('exit', (c) => {
        clearTimeout(timer);
        ok(c);
      });
    });
    assert.equal(code, 0, 'the second start exits at once');
    await app.waitFor(() => logOf(box).includes('started again: focusing the running window'), {
      what: 'the running app to be told and focus its window',
    });
    // Still one window, still working.
    assert.equal((await app.cmd('GET', '/window/handles')).length, 1);
    assert.equal(await app.attr('[data-testid="frame"]', 'data-ready'), 'true');
  });
});

describe('a command that panics', () => {
  const box = makeSandbox('panic');
  let driver;
  let app;
  let id;

  before(async () => {
    driver = await Driver.start({ ...box.env, ...EN, SWITCHBOARD_TEST_PANIC: 'checkpoint_channel' });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });

  test('Save answers "internal", the window stays, the draft is kept, the log has the details', async () => {
    await app.click('[data-testid="new-channel"]');
    await app.click('[data-testid="new-email"]');
    id = await app.waitFor(() => app.attr('[data-testid="channel-editor"]', 'data-channel-id'), {
      what: 'the editor of a new channel',
    });
    await typeInto(app, input('general.name'), 'Kept after a panic');
    await app.click('[data-testid="save-channel"]');
    const banner = await app.waitFor(() => app.attr('[data-testid="checkpoint-error"]', 'data-code'), {
      what: 'the error banner of Save',
    });
    assert.equal(banner, 'internal');
    assert.match(await app.text('[data-testid="checkpoint-error"]'), /Details were written to the log/);

    // The envelope itself, through the window's IPC.
    const r = await invoke(app, 'checkpoint_channel', { id });
    assert.equal(r.err?.code, 'internal', JSON.stringify(r));
    assert.equal(r.err.message.id, 'err-internal');
    assert.ok(!JSON.stringify(r.err).includes('on purpose'), 'the panic text stays in the log');

    // The window still answers, and the draft (autosaved before Save) is in the database.
    const got = await invoke(app, 'get_channel', { id });
    assert.equal(got.ok?.channel?.doc?.general?.name, 'Kept after a panic', JSON.stringify(got).slice(0, 300));
    await app.click('[data-testid="editor-back"]');
    await app.waitFor(
      async () => (await app.attr(`[data-testid="channel-row"][data-id="${id}"]`, 'data-name')) === 'Kept after a panic',
      { what: 'the row with the draft name' },
    );

    await app.waitFor(() => /panic.*checkpoint_channel panics on purpose/.test(logOf(box)), {
      what: 'the panic and its place in the log',
    });
    assert.match(logOf(box), /panic_guard\.rs:\d+/);
  });
});
