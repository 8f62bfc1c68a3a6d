// Review and apply in the real window, against the demo platform (the emulator the app
// starts on loopback): two channels edited here, one of them also edited on the server on
// the same setting; the plan shows before → after with the settings' labels and the
// conflict; every resolution path; approve (the hash), apply; the emulator holds the new
// values; the history shows the apply; a second plan has nothing left for them. Then a
// server edit between plan and apply (stale, Re-plan), a restore of a revision from before
// a push (a new plan, nothing pushed), the leak scan over what plans and history wrote,
// linking, an invalid channel, and Cancel during an apply (the emulator holds the second
// PUT until the test releases it, so Cancel provably lands mid-apply). Expected values are
// read from the emulator itself (its control API), never from the app.
//
// Isolation: `before()` pulls the demo once; every test then takes channels no other test
// touches (`take`), makes its own edits and plan, and ticks every other channel out of
// that plan (`onlyThese`), so a failed test leaves nothing another one depends on.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Driver, makeSandbox } from './lib/webdriver.mjs';
import { invoke, storeSecret, typeInto } from './lib/form.mjs';
import { toList, waitSaved } from './lib/editor.mjs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const row = (remote) => `[data-testid="channel-row"][data-remote="${remote}"]`;
const card = (remote) => `[data-testid="plan-channel"][data-remote="${remote}"]`;
const planField = (remote, field) => `${card(remote)} [data-testid="plan-field"][data-field="${field}"]`;

describe('review and apply a plan (demo platform)', () => {
  const box = makeSandbox('sync');
  let driver;
  let app;
  /** The demo platform's root and an admin token, from its own control API. */
  let server;
  /** Platform channels not yet taken by a test (simple kinds first). */
  let pool = [];
  const secret = 'sync-leak-probe-9f31c2';

  const control = async (path, body) => {
    const r = await fetch(`${server.root}/_emulator${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(r.status, 200, `control ${path}`);
    return r.json();
  };
  const faults = async (body) => {
    const r = await fetch(`${server.root}/_emulator/faults`, body === undefined ? {} : { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(r.status, 200, 'control /faults');
    return r.json();
  };
  const api = async (path) => {
    const r = await fetch(`${server.root}/1.0${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
    assert.equal(r.status, 200, `GET ${path}`);
    return r.json();
  };
  const serverName = async (id) => (await control(`/sources/${id}`)).name;

  /** `n` platform channels no other test uses, `{id, name, type}` as pulled. */
  function take(n, prefer = []) {
    assert.ok(server, 'the demo platform was pulled (before)');
    const picked = [...pool.filter((s) => prefer.includes(s.type)), ...pool.filter((s) => !prefer.includes(s.type))].slice(0, n);
    assert.equal(picked.length, n, `${n} unused channels on the demo platform`);
    pool = pool.filter((s) => !picked.includes(s));
    return picked;
  }

  async function editName(remote, name) {
    await toList(app);
    await app.waitFor(() => app.find(row(remote)), { what: `the row of ${remote}` });
    await app.click(`${row(remote)} [data-testid="channel-open"]`);
    await app.waitFor(() => app.find('[name="general.name"]'), { what: 'the form' });
    await typeInto(app, '[name="general.name"]', name);
    await waitSaved(app);
    await toList(app);
  }

  async function toReview() {
    await app.click('[data-testid="nav-sync"]');
    await app.waitFor(() => app.find('[data-testid="view-sync"]'), { what: 'the review view' });
  }

  async function makePlan() {
    await toReview();
    const before = await app.attr('[data-testid="plan"]', 'data-hash').catch(() => null);
    await app.click('[data-testid="sync-make-plan"]');
    await app.waitFor(
      async () => {
        const h = await app.attr('[data-testid="plan"]', 'data-hash').catch(() => null);
        return h !== null && h !== before && (await app.findAll('[data-testid="sync-planning"]')).length === 0;
      },
      { timeout: 30000, what: 'a new plan' },
    );
  }

  /** Ticks every channel of the plan on screen out but `remotes` (blocked ones cannot be
   *  ticked and send nothing): what other tests left behind is not this test's business. */
  async function onlyThese(remotes) {
    const others = await app.exec(
      `return [...document.querySelectorAll('[data-testid="plan-channel"]')]
         .filter((c) => c.dataset.excluded !== 'true' && c.dataset.blocked !== 'true')
         .map((c) => c.dataset.remote)`,
    );
    for (const r of others.filter((r) => !remotes.includes(r))) {
      await app.click(`${card(r)} [data-testid="channel-include"]`);
      await app.waitFor(async () => (await app.attr(card(r), 'data-excluded')) === 'true', { what: `channel ${r} ticked out` });
    }
  }

  async function approve() {
    await app.click('[data-testid="plan-approve"]');
    await app.waitFor(() => app.find('[data-testid="plan-approved"]'), { what: 'the plan approved' });
    return app.attr('[data-testid="plan"]', 'data-hash');
  }

  async function approveAndApply() {
    const hash = await approve();
    await app.click('[data-testid="plan-apply"]');
    await app.waitFor(() => app.find('[data-testid="apply-outcomes"]'), { timeout: 30000, what: 'the outcome of the apply' });
    return hash;
  }

  /** Renames `channels` here and pushes exactly them; returns the applied plan's hash. */
  async function pushNames(channels, names) {
    for (const [i, c] of channels.entries()) await editName(c.id, names[i]);
    await makePlan();
    for (const c of channels) await app.waitFor(() => app.find(card(c.id)), { what: `${c.name} in the plan` });
    await onlyThese(channels.map((c) => c.id));
    const hash = await approveAndApply();
    for (const [i, c] of channels.entries()) assert.equal(await serverName(c.id), names[i], `${c.name} pushed`);
    return hash;
  }

  /** Two channels renamed here, the first also renamed on the server: a conflict. */
  async function conflictPair(tag) {
    const [a, b] = take(2, ['viber', 'sms', 'tapatalk']);
    await editName(a.id, `A edited here ${tag}`);
    await editName(b.id, `B edited here ${tag}`);
    // Another administrator renames `a` on the server: the same setting, another value.
    await control(`/sources/${a.id}/edit`, { fields: { name: `A renamed on the server ${tag}` } });
    return [a, b];
  }

  const resolution = (remote, field) => app.attr(planField(remote, field), 'data-resolution');

  before(async () => {
    driver = await Driver.start({ ...box.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en', LC_ALL: '' });
    app = await App.launch(driver);
    // Pull the demo platform once; every test takes its own channels from it.
    await app.click('[data-testid="nav-accounts"]');
    await app.waitFor(() => app.find('[data-testid="view-accounts"]'), { what: 'the accounts view' });
    await app.click('[data-testid="account-demo"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="account-row"]')).length === 1, { what: 'the demo account' });
    const url = await app.text('[data-testid="account-row"] .account-url');
    const root = url.replace(/\/1\.0$/, '');
    const tokens = await (await fetch(`${root}/_emulator/tokens`)).json();
    const admin = (Array.isArray(tokens) ? tokens : tokens.tokens).find((t) => t.holder === 'admin' || t.holder === 'Admin');
    server = { root, token: admin.token };
    await app.click('[data-testid="account-pull"]');
    await app.waitFor(async () => (await app.attr('[data-testid="pull-status"]', 'data-complete')) === 'true', {
      timeout: 60000,
      what: 'the pull to complete',
    });
    pool = (await api('/content_sources?limit=150')).records
      .filter((s) => s.type !== 'email' && s.type !== 'wechat')
      .map((s) => ({ id: s.id, name: s.name, type: s.type }));
  });
  afterEach(async () => {
    // A test that failed mid-apply must not leave PUTs held for the next one.
    if (server) await faults({ hold_puts: false, latency_ms: 0 }).catch(() => {});
    await toList(app).catch(() => {});
  });
  after(async () => {
    await app?.quit().catch(() => {});
    await driver?.stop();
  });

  test('the plan shows before → after with labels, and the conflict', async () => {
    const [a, b] = await conflictPair('1');
    // Reached from the account, as an administrator would.
    await app.click('[data-testid="nav-accounts"]');
    await app.click('[data-testid="account-review"]');
    await app.waitFor(() => app.find('[data-testid="view-sync"]'), { what: 'the review view from the account' });
    await makePlan();

    assert.equal(await app.attr(planField(b.id, 'name'), 'data-class'), 'send');
    assert.equal(await app.text(`${planField(b.id, 'name')} [data-testid="value-before"]`), b.name);
    assert.equal(await app.text(`${planField(b.id, 'name')} [data-testid="value-after"]`), 'B edited here 1');
    const label = await app.text(`${planField(b.id, 'name')} [data-testid="field-label"]`);
    assert.match(label, / › /, `the label names its section (got ${label})`);
    assert.notEqual(label.trim(), 'name', 'a label, not the API field');

    assert.equal(await app.attr(planField(a.id, 'name'), 'data-class'), 'conflict');
    assert.equal(await app.text(`${planField(a.id, 'name')} [data-testid="value-base"]`), a.name);
    assert.equal(await app.text(`${planField(a.id, 'name')} [data-testid="value-local"]`), 'A edited here 1');
    assert.equal(await app.text(`${planField(a.id, 'name')} [data-testid="value-remote"]`), 'A renamed on the server 1');
    assert.match(await app.text(`${card(a.id)} [data-testid="server-changed"]`), /^Changed on the platform/);
    await onlyThese([a.id, b.id]);
    assert.match(await app.text('[data-testid="plan-unresolved"]'), /^1 conflict to resolve/);
    assert.equal(await app.attr('[data-testid="plan-approve"]', 'disabled'), 'true', 'no approval with a conflict open');
    // Nothing is secret in a demo channel's plan: the plan text holds no token either.
    assert.ok(!(await app.text('[data-testid="view-sync"]')).includes(server.token));
  });

  test('every resolution path, then approve and apply: the emulator holds the new values', async () => {
    const [a, b] = await conflictPair('2');
    await makePlan();
    await app.waitFor(() => app.find(planField(a.id, 'name')), { what: 'the conflict in the plan' });
    await onlyThese([a.id, b.id]);

    await app.click('[data-testid="take-all-server"]');
    await app.waitFor(async () => (await resolution(a.id, 'name')) === 'server', { what: 'take all from the server' });
    await app.click('[data-testid="keep-all-mine"]');
    await app.waitFor(async () => (await resolution(a.id, 'name')) === 'mine', { what: 'keep all mine' });
    await app.click(`${planField(a.id, 'name')} [data-testid="resolve-server"]`);
    await app.waitFor(async () => (await resolution(a.id, 'name')) === 'server', { what: "take the server's" });
    await app.click(`${planField(a.id, 'name')} [data-testid="resolve-mine"]`);
    await app.waitFor(async () => (await resolution(a.id, 'name')) === 'mine', { what: 'keep mine' });
    await app.click(`${planField(a.id, 'name')} [data-testid="resolve-edit"]`);
    await typeInto(app, `${planField(a.id, 'name')} [data-testid="edit-value"]`, 'A decided');
    await app.click(`${planField(a.id, 'name')} [data-testid="edit-use"]`);
    await app.waitFor(async () => (await resolution(a.id, 'name')) === 'edit', { what: 'an edited value' });
    assert.equal(await app.text(`${planField(a.id, 'name')} [data-testid="value-edit"]`), 'A decided');
    assert.equal((await app.findAll('[data-testid="plan-unresolved"]')).length, 0);

    const hash = await approve();
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(await app.text('[data-testid="plan-approved"]'), `Approved: plan ${hash.slice(0, 12)}`);
    // Approved: the review is frozen until "Change the review".
    assert.equal(await app.attr(`${planField(a.id, 'name')} [data-testid="resolve-mine"]`, 'disabled'), 'true');

    await app.click('[data-testid="plan-apply"]');
    await app.waitFor(() => app.find('[data-testid="apply-outcomes"]'), { timeout: 30000, what: 'the outcome of the apply' });
    const step = (id) => app.attr(`[data-testid="outcome"][data-channel="${id}"]`, 'data-step');
    const ids = await app.exec(`return [...document.querySelectorAll('[data-testid="outcome"]')].map((o) => o.dataset.channel)`);
    assert.equal(ids.length, 2, 'two channels applied');
    for (const id of ids) assert.equal(await step(id), 'applied');
    assert.equal(await serverName(a.id), 'A decided');
    assert.equal(await serverName(b.id), 'B edited here 2');
  });

  test('the history shows the apply, and a second plan has nothing left for its channels', async () => {
    const [c, d] = take(2, ['viber', 'sms', 'tapatalk']);
    const hash = await pushNames([c, d], ['C for the history', 'D for the history']);
    await toReview();
    await app.click('[data-testid="sync-to-history"]');
    await app.waitFor(() => app.find('[data-testid="history-apply"]'), { what: 'the history' });
    assert.equal(await app.attr('[data-testid="history-apply"]', 'data-hash'), hash, 'newest first');
    assert.match(await app.text('[data-testid="history-apply"] [data-testid="history-hash"]'), new RegExp(hash.slice(0, 12)));
    const entries = await app.exec(
      `return [...document.querySelectorAll('[data-testid="history-apply"]:first-child [data-testid="history-entry"]')].map((e) => ({
         step: e.dataset.step,
         fields: [...e.querySelectorAll('[data-testid="history-field"]')].map((f) => [f.dataset.field, f.querySelector('[data-testid="history-value"]').textContent.trim()]),
       }))`,
    );
    assert.equal(entries.length, 2, JSON.stringify(entries));
    assert.ok(entries.every((e) => e.step === 'applied'), JSON.stringify(entries));
    const values = entries.flatMap((e) => e.fields).map(([, v]) => v).sort();
    assert.deepEqual(values, ['C for the history', 'D for the history']);

    await makePlan();
    assert.equal((await app.findAll(card(c.id))).length + (await app.findAll(card(d.id))).length, 0, 'nothing left to do for the applied channels');
    if ((await app.attr('[data-testid="plan"]', 'data-empty')) === 'true') {
      assert.equal(await app.text('[data-testid="plan-empty"]'), 'Nothing to do: the platform and your drafts agree.');
    }
  });

  test('a server edit between plan and apply: the channel is stale, nothing overwritten, Re-plan', async () => {
    const [b] = take(1, ['viber', 'sms', 'tapatalk']);
    await editName(b.id, 'B second edit');
    await makePlan();
    await app.waitFor(async () => (await app.attr(planField(b.id, 'name'), 'data-class')) === 'send', { what: 'the new local edit planned' });
    await onlyThese([b.id]);
    await approve();
    // Someone edits the channel on the platform after the review.
    await control(`/sources/${b.id}/edit`, { fields: { name: 'B changed meanwhile' } });
    await app.click('[data-testid="plan-apply"]');
    await app.waitFor(() => app.find(`[data-testid="outcome"][data-channel]`), { timeout: 30000, what: 'the outcome' });
    const outcome = '[data-testid="outcome"][data-step="stale"]';
    await app.waitFor(() => app.find(outcome), { what: 'the stale outcome' });
    assert.match(await app.text(`${outcome} [data-testid="outcome-error"]`), /changed this channel on the platform since the plan/);
    assert.equal(await serverName(b.id), 'B changed meanwhile', 'the server copy was not overwritten');

    await app.click(`${outcome} [data-testid="outcome-replan"]`);
    await app.waitFor(async () => (await app.attr(planField(b.id, 'name'), 'data-class').catch(() => null)) === 'conflict', {
      timeout: 30000,
      what: 'the re-plan to show the conflict',
    });
    assert.equal(await app.text(`${planField(b.id, 'name')} [data-testid="value-remote"]`), 'B changed meanwhile');
  });

  test('restoring a revision from before a push makes a new plan, never a silent push', async () => {
    const [a] = take(1, ['viber', 'sms', 'tapatalk']);
    await pushNames([a], ['A pushed']);
    await toList(app);
    await app.click(`${row(a.id)} [data-testid="channel-open"]`);
    await app.waitFor(() => app.find('[name="general.name"]'), { what: 'the form' });
    await app.click('[data-testid="revisions-toggle"]');
    await app.waitFor(() => app.find('[data-testid="revision"][data-origin="server_push"]'), { what: 'the pushed revision' });
    assert.match(await app.text('[data-testid="revision"][data-origin="server_push"] .origin'), /^Sent to the platform$/);
    await app.click('[data-testid="revision"][data-origin="server_pull"]');
    await app.waitFor(() => app.find('[data-testid="rev-restore-linked"]'), { what: 'the note before restoring a linked channel' });
    await app.click('[data-testid="rev-restore"]');
    await app.waitFor(() => app.find('[data-testid="rev-restored-linked"]'), { what: 'the note after the restore' });
    await app.waitFor(async () => (await app.exec(`return document.querySelector('[name="general.name"]')?.value`)) === a.name, {
      what: 'the restored name in the form',
    });
    assert.equal(await serverName(a.id), 'A pushed', 'nothing was pushed by the restore');

    await makePlan();
    await app.waitFor(() => app.find(planField(a.id, 'name')), { what: 'the restored value in the plan' });
    assert.equal(await app.attr(planField(a.id, 'name'), 'data-class'), 'send');
    assert.equal(await app.text(`${planField(a.id, 'name')} [data-testid="value-before"]`), 'A pushed');
    assert.equal(await app.text(`${planField(a.id, 'name')} [data-testid="value-after"]`), a.name);
    assert.equal(await serverName(a.id), 'A pushed', 'a plan pushes nothing');
  });

  test('leak scan: neither the token nor a channel secret is in plans, history, IPC replies or any file', async () => {
    assert.ok(server, 'the demo platform was pulled (before)');
    const email = (await api('/content_sources?limit=150')).records.find((s) => s.type === 'email');
    await toList(app);
    await app.click(`${row(email.id)} [data-testid="channel-open"]`);
    await app.waitFor(() => app.find('[name="general.name"]'), { what: 'the e-mail form' });
    await storeSecret(app, 'imap.password', secret);
    await typeInto(app, '[name="general.name"]', 'Mail edited for the scan');
    await waitSaved(app);
    await makePlan();
    await app.waitFor(() => app.find(card(email.id)), { what: 'the e-mail channel in the plan' });
    // The secret set here is planned as "will be set", by its label, never its value.
    const secretRow = `${card(email.id)} [data-testid="plan-secret"]`;
    await app.waitFor(() => app.find(secretRow), { what: 'the secret in the plan' });
    assert.equal(await app.text(`${secretRow} [data-testid="value-after"]`), 'will be set');
    assert.notEqual((await app.text(`${secretRow} [data-testid="field-label"]`)).trim(), await app.attr(secretRow, 'data-field'), 'a label, not the API name');
    const shown = await app.text('[data-testid="view-sync"]');
    assert.ok(!shown.includes(secret) && !shown.includes(server.token), 'the review shows no secret');
    // Apply it, so history and journal hold rows.
    await onlyThese([email.id]);
    await approveAndApply();

    assert.equal(await app.attr(`[data-testid="outcome"][data-channel="${await app.attr(card(email.id), 'data-channel')}"]`, 'data-step'), 'applied');
    await app.click('[data-testid="sync-to-history"]');
    await app.waitFor(() => app.find('[data-testid="history-apply"]'), { what: 'the history' });
    const secretCell = await app.exec(
      `const e = [...document.querySelectorAll('[data-testid="history-apply"]:first-child [data-testid="history-entry"]')]
         .find((x) => [...x.querySelectorAll('[data-testid="history-value"]')].some((v) => v.textContent.trim() === 'set'));
       return e ? e.textContent : null;`,
    );
    assert.ok(secretCell, 'the history names the secret as "set"');
    assert.ok(!secretCell.includes(secret));

    const account = (await invoke(app, 'list_accounts', {})).ok?.[0];
    assert.ok(account?.id, 'the account');
    const replies = [await invoke(app, 'sync_history', { id: account.id }), await invoke(app, 'sync_overview', { id: account.id })];
    for (const r of replies) {
      const text = JSON.stringify(r);
      assert.ok(!text.includes(secret), 'no IPC reply carries the secret');
      assert.ok(!text.includes(server.token), 'no IPC reply carries the token');
    }
    const leaks = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else {
          const data = readFileSync(p);
          if (data.includes(secret) || data.includes(server.token)) leaks.push(p);
        }
      }
    };
    walk(box.root);
    assert.deepEqual(leaks, [], 'no file the app wrote (database with its plans, history and journal, WAL, logs) holds a secret');
  });

  test('a local channel is linked to the platform channel made for it in the web admin; nothing is sent', async () => {
    const [source] = take(1, ['viber', 'sms']);
    // As if it had been created in the web admin: the adopted copy is deleted here and a
    // local draft of the same kind and name is made.
    await toList(app);
    await app.waitFor(() => app.find(row(source.id)), { what: `the row of ${source.name}` });
    const adopted = await app.attr(row(source.id), 'data-id');
    const kind = await app.attr(row(source.id), 'data-kind');
    assert.equal((await invoke(app, 'delete_channel', { id: adopted })).err, undefined);
    const created = await invoke(app, 'create_channel', { kind, name: source.name });
    assert.equal(created.err, undefined, JSON.stringify(created.err));
    const local = created.ok.channel.id;
    const before = await serverName(source.id);

    await makePlan();
    const item = `[data-testid="local-only-item"][data-channel="${local}"]`;
    await app.waitFor(() => app.find(item), { what: 'the local channel offered for linking' });
    assert.match(await app.text('[data-testid="admin-link"]'), /web admin/);
    assert.match(await app.attr('[data-testid="admin-link"]', 'href'), /\/admin$/);
    const offered = await app.exec(`return [...document.querySelectorAll(arguments[0] + ' [data-testid="link-candidate"] option')].map((o) => [o.value, o.textContent.trim()])`, item);
    assert.deepEqual(offered[0], [source.id, `${source.name} (same name)`], 'the same name first');
    await app.click(`${item} [data-testid="link-channel"]`);
    await app.waitFor(() => app.find(`${item} [data-testid="linked"]`), { what: 'linked' });
    assert.equal(await serverName(source.id), before, 'linking sent nothing');

    await makePlan();
    assert.equal((await app.findAll(item)).length, 0, 'no longer local-only');
    assert.equal(await serverName(source.id), before, 'planning sent nothing');
  });

  test('an invalid channel blocks only itself, with its problems by label', async () => {
    const [bad, good] = take(2, ['tapatalk', 'viber', 'sms']);
    await editName(bad.id, ' ');
    await editName(good.id, 'Still sent');
    await makePlan();
    await app.waitFor(() => app.find(card(bad.id)), { what: 'the invalid channel in the plan' });
    assert.equal(await app.attr(card(bad.id), 'data-blocked'), 'true');
    const problems = await app.text(`${card(bad.id)} [data-testid="channel-problems"]`);
    assert.match(problems, / › /, `problems named by label (got ${problems})`);
    assert.equal(await app.attr(`${card(bad.id)} [data-testid="channel-include"]`, 'disabled'), 'true');
    assert.equal(await app.attr(card(good.id), 'data-blocked'), 'false', 'the other channel is not held up');
    await onlyThese([good.id, bad.id]);
    await approveAndApply();
    assert.equal(await serverName(good.id), 'Still sent');
    assert.equal(await serverName(bad.id), bad.name, 'the invalid channel sent nothing');
  });

  test('Cancel stops an apply mid-way; the unfinished apply is offered and resumes; a channel ticked out is not sent', async () => {
    const others = take(4);
    for (const [i, s] of others.entries()) await editName(s.id, `Resumed ${i}`);
    await makePlan();
    for (const s of others) await app.waitFor(() => app.find(card(s.id)), { what: `${s.name} in the plan` });
    await onlyThese(others.map((s) => s.id));
    const [kept, ...sent] = [others[3], others[0], others[1], others[2]];
    await app.click(`${card(kept.id)} [data-testid="channel-include"]`);
    await app.waitFor(async () => (await app.attr(card(kept.id), 'data-excluded')) === 'true', { what: 'the channel ticked out' });
    await approve();

    // The platform lets the first PUT through and holds the next one until released: Cancel
    // provably lands while the apply is under way (no race against a latency).
    const held = await faults({ hold_puts: true, pass_puts: 1 });
    assert.equal(held.hold_puts, true);
    try {
      await app.click('[data-testid="plan-apply"]');
      await app.waitFor(async () => (await faults()).held_puts === 1, { timeout: 30000, what: "the second channel's PUT held by the platform" });
      await app.click('[data-testid="apply-cancel"]');
      await app.waitFor(async () => (await app.attr('[data-testid="apply-outcomes"]', 'data-cancelled').catch(() => null)) === 'true', {
        timeout: 30000,
        what: 'the apply cancelled',
      });
    } finally {
      await faults({ hold_puts: false });
    }
    const done = await app.exec(`return [...document.querySelectorAll('[data-testid="outcome"]')].map((o) => o.dataset.channel)`);
    assert.equal(done.length, 1, `stopped after the first channel (${done.length} of ${sent.length} done)`);
    await app.waitFor(() => app.find('[data-testid="sync-resume-banner"]'), { what: 'the resume offer' });
    assert.match(await app.text('[data-testid="sync-resume-banner"]'), /^An apply of plan [0-9a-f]{12} was interrupted \(\d channels? not finished\)/);

    await app.click('[data-testid="sync-resume"]');
    await app.waitFor(
      async () => (await app.exec(`return [...document.querySelectorAll('[data-testid="outcome"][data-step="applied"]')].length`)) === sent.length,
      { timeout: 30000, what: 'the resumed apply to finish every channel' },
    );
    assert.equal((await app.findAll('[data-testid="sync-resume-banner"]')).length, 0, 'nothing left to resume');
    for (const [i, s] of [others[0], others[1], others[2]].entries()) assert.equal(await serverName(s.id), `Resumed ${i}`);
    assert.equal(await serverName(kept.id), kept.name, 'the channel ticked out was not sent');
    assert.equal((await app.findAll(`[data-testid="outcome"][data-channel="${await app.attr(card(kept.id), 'data-channel')}"]`)).length, 0);
  });
});
