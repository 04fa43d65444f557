import {
  defaultCompactionPolicy,
  extractiveSummary,
  planCompaction,
  type CompactionPolicy,
} from './compaction.ts';
import type { MemoryCore } from './core.ts';
import { memoryItemSchema, type MemoryItem } from './schema.ts';
import { parse } from './validate.ts';
import { embedOrDefer } from './vectors.ts';

/** Writes a summary of a group's texts; throws when it cannot (the extractive one is used). */
export type Summarize = (texts: string[]) => Promise<string>;

/** Who writes the summaries: an agent (by its `provider/model`), or extractive and why. */
export type Summarizer =
  | { readonly kind: 'agent'; readonly name: string; readonly summarize: Summarize }
  | { readonly kind: 'extractive'; readonly reason: string };

export interface CompactionResult {
  readonly summaries: MemoryItem[];
  /** How many of the summaries the agent wrote; the others are extractive. */
  readonly byAgent: number;
  /** Why summaries are extractive: no agent configured, or how the agent failed. */
  readonly fallback: string | null;
}

/** One summary compaction would write: the topic and the memories it would archive. */
export interface PlannedSummary {
  /** The entity the memories are about (its id), or '' for none. */
  readonly entity: string;
  readonly kind: string;
  readonly count: number;
  /** When the oldest and the newest of them were made, epoch ms. */
  readonly from: number;
  readonly to: number;
}

/** What `compact` would do now, changing nothing: one entry per summary, oldest topic first. */
export async function compactionPlan(
  core: MemoryCore,
  policy: CompactionPolicy = defaultCompactionPolicy,
): Promise<PlannedSummary[]> {
  const all = await core.guard('list', 'memories', () =>
    core.db.memories.where('archived').equals(0).toArray(),
  );
  return planCompaction(all, core.now(), policy)
    .map((g) => ({
      entity: g.entity,
      kind: g.kind,
      count: g.items.length,
      from: g.items[0]?.createdAt ?? 0,
      to: g.items.at(-1)?.createdAt ?? 0,
    }))
    .sort((a, b) => a.from - b.from);
}

/** The summaries compaction wrote, newest first (at most `limit`). */
export async function summaryMemories(core: MemoryCore, limit = 50): Promise<MemoryItem[]> {
  const rows = await core.guard('list', 'summaries', () =>
    core.db.memories.where('kind').equals('summary').sortBy('createdAt'),
  );
  return rows.reverse().slice(0, limit);
}

/**
 * Archives old, rarely recalled memories behind one summary per topic. The agent writes each
 * summary when there is one; if it fails (or answers something that is not a summary) that group
 * and the rest get extractive summaries, and the result says why. Each group is written in one
 * transaction, after the summary exists, so nothing is ever half-archived.
 */
export async function compact(
  core: MemoryCore,
  policy: CompactionPolicy = defaultCompactionPolicy,
  summarizer: Summarizer = { kind: 'extractive', reason: 'no agent was asked' },
): Promise<CompactionResult> {
  const { db } = core;
  await core.ready();
  const all = await core.guard('list', 'memories', () => db.memories.toArray());
  let agent = summarizer.kind === 'agent' ? summarizer : null;
  let fallback = summarizer.kind === 'extractive' ? summarizer.reason : null;
  const summaries: MemoryItem[] = [];
  let byAgent = 0;
  for (const group of planCompaction(all, core.now(), policy)) {
    const texts = group.items.map((m) => m.text);
    let written: { text: string; by: string } | null = null;
    if (agent) {
      try {
        written = { text: await agent.summarize(texts), by: agent.name };
      } catch (error) {
        fallback = `${agent.name} could not write a summary: ${error instanceof Error ? error.message : String(error)}`;
        agent = null; // one failure is enough: the rest are extractive, without waiting on it
      }
    }
    written ??= { text: extractiveSummary(texts), by: 'extractive' };
    const summary = await archiveGroup(core, group.items, group.kind, group.entity, written);
    if (!summary) continue;
    if (written.by !== 'extractive') byAgent++;
    summaries.push(summary);
  }
  return { summaries, byAgent, fallback };
}

/**
 * Writes the summary and archives the group behind it, in one transaction. The rows are read
 * again inside it: a memory recalled, edited or deleted meanwhile (the agent may take a while)
 * keeps its changes, and one archived or deleted meanwhile is left out.
 */
async function archiveGroup(
  core: MemoryCore,
  items: readonly MemoryItem[],
  kind: string,
  entity: string,
  written: { text: string; by: string },
): Promise<MemoryItem | null> {
  const { db } = core;
  const id = `sum-${core.newId()}`;
  let summary: MemoryItem | null = null;
  let archived: MemoryItem[] = [];
  await core.write(`archive ${items.length} memories`, [db.memories], async () => {
    const current = (await db.memories.bulkGet(items.map((m) => m.id))).filter(
      (m): m is MemoryItem => m !== undefined && m.archived === 0,
    );
    if (current.length === 0) return;
    const first = current[0]!;
    const last = current.at(-1)!;
    summary = parse(
      memoryItemSchema,
      {
        id,
        text: `Summary of ${current.length} ${kind} memories (${day(first.createdAt)} to ${day(last.createdAt)}): ${written.text}`,
        kind: 'summary',
        entities: entity ? [entity] : [],
        tags: [...new Set(current.flatMap((m) => m.tags))],
        source: { type: 'compaction', by: written.by },
        createdAt: core.now(),
        updatedAt: core.now(),
        recallCount: 0,
        lastRecalledAt: null,
        archived: 0,
        summaryId: null,
        summarizes: current.map((m) => m.id),
      },
      'summary',
    );
    archived = current.map((m) => ({
      ...m,
      archived: 1 as const,
      summaryId: id,
      updatedAt: core.now(),
    }));
    await db.memories.bulkPut([summary, ...archived]);
  });
  const made = summary as MemoryItem | null;
  if (!made) return null;
  for (const m of [made, ...archived]) core.index.upsert(m);
  await embedOrDefer(core, [made]);
  return made;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
