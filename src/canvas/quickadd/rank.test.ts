import { describe, expect, it } from 'vitest';
import { paletteGroups } from '../../nodes/index.ts';
import { quickEntries } from './entries.ts';
import { rank } from './rank.ts';

const entries = quickEntries(paletteGroups);
const titles = (query: string) => rank(entries, query).map((e) => e.title);

describe('quick-add entries', () => {
  it('offer every node kind of the registry once, and commands the key table knows', () => {
    const kinds = paletteGroups.flatMap((g) => g.items.map((i) => i.kind));
    const offered = entries.flatMap((e) => (e.type === 'node' ? [e.kind] : []));
    expect(offered.sort()).toEqual([...kinds].sort());
    for (const e of entries) if (e.type === 'command') expect(e.keys.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });
});

describe('rank', () => {
  it('lists everything, nodes first, for an empty query', () => {
    expect(titles('')).toHaveLength(entries.length);
    expect(rank(entries, '  ')[0]?.type).toBe('node');
  });

  it('puts a title that starts with the query first', () => {
    expect(titles('app')[0]).toBe('Approval');
    expect(titles('tra')[0]).toBe('Transform');
    expect(titles('LAYOUT')[0]).toBe('Auto-layout');
  });

  it('finds entries by words of their description, and ranks title matches above them', () => {
    expect(titles('llm')).toEqual(['Agent']);
    const email = titles('email');
    expect(email[0]).toBe('Capability');
    expect(titles('join')[0]).toBe('Join'); // Parallel mentions a Join node, but lower
    expect(titles('join')).toContain('Parallel');
  });

  it('needs every word to match', () => {
    expect(titles('fit view')).toEqual(['Fit view']);
    expect(titles('fit zzz')).toEqual([]);
    expect(titles('qqqq')).toEqual([]);
  });

  it('tolerates missing letters in a title word', () => {
    expect(titles('aprvl')).toEqual(['Approval']);
    expect(titles('cndtn')).toEqual(['Condition']);
  });
});
