import { extractiveSummary, planCompaction, type CompactionPolicy } from './compaction.ts';
import type { MemoryCore } from './core.ts';
import { memoryItemSchema, type MemoryItem } from './schema.ts';
import { parse } from './validate.ts';
import { embedOrDefer } from './vectors.ts';

/** Writes a summary of a group's texts (an agent); the extractive summary is the fallback. */
export type Summarize = (texts: string[]) => Promise<string>;

/**
 * Archives old, rarely recalled memories behind one summary per topic. `summarize` (an agent)
 * writes the summary when given, else the summary is extractive. Returns the summaries made.
 */
export async function compact(
  core: MemoryCore,
  policy?: CompactionPolicy,
  summarize?: Summarize,
): Promise<MemoryItem[]> {
  const { db } = core;
  await core.ready();
  const all = await core.guard('list', 'memories', () => db.memories.toArray());
  const summaries: MemoryItem[] = [];
  for (const group of planCompaction(all, core.now(), policy)) {
    const texts = group.items.map((m) => m.text);
    const text = (await summarize?.(texts)) ?? extractiveSummary(texts);
    const id = `sum-${core.newId()}`;
    const first = group.items[0]!;
    const last = group.items.at(-1)!;
    const summary = parse(
      memoryItemSchema,
      {
        id,
        text: `Summary of ${group.items.length} ${group.kind} memories (${day(first.createdAt)} to ${day(last.createdAt)}): ${text}`,
        kind: 'summary',
        entities: group.entity ? [group.entity] : [],
        tags: [...new Set(group.items.flatMap((m) => m.tags))],
        source: { type: 'compaction' },
        createdAt: core.now(),
        updatedAt: core.now(),
        recallCount: 0,
        lastRecalledAt: null,
        archived: 0,
        summaryId: null,
        summarizes: group.items.map((m) => m.id),
      },
      'summary',
    );
    const archived = group.items.map((m) => ({
      ...m,
      archived: 1 as const,
      summaryId: id,
      updatedAt: core.now(),
    }));
    await core.write(`archive ${archived.length} memories`, [db.memories], () =>
      db.memories.bulkPut([summary, ...archived]),
    );
    for (const m of [summary, ...archived]) core.index.upsert(m);
    await embedOrDefer(core, [summary]);
    summaries.push(summary);
  }
  return summaries;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
