// The choices of a reference picker, from the reference-data cache (or, for a Twitter
// search channel, the local Twitter channels, referred to by name).
import type { RefSource } from '../bindings/RefSource.ts';
import type { ReferenceData } from '../bindings/ReferenceData.ts';
import type { Category } from '../bindings/Category.ts';

export interface RefOption {
  value: string;
  label: string;
  depth: number;
}

/** Categories are a tree: parents first, children indented under them. */
function categoryTree(all: Category[], label: (id: string, name: string) => string): RefOption[] {
  const out: RefOption[] = [];
  const ids = new Set(all.map((c) => c.id));
  const walk = (parent: string | undefined, depth: number) => {
    for (const c of all) {
      const p = c.parent_id && ids.has(c.parent_id) ? c.parent_id : undefined;
      if (p !== parent) continue;
      out.push({ value: c.id, label: label(c.id, c.name), depth });
      if (depth < 10) walk(c.id, depth + 1);
    }
  };
  walk(undefined, 0);
  return out;
}

/** A bundled sample entry (never an id a platform knows): `sample-…`. */
export const isSampleId = (id: string): boolean => id.startsWith('sample-');

/** `label(id, name)` names an entry: the pickers pass one that translates the sample
 *  entries (`ref-sample-…` messages), which are shipped in English only as data. */
export function refOptions(
  source: RefSource,
  data: ReferenceData | null,
  twitterChannels: string[],
  label: (id: string, name: string) => string = (_, name) => name,
): RefOption[] {
  const flat = (items: { id: string; name: string }[]) => items.map((i) => ({ value: i.id, label: label(i.id, i.name), depth: 0 }));
  switch (source) {
    case 'twitter_channels':
      return twitterChannels.map((n) => ({ value: n, label: n, depth: 0 }));
    case 'communities':
      return flat(data?.communities ?? []);
    case 'time_sheets':
      return flat(data?.time_sheets ?? []);
    case 'channel_groups':
      return flat(data?.channel_groups ?? []);
    case 'categories':
      return categoryTree(data?.categories ?? [], label);
    case 'locales':
      return (data?.locales ?? []).map((l) => ({ value: l.code, label: `${l.name} (${l.code})`, depth: 0 }));
  }
}
