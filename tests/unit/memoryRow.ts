import type { MemoryItem } from '../../src/memory/schema.ts';

/** A stored memory row as the app writes one: a fact added by hand, never recalled. */
export const memoryRow = (
  id: string,
  text: string,
  extra: Partial<MemoryItem> = {},
): MemoryItem => ({
  id,
  text,
  kind: 'fact',
  entities: [],
  tags: [],
  source: { type: 'user' },
  createdAt: 0,
  updatedAt: 0,
  recallCount: 0,
  lastRecalledAt: null,
  archived: 0,
  summaryId: null,
  ...extra,
});
