// The review window when the names behind ids (teams, categories…) cannot be read: the
// review still opens, and a notice says why it shows ids, in the user's language.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';

const refs = vi.hoisted(() => ({ fail: true }));

vi.mock('../lib/ipc.ts', async (real) => {
  const ipc = await real<typeof import('../lib/ipc.ts')>();
  const envelope = { code: 'not_found', message: { id: 'store-err-account-not-found' }, fields: [] };
  return {
    ...ipc,
    api: {
      ...ipc.api,
      listAccounts: async () => [{ id: 'acc-1', label: 'Demo', environment: 'sandbox', baseUrl: 'http://127.0.0.1:1/1.0', tokenSet: true, createdAt: 0, lastPullAt: null, tokenUserEmail: null, demo: true, rateLimit: 500 }],
      catalogueSchema: async () => ({ kinds: [], variables: [] }),
      syncOverview: async () => ({ openApply: null, adminUrl: null }),
      referenceData: async () => {
        if (refs.fail) throw envelope;
        return { teams: [], categories: [] };
      },
    },
  };
});

const { default: SyncView } = await import('./SyncView.svelte');
const { locale } = await import('../lib/i18n.svelte.ts');
const { loadAccounts } = await import('../lib/platform/accounts.svelte.ts');

async function settle(until: () => boolean) {
  for (let i = 0; i < 50 && !until(); i++) {
    await new Promise((r) => setTimeout(r, 10));
    flushSync();
  }
}

describe('SyncView reference data', () => {
  let view: ReturnType<typeof mount> | null = null;
  afterEach(() => {
    if (view) unmount(view);
    view = null;
    document.body.innerHTML = '';
  });

  for (const [lang, words] of [
    ['en', 'could not be read'],
    ['fr', "n'ont pas pu être lus"],
  ] as const) {
    it(`a failed read is said, not swallowed (${lang})`, async () => {
      refs.fail = true;
      locale.lang = lang;
      await loadAccounts();
      view = mount(SyncView, { target: document.body, props: {} });
      const notice = () => document.querySelector('[data-testid="sync-refs-failed"]');
      await settle(() => notice() !== null);
      expect(notice()?.textContent).toContain(words);
      expect(notice()?.getAttribute('data-code')).toBe('not_found');
      // The cause, localized too, not an id.
      expect(notice()?.textContent).not.toContain('store-err-account-not-found');
    });
  }

  it('no notice when the names are read', async () => {
    refs.fail = false;
    locale.lang = 'en';
    await loadAccounts();
    view = mount(SyncView, { target: document.body, props: {} });
    await settle(() => document.querySelector('[data-testid="view-sync"]') !== null);
    await settle(() => false);
    expect(document.querySelector('[data-testid="sync-refs-failed"]')).toBeNull();
    expect(document.querySelector('[data-testid="view-sync"]')).not.toBeNull();
  });
});
