// The window's size and where things sit in it, for the tests of the frame's shape:
// resizing (WebDriver's window rect, or xdotool when the driver cannot), and element
// rectangles read in the page.
import { spawnSync } from 'node:child_process';

/** Resizes the app window to `width`×`height` CSS pixels and waits until the page sees it. */
export async function resizeWindow(app, width, height) {
  const fits = async () => {
    const [w, h] = await app.exec('return [window.innerWidth, window.innerHeight]');
    return Math.abs(w - width) <= 2 && Math.abs(h - height) <= 2;
  };
  try {
    await app.cmd('POST', '/window/rect', { width, height });
  } catch (e) {
    console.log(`# note: WebDriver could not set the window rect (${e.message}); using xdotool`);
  }
  try {
    await app.waitFor(fits, { timeout: 5000, what: `a ${width}×${height} window` });
    return;
  } catch {
    // The outer size included decorations, or the driver ignored it: size the X window.
  }
  const ids = spawnSync('xdotool', ['search', '--onlyvisible', '--name', '^Switchboard$'], { encoding: 'utf8' });
  const id = ids.stdout?.trim().split('\n')[0];
  if (!id) throw new Error(`no Switchboard X window to resize (xdotool: ${ids.stderr || ids.error})`);
  spawnSync('xdotool', ['windowsize', id, String(width), String(height)]);
  await app.waitFor(fits, { what: `a ${width}×${height} window (xdotool)` });
}

/** The rectangle of the first element matching `css` (null when there is none). */
export function rectOf(app, css) {
  return app.exec(
    `const el = document.querySelector(arguments[0]);
     if (!el) return null;
     const r = el.getBoundingClientRect();
     return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };`,
    css,
  );
}
