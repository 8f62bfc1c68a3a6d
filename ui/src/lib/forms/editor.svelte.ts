// The open channel: its document in memory, the problems of the last save, which secrets
// are set, and the autosave. Every change is written to the document at once and saved
// 200 ms after the last keystroke (the store promises "within 300 ms"); saves never
// overlap, and the newest document always wins.
import { getContext, setContext } from 'svelte';
import { api, decodeError } from '../ipc.ts';
import type { CatalogueSchema } from '../bindings/CatalogueSchema.ts';
import type { ChannelView } from '../bindings/ChannelView.ts';
import type { FieldMsg } from '../bindings/FieldMsg.ts';
import type { IpcError } from '../bindings/IpcError.ts';
import type { KindSchema } from '../bindings/KindSchema.ts';
import type { ReferenceData } from '../bindings/ReferenceData.ts';
import type { SaveResult } from '../bindings/SaveResult.ts';
import type { JsonValue } from '../bindings/serde_json/JsonValue.ts';
import { getPath, isObject, setPath, type JsonObject } from './path.ts';
import { impliedBy } from './implied.ts';
import { withDefaults, type Lookup } from './rules.ts';

export const AUTOSAVE_DELAY_MS = 200;

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export type Saver = (id: string, doc: JsonValue) => Promise<SaveResult>;

export class EditorState {
  readonly id: string;
  readonly kind: KindSchema;
  readonly catalogue: CatalogueSchema;
  doc = $state<JsonObject>({});
  problems = $state<FieldMsg[]>([]);
  secretsSet = $state<string[]>([]);
  status = $state<SaveStatus>('saved');
  error = $state<IpcError | null>(null);
  refData = $state<ReferenceData | null>(null);
  /** Local Twitter channels' names, for a Twitter search channel's reply channel. */
  twitterChannels = $state<string[]>([]);
  /** Values offered to a field by something other than the schema (mail folders). */
  suggestions = $state<Record<string, string[]>>({});
  /** Fields whose value a connection test confirms (mail folders): typed ones are marked
   *  "not yet confirmed" until a test lists them. */
  confirmable = $state<string[]>([]);
  /** Fields a connection test says to check: highlighted until the next test. */
  attention = $state<string[]>([]);
  /** The draft differs from the last saved revision (autosaved, not saved yet). */
  unsaved = $state(false);
  /** Something was changed since the editor opened (a new channel left untouched is
   *  not kept). */
  touched = $state(false);

  /** Problems by exact path. */
  byPath = $derived.by(() => {
    const m = new Map<string, FieldMsg[]>();
    for (const p of this.problems) {
      const list = m.get(p.path);
      if (list) list.push(p);
      else m.set(p.path, [p]);
    }
    return m;
  });

  /** Reads as the validator does: a missing setting is its default. */
  readonly lookup: Lookup = (path) => withDefaults(this.doc, this.kind)(path);

  /** Secrets typed but not stored yet, by path: the main Save (and leaving) stores them,
   *  so that a typed secret is never dropped. Each function throws if it could not. */
  private readonly typedSecrets = new Map<string, () => Promise<void>>();

  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private dirty = false;
  private readonly saver: Saver;

  constructor(view: ChannelView, catalogue: CatalogueSchema, kind: KindSchema, saver: Saver = api.saveChannel) {
    this.id = view.channel.id;
    this.kind = kind;
    this.catalogue = catalogue;
    this.saver = saver;
    this.doc = isObject(view.channel.doc) ? view.channel.doc : { kind: kind.kind };
    this.problems = view.problems;
    this.secretsSet = view.secretsSet;
    this.unsaved = view.unsaved;
  }

  get(path: string): JsonValue | undefined {
    return getPath(this.doc, path);
  }

  /** A change from a widget: into the document now, to the store shortly. */
  set(path: string, value: JsonValue): void {
    setPath(this.doc, path, value);
    for (const [p, v] of Object.entries(impliedBy(path, value))) setPath(this.doc, p, v);
    this.changed();
  }

  /** For widgets that changed the document in place (lists: add, remove, move). */
  changed(): void {
    this.status = 'pending';
    this.unsaved = true;
    this.touched = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveNow(), AUTOSAVE_DELAY_MS);
  }

  problemsAt(path: string): FieldMsg[] {
    return this.byPath.get(path) ?? [];
  }

  /** Saves now (or after the save in flight); resolves when the newest document is stored. */
  saveNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty = true;
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  /** Waits for pending and in-flight saves (before leaving the editor). */
  async flush(): Promise<void> {
    if (this.timer) await this.saveNow();
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      this.status = 'saving';
      const doc = $state.snapshot(this.doc as unknown) as JsonValue;
      try {
        const result = await this.saver(this.id, doc);
        this.problems = result.problems;
        this.error = null;
      } catch (e) {
        this.error = decodeError(e);
      }
    }
    // A keystroke during the save has already scheduled the next one: stay "pending".
    if (!this.timer) this.status = this.error ? 'error' : 'saved';
  }

  /** A secret field holds a typed value (`store`), or none any more (`null`). */
  holdSecret(path: string, store: (() => Promise<void>) | null): void {
    if (store) this.typedSecrets.set(path, store);
    else this.typedSecrets.delete(path);
  }

  /** Whether a typed secret waits to be stored. */
  get hasTypedSecrets(): boolean {
    return this.typedSecrets.size > 0;
  }

  /** Stores every typed secret (the main Save, leaving the editor); throws the first
   *  failure, the others stay typed. */
  async storeTypedSecrets(): Promise<void> {
    for (const [path, store] of [...this.typedSecrets]) {
      await store();
      this.typedSecrets.delete(path);
    }
  }

  /** After a secret changed: the backend re-validated the stored draft. */
  applyView(view: ChannelView): void {
    this.secretsSet = view.secretsSet;
    this.touched = true;
    // The stored draft may lag behind the screen; only take its problems when nothing
    // is waiting to be saved.
    if (!this.timer && !this.running) this.problems = view.problems;
    else void this.saveNow();
  }
}

const KEY = Symbol('channel-editor');

export function provideEditor(ed: EditorState): void {
  setContext(KEY, ed);
}

export function useEditor(): EditorState {
  const ed = getContext<EditorState | undefined>(KEY);
  if (!ed) throw new Error('field widgets live inside a channel editor');
  return ed;
}
