// Typed wrappers over invoke(). Every failure becomes an `IpcFailure` carrying the error
// envelope (`code`, `message`, `fields`); the UI switches on `code` and never parses text.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { IpcError } from './bindings/IpcError.ts';
import type { ErrorCode } from './bindings/ErrorCode.ts';
import type { Prefs } from './bindings/Prefs.ts';
import type { PrefsView } from './bindings/PrefsView.ts';
import type { AppInfo } from './bindings/AppInfo.ts';
import type { Report } from './bindings/Report.ts';
import type { ProgressEvent } from './bindings/ProgressEvent.ts';

const CODES: readonly ErrorCode[] = [
  'internal',
  'invalid_input',
  'cancelled',
  'io',
  'keychain_unavailable',
];

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
    (CODES as readonly string[]).includes(o['code']) &&
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
};
