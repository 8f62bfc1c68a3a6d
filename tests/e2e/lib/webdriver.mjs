// A small W3C WebDriver client over fetch, enough to drive the real Switchboard window
// through tauri-driver + WebKitWebDriver. Each `App` gets its own tauri-driver on free
// ports and its own throwaway data directory, so tests never touch a user's data.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The W3C key of an element reference in WebDriver answers. */
export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const REPO = resolve(import.meta.dirname, '../../..');
export const APP_BINARY = process.env.SWITCHBOARD_E2E_BINARY ?? join(REPO, 'target/debug/switchboard');
export const ARTIFACTS = join(REPO, 'tests/e2e/artifacts');

async function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

/** A throwaway home for one app under test: data dir, XDG dirs. */
export function makeSandbox(name) {
  const root = mkdtempSync(join(tmpdir(), `switchboard-e2e-${name}-`));
  const env = {
    SWITCHBOARD_DATA_DIR: join(root, 'data'),
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_CACHE_HOME: join(root, 'cache'),
  };
  for (const d of Object.values(env)) mkdirSync(d, { recursive: true });
  return { root, env };
}

export class Driver {
  /** `wrap`: a command to run tauri-driver under (e.g. a private D-Bus session). */
  static async start(env, { wrap = [] } = {}) {
    const port = await freePort();
    const nativePort = await freePort();
    const argv = [...wrap, 'tauri-driver', '--port', String(port), '--native-port', String(nativePort)];
    // Its own process group: stopping it must also stop WebKitWebDriver and the app, which
    // would otherwise outlive it holding the stderr pipe (and this test process) open.
    const proc = spawn(argv[0], argv.slice(1), {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try {
        const r = await fetch(`${base}/status`);
        if (r.ok) return new Driver(proc, base);
      } catch {}
      if (proc.exitCode !== null) throw new Error(`tauri-driver exited: ${stderr}`);
      await sleep(100);
    }
    proc.kill();
    throw new Error(`tauri-driver did not start: ${stderr}`);
  }

  constructor(proc, base) {
    this.proc = proc;
    this.base = base;
  }

  async stop() {
    const group = (signal) => {
      try {
        process.kill(-this.proc.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const exited = this.proc.exitCode !== null ? Promise.resolve() : new Promise((ok) => this.proc.once('exit', ok));
    group('SIGTERM');
    // tauri-driver may linger while a session is still open: don't let it hold the run.
    const timer = setTimeout(() => group('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    // Whatever else was in the group goes too, and its pipe with it.
    group('SIGKILL');
    this.proc.stderr.destroy();
  }
}

// No WebDriver call may hang a run: a stuck webview fails the test that waited on it.
const REQUEST_TIMEOUT_MS = 30000;
// How long a lookup or a wait gives the window: generous, for a machine whose two cores
// are busy with builds (a re-render that takes 100 ms idle took seconds there).
const FIND_TIMEOUT_MS = 30000;

async function wd(base, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  }).catch((e) => {
    throw new Error(`${method} ${path}: ${e.name === 'TimeoutError' ? `no answer in ${REQUEST_TIMEOUT_MS} ms` : e.message}`);
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

/** Pids of the app under test in a tauri-driver's process group (Linux /proc). */
export function appPids(group) {
  const pids = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // Field 5 of stat is the process group; the command name (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp === group && readlinkSync(`/proc/${pid}/exe`).startsWith(APP_BINARY)) pids.push(Number(pid));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

/** True once a process has finished exiting: gone, or a zombie whose threads are all
 *  gone (a zombie leader with live threads still holds its sockets and D-Bus names). */
function exited(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z' && readdirSync(`/proc/${pid}/task`).length <= 1;
  } catch {
    return true;
  }
}

/** One running app window. */
export class App {
  static async launch(driver) {
    const started = performance.now();
    const value = await wd(driver.base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application: APP_BINARY } } },
    });
    const app = new App(driver.base, value.sessionId);
    app.pids = appPids(driver.proc.pid);
    await app.waitFor(async () => (await app.attr('[data-testid="frame"]', 'data-ready')) === 'true', {
      what: 'the frame to load its preferences',
    });
    app.startupMs = Math.round(performance.now() - started);
    return app;
  }

  constructor(base, sessionId) {
    this.base = base;
    this.sid = sessionId;
  }

  cmd(method, path, body) {
    return wd(this.base, method, `/session/${this.sid}${path}`, body);
  }

  async quit() {
    await this.cmd('DELETE', '');
    // The app holds its single-instance name until its process is gone: a restart that
    // came sooner would hand over to the dying one and exit. Wait for it, bounded.
    await this.waitFor(() => this.pids.every(exited), { what: 'the app process to exit' });
  }

  /** The first element matching `css`, waiting for it to appear (on a loaded machine a
   *  view can take seconds to render after the click that opens it): every lookup that
   *  expects an element waits, and says what it waited for when it gives up. */
  async find(css, { timeout = FIND_TIMEOUT_MS } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const el = await this.findNow(css);
      if (el) return el;
      if (Date.now() > end) throw new Error(`no such element: ${css} (waited ${timeout} ms)`);
      await sleep(100);
    }
  }

  /** The first element matching `css` now, or null: for checks that poll themselves. */
  async findNow(css) {
    const [first] = await this.findAll(css);
    return first ?? null;
  }

  async findAll(css) {
    const els = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return els.map((e) => e[ELEMENT]);
  }

  /** Clicks like a person: scrolls the element to the middle of the view first (long
   *  forms put buttons below the fold, where WebKitWebDriver calls them not interactable). */
  async click(css) {
    const el = await this.find(css);
    const ref = { [ELEMENT]: el };
    await this.cmd('POST', '/execute/sync', {
      script: 'arguments[0].scrollIntoView({ block: "center" })',
      args: [ref],
    });
    // A button that is still disabled (waiting for the input it depends on) would swallow
    // the click: wait for it, as a person would.
    await this.waitFor(
      () => this.cmd('POST', '/execute/sync', { script: 'return !arguments[0].disabled', args: [ref] }),
      { timeout: 15000, what: `${css} to be enabled` },
    );
    await this.cmd('POST', `/element/${el}/click`, {});
  }

  /** Clicks, then waits for `check`. WebKitWebDriver drops a click now and then on a
   *  loaded machine (seen in the runs under stress-ng): a click with no effect in
   *  `timeout` is repeated once, and logged. `check` must hold as soon as the click has
   *  been taken (a busy state is fine), so a slow answer is never clicked twice. */
  async clickUntil(css, check, { what = `the effect of clicking ${css}`, timeout = 10000 } = {}) {
    for (let attempt = 1; ; attempt++) {
      await this.click(css);
      try {
        return await this.waitFor(check, { timeout: attempt === 1 ? timeout : FIND_TIMEOUT_MS, what });
      } catch (e) {
        if (attempt === 2) throw e;
        console.log(`# note: the click on ${css} had no effect within ${timeout} ms; clicking again`);
      }
    }
  }

  async text(css) {
    return this.cmd('GET', `/element/${await this.find(css)}/text`);
  }

  /** An attribute of the element matching `css` now; null only when there is no such
   *  element (or no such attribute). Any other failure (a WebDriver timeout, a dead
   *  session) is thrown, so that a wait reports it instead of polling on a null. */
  async attr(css, name) {
    const el = await this.findNow(css);
    if (!el) return null;
    try {
      return await this.cmd('GET', `/element/${el}/attribute/${name}`);
    } catch (e) {
      // Re-rendered between the lookup and the read: gone, as far as this read goes.
      if (/stale element reference|no such element/.test(e.message)) return null;
      throw e;
    }
  }

  async exec(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  async title() {
    return this.cmd('GET', '/title');
  }

  /** Polls `check` until it returns a truthy value (bounded; the failure says what). */
  async waitFor(check, { timeout = FIND_TIMEOUT_MS, what = 'condition' } = {}) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        last = await check();
        if (last) return last;
      } catch (e) {
        last = e;
      }
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what} (last: ${last})`);
  }

  /** The webview's own rendering, as PNG bytes. */
  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }
}

/** A screenshot of the real X window (falls back to the WebDriver capture). */
export async function windowScreenshot(app, file) {
  mkdirSync(join(file, '..'), { recursive: true });
  const grab = (cmd, args) =>
    new Promise((ok) => {
      const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.on('error', () => ok(null));
      p.on('exit', (code) => ok(code === 0 ? out : null));
    });
  const ids = await grab('xdotool', ['search', '--onlyvisible', '--name', '^Switchboard$']);
  const id = ids?.trim().split('\n')[0];
  if (id && (await grab('import', ['-window', id, file])) !== null) return 'x11';
  writeFileSync(file, await app.screenshot());
  return 'webdriver';
}
