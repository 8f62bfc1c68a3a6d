// A long channel list in the real window: the first 100 rows at start, the rest as the
// list is scrolled to its end (or "Show N more" is pressed), the search still over all.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Driver, makeSandbox } from './lib/webdriver.mjs';
import { invoke, typeInto } from './lib/form.mjs';

const N = 130;

describe('a list longer than a page', () => {
  const box = makeSandbox('paging');
  let driver;
  let app;
  const rows = () => app.exec(`return document.querySelectorAll('[data-testid="channel-row"]').length`);

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en', LC_ALL: '' });
    app = await App.launch(driver);
    for (let i = 0; i < N; i++) {
      const r = await invoke(app, 'create_channel', { kind: 'sms', name: `Paged ${String(i).padStart(3, '0')}` });
      assert.ok(r.ok, JSON.stringify(r));
    }
    // A fresh start lists them as a user meets them.
    await app.quit();
    app = await App.launch(driver);
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });

  test('starts with 100 rows and offers the rest', async () => {
    await app.waitFor(async () => (await rows()) === 100, { what: 'the first 100 rows' });
    assert.equal(await app.text('[data-testid="list-more"]'), `Show ${N - 100} more`);
  });

  test('scrolling to the end of the list brings the rest', async () => {
    await app.exec(`document.querySelector('[data-testid="list-more"]').scrollIntoView({ block: 'end' })`);
    await app.waitFor(async () => (await rows()) === N, { what: `all ${N} rows` });
    assert.equal((await app.findAll('[data-testid="list-more"]')).length, 0);
  });

  test('the search looks through every channel, not the rows drawn', async () => {
    await typeInto(app, '[data-testid="channel-search"]', 'Paged 129');
    await app.waitFor(async () => (await rows()) === 1, { what: 'one match' });
    assert.equal(await app.attr('[data-testid="channel-row"]', 'data-name'), 'Paged 129');
  });
});
