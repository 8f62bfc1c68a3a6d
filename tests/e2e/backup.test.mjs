// A damaged database in the real window: the list says what happened and offers the
// newest automatic backup; restoring it brings the channels back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Driver, makeSandbox } from './lib/webdriver.mjs';
import { invoke } from './lib/form.mjs';

describe('restoring the newest backup of a damaged database', { timeout: 120000 }, () => {
  const box = makeSandbox('backup');
  const data = box.env.SWITCHBOARD_DATA_DIR;
  let driver;

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LC_ALL: '' });
  });
  after(async () => {
    await driver?.stop();
  });

  test('the list offers the backup and restoring it brings the channels back', async () => {
    // 1. A channel, then a backup that holds it (the daily backup is taken at open).
    let app = await App.launch(driver);
    const created = await invoke(app, 'create_channel', { kind: 'sms', name: 'Keep me' });
    assert.ok(created.ok, JSON.stringify(created));
    await app.quit();
    rmSync(join(data, 'backups'), { recursive: true, force: true });
    app = await App.launch(driver);
    await app.waitFor(async () => (await app.findAll('[data-testid="channel-row"]')).length === 1, { what: 'the channel' });
    await app.quit();
    assert.equal(readdirSync(join(data, 'backups')).length, 1, 'one backup taken');

    // 2. The database file is damaged while the app is closed.
    const db = join(data, 'switchboard.sqlite3');
    writeFileSync(db, Buffer.alloc(8192, 0x5a));
    for (const side of ['-wal', '-shm']) rmSync(db + side, { force: true });

    // 3. The list says so, offers the backup, and restoring it brings the channel back.
    app = await App.launch(driver);
    try {
      await app.waitFor(async () => (await app.attr('[data-testid="channels-error"]', 'data-code')) === 'store_unavailable', {
        what: 'the database error',
      });
      assert.match(await app.text('[data-testid="channels-error"]'), /backup/i);
      await app.click('[data-testid="restore-backup"]');
      await app.waitFor(async () => (await app.findAll('[data-testid="backup-restored"]')).length === 1, { what: 'restored' });
      await app.waitFor(
        async () => (await app.exec(`return document.querySelector('[data-testid="channel-row"]')?.dataset.name`)) === 'Keep me',
        { what: 'the channel back in the list' },
      );
      assert.ok(readdirSync(data).some((f) => f.includes('broken')), 'the damaged file is kept aside');
      assert.ok(existsSync(db));
    } finally {
      await app.quit();
    }
  });
});
