// The platform accounts, known app-wide: the accounts view edits them, the channel list
// and the editor show each linked channel's account as a coloured environment badge, so
// nobody pushes to production believing it is the sandbox.
import { api } from '../ipc.ts';
import type { Account } from '../bindings/Account.ts';

export const accounts = $state<{ list: Account[]; loaded: boolean }>({ list: [], loaded: false });

/** Reloads the list (after any change, and once at start). */
export async function loadAccounts(list: () => Promise<Account[]> = api.listAccounts): Promise<void> {
  accounts.list = await list();
  accounts.loaded = true;
}

export function accountById(id: string | null | undefined): Account | undefined {
  return id ? accounts.list.find((a) => a.id === id) : undefined;
}
