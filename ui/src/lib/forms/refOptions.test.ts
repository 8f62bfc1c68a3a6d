import { describe, expect, it } from 'vitest';
import { refOptions } from './refOptions.ts';
import type { ReferenceData } from '../bindings/ReferenceData.ts';

const data: ReferenceData = {
  sample: true,
  communities: [{ id: 'c1', name: 'Support' }],
  time_sheets: [],
  categories: [
    { id: 'child', name: 'Billing', parent_id: 'root' },
    { id: 'root', name: 'Finance' },
    { id: 'orphan', name: 'Lost', parent_id: 'gone' },
  ],
  locales: [{ code: 'fr', name: 'Français' }],
  channel_groups: [{ id: 'g', name: 'Group', default_capacity: 3 }],
};

describe('reference picker options', () => {
  it('orders categories as a tree, children under their parent, orphans at the top level', () => {
    expect(refOptions('categories', data, []).map((o) => `${o.depth}:${o.value}`)).toEqual(['0:root', '1:child', '0:orphan']);
  });
  it('uses locale codes as values and Twitter channel names for Twitter search', () => {
    expect(refOptions('locales', data, [])).toEqual([{ value: 'fr', label: 'Français (fr)', depth: 0 }]);
    expect(refOptions('twitter_channels', data, ['Brand'])).toEqual([{ value: 'Brand', label: 'Brand', depth: 0 }]);
    expect(refOptions('communities', null, [])).toEqual([]);
  });
  it('names entries through the label function (sample entries translated)', () => {
    const label = (id: string, name: string) => (id === 'c1' ? 'Assistance' : name);
    expect(refOptions('communities', data, [], label)).toEqual([{ value: 'c1', label: 'Assistance', depth: 0 }]);
  });
});
