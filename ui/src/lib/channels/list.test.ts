import { describe, expect, it, vi } from 'vitest';
import {
  CHIP_GROUPS,
  ChannelListState,
  FILTER_KEYS,
  PAGE_SIZE,
  kindChips,
  type Chip,
  type Lister,
} from './list.svelte.ts';
import type { KindSchema } from '../bindings/KindSchema.ts';
import type { ListPage } from '../bindings/ListPage.ts';
import type { ListQuery } from '../bindings/ListQuery.ts';

function page(names: string[], byKind: Record<string, number> = { email: names.length }): ListPage {
  return {
    items: names.map((name, i) => ({
      id: `c${i}`,
      kind: 'email',
      name,
      community: null,
      active: true,
      validity: 'valid',
      sync_state: 'local',
      account_id: null,
      remote_id: null,
      updated_at: 0,
      secrets_to_reenter: false,
      colour: null,
      unsaved: false,
      saved_name: null,
    })),
    total: names.length,
    counts: { by_kind: byKind, by_validity: { valid: names.length }, by_health: {}, by_sync_state: {}, by_account: {}, by_active: {} },
  };
}

/** A lister that records each query and answers when the test says so. */
function controlled() {
  const queries: ListQuery[] = [];
  const pending: { ok: (p: ListPage) => void; fail: (e: unknown) => void }[] = [];
  const lister: Lister = (q) => {
    queries.push(q);
    return new Promise((ok, fail) => pending.push({ ok, fail }));
  };
  return { lister, queries, pending };
}

const instant = (p: ListPage = page(['A'])) => {
  const queries: ListQuery[] = [];
  const lister: Lister = async (q) => {
    queries.push(q);
    return p;
  };
  return { lister, queries };
};

const chip = (testId: string): Chip => {
  const found = CHIP_GROUPS.flatMap((g) => g.chips).find((c) => c.testId === testId);
  if (!found) throw new Error(`no chip ${testId}`);
  return found;
};

describe('the query', () => {
  it('asks for one page with the trimmed search, the filters and the sort', async () => {
    const { lister, queries } = instant();
    const list = new ChannelListState(lister);
    await list.reload();
    expect(queries[0]).toEqual({
      search: undefined,
      kind: null,
      health: null,
      validity: null,
      active: null,
      sync_state: null,
      account: null,
      community: null,
      sort: 'name',
      descending: false,
      limit: PAGE_SIZE,
      offset: 0,
    });
    list.search = '  sup ';
    await list.setFilter('kind', 'email');
    await list.toggle(chip('filter-inactive'));
    await list.setSort('updated_at');
    expect(queries.at(-1)).toMatchObject({ search: 'sup', kind: 'email', active: false, sort: 'updated_at', descending: true });
  });

  it('a date sort starts with the newest; names and kinds start from A', async () => {
    const { lister, queries } = instant();
    const list = new ChannelListState(lister);
    await list.setSort('updated_at');
    expect(queries.at(-1)).toMatchObject({ sort: 'updated_at', descending: true });
    await list.toggleDescending();
    expect(queries.at(-1)).toMatchObject({ sort: 'updated_at', descending: false });
    await list.setSort('name');
    expect(queries.at(-1)).toMatchObject({ sort: 'name', descending: false });
    await list.setSort('kind');
    expect(queries.at(-1)).toMatchObject({ sort: 'kind', descending: false });
  });

  it('select all ticks every channel the query matches, beyond the rows drawn; clear unticks them', async () => {
    const { lister, queries } = instant(page(['A', 'B', 'C']));
    const list = new ChannelListState(lister);
    await list.setFilter('kind', 'email');
    await list.selectAll();
    expect(queries.at(-1)).toMatchObject({ kind: 'email', limit: null, offset: 0 });
    expect(list.selectedIds).toEqual(['c0', 'c1', 'c2']);
    list.clearSelection();
    expect(list.selectedIds).toEqual([]);
  });

  it('a chip pressed twice clears its filter, and each press reloads', async () => {
    const { lister, queries } = instant();
    const list = new ChannelListState(lister);
    expect(list.filtered).toBe(false);
    await list.toggle(chip('filter-validity-invalid'));
    expect(list.isOn(chip('filter-validity-invalid'))).toBe(true);
    expect(list.isOn(chip('filter-validity-valid'))).toBe(false);
    expect(list.filtered).toBe(true);
    await list.toggle(chip('filter-validity-invalid'));
    expect(list.filters.validity).toBeNull();
    expect(list.filtered).toBe(false);
    expect(queries.map((q) => q.validity)).toEqual(['invalid', null]);
  });

  it('clearing the filters empties the search and every filter but keeps the sort', async () => {
    const { lister, queries } = instant();
    const list = new ChannelListState(lister);
    list.search = 'x';
    await list.setFilter('kind', 'email');
    await list.toggle(chip('filter-active'));
    await list.setSort('kind');
    await list.clearFilters();
    expect(list.filtered).toBe(false);
    expect(queries.at(-1)).toMatchObject({ search: undefined, kind: null, active: null, validity: null, sort: 'kind' });
  });
});

describe('reload', () => {
  it('a slower, older answer never overwrites a newer one', async () => {
    const { lister, pending } = controlled();
    const list = new ChannelListState(lister);
    const first = list.reload();
    const second = list.reload();
    pending[1]!.ok(page(['new']));
    await second;
    pending[0]!.ok(page(['old']));
    await first;
    expect(list.page?.items.map((c) => c.name)).toEqual(['new']);
  });

  it('a late failure of an older request neither shows nor clears an error', async () => {
    const { lister, pending } = controlled();
    const list = new ChannelListState(lister);
    const first = list.reload();
    const second = list.reload();
    pending[1]!.ok(page(['new']));
    await second;
    pending[0]!.fail({ code: 'busy', message: { id: 'store-err-busy' }, fields: [] });
    await first;
    expect(list.error).toBeNull();
    expect(list.page?.items.length).toBe(1);
  });

  it('a failure shows the envelope; the next success clears it and keeps the page', async () => {
    let fail = true;
    const lister: Lister = async () => {
      if (fail) throw { code: 'store_unavailable', message: { id: 'store-err-open-failed' }, fields: [] };
      return page(['A']);
    };
    const list = new ChannelListState(lister);
    await list.reload();
    expect(list.error?.code).toBe('store_unavailable');
    expect(list.page).toBeNull();
    fail = false;
    await list.reload();
    expect(list.error).toBeNull();
    expect(list.page?.total).toBe(1);
    expect(list.totalAll).toBe(1);
  });

  describe('while typing', () => {
    it('searches at the first key; keys typed meanwhile make one more search, with the newest text', async () => {
      const { lister, queries, pending } = controlled();
      const list = new ChannelListState(lister);
      for (const text of ['s', 'su', 'sup']) {
        list.search = text;
        list.searchChanged();
      }
      expect(queries.map((q) => q.search)).toEqual(['s']);
      pending[0]!.ok(page(['s…']));
      await vi.waitFor(() => expect(queries.map((q) => q.search)).toEqual(['s', 'sup']));
      pending[1]!.ok(page(['Support']));
      await vi.waitFor(() => expect(list.page?.items.map((c) => c.name)).toEqual(['Support']));
      // Idle again: the next key searches at once.
      list.search = 'supp';
      list.searchChanged();
      expect(queries.map((q) => q.search)).toEqual(['s', 'sup', 'supp']);
    });

    it('clearing the filters drops a search still to come', async () => {
      const { lister, queries, pending } = controlled();
      const list = new ChannelListState(lister);
      list.search = 'a';
      list.searchChanged();
      list.search = 'abc';
      list.searchChanged();
      const cleared = list.clearFilters();
      pending[0]!.ok(page(['a']));
      pending[1]!.ok(page(['all']));
      await cleared;
      await new Promise((r) => setTimeout(r, 0));
      expect(queries.map((q) => q.search)).toEqual(['a', undefined]);
      expect(list.page?.items.map((c) => c.name)).toEqual(['all']);
    });
  });
});

describe('more rows', () => {
  it('appends the next page of the same query, once at a time, until all are shown', async () => {
    const { lister, queries, pending } = controlled();
    const list = new ChannelListState(lister);
    list.search = 'x';
    const first = list.reload();
    pending[0]!.ok({ ...page(['A', 'B']), total: 3 });
    await first;
    const more = list.loadMore();
    void list.loadMore();
    expect(queries.length).toBe(2);
    expect(queries[1]).toMatchObject({ search: 'x', offset: 2, limit: PAGE_SIZE });
    pending[1]!.ok({ ...page(['C']), total: 3 });
    await more;
    expect(list.page?.items.map((c) => c.name)).toEqual(['A', 'B', 'C']);
    await list.loadMore();
    expect(queries.length).toBe(2);
  });

  it('a page asked for before the query changed is dropped', async () => {
    const { lister, pending } = controlled();
    const list = new ChannelListState(lister);
    const first = list.reload();
    pending[0]!.ok({ ...page(['A']), total: 2 });
    await first;
    const more = list.loadMore();
    const again = list.setFilter('kind', 'email');
    pending[2]!.ok(page(['E']));
    await again;
    pending[1]!.ok({ ...page(['B']), total: 2 });
    await more;
    expect(list.page?.items.map((c) => c.name)).toEqual(['E']);
  });
});

describe('selection', () => {
  it('ticks and unticks rows, once each, keeping their kinds for the bulk editor', () => {
    const list = new ChannelListState(instant().lister);
    list.setSelected({ id: 'a', kind: 'email' }, true);
    list.setSelected({ id: 'b', kind: 'viber' }, true);
    list.setSelected({ id: 'a', kind: 'email' }, true);
    expect(list.selected).toEqual([
      { id: 'b', kind: 'viber' },
      { id: 'a', kind: 'email' },
    ]);
    expect(list.selectedIds).toEqual(['b', 'a']);
    expect(list.isSelected('a')).toBe(true);
    list.setSelected({ id: 'a', kind: 'email' }, false);
    expect(list.selectedIds).toEqual(['b']);
    expect(list.isSelected('a')).toBe(false);
  });

  it('survives a reload (the rows ticked stay ticked)', async () => {
    const list = new ChannelListState(instant().lister);
    list.setSelected({ id: 'c0', kind: 'email' }, true);
    await list.toggle(chip('filter-active'));
    expect(list.selectedIds).toEqual(['c0']);
  });
});

describe('chips', () => {
  const kind = (k: KindSchema['kind']): KindSchema => ({ kind: k, label: `kind-${k}`, help: '', two_step: false, smart_closing: false, sections: [] });

  it('one kind chip per kind that has channels, in catalogue order, with its count', () => {
    const counts = { by_kind: { viber: 2, email: 5 }, by_validity: {}, by_health: {}, by_sync_state: {}, by_account: {}, by_active: {} };
    const chips = kindChips([kind('email'), kind('twitter'), kind('viber')], counts);
    expect(chips.map((c) => [c.testId, c.value, c.count?.(counts)])).toEqual([
      ['filter-kind-email', 'email', 5],
      ['filter-kind-viber', 'viber', 2],
    ]);
  });

  it('every chip sets a known filter, and test ids are unique', () => {
    const chips = CHIP_GROUPS.flatMap((g) => g.chips);
    for (const c of chips) expect(FILTER_KEYS).toContain(c.key);
    expect(new Set(chips.map((c) => c.testId)).size).toBe(chips.length);
  });
});

describe('connection health chips', () => {
  const health = CHIP_GROUPS.find((g) => g.id === 'health')!;

  it('show only once a channel is counted, and filter the query', async () => {
    const none = new ChannelListState(instant().lister);
    await none.reload();
    expect(none.shows(health)).toBe(false);

    const p = page(['A']);
    p.counts.by_health = { needs_reauthorization: 1 };
    const { lister, queries } = instant(p);
    const list = new ChannelListState(lister);
    await list.reload();
    expect(list.shows(health)).toBe(true);
    await list.toggle(chip('filter-health-needs-reauthorization'));
    expect(queries.at(-1)?.health).toBe('needs_reauthorization');
    expect(list.filtered).toBe(true);
    await list.clearFilters();
    expect(queries.at(-1)?.health).toBeNull();
  });
});

describe('sync and account chips', () => {
  const counts = {
    by_kind: {},
    by_validity: {},
    by_health: {},
    by_sync_state: { synced: 7, conflict: 2 },
    by_account: { a1: 9, '': 3 },
    by_active: {},
  };
  it('count each sync state and mark the ones that need attention', async () => {
    const { SYNC_CHIPS } = await import('./list.svelte.ts');
    const byValue = Object.fromEntries(SYNC_CHIPS.chips.map((c) => [String(c.value), c]));
    expect(byValue['synced']!.count!(counts)).toBe(7);
    expect(byValue['remote']!.count!(counts)).toBe(0);
    expect(byValue['conflict']!.alarm).toBe(true);
    expect(SYNC_CHIPS.chips.map((c) => c.value)).toEqual(['local', 'synced', 'modified', 'remote', 'conflict', 'error']);
  });
  it('offer one chip per account with channels, then "local only"', async () => {
    const { accountChips } = await import('./list.svelte.ts');
    const chips = accountChips([{ id: 'a1', label: 'Prod' }, { id: 'a2', label: 'Empty' }], counts);
    expect(chips.map((c) => [c.value, c.text, c.count!(counts)])).toEqual([
      ['a1', 'Prod', 9],
      ['', undefined, 3],
    ]);
  });
});
