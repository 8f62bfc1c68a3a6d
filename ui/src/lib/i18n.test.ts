import { describe, expect, it } from 'vitest';
import { fmt, hasMessage, locale, messageIds, setLang, t } from './i18n.svelte.ts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

describe('Fluent in the UI', () => {
  it('loads the same resources in both languages', () => {
    const fr = messageIds('fr');
    const en = messageIds('en');
    expect(en.size).toBeGreaterThan(20);
    expect([...fr].filter((id) => !en.has(id))).toEqual([]);
    expect([...en].filter((id) => !fr.has(id))).toEqual([]);
  });

  it('switches language live', () => {
    setLang('fr');
    expect(t('nav-settings')).toBe('Paramètres');
    setLang('en');
    expect(t('nav-settings')).toBe('Settings');
    expect(locale.lang).toBe('en');
  });

  it('formats Rust messages with numbers and nested messages', () => {
    setLang('en');
    const out = fmt({
      id: 'err-keychain-unavailable',
      args: { cause: 'no D-Bus', hint: { id: 'err-keychain-hint-linux' } },
    });
    expect(out).toContain('no D-Bus');
    expect(out).toContain('GNOME Keyring');
    expect(fmt({ id: 'err-number-range', args: { min: 1, max: 65535 } })).toMatch(/65,?535/);
  });

  it('every id the UI source uses literally exists', () => {
    const used: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) {
          if (name !== 'bindings') walk(p);
        } else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts')) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/\b(?:t|msgId)\s*[:(]\s*['"`]([a-z][a-z0-9-]*)['"`]/g)) used.push(m[1]!);
        }
      }
    };
    walk(join(__dirname, '..'));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((id) => !hasMessage(id, 'en') || !hasMessage(id, 'fr'))).toEqual([]);
  });
});
