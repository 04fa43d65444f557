import { describe, expect, it } from 'vitest';
import { extractiveSummary, planCompaction } from '../../src/memory/compaction.ts';
import { splitMarkdown } from '../../src/memory/markdown.ts';
import type { MemoryItem } from '../../src/memory/schema.ts';
import { memoryRow } from './memoryRow.ts';
import { SearchIndex } from '../../src/memory/searchIndex.ts';

const DAY = 24 * 3600 * 1000;
const item = (id: string, extra: Partial<MemoryItem> = {}): MemoryItem =>
  memoryRow(id, `memory ${id}`, { entities: ['acme'], ...extra });

describe('splitMarkdown', () => {
  it('makes one memory per paragraph and list item, under its heading, skipping front matter and code', () => {
    const chunks = splitMarkdown(
      [
        '---',
        'title: notes',
        '---',
        '# Acme',
        'Met Ana on Monday.',
        'She runs marketing.',
        '',
        '## Preferences',
        '- Prefers navy',
        '* Hates Comic Sans',
        '1. Wants weekly updates',
        '```',
        '- not a memory',
        '```',
        'Plain closing line.',
      ].join('\n'),
    );
    expect(chunks.map((c) => c.text)).toEqual([
      'Acme: Met Ana on Monday. She runs marketing.',
      'Preferences: Prefers navy',
      'Preferences: Hates Comic Sans',
      'Preferences: Wants weekly updates',
      'Preferences: Plain closing line.',
    ]);
    expect(chunks[1]!.headings).toEqual(['Acme', 'Preferences']);
  });

  it('keeps text without headings as is', () => {
    expect(splitMarkdown('one\r\n\r\ntwo').map((c) => c.text)).toEqual(['one', 'two']);
    expect(splitMarkdown('')).toEqual([]);
  });
});

describe('compaction', () => {
  const now = 365 * DAY;
  it('groups old, rarely recalled memories by entity and kind; leaves recent, popular and summaries', () => {
    const items = [
      item('a1'),
      item('a2', { createdAt: DAY }),
      item('a3', { createdAt: 2 * DAY }),
      item('popular', { recallCount: 5 }),
      item('recent', { createdAt: now - DAY }),
      item('summary', { kind: 'summary' }),
      item('archived', { archived: 1 }),
      item('b1', { entities: ['globex'] }),
      item('b2', { entities: ['globex'] }),
      item('d1', { kind: 'decision' }),
    ];
    const groups = planCompaction(items, now);
    expect(groups.map((g) => [g.entity, g.kind, g.items.map((i) => i.id)])).toEqual([
      ['acme', 'fact', ['a1', 'a2', 'a3']],
    ]);
    expect(
      planCompaction(items, now, { olderThanMs: 0, maxRecalls: 10, minGroup: 2 }).map(
        (g) => g.entity,
      ),
    ).toEqual(['acme', 'globex']);
  });

  it('summarises by the sentences that share the most words, in their order', () => {
    const summary = extractiveSummary(
      [
        'Acme wants the navy logo on every page. The weather was nice.',
        'The navy logo must be large for Acme.',
        'Lunch was at noon.',
      ],
      2,
    );
    expect(summary).toBe(
      'Acme wants the navy logo on every page. The navy logo must be large for Acme.',
    );
  });

  it('ends each chosen phrase that has no full stop, so the summary reads as sentences', () => {
    expect(extractiveSummary(['Acme pays on net 60', 'Acme wants navy!', 'Acme moved'])).toBe(
      'Acme pays on net 60. Acme wants navy! Acme moved.',
    );
  });
});

describe('keyword part of the search', () => {
  it('drops words found in most memories when the query has rarer ones, so they cannot flood it', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 100; i++) index.upsert(item(`m${i}`, { text: `client note number ${i}` }));
    index.upsert(item('rare', { text: 'client asked about the invoice' }));
    const hits = index.search({ text: 'client invoice', topK: 10 });
    expect(hits.map((h) => h.item.id)).toEqual(['rare']);
    // With only common words, they are used.
    expect(index.search({ text: 'client', topK: 200 })).toHaveLength(101);
  });
});
