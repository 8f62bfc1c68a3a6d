// The app as a user installs it: the real window of /usr/bin/switchboard (the release
// build from the .deb, with the release identifier) in a throwaway HOME, and
// switchboard-cli from the PATH. Run by tests/installed/run.sh, which installs the package
// before and removes it after; SWITCHBOARD_E2E_BINARY points the harness at the binary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, APP_BINARY, Driver } from '../e2e/lib/webdriver.mjs';
import { invoke } from '../e2e/lib/form.mjs';

const RELEASE_ID = 'com.switchboard.desktop';
// run.sh names the home so it can check after removal that the user's data stayed.
const HOME = process.env.SWITCHBOARD_SMOKE_HOME ?? mkdtempSync(join(tmpdir(), 'switchboard-smoke-home-'));
const env = {
  HOME,
  XDG_DATA_HOME: join(HOME, '.local/share'),
  XDG_CONFIG_HOME: join(HOME, '.config'),
  XDG_CACHE_HOME: join(HOME, '.cache'),
  LANG: 'en_US.UTF-8',
  LANGUAGE: 'en_US:en',
  LC_ALL: '',
};
for (const d of [env.XDG_DATA_HOME, env.XDG_CONFIG_HOME, env.XDG_CACHE_HOME]) mkdirSync(d, { recursive: true });
const DATA_DIR = join(env.XDG_DATA_HOME, RELEASE_ID);

function cli(...args) {
  // From the PATH, as a user types it; nothing of this repository's target/.
  const { SWITCHBOARD_DATA_DIR: _a, SWITCHBOARD_APP_ID: _b, ...rest } = process.env;
  return execFileSync('switchboard-cli', args, { env: { ...rest, ...env }, encoding: 'utf8' });
}

describe('the installed app', () => {
  let driver;
  let app;
  let id;

  before(async () => {
    assert.equal(APP_BINARY, '/usr/bin/switchboard', 'SWITCHBOARD_E2E_BINARY must be the installed binary');
    // No SWITCHBOARD_DATA_DIR: the app must find its own folder under the throwaway HOME.
    const { SWITCHBOARD_DATA_DIR: _a, ...rest } = process.env;
    driver = await Driver.start({ ...rest, ...env, SWITCHBOARD_DATA_DIR: '' });
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });

  test('the frame loads, with the release identifier and its data under HOME', async () => {
    assert.equal(await app.title(), 'Switchboard');
    const info = await invoke(app, 'app_info', {});
    assert.ok(info.ok, JSON.stringify(info));
    assert.equal(info.ok.appId, RELEASE_ID);
    assert.equal(info.ok.dataDir, DATA_DIR);
    console.log(`# launch to a loaded frame: ${app.startupMs} ms`);
  });

  test('a channel is created and survives a restart', async () => {
    await app.click('[data-testid="new-channel"]');
    await app.click('[data-testid="new-email"]');
    id = await app.waitFor(() => app.attr('[data-testid="channel-editor"]', 'data-channel-id'), {
      what: 'the editor of the new channel',
    });
    await app.quit();
    app = await App.launch(driver);
    await app.waitFor(
      async () => (await app.findAll(`[data-testid="channel-row"][data-id="${id}"]`)).length === 1,
      { what: `the row of ${id} after a restart` },
    );
    assert.ok(existsSync(join(DATA_DIR, 'switchboard.sqlite3')));
  });

  test('switchboard-cli works from the PATH on the same data', () => {
    const version = cli('--version').trim();
    assert.match(version, /^switchboard-cli \d+\.\d+\.\d+/);
    const doctor = JSON.parse(cli('doctor', '--json'));
    assert.ok(JSON.stringify(doctor).includes(DATA_DIR), 'doctor reports the app data folder');
    assert.ok(cli('list').includes(id), 'the CLI lists the channel made in the window');
    writeFileSync(join(HOME, 'smoke-channel-id'), id);
  });
});
