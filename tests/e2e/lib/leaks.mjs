// The leak scan: which files under a directory hold any of the given strings (tokens,
// secrets). Files named in `skip` (the harness's own record of what it issued) are left out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesHolding(root, needles, skip = []) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (skip.includes(p)) continue;
      if (statSync(p).isDirectory()) walk(p);
      else {
        const bytes = readFileSync(p);
        if (needles.some((n) => bytes.includes(n))) found.push(p);
      }
    }
  };
  walk(root);
  return found;
}

/** The secrets a stand-in server logged, one a line (short lines are not tokens). */
export function issuedSecrets(logFile) {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((t) => t.length > 8);
}
