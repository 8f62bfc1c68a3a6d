// Typed wrappers over invoke(). Every failure becomes an `IpcFailure` carrying the error
// envelope (`code`, `message`, `fields`); the UI switches on `code` and never parses text.
import type { ActionKind } from './bindings/ActionKind.ts';
import type { ActionStatus } from './bindings/ActionStatus.ts';
import type { ConnectionView } from './bindings/ConnectionView.ts';
import type { FacebookPages } from './bindings/FacebookPages.ts';
import type { FacebookPicked } from './bindings/FacebookPicked.ts';
import type { TwitterStep } from './bindings/TwitterStep.ts';
import type { Health } from './bindings/Health.ts';
import type { ProviderAppView } from './bindings/ProviderAppView.ts';
import type { ProviderId } from './bindings/ProviderId.ts';
import type { Plan } from './bindings/Plan.ts';
import type { Resolution } from './bindings/Resolution.ts';
import type { ApplyReport } from './bindings/ApplyReport.ts';
import type { ApplyRecord } from './bindings/ApplyRecord.ts';
import type { PromotePreview } from './bindings/PromotePreview.ts';
import type { PromoteRequest } from './bindings/PromoteRequest.ts';
import type { PromoteReport } from './bindings/PromoteReport.ts';
import type { SyncOverview } from './bindings/SyncOverview.ts';
import type { SyncState } from './bindings/SyncState.ts';
import { Channel, invoke } from '@tauri-apps/api/core';
import type { IpcError } from './bindings/IpcError.ts';
import type { ErrorCode } from './bindings/ErrorCode.ts';
import type { Prefs } from './bindings/Prefs.ts';
import type { PrefsView } from './bindings/PrefsView.ts';
import type { AppInfo } from './bindings/AppInfo.ts';
import type { Report } from './bindings/Report.ts';
import type { ProgressEvent } from './bindings/ProgressEvent.ts';
import type { CatalogueSchema } from './bindings/CatalogueSchema.ts';
import type { ReferenceData } from './bindings/ReferenceData.ts';
import type { ListQuery } from './bindings/ListQuery.ts';
import type { ListPage } from './bindings/ListPage.ts';
import type { ChannelView } from './bindings/ChannelView.ts';
import type { SaveResult } from './bindings/SaveResult.ts';
import type { DiagnosisReport } from './bindings/DiagnosisReport.ts';
import type { JsonValue } from './bindings/serde_json/JsonValue.ts';
import type { Proposal } from './bindings/Proposal.ts';
import type { RevisionSummary } from './bindings/RevisionSummary.ts';
import type { ChangeView } from './bindings/ChangeView.ts';
import type { ExportSummary } from './bindings/ExportSummary.ts';
import type { ImportOutcome } from './bindings/ImportOutcome.ts';
import type { BulkPreview } from './bindings/BulkPreview.ts';
import type { BulkApplied } from './bindings/BulkApplied.ts';
import type { BulkUndone } from './bindings/BulkUndone.ts';
import type { Account } from './bindings/Account.ts';
import type { AccountFields } from './bindings/AccountFields.ts';
import type { AccountTestReport } from './bindings/AccountTestReport.ts';
import type { PullReport } from './bindings/PullReport.ts';
import type { UnadoptedSource } from './bindings/UnadoptedSource.ts';

// Every code the shell can send, checked against the generated type both ways: a code
// added in Rust fails svelte-check here until the UI has decided what to do with it.
const CODES = {
  internal: true,
  invalid_input: true,
  cancelled: true,
  io: true,
  keychain_unavailable: true,
  not_found: true,
  store_unavailable: true,
  busy: true,
  oauth_app_missing: true,
  oauth_reauthorize: true,
  oauth_failed: true,
  remote: true,
} as const satisfies Record<ErrorCode, true>;

export class IpcFailure extends Error {
  readonly envelope: IpcError;
  constructor(envelope: IpcError) {
    super(envelope.message.id);
    this.name = 'IpcFailure';
    this.envelope = envelope;
  }
  get code(): ErrorCode {
    return this.envelope.code;
  }
}

function isEnvelope(e: unknown): e is IpcError {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  const message = o['message'] as Record<string, unknown> | undefined;
  return (
    typeof o['code'] === 'string' &&
    Object.hasOwn(CODES, o['code']) &&
    typeof message === 'object' &&
    message !== null &&
    typeof message['id'] === 'string' &&
    Array.isArray(o['fields'])
  );
}

/** Anything thrown by invoke() as an envelope: ours as is, anything else as `internal`. */
export function decodeError(e: unknown): IpcError {
  if (e instanceof IpcFailure) return e.envelope;
  if (isEnvelope(e)) return e;
  return {
    code: 'internal',
    message: { id: 'err-internal' },
    fields: [],
    detail: e instanceof Error ? e.message : String(e),
  };
}

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw new IpcFailure(decodeError(e));
  }
}

/** A long task: stream of events, a result, and a way to cancel it. */
export interface RunningTask<T> {
  taskId: string;
  result: Promise<T>;
  cancel: () => Promise<boolean>;
}

export function startTask<T>(
  cmd: string,
  args: Record<string, unknown>,
  onEvent: (e: ProgressEvent) => void,
): RunningTask<T> {
  const taskId = crypto.randomUUID();
  const channel = new Channel<ProgressEvent>();
  channel.onmessage = onEvent;
  return {
    taskId,
    result: call<T>(cmd, { ...args, taskId, onEvent: channel }),
    cancel: () => call<boolean>('cancel_task', { taskId }),
  };
}

export const api = {
  getPrefs: () => call<PrefsView>('get_prefs'),
  setPrefs: (prefs: Prefs) => call<PrefsView>('set_prefs', { prefs }),
  appInfo: () => call<AppInfo>('app_info'),
  runDiagnostics: (onEvent: (e: ProgressEvent) => void) =>
    startTask<Report>('run_diagnostics', {}, onEvent),

  // Channels (see src-tauri/src/commands/channels.rs).
  catalogueSchema: () => call<CatalogueSchema>('catalogue_schema'),
  /** The pickers' choices for a channel of `account` (its pulled lists), else the sample. */
  referenceData: (account?: string | null) => call<ReferenceData>('reference_data', { account: account ?? null }),
  listChannels: (query: ListQuery) => call<ListPage>('list_channels', { query }),
  createChannel: (kind: string, name?: string) => call<ChannelView>('create_channel', { kind, name: name ?? null }),
  getChannel: (id: string) => call<ChannelView>('get_channel', { id }),
  /** The autosave: stores the draft whatever its problems and returns them. */
  saveChannel: (id: string, doc: JsonValue) => call<SaveResult>('save_channel', { id, doc }),
  /** Explicit save: a revision to come back to. */
  checkpointChannel: (id: string) => call<void>('checkpoint_channel', { id }),
  discardChanges: (id: string) => call<ChannelView>('discard_changes', { id }),
  /** The value goes to the vault; the reply only says which secrets are set. */
  setSecret: (id: string, path: string, value: string) => call<ChannelView>('set_secret', { id, path, value }),
  clearSecret: (id: string, path: string) => call<ChannelView>('clear_secret', { id, path }),
  deleteChannel: (id: string) => call<void>('delete_channel', { id }),
  undeleteChannel: (id: string) => call<ChannelView>('undelete_channel', { id }),
  duplicateChannel: (id: string) => call<ChannelView>('duplicate_channel', { id }),
  /** After a `store_unavailable` error: put the newest automatic backup back. Returns its date. */
  restoreNewestBackup: () => call<string>('restore_newest_backup'),

  /** Tests the mail settings ON SCREEN (`doc`, saved or not) with the channel's stored secrets. */
  testMail: (id: string, doc: JsonValue, roundTrip: boolean, onEvent: (e: ProgressEvent) => void) =>
    startTask<DiagnosisReport>('test_mail', { id, doc, roundTrip }, onEvent),
  // Revisions (see src-tauri/src/commands/history.rs).
  listRevisions: (id: string) => call<RevisionSummary[]>('list_revisions', { id }),
  revisionDiff: (rev: number) => call<ChangeView[]>('revision_diff', { rev }),
  restoreRevision: (rev: number) => call<ChannelView>('restore_revision', { rev }),

  // Files and bulk edit (see src-tauri/src/commands/transfer.rs). `ids` empty: all.
  exportChannels: (ids: string[], path: string) => call<ExportSummary>('export_channels', { ids, path }),
  importChannels: (path: string) => call<ImportOutcome>('import_channels', { path }),
  bulkPreview: (ids: string[], path: string, value: JsonValue) => call<BulkPreview>('bulk_preview', { ids, path, value }),
  bulkApply: (ids: string[], path: string, value: JsonValue) => call<BulkApplied>('bulk_apply', { ids, path, value }),
  bulkUndo: (batchId: string) => call<BulkUndone>('bulk_undo', { batchId }),

  // OAuth sign-in (see src-tauri/src/commands/oauth.rs). Tokens never come back: only
  // "connected as", expiry and health.
  oauthActionStatus: (id: string, action: ActionKind) => call<ActionStatus>('oauth_action_status', { id, action }),
  /** Signs in in the system browser and seals the token for the action's field; cancellable. */
  oauthConnect: (id: string, action: ActionKind) => {
    const taskId = crypto.randomUUID();
    return {
      taskId,
      result: call<ConnectionView>('oauth_connect', { taskId, id, action }),
      cancel: () => call<boolean>('cancel_task', { taskId }),
    };
  },
  channelConnections: (id: string) => call<ConnectionView[]>('channel_connections', { id }),
  // Facebook and Twitter/X (src-tauri/src/commands/oauth_window.rs, oauth_twitter.rs).
  /** Facebook's login window; resolves to the pages to pick from (names and ids only). */
  facebookConnect: (id: string, action: ActionKind) => {
    const taskId = crypto.randomUUID();
    return {
      taskId,
      result: call<FacebookPages>('facebook_connect', { taskId, id, action }),
      cancel: () => call<boolean>('cancel_task', { taskId }),
    };
  },
  facebookPick: (id: string, pageId: string) => call<FacebookPicked>('facebook_pick', { id, pageId }),
  socialAbandon: (id: string) => call<null>('social_abandon', { id }),
  /** Twitter in the system browser: ends by itself with a loopback callback, or asks for the PIN. */
  twitterConnect: (id: string, action: ActionKind) => {
    const taskId = crypto.randomUUID();
    return {
      taskId,
      result: call<TwitterStep>('twitter_connect', { taskId, id, action }),
      cancel: () => call<boolean>('cancel_task', { taskId }),
    };
  },
  twitterPin: (id: string, pin: string) => call<ConnectionView>('twitter_pin', { id, pin }),
  connectionHealth: () => call<[string, Health][]>('connection_health'),
  /** Provider apps of a platform account, or of the local settings (`accountId` null). */
  providerApps: (accountId: string | null) => call<ProviderAppView[]>('provider_apps', { accountId }),
  setProviderApp: (
    accountId: string | null,
    provider: ProviderId,
    clientId: string,
    clientSecret: string | null,
    baseUrl: string | null,
    redirectPort: number | null,
  ) => call<ProviderAppView>('set_provider_app', { accountId, provider, clientId, clientSecret, baseUrl, redirectPort }),

  /** The folders the channel's last successful test found (the pickers' cache). */
  cachedFolders: (id: string) => call<string[]>('cached_folders', { id }),
  /** Server settings proposed for an address; cancellable like any task. */
  autodetectMail: (email: string) => {
    const taskId = crypto.randomUUID();
    return {
      taskId,
      result: call<Proposal[]>('autodetect_mail', { taskId, email }),
      cancel: () => call<boolean>('cancel_task', { taskId }),
    };
  },

  // Platform accounts and pull (see src-tauri/src/commands/platform.rs). A token goes in
  // once and never comes back.
  listAccounts: () => call<Account[]>('list_accounts'),
  createAccount: (fields: AccountFields, token: string | null) => call<Account>('create_account', { fields, token }),
  /** `token: null` keeps the stored token. */
  updateAccount: (id: string, fields: AccountFields, token: string | null) =>
    call<Account>('update_account', { id, fields, token }),
  /** Its channels stay, as local-only channels; returns how many. */
  deleteAccount: (id: string) => call<number>('delete_account', { id }),
  /** Tests the values on screen (`token` when typed, else the stored one of `id`). */
  testAccount: (id: string | null, fields: AccountFields, token: string | null, onEvent: (e: ProgressEvent) => void) =>
    startTask<AccountTestReport>('test_account', { id, fields, token }, onEvent),
  pullAccount: (id: string, onEvent: (e: ProgressEvent) => void) => startTask<PullReport>('pull_account', { id }, onEvent),
  unadoptedSources: (id: string) => call<UnadoptedSource[]>('unadopted_sources', { id }),
  /** The account's plan (no secret in it); streamed, cancellable. */
  planAccount: (id: string, onEvent: (e: ProgressEvent) => void) => startTask<Plan>('plan_account', { id }, onEvent),
  /** Resolutions per field (`channelId`/`field` null: every conflict); returns the plan refrozen. */
  resolvePlan: (
    plan: Plan,
    resolutions: { channelId: string | null; field: string | null; resolution: Resolution }[],
    exclusions: { channelId: string; field: string | null; excluded: boolean }[] = [],
  ) => call<Plan>('resolve_plan', { plan, resolutions, exclusions }),
  /** Applies a frozen plan, or resumes its interrupted apply. */
  applyPlan: (plan: Plan, onEvent: (e: ProgressEvent) => void) => startTask<ApplyReport>('apply_plan', { plan }, onEvent),
  syncHistory: (id: string) => call<ApplyRecord[]>('sync_history', { id }),
  /** Promotion between accounts: the proposed mapping and targets (offline, from the caches). */
  promotePreview: (fromAccount: string, toAccount: string, channelIds: string[]) =>
    call<PromotePreview>('promote_preview', { fromAccount, toAccount, channelIds }),
  /** Writes the confirmed promotion into the target's drafts; review it as the target's plan. */
  promoteChannels: (request: PromoteRequest) => call<PromoteReport>('promote_channels', { request }),
  /** The tenant's web admin address and an unfinished apply to resume, if any. */
  syncOverview: (id: string) => call<SyncOverview>('sync_overview', { id }),
  /** Links a local-only channel to a platform channel; sends nothing. */
  linkChannel: (channelId: string, accountId: string, remoteId: string) =>
    call<SyncState>('link_channel', { channelId, accountId, remoteId }),
  /** Starts the demo platform inside the app and returns its account ("Demo platform"). */
  startDemo: () => call<Account>('start_demo'),
};
