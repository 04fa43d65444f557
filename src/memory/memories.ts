import type { MemoryHit, MemoryPort } from '../engine/contract/index.ts';
import type { MemoryCore } from './core.ts';
import { entityKeys } from './graph.ts';
import { memoryItemSchema, RECALLS_KEPT, type MemoryItem, type MemorySource } from './schema.ts';
import type { SearchHit, SearchQuery } from './searchIndex.ts';
import { parse } from './validate.ts';
import { embedOrDefer, queryVector } from './vectors.ts';

export interface NewMemory {
  readonly id?: string;
  readonly text: string;
  readonly kind: string;
  readonly entities?: readonly string[];
  readonly tags?: readonly string[];
  readonly source: MemorySource;
}

// Memories: stored, listed, searched, and recalled and remembered for flows.

/** Stores (or, for an existing id, replaces) a memory and embeds it when a model is at hand. */
export async function add(core: MemoryCore, input: NewMemory): Promise<MemoryItem> {
  const { db, index } = core;
  await core.ready();
  const id = input.id ?? `mem-${core.newId()}`;
  const existing = index.get(id);
  const item = parse(
    memoryItemSchema,
    {
      id,
      text: input.text.trim(),
      kind: input.kind.trim() || 'note',
      entities: [...(input.entities ?? [])],
      tags: [...(input.tags ?? [])],
      source: input.source,
      createdAt: existing?.createdAt ?? core.now(),
      updatedAt: core.now(),
      recallCount: existing?.recallCount ?? 0,
      lastRecalledAt: existing?.lastRecalledAt ?? null,
      archived: existing?.archived ?? 0,
      summaryId: existing?.summaryId ?? null,
    },
    'memory',
  );
  await core.write(
    `save memory "${item.text.slice(0, 40)}"`,
    [db.memories, db.vectors],
    async () => {
      await db.memories.put(item);
      // Same text (a retried or resumed run remembering again): the vector still holds.
      if (existing?.text !== item.text) await db.vectors.delete(id);
    },
  );
  if (existing?.text !== item.text) index.remove(id);
  index.upsert(item);
  // Not embedded now (no model, or it failed) means backlog: `indexBacklog` catches up.
  if (!index.hasVector(id)) await embedOrDefer(core, [item]);
  return item;
}

export async function deleteMemory(core: MemoryCore, id: string): Promise<void> {
  const { db } = core;
  await core.ready();
  // A summary stands for the memories compaction archived behind it: deleting it brings them
  // back (in the same transaction), so none is left archived behind nothing.
  let restored: MemoryItem[] = [];
  await core.write(`delete memory ${id}`, [db.memories, db.vectors], async () => {
    const behind = await db.memories.where('summaryId').equals(id).toArray();
    restored = behind.map((m) => ({
      ...m,
      archived: 0 as const,
      summaryId: null,
      updatedAt: core.now(),
    }));
    await db.memories.delete(id);
    await db.vectors.delete(id);
    if (restored.length > 0) await db.memories.bulkPut(restored);
  });
  core.index.remove(id);
  for (const m of restored) core.index.upsert(m);
}

/** The newest memories first. */
export function recent(
  core: MemoryCore,
  limit = 100,
  includeArchived = false,
): Promise<MemoryItem[]> {
  return core.guard('list', 'memories', () =>
    core.db.memories
      .orderBy('createdAt')
      .reverse()
      .filter((m) => includeArchived || m.archived === 0)
      .limit(limit)
      .toArray(),
  );
}

/** A window of the memories, newest first, for a list that shows a part of them at a time. */
export function page(
  core: MemoryCore,
  window: { offset: number; limit: number; includeArchived?: boolean },
): Promise<MemoryItem[]> {
  return core.guard('list', 'memories', () => {
    const newest = core.db.memories.orderBy('createdAt').reverse();
    return (window.includeArchived ? newest : newest.filter((m) => m.archived === 0))
      .offset(window.offset)
      .limit(window.limit)
      .toArray();
  });
}

/** How many memories there are (archived ones only when asked). */
export function count(core: MemoryCore, includeArchived = false): Promise<number> {
  return core.guard('count', 'memories', () =>
    includeArchived
      ? core.db.memories.count()
      : core.db.memories.where('archived').equals(0).count(),
  );
}

/** The memories about an entity (linked by its id or, from flows, its name), newest first. */
export async function about(core: MemoryCore, entity: string, limit = 200): Promise<MemoryItem[]> {
  const keys = await entityKeys(core, [entity]);
  return core.guard('list', `memories about ${entity}`, async () =>
    (await core.db.memories.where('entities').anyOf(keys).distinct().toArray())
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit),
  );
}

export function get(core: MemoryCore, id: string): Promise<MemoryItem | undefined> {
  return core.guard('load', `memory ${id}`, () => core.db.memories.get(id));
}

/** The memories a summary stands for. */
export function summarized(core: MemoryCore, summaryId: string): Promise<MemoryItem[]> {
  return core.guard('list', `memories behind ${summaryId}`, () =>
    core.db.memories.where('summaryId').equals(summaryId).sortBy('createdAt'),
  );
}

/** Hybrid search over meaning and words; words only while no model is available. */
export async function search(core: MemoryCore, query: SearchQuery): Promise<SearchHit[]> {
  await core.ready();
  const entities = query.entities?.length ? await entityKeys(core, query.entities) : undefined;
  const vector = query.text.trim() ? await queryVector(core, query.text) : null;
  return core.index.search({ ...query, ...(entities ? { entities } : {}) }, vector);
}

/** A recall node's search; what it returns counts as recalled (compaction spares it). */
export async function recall(
  core: MemoryCore,
  query: Parameters<MemoryPort['recall']>[0],
): Promise<MemoryHit[]> {
  const hits = await search(core, {
    text: query.text,
    topK: query.topK,
    threshold: query.threshold,
    kinds: query.kinds,
    tags: query.tags,
    ...(query.entity ? { entities: [query.entity] } : {}),
  });
  await noteRecalled(
    core,
    hits.map((h) => h.item.id),
    query.by,
  );
  return hits.map(({ item, score }) => ({
    id: item.id,
    text: item.text,
    score,
    entities: item.entities,
    tags: item.tags,
  }));
}

/** A remember node's memory, with the run and node it came from. */
export async function remember(
  core: MemoryCore,
  item: Parameters<MemoryPort['remember']>[0],
): Promise<{ id: string }> {
  const { runId, nodeId } = item.source;
  const stored = await add(core, { ...item, source: { type: 'run', runId, nodeId } });
  return { id: stored.id };
}

/** A memory's latest recallers with `by` added (a step that recalls again moves to the end). */
function withRecaller(
  recalledBy: MemoryItem['recalledBy'],
  by: { runId: string; nodeId: string } | undefined,
  at: number,
): MemoryItem['recalledBy'] {
  if (!by) return recalledBy;
  const others = (recalledBy ?? []).filter((r) => r.runId !== by.runId || r.nodeId !== by.nodeId);
  return [...others, { runId: by.runId, nodeId: by.nodeId, at }].slice(-RECALLS_KEPT);
}

async function noteRecalled(
  core: MemoryCore,
  ids: readonly string[],
  by?: { runId: string; nodeId: string },
): Promise<void> {
  if (ids.length === 0) return;
  const at = core.now();
  const noted = (m: MemoryItem): MemoryItem => {
    const recalledBy = withRecaller(m.recalledBy, by, at);
    return {
      ...m,
      recallCount: m.recallCount + 1,
      lastRecalledAt: at,
      ...(recalledBy ? { recalledBy } : {}),
    };
  };
  await core.write('note recalled memories', [core.db.memories], () =>
    core.db.memories
      .where('id')
      .anyOf([...ids])
      .modify((m, ref) => {
        ref.value = noted(m);
      }),
  );
  for (const id of ids) {
    const item = core.index.get(id);
    if (item) core.index.upsert(noted(item));
  }
}
