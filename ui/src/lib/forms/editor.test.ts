import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DELAY_MS, EditorState, type Saver } from './editor.svelte.ts';
import type { ChannelView } from '../bindings/ChannelView.ts';
import type { KindSchema } from '../bindings/KindSchema.ts';
import type { JsonValue } from '../bindings/serde_json/JsonValue.ts';

const kind: KindSchema = { kind: 'viber', label: 'kind-viber', help: 'kind-viber-help', two_step: false, smart_closing: false, sections: [] };
const view: ChannelView = {
  channel: {
    id: 'c1',
    kind: 'viber',
    doc: { kind: 'viber', general: { name: 'A' } },
    meta: { name: 'A', community: null, active: true, validity: 'invalid' },
    sync_state: 'local',
    account_id: null,
    remote_id: null,
    created_at: 0,
    updated_at: 0,
    draft_seq: 1,
  },
  secretsSet: [],
  problems: [{ path: 'general.name', message: { id: 'err-required' } }],
  unsaved: false,
};

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces a burst of edits into one save, well within 300 ms of the last change', async () => {
    const saved: JsonValue[] = [];
    const saver: Saver = async (_id, doc) => {
      saved.push(doc);
      return { draftSeq: saved.length + 1, problems: [] };
    };
    const ed = new EditorState(view, { kinds: [kind], variables: [] }, kind, saver);
    ed.set('general.name', 'B');
    ed.set('general.name', 'Bo');
    ed.set('imap.port', 70000);
    expect(ed.status).toBe('pending');
    expect(ed.get('general.name')).toBe('Bo');
    expect(AUTOSAVE_DELAY_MS).toBeLessThanOrEqual(250);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saved).toEqual([{ kind: 'viber', general: { name: 'Bo' }, imap: { port: 70000 } }]);
    expect(ed.status).toBe('saved');
    // The problems on screen are the last save's.
    expect(ed.problems).toEqual([]);
  });

  it('an edit during a save is saved after it, and its document wins', async () => {
    const saved: JsonValue[] = [];
    let release: () => void = () => {};
    const saver: Saver = (_id, doc) => {
      saved.push(doc);
      const n = saved.length;
      return new Promise((ok) => {
        release = () => ok({ draftSeq: n, problems: n === 1 ? [{ path: 'x', message: { id: 'err-required' } }] : [] });
      });
    };
    const ed = new EditorState(view, { kinds: [kind], variables: [] }, kind, saver);
    ed.set('general.name', 'first');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(ed.status).toBe('saving');
    ed.set('general.name', 'second');
    const flushed = ed.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await flushed;
    expect(saved.map((d) => (d as { general: { name: string } }).general.name)).toEqual(['first', 'second']);
    expect(ed.problems).toEqual([]);
    expect(ed.status).toBe('saved');
  });

  it('a failed save shows the error envelope and keeps the document', async () => {
    const saver: Saver = () => Promise.reject({ code: 'store_unavailable', message: { id: 'err-internal' }, fields: [] });
    const ed = new EditorState(view, { kinds: [kind], variables: [] }, kind, saver);
    ed.set('general.name', 'kept');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(ed.status).toBe('error');
    expect(ed.error?.code).toBe('store_unavailable');
    expect(ed.get('general.name')).toBe('kept');
  });
});
