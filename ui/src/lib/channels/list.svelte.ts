// The channel list's state: the query (search, filters, sort), the page it returned, and
// the rows ticked for export or bulk edit. `ChannelsView` keeps only the markup.
//
// Filters are data: each is a field of `ListQuery`, and the chips that set it are listed
// in `CHIP_GROUPS` (or built from data, like the kind chips). A new filter (sync state,
// platform account) is a key in `FILTER_KEYS` plus a group of chips; the reload, the
// "filtered" flag, the toggles and "clear filters" follow from that.
import { api, decodeError } from '../ipc.ts';
import type { ChannelSummary } from '../bindings/ChannelSummary.ts';
import type { Counts } from '../bindings/Counts.ts';
import type { IpcError } from '../bindings/IpcError.ts';
import type { KindSchema } from '../bindings/KindSchema.ts';
import type { ListPage } from '../bindings/ListPage.ts';
import type { ListQuery } from '../bindings/ListQuery.ts';
import type { SortKey } from '../bindings/SortKey.ts';

/** Rows fetched and drawn at a time; more come as the list is scrolled to its end
 * (`loadMore`). 500 rows at start cost the window ~100 MB and most of its start-up time
 * with 1,000 channels (tests/bench/app.mjs); 100 fill the tallest screen. */
export const PAGE_SIZE = 100;

/** The query fields the chips set; `null` means "any". */
export const FILTER_KEYS = ['kind', 'validity', 'active', 'health', 'sync_state', 'account'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = { [K in FilterKey]: ListQuery[K] | null };

/** One chip: pressing it sets `key` to `value`, pressing it again clears it. */
export type Chip = {
  [K in FilterKey]: {
    key: K;
    value: NonNullable<ListQuery[K]>;
    /** Fluent id of its text. */
    msgId: string;
    /** Its text as is, when it is data (an account's name), not a Fluent id. */
    text?: string;
    testId: string;
    /** How many channels it would select, when the list counts them. */
    count?: (counts: Counts) => number;
    /** Shown in the error colour (channels that need fixing). */
    alarm?: boolean;
  };
}[FilterKey];

export type ChipGroup = {
  id: string;
  /** Shown only while one of its chips counts a channel or is pressed (OAuth health:
   * nothing to show before any channel is connected). */
  onlyWhenCounted?: boolean;
  /** Fluent id of the group's accessible name. */
  msgId: string;
  chips: Chip[];
};

/** The chips that do not depend on data. Kind chips come from the catalogue (`kindChips`). */
export const CHIP_GROUPS: ChipGroup[] = [
  {
    id: 'validity',
    msgId: 'chl-filter-validity',
    chips: [
      {
        key: 'validity',
        value: 'valid',
        msgId: 'chl-validity-valid',
        testId: 'filter-validity-valid',
        count: (c) => c.by_validity['valid'] ?? 0,
      },
      {
        key: 'validity',
        value: 'invalid',
        msgId: 'chl-validity-invalid',
        testId: 'filter-validity-invalid',
        count: (c) => c.by_validity['invalid'] ?? 0,
        alarm: true,
      },
    ],
  },
  {
    id: 'active',
    msgId: 'chl-filter-active',
    chips: [
      { key: 'active', value: true, msgId: 'chl-active', testId: 'filter-active', count: (c) => c.by_active['true'] ?? 0 },
      { key: 'active', value: false, msgId: 'chl-inactive', testId: 'filter-inactive', count: (c) => c.by_active['false'] ?? 0 },
    ],
  },
  {
    // Connected tokens (OAuth): the channels whose sign-in needs attention.
    id: 'health',
    msgId: 'chl-filter-health',
    onlyWhenCounted: true,
    chips: [
      {
        key: 'health',
        value: 'expires_soon',
        msgId: 'oauth-health-expires_soon',
        testId: 'filter-health-expires-soon',
        count: (c) => c.by_health['expires_soon'] ?? 0,
      },
      {
        key: 'health',
        value: 'needs_reauthorization',
        msgId: 'oauth-health-needs_reauthorization',
        testId: 'filter-health-needs-reauthorization',
        count: (c) => c.by_health['needs_reauthorization'] ?? 0,
        alarm: true,
      },
    ],
  },
];

/** The sync states, each a chip with its count (only shown once an account exists). */
export const SYNC_CHIPS: ChipGroup = {
  id: 'sync',
  msgId: 'chl-filter-sync',
  chips: (['local', 'synced', 'modified', 'remote', 'conflict', 'error'] as const).map(
    (state): Chip => ({
      key: 'sync_state',
      value: state,
      msgId: `chl-sync-${state}`,
      testId: `filter-sync-${state}`,
      count: (c: Counts) => c.by_sync_state[state] ?? 0,
      alarm: state === 'conflict' || state === 'error',
    }),
  ),
};

/** A chip per platform account that has channels, plus "local only" (`""`). */
export function accountChips(accounts: readonly { id: string; label: string }[], counts: Counts): Chip[] {
  const chips: Chip[] = accounts
    .filter((a) => (counts.by_account[a.id] ?? 0) > 0)
    .map((a): Chip => ({
      key: 'account',
      value: a.id,
      msgId: 'chl-filter-account',
      text: a.label,
      testId: `filter-account-${a.id}`,
      count: (c: Counts) => c.by_account[a.id] ?? 0,
    }));
  if ((counts.by_account[''] ?? 0) > 0 && chips.length > 0) {
    chips.push({ key: 'account', value: '', msgId: 'chl-local-only', testId: 'filter-account-local', count: (c) => c.by_account[''] ?? 0 });
  }
  return chips;
}

/** A chip per kind that has channels (over the current search), in catalogue order. */
export function kindChips(kinds: readonly KindSchema[], counts: Counts): Chip[] {
  return kinds
    .filter((k) => (counts.by_kind[k.kind] ?? 0) > 0)
    .map((k): Chip => ({
      key: 'kind',
      value: k.kind,
      msgId: k.label,
      testId: `filter-kind-${k.kind}`,
      count: (c: Counts) => c.by_kind[k.kind] ?? 0,
    }));
}

const NO_FILTERS: Filters = { kind: null, validity: null, active: null, health: null, sync_state: null, account: null };

export type Lister = (query: ListQuery) => Promise<ListPage>;

/** A ticked row: its id, and its kind for the bulk editor. */
export type Picked = { id: string; kind: string };

export class ChannelListState {
  page = $state<ListPage | null>(null);
  error = $state<IpcError | null>(null);
  search = $state('');
  filters = $state<Filters>({ ...NO_FILTERS });
  sort = $state<SortKey>('name');
  descending = $state(false);
  selected = $state<Picked[]>([]);

  /** Whether anything narrows the list (then "no match" differs from "no channels"). */
  filtered = $derived(this.search.trim() !== '' || FILTER_KEYS.some((k) => this.filters[k] !== null));
  /** Channels over every kind, for the "All" chip. */
  totalAll = $derived(this.page ? Object.values(this.page.counts.by_kind).reduce((a, b) => a + b, 0) : 0);
  selectedIds = $derived(this.selected.map((x) => x.id));

  private readonly lister: Lister;
  // Each reload takes a number; only the newest one's answer is shown.
  private seq = 0;
  // Typing: one search in flight at a time; keys typed meanwhile make one more, with the
  // newest text, when it answers. A fixed delay after the last key (150 ms before) made
  // every search wait longer than the store takes to filter 10,000 channels.
  private loadingMore = false;
  private searching = false;
  private searchAgain = false;

  constructor(lister: Lister = api.listChannels) {
    this.lister = lister;
  }

  /** What `reload` asks the store for. */
  query(): ListQuery {
    const search = this.search.trim();
    return {
      search: search === '' ? undefined : search,
      ...this.filters,
      community: null,
      sort: this.sort,
      descending: this.descending,
      limit: PAGE_SIZE,
      offset: 0,
    };
  }

  /** Asks for the list again; a slower, older answer never overwrites a newer one. */
  async reload(): Promise<void> {
    const mine = ++this.seq;
    try {
      const next = await this.lister(this.query());
      if (mine === this.seq) {
        this.page = next;
        this.error = null;
      }
    } catch (e) {
      if (mine === this.seq) this.error = decodeError(e);
    }
  }

  /** The next page, appended (the list was scrolled to its end). Dropped when the query
   *  changed meanwhile; one at a time. */
  async loadMore(): Promise<void> {
    const shown = this.page;
    if (!shown || this.loadingMore || shown.items.length >= shown.total) return;
    this.loadingMore = true;
    const mine = this.seq;
    try {
      const next = await this.lister({ ...this.query(), offset: shown.items.length });
      if (mine === this.seq) this.page = { ...next, items: [...shown.items, ...next.items] };
    } catch (e) {
      if (mine === this.seq) this.error = decodeError(e);
    } finally {
      this.loadingMore = false;
    }
  }

  /** After a keystroke in the search box: searches at once, or right after the search
   *  in flight answers, with the text as it is then. */
  searchChanged(): void {
    if (this.searching) {
      this.searchAgain = true;
      return;
    }
    this.searching = true;
    void (async () => {
      try {
        do {
          this.searchAgain = false;
          await this.reload();
        } while (this.searchAgain);
      } finally {
        this.searching = false;
      }
    })();
  }

  /** Whether a chip group is shown (see `ChipGroup.onlyWhenCounted`). */
  shows(group: ChipGroup): boolean {
    if (!group.onlyWhenCounted) return true;
    const counts = this.page?.counts;
    return group.chips.some((c) => this.isOn(c) || (counts !== undefined && (c.count?.(counts) ?? 0) > 0));
  }

  isOn(chip: Chip): boolean {
    return this.filters[chip.key] === chip.value;
  }

  /** Presses a chip: selects its value, or clears the filter when it was selected. */
  toggle(chip: Chip): Promise<void> {
    return this.setFilter(chip.key, this.isOn(chip) ? null : chip.value);
  }

  setFilter<K extends FilterKey>(key: K, value: Filters[K]): Promise<void> {
    this.filters[key] = value;
    return this.reload();
  }

  /** A new sort key starts in its natural direction: names and kinds A→Z, dates newest first. */
  setSort(sort: SortKey): Promise<void> {
    this.sort = sort;
    this.descending = sort === 'updated_at';
    return this.reload();
  }

  toggleDescending(): Promise<void> {
    this.descending = !this.descending;
    return this.reload();
  }

  /** Back to every channel: search and every filter cleared (the sort stays). */
  clearFilters(): Promise<void> {
    this.searchAgain = false;
    this.search = '';
    this.filters = { ...NO_FILTERS };
    return this.reload();
  }

  isSelected(id: string): boolean {
    return this.selected.some((x) => x.id === id);
  }

  /** Unticks every row. */
  clearSelection(): void {
    this.selected = [];
  }

  /** Ticks every channel the query matches, not only the rows drawn so far. */
  async selectAll(): Promise<void> {
    try {
      const all = await this.lister({ ...this.query(), limit: null, offset: 0 });
      this.selected = all.items.map((c) => ({ id: c.id, kind: c.kind }));
    } catch (e) {
      this.error = decodeError(e);
    }
  }

  /** Ticks or unticks a row; ticking twice keeps one entry. */
  setSelected(c: Pick<ChannelSummary, 'id' | 'kind'>, on: boolean): void {
    const others = this.selected.filter((x) => x.id !== c.id);
    this.selected = on ? [...others, { id: c.id, kind: c.kind }] : others;
  }
}
