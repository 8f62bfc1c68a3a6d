// What the end-to-end tests do to the forms, the way a person would: type into a field,
// choose an option, tick a box; and `invoke`, to call an app command through the window's
// own IPC where the UI hands over to something WebDriver cannot drive (native dialogs).
import assert from 'node:assert/strict';

export const field = (path) => `[data-path="${path}"]`;
export const input = (path) => `[data-path="${path}"] [name="${path}"]`;

/** Replaces the text of an input by typing (input events per key). */
export async function typeInto(app, css, text) {
  const el = await app.find(css);
  // Long forms put fields below the fold, where WebKitWebDriver will not type.
  await app.exec('document.querySelector(arguments[0]).scrollIntoView({ block: "center" })', css);
  await app.cmd('POST', `/element/${el}/clear`, {});
  await app.cmd('POST', `/element/${el}/value`, { text: String(text) });
  // The field must hold exactly what was typed before the test goes on.
  await app.waitFor(async () => (await app.exec('return document.querySelector(arguments[0]).value', css)) === String(text), {
    timeout: 15000,
    what: `${css} to hold what was typed`,
  });
}

/** Stores a secret through its field: Replace, type, Store; waits for "set". A click that
 *  WebKitWebDriver drops (seen rarely on a loaded machine) is retried once and logged. */
export async function storeSecret(app, path, value) {
  // Replace opens the input: a dropped click there is retried once too.
  for (let attempt = 1; attempt <= 2; attempt++) {
    await app.click(`${field(path)} [data-testid="secret-replace"]`);
    try {
      await app.find(input(path), { timeout: 10000 });
      break;
    } catch (e) {
      const closed = (await app.findAll(`${field(path)} [data-testid="secret-replace"]`)).length > 0;
      if (attempt === 2 || !closed) throw e;
      console.log(`# note: the click on Replace for ${path} had no effect; clicking again`);
    }
  }
  await typeInto(app, input(path), value);
  const isSet = async () => (await app.attr(`${field(path)} [data-testid="secret-state"]`, 'data-set')) === 'true';
  for (let attempt = 1; attempt <= 2; attempt++) {
    await app.click(`${field(path)} [data-testid="secret-save"]`);
    try {
      await app.waitFor(isSet, { timeout: 10000, what: `${path} set` });
      return;
    } catch (e) {
      const open = (await app.findAll(`${field(path)} [data-testid="secret-save"]`)).length > 0;
      if (attempt === 2 || !open) throw e;
      console.log(`# note: the click on Store for ${path} had no effect; clicking again`);
    }
  }
}

/** Chooses an option of a select by value, or its first real option when `value` is
 *  omitted (clicking options is unreliable in WebKitWebDriver). */
export async function choose(app, css, value) {
  const ok = await app.exec(
    `const s = document.querySelector(arguments[0]);
     if (!s) return false;
     const v = arguments[1] ?? [...s.options].find((o) => o.value !== '')?.value;
     if (v === undefined || ![...s.options].some((o) => o.value === v)) return false;
     s.value = v;
     s.dispatchEvent(new Event('change', { bubbles: true }));
     return true;`,
    css,
    value ?? null,
  );
  assert.ok(ok, `could choose ${value ?? 'an option'} in ${css}`);
}

/** Sets a checkbox (styled switches hide the native input from WebDriver's click). */
export async function setChecked(app, css, checked) {
  const ok = await app.exec(
    `const el = document.querySelector(arguments[0]);
     if (!el) return false;
     if (el.checked !== arguments[1]) el.click();
     return el.checked === arguments[1];`,
    css,
    checked,
  );
  assert.ok(ok, `could set ${css} to ${checked}`);
}

/** Calls an app command through the window's IPC, as the UI does: `{ ok }` or `{ err }`. */
export function invoke(app, cmd, args) {
  return app.cmd('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then((v) => done({ ok: v }), (e) => done({ err: e }));`,
    args: [cmd, args],
  });
}
