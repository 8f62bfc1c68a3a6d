// Whole-app figures, in the real window under Xvfb, release builds (run through
// tests/bench/run.sh, which builds what is missing and prepares the data):
//   - launch → document complete, and → interactive list, empty and with 1,000 channels;
//   - PSS of the app and its WebKit processes: empty, and 1,000 channels listed with one
//     editor open;
//   - typing in the search box over 10,000 channels → the list has updated;
//   - opening an e-mail channel → its form is interactive;
// each against a minimal Tauri 2 app (tests/bench/minimal-app) launched in the same rounds,
// interleaved, so both meet the same machine load. Prints min / median / max; asserts
// nothing. Usage: node tests/bench/app.mjs [rounds]  (env: BENCH_APP, BENCH_MINIMAL,
// BENCH_DATA with empty/, c1000/, c10000/ data folders).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Driver } from '../e2e/lib/webdriver.mjs';

const ROUNDS = Number(process.argv[2] ?? 5);
const APP = process.env.BENCH_APP;
const MINIMAL = process.env.BENCH_MINIMAL;
const DATA = process.env.BENCH_DATA;
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
// Memory is read once the window has settled: WebKit frees start-up allocations lazily.
const SETTLE_MS = 1500;

async function wd(base, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60000),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

/** One window of `binary`, from the session request to whatever `ready` waits for. */
class Window {
  static async open(driver, binary) {
    const t0 = Date.now();
    const v = await wd(driver.base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application: binary } } },
    });
    const w = new Window(driver, v.sessionId, binary);
    w.t0 = t0;
    return w;
  }
  constructor(driver, sid, binary) {
    this.driver = driver;
    this.sid = sid;
    this.binary = binary;
  }
  cmd(method, path, body) {
    return wd(this.driver.base, method, `/session/${this.sid}${path}`, body);
  }
  exec(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }
  execAsync(script, ...args) {
    return this.cmd('POST', '/execute/async', { script, args });
  }
  async waitFor(check, what, timeout = 60000) {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      try {
        const v = await check();
        if (v) return v;
      } catch {}
      await sleep(20);
    }
    throw new Error(`timed out waiting for ${what}`);
  }
  /** Epoch ms at which the document finished loading (the page's own clock). */
  async loadedAt() {
    return this.waitFor(
      () =>
        this.exec(`const n = performance.getEntriesByType('navigation')[0];
          return document.readyState === 'complete' && n && n.loadEventEnd > 0 ? performance.timeOrigin + n.loadEventEnd : null;`),
      'document complete',
    );
  }
  /** Epoch ms of the app's own `list-ready` mark: the first list (or the empty state) on screen. */
  async listReadyAt() {
    return this.waitFor(
      () =>
        this.exec(`const m = performance.getEntriesByName('list-ready')[0];
          return m ? performance.timeOrigin + m.startTime : null;`),
      'the list',
    );
  }
  /** The app and every process it started (WebKit's web and network processes). */
  pids() {
    const procs = [];
    for (const p of readdirSync('/proc')) {
      if (!/^\d+$/.test(p)) continue;
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        procs.push({ pid: Number(p), ppid: Number(f[1]), pgrp: Number(f[2]), cmd: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
      } catch {}
    }
    const exe = (pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
      } catch {
        return '';
      }
    };
    const root = procs.find((p) => p.pgrp === this.driver.proc.pid && exe(p.pid) === this.binary);
    if (!root) throw new Error(`no process of ${this.binary}`);
    const tree = [root.pid];
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of procs) if (tree.includes(p.ppid) && !tree.includes(p.pid)) (tree.push(p.pid), (grew = true));
    }
    return tree;
  }
  /** Proportional set size of the whole tree, MB. */
  pssMb() {
    let kb = 0;
    for (const pid of this.pids()) {
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      if (m) kb += Number(m[1]);
    }
    return kb / 1024;
  }
  async close() {
    const pids = this.pids();
    await this.cmd('DELETE', '').catch(() => {});
    // Gone before the next launch: the next one must not meet it (single instance, CPU).
    await this.waitFor(() => pids.every((p) => !alive(p)), 'the app to exit', 15000);
  }
}

function alive(pid) {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

const figures = new Map();
function record(name, unit, value) {
  if (!figures.has(name)) figures.set(name, { unit, values: [] });
  figures.get(name).values.push(value);
}

async function minimalRound(driver) {
  const w = await Window.open(driver, MINIMAL);
  record('launch → document complete: minimal Tauri 2 app', 'ms', (await w.loadedAt()) - w.t0);
  await sleep(SETTLE_MS);
  record('memory (PSS): minimal Tauri 2 app', 'MB', w.pssMb());
  await w.close();
}

async function appLaunchRound(driver, label, { editor = false } = {}) {
  const w = await Window.open(driver, APP);
  const loaded = await w.loadedAt();
  const listed = await w.listReadyAt();
  record(`launch → document complete: Switchboard, ${label}`, 'ms', loaded - w.t0);
  record(`launch → interactive list: Switchboard, ${label}`, 'ms', listed - w.t0);
  await sleep(SETTLE_MS);
  record(`memory (PSS): Switchboard, ${label}, list`, 'MB', w.pssMb());
  if (editor) {
    record(`open an e-mail channel → form interactive (${label})`, 'ms', await openEmail(w));
    await sleep(SETTLE_MS);
    record(`memory (PSS): Switchboard, ${label}, list + one editor`, 'MB', w.pssMb());
  }
  await w.close();
}

/** Clicks an e-mail row's Open and times, in the page, click → editor fields on screen. */
async function openEmail(w) {
  return w.execAsync(`const done = arguments[arguments.length - 1];
    const btn = document.querySelector('[data-testid="channel-row"][data-kind="email"] [data-testid="channel-open"]');
    const t0 = performance.now();
    btn.click();
    (function poll() {
      const ed = document.querySelector('[data-testid="channel-editor"][data-kind="email"]');
      const name = ed && ed.querySelector('[name="general.name"]');
      if (name && !name.disabled) {
        // Two frames: the one that lays the form out, and the one after it is painted.
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
      } else requestAnimationFrame(poll);
    })();`);
}

/** Types a search over 10,000 channels with real key events; times last key → list updated. */
async function filterRound(driver, rounds) {
  const w = await Window.open(driver, APP);
  await w.listReadyAt();
  const box = (await w.cmd('POST', '/element', { using: 'css selector', value: '[data-testid="channel-search"]' }))[ELEMENT];
  for (let i = 0; i < rounds; i++) {
    const needle = String(1000 + i * 977).padStart(5, '0');
    await w.exec(`window.__lastKey = 0; const s = document.querySelector('[data-testid="channel-search"]');
      if (!s.__bench) { s.addEventListener('input', () => (window.__lastKey = performance.now())); s.__bench = true; }`);
    await w.cmd('POST', `/element/${box}/value`, { text: needle });
    const ms = await w.execAsync(`const done = arguments[arguments.length - 1]; const needle = arguments[0];
      (function poll() {
        const rows = document.querySelectorAll('[data-testid="channel-row"]');
        if (rows.length === 1 && rows[0].dataset.name.includes(needle)) {
          requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - window.__lastKey)));
        } else requestAnimationFrame(poll);
      })();`, needle);
    record('type a search over 10,000 channels → list updated (after the last key)', 'ms', ms);
    // Emptied the way a person's select-all + delete does: one input event.
    await w.exec(`const s = document.querySelector('[data-testid="channel-search"]');
      s.value = ''; s.dispatchEvent(new Event('input', { bubbles: true }));`);
    await w.waitFor(async () => (await w.exec(`return document.querySelectorAll('[data-testid="channel-row"]').length`)) > 1, 'the full list again');
  }
  await w.close();
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

const driver = await Driver.start({});
const sandboxDriver = async (dir) => Driver.start({ SWITCHBOARD_DATA_DIR: dir, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en', LC_ALL: '' });
const drivers = {
  empty: await sandboxDriver(join(DATA, 'empty')),
  c1000: await sandboxDriver(join(DATA, 'c1000')),
  c10000: await sandboxDriver(join(DATA, 'c10000')),
};
try {
  // Warm-up, not counted: page cache, fontconfig cache, the day's automatic backup.
  await minimalRound(driver);
  await appLaunchRound(drivers.empty, 'warm-up');
  await appLaunchRound(drivers.c1000, 'warm-up');
  figures.clear();
  for (let r = 0; r < ROUNDS; r++) {
    await minimalRound(driver);
    await appLaunchRound(drivers.empty, 'empty');
    await minimalRound(driver);
    await appLaunchRound(drivers.c1000, '1,000 channels', { editor: true });
    console.error(`# round ${r + 1}/${ROUNDS} done`);
  }
  await filterRound(drivers.c10000, ROUNDS);
} finally {
  for (const d of [driver, ...Object.values(drivers)]) await d.stop();
}

const rows = [];
for (const [name, { unit, values }] of figures) {
  const { min, median, max } = stats(values);
  const f = (x) => (unit === 'ms' ? Math.round(x) : x.toFixed(0));
  rows.push({ name, unit, min: f(min), median: f(median), max: f(max), n: values.length, raw: median });
}
const get = (name) => rows.find((r) => r.name === name)?.raw;
console.log(`| Figure (${ROUNDS} rounds) | min | median | max |`);
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.name} | ${r.min} ${r.unit} | ${r.median} ${r.unit} | ${r.max} ${r.unit} |`);
const base = get('launch → document complete: minimal Tauri 2 app');
const mem = get('memory (PSS): minimal Tauri 2 app');
console.log('\nRatios to the minimal Tauri 2 app (medians):');
for (const label of ['empty', '1,000 channels']) {
  const l = get(`launch → interactive list: Switchboard, ${label}`);
  const d = get(`launch → document complete: Switchboard, ${label}`);
  const m = get(`memory (PSS): Switchboard, ${label}, list`);
  console.log(`  ${label}: launch to document complete ${(d / base).toFixed(2)}×, to interactive list ${(l / base).toFixed(2)}×, memory ${(m / mem).toFixed(2)}×`);
}
const me = get('memory (PSS): Switchboard, 1,000 channels, list + one editor');
if (me) console.log(`  1,000 channels + one editor: memory ${(me / mem).toFixed(2)}×`);
