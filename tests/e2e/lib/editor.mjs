// The channel list and editor as every end-to-end file drives them: open a new channel,
// wait for its draft to be saved, go back to the list, find a channel's row, and
// `toList`, which brings the window back to a known state (the list, no menu, no dialog)
// from wherever a failed test left it, so one failure does not cascade into the next.
import { input, typeInto } from './form.mjs';

/** Opens a new channel of `kind` (optionally typing its name, then waiting for the
 *  save); returns its id. */
export async function newChannel(app, kind, name) {
  await app.click('[data-testid="new-channel"]');
  await app.click(`[data-testid="new-${kind}"]`);
  await app.waitFor(async () => (await app.attr('[data-testid="channel-editor"]', 'data-kind')) === kind, {
    what: `the editor of a new ${kind} channel`,
  });
  const id = await app.attr('[data-testid="channel-editor"]', 'data-channel-id');
  if (name !== undefined) {
    await typeInto(app, input('general.name'), name);
    await waitSaved(app);
  }
  return id;
}

/** The editor's save state: `saved`, `saving`, `dirty`... */
export async function saveState(app) {
  return app.attr('[data-testid="save-state"]', 'data-state');
}

/** Waits until the draft on screen is saved. */
export async function waitSaved(app) {
  await app.waitFor(async () => (await saveState(app)) === 'saved', { what: 'the draft to be saved' });
}

/** From the editor back to the list. */
export async function back(app) {
  await app.click('[data-testid="editor-back"]');
  await app.waitFor(async () => (await app.findAll('[data-testid="view-channels"]')).length === 1, { what: 'the list' });
}

/** The list's row of channel `id` (waits for it): its validity, kind, name and marks. */
export async function rowOf(app, id) {
  return app.waitFor(
    () =>
      app.exec(
        `const r = document.querySelector('[data-testid="channel-row"][data-id="' + arguments[0] + '"]');
         return r ? { validity: r.dataset.validity, kind: r.dataset.kind, name: r.dataset.name,
                      secretsToReenter: !!r.querySelector('[data-testid="secrets-to-reenter"]') } : null;`,
        id,
      ),
    { what: `the row of ${id}` },
  );
}

/** Back to the channel list, whatever the window shows: closes menus and dialogs
 *  (Escape), leaves the editor or the settings. For `afterEach`: a failing test leaves
 *  the window where the next one expects it. Never throws for a window that is gone. */
export async function toList(app) {
  if (!app) return;
  try {
    for (let i = 0; i < 3; i++) {
      const open = await app.exec(
        `return !!document.querySelector('[role="menu"], [role="dialog"], dialog[open]')`,
      );
      if (!open) break;
      await app.cmd('POST', '/actions', {
        actions: [{ type: 'key', id: 'kb', actions: [{ type: 'keyDown', value: '\uE00C' }, { type: 'keyUp', value: '\uE00C' }] }],
      });
    }
    if ((await app.findAll('[data-testid="editor-back"]')).length) await app.click('[data-testid="editor-back"]');
    if ((await app.findAll('[data-testid="view-channels"]')).length === 0) await app.click('[data-testid="nav-channels"]');
    await app.waitFor(async () => (await app.findAll('[data-testid="view-channels"]')).length === 1, { what: 'the list' });
  } catch (e) {
    console.log(`# note: could not bring the window back to the list: ${e.message}`);
  }
}
