import { describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  Channel: class {
    onmessage: (e: unknown) => void = () => {};
  },
}));

const { call, decodeError, IpcFailure } = await import('./ipc.ts');

describe('decodeError', () => {
  it('keeps a well-formed envelope as is', () => {
    const env = {
      code: 'invalid_input',
      message: { id: 'err-invalid-input' },
      fields: [{ path: 'imap.port', message: { id: 'err-number-range', args: { min: 1, max: 65535 } } }],
    };
    expect(decodeError(env)).toEqual(env);
  });

  it('turns a bare string or an unknown code into an internal error with detail', () => {
    expect(decodeError('boom')).toEqual({
      code: 'internal',
      message: { id: 'err-internal' },
      fields: [],
      detail: 'boom',
    });
    expect(decodeError({ code: 'made_up', message: { id: 'x' }, fields: [] }).code).toBe('internal');
  });
});

describe('call', () => {
  it('rejects with an IpcFailure carrying the envelope', async () => {
    invoke.mockRejectedValueOnce({ code: 'io', message: { id: 'err-io', args: { path: '/x' } }, fields: [] });
    const err = await call('set_prefs', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcFailure);
    expect((err as InstanceType<typeof IpcFailure>).code).toBe('io');
  });

  it('resolves with the command result', async () => {
    invoke.mockResolvedValueOnce({ version: '1' });
    await expect(call('app_info')).resolves.toEqual({ version: '1' });
  });
});
