// Provider apps belong to a platform account: a channel linked to one signs in with that
// account's app, not the local settings'. In the real window: the demo platform's YouTube
// channel says, before any click, that the account's Google app is missing (even though
// the local settings have one), and adding it under Accounts › Provider apps enables
// "Continue with Google".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Driver, makeSandbox } from './lib/webdriver.mjs';
import { field, invoke } from './lib/form.mjs';
import { toList } from './lib/editor.mjs';

describe('provider apps per platform account', { timeout: 180000 }, () => {
  const box = makeSandbox('provider-apps');
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

  const note = () =>
    app.exec(`return document.querySelector('${field('youtube.connect')} [data-testid="oauth-app-missing"]')?.textContent ?? null`);

  test("a linked channel asks for its account's app, added under Accounts", async () => {
    // The local settings have a Google app: unlinked channels would use it.
    const local = await invoke(app, 'set_provider_app', {
      provider: 'google',
      clientId: 'local-google-app',
      clientSecret: 'local-secret',
      baseUrl: null,
      redirectPort: null,
    });
    assert.equal(local.ok?.secretSet, true, JSON.stringify(local));

    await app.click('[data-testid="nav-accounts"]');
    await app.click('[data-testid="account-demo"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="account-row"]')).length === 1, { what: 'the demo account' });
    const label = await app.attr('[data-testid="account-row"]', 'data-label');
    await app.click('[data-testid="account-pull"]');
    await app.waitFor(async () => (await app.attr('[data-testid="pull-status"]', 'data-complete')) === 'true', {
      timeout: 60000,
      what: 'the pull to complete',
    });

    await toList(app);
    const youtube = '[data-testid="channel-row"][data-kind="youtube"]';
    await app.waitFor(async () => (await app.findAll(youtube)).length > 0, { what: 'a linked YouTube channel' });
    await app.click(`${youtube} [data-testid="channel-open"]`);
    await app.waitFor(() => app.find('[data-testid="editor-account"]'), { what: 'the editor with its account' });

    // Before any click: one sentence naming the account, and the button waits.
    const missing = await app.waitFor(note, { what: "the missing account's app note" });
    assert.match(missing, /Google/);
    assert.ok(missing.includes(label), `${missing} names ${label}`);
    assert.equal(await app.exec(`return document.querySelector('${field('youtube.connect')} [data-testid="oauth-connect"]').disabled`), true);

    // Its link goes where the app belongs: the account's provider apps.
    await app.click(`${field('youtube.connect')} [data-testid="oauth-open-settings"]`);
    await app.waitFor(() => app.find('[data-testid="view-accounts"]'), { what: 'the accounts view' });
    await app.click('[data-testid="account-row"] [data-testid="account-apps"]');
    const form = '[data-testid="account-row"] [data-testid="provider-apps"] [data-testid="provider-app-google"]';
    await app.waitFor(() => app.find(form), { what: "the account's Google app form" });
    const accountId = await app.attr('[data-testid="account-row"]', 'data-account');
    assert.equal(await app.attr('[data-testid="account-row"] [data-testid="provider-apps"]', 'data-account'), accountId);
    await app.exec(
      `const f = document.querySelector(arguments[0]);
       for (const [name, value] of [['clientId', 'tenant-google-app'], ['clientSecret', 'tenant-secret']]) {
         const i = f.querySelector('[name="' + name + '"]');
         i.value = value; i.dispatchEvent(new Event('input', { bubbles: true }));
       }`,
      form,
    );
    await app.click(`${form} [data-testid="provider-app-save"]`);
    await app.waitFor(() => app.find(`${form} [data-testid="provider-app-saved"]`), { what: 'the app saved' });

    // Stored under the account; the local settings' app is untouched.
    const apps = await invoke(app, 'provider_apps', { accountId });
    assert.deepEqual(apps.ok?.map((a) => [a.provider, a.clientId, a.secretSet]), [['google', 'tenant-google-app', true]]);
    const locals = await invoke(app, 'provider_apps', {});
    assert.deepEqual(locals.ok?.map((a) => a.clientId), ['local-google-app']);
    assert.ok(!JSON.stringify([apps, locals]).includes('tenant-secret'), 'a secret reached the window');

    // Back on the channel: the note is gone and the button is ready.
    await toList(app);
    await app.click(`${youtube} [data-testid="channel-open"]`);
    await app.waitFor(async () => (await app.exec(`return document.querySelector('${field('youtube.connect')} [data-testid="oauth-connect"]')?.disabled ?? null`)) === false, {
      what: 'Continue with Google enabled',
    });
    assert.equal(await note(), null);
  });
});
