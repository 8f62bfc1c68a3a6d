// Export and import through the system's Save/Open dialogs, and what they last said. The
// buttons live in the list's toolbar and the selection bar, the messages in a banner under
// the toolbar (`TransferMessages`): a message never pushes into the toolbar's row.
import { open, save } from '@tauri-apps/plugin-dialog';
import { api, decodeError } from '../ipc.ts';
import { t } from '../i18n.svelte.ts';
import type { ImportOutcome } from '../bindings/ImportOutcome.ts';
import type { IpcError } from '../bindings/IpcError.ts';

export const transfer = $state<{
  note: string | null;
  /** An export of channels still on sample reference data says so (issue 12, item 7). */
  sampleNote: string | null;
  outcome: ImportOutcome | null;
  error: IpcError | null;
}>({
  note: null,
  sampleNote: null,
  outcome: null,
  error: null,
});

const filters = () => [{ name: t('xfer-file-filter'), extensions: ['json'] }];

/** Clears the last message (its banner's close button). */
export function dismissTransfer(): void {
  transfer.note = null;
  transfer.sampleNote = null;
  transfer.outcome = null;
  transfer.error = null;
}

/** Exports `ids` (every channel when empty) to a file the user picks. Never carries secrets. */
export async function exportTo(ids: string[]): Promise<void> {
  dismissTransfer();
  const path = await save({ defaultPath: 'switchboard-channels.json', filters: filters() });
  if (!path) return;
  try {
    const s = await api.exportChannels(ids, path);
    transfer.note = t('xfer-exported', { channels: s.channels, path: s.path, secrets: s.secretsLeftOut });
    if (s.sampleData.length > 0) {
      transfer.sampleNote = t('state-export-sample', { count: s.sampleData.length, names: s.sampleData.join(', ') });
    }
  } catch (e) {
    transfer.error = decodeError(e);
  }
}

/** Imports a file the user picks; `onChanged` runs when channels were added. */
export async function importFrom(onChanged: () => void): Promise<void> {
  dismissTransfer();
  const path = await open({ multiple: false, directory: false, filters: filters() });
  if (typeof path !== 'string') return;
  try {
    transfer.outcome = await api.importChannels(path);
    if (transfer.outcome.outcome === 'imported') onChanged();
  } catch (e) {
    transfer.error = decodeError(e);
  }
}
