import type { MemoryHit, MemoryPort } from '../engine/executor.ts';
import { extractiveSummary, planCompaction, type CompactionPolicy } from './compaction.ts';
import { openMemoryDb, type IndexedDbDeps, type MemoryDb } from './db.ts';
import type { Embedder } from './embed.ts';
import { MemoryError, storageError } from './errors.ts';
import { quantize } from './quantize.ts';
import {
  defaultSettings,
  entitySchema,
  memoryItemSchema,
  memorySettingsSchema,
  relationSchema,
  type Entity,
  type EntityType,
  type MemoryItem,
  type MemorySettings,
  type MemorySource,
  type Relation,
} from './schema.ts';
import { SearchIndex, type SearchHit, type SearchQuery } from './searchIndex.ts';

export interface IndexedMemoryOptions {
  readonly name?: string;
  readonly deps?: IndexedDbDeps;
  /** The embedder, or a function loading it on first need (it may fail: recall then uses words). */
  readonly embedder?: Embedder | (() => Promise<Embedder>);
  readonly now?: () => number;
  readonly newId?: () => string;
  /** Told when another tab's older connection blocks the schema upgrade (the open then waits). */
  readonly onBlocked?: (error: MemoryError) => void;
}

export interface NewMemory {
  readonly id?: string;
  readonly text: string;
  readonly kind: string;
  readonly entities?: readonly string[];
  readonly tags?: readonly string[];
  readonly source: MemorySource;
}

export type IndexProgress = { readonly done: number; readonly total: number };

const GENERATION = 'generation';
const SETTINGS = 'settings';
/** After a model fails to load, how long recall uses words only before trying again. */
const RETRY_MODEL_MS = 60_000;

/**
 * The workspace memory over IndexedDB: the context graph (entities, relations), memories with
 * int8 vectors, hybrid search, compaction, backup. It is also the engine's `MemoryPort`. Several
 * instances (the Memory view, the engine worker) may share one database: each write bumps a
 * generation counter, and an instance that sees another's write reloads its search index.
 * @example
 * const memory = new IndexedMemory({ embedder: () => connectEmbedder(settings) });
 * await memory.add({ text: 'Acme prefers blue', kind: 'preference', source: { type: 'user' } });
 * const hits = await memory.search({ text: 'colour for Acme', topK: 5 });
 */
export class IndexedMemory implements MemoryPort {
  readonly db: MemoryDb;
  private readonly index = new SearchIndex();
  private readonly now: () => number;
  private readonly newId: () => string;
  private loaded: Promise<void> | null = null;
  private seen = -1;
  private embedder: Embedder | null = null;
  private loadingEmbedder: Promise<Embedder | null> | null = null;
  private embedderFailedAt = -Infinity;
  /** Why the model is unavailable, when it is. */
  modelError: string | null = null;

  constructor(private readonly options: IndexedMemoryOptions = {}) {
    this.db = openMemoryDb(options.name, options.deps ?? {});
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    if (options.embedder && typeof options.embedder !== 'function')
      this.embedder = options.embedder;
    this.db.on('blocked', () => {
      options.onBlocked?.(new MemoryError('upgrade-blocked', 'open the memory database'));
    });
    this.db.on('versionchange', () => {
      // Let another tab upgrade or delete the database instead of blocking it.
      this.db.close({ disableAutoOpen: true });
    });
  }

  close(): void {
    this.db.close({ disableAutoOpen: true });
  }

  // ---- context graph ------------------------------------------------------------------------

  async putEntity(input: {
    id?: string;
    type: EntityType;
    name: string;
    properties?: Record<string, string>;
  }): Promise<Entity> {
    const existing = input.id
      ? await this.guard('load', 'entity', () => this.db.entities.get(input.id!))
      : undefined;
    const entity = parse(
      entitySchema,
      {
        id: input.id ?? `ent-${this.newId()}`,
        type: input.type,
        name: input.name.trim(),
        properties: input.properties ?? existing?.properties ?? {},
        createdAt: existing?.createdAt ?? this.now(),
        updatedAt: this.now(),
      },
      'entity',
    );
    await this.write(`save entity "${entity.name}"`, [this.db.entities], () =>
      this.db.entities.put(entity),
    );
    return entity;
  }

  /** Deletes an entity and its relations; memories keep their text but lose the link. */
  async deleteEntity(id: string): Promise<void> {
    await this.write(
      `delete entity ${id}`,
      [this.db.entities, this.db.relations, this.db.memories],
      async () => {
        await this.db.entities.delete(id);
        await this.db.relations.where('from').equals(id).or('to').equals(id).delete();
        await this.db.memories
          .where('entities')
          .equals(id)
          .modify((m) => {
            m.entities = m.entities.filter((e) => e !== id);
          });
      },
    );
    this.loaded = null;
  }

  entities(): Promise<Entity[]> {
    return this.guard('list', 'entities', () => this.db.entities.orderBy('name').toArray());
  }

  async link(from: string, to: string, type: string): Promise<Relation> {
    const relation = parse(
      relationSchema,
      { id: `${from}|${type}|${to}`, from, to, type, createdAt: this.now() },
      'relation',
    );
    await this.write(`link ${from} to ${to}`, [this.db.entities, this.db.relations], async () => {
      const ends = await this.db.entities.bulkGet([from, to]);
      if (ends.some((e) => !e))
        throw new MemoryError('not-found', `link ${from} → ${to}: an entity is missing`);
      await this.db.relations.put(relation);
    });
    return relation;
  }

  async unlink(id: string): Promise<void> {
    await this.write(`unlink ${id}`, [this.db.relations], () => this.db.relations.delete(id));
  }

  /** An entity, its relations both ways, and the entities at their other ends. */
  neighbourhood(
    id: string,
  ): Promise<{ entity: Entity | undefined; relations: Relation[]; neighbours: Entity[] }> {
    return this.guard('load', `neighbourhood of ${id}`, async () => {
      const entity = await this.db.entities.get(id);
      const relations = await this.db.relations
        .where('from')
        .equals(id)
        .or('to')
        .equals(id)
        .toArray();
      const others = [...new Set(relations.map((r) => (r.from === id ? r.to : r.from)))];
      const neighbours = (await this.db.entities.bulkGet(others)).filter((e) => e !== undefined);
      return { entity, relations, neighbours };
    });
  }

  // ---- memories -----------------------------------------------------------------------------

  /** Stores (or, for an existing id, replaces) a memory and embeds it when a model is at hand. */
  async add(input: NewMemory): Promise<MemoryItem> {
    await this.ready();
    const id = input.id ?? `mem-${this.newId()}`;
    const existing = this.index.get(id);
    const item = parse(
      memoryItemSchema,
      {
        id,
        text: input.text.trim(),
        kind: input.kind.trim() || 'note',
        entities: [...(input.entities ?? [])],
        tags: [...(input.tags ?? [])],
        source: input.source,
        createdAt: existing?.createdAt ?? this.now(),
        updatedAt: this.now(),
        recallCount: existing?.recallCount ?? 0,
        lastRecalledAt: existing?.lastRecalledAt ?? null,
        archived: existing?.archived ?? 0,
        summaryId: existing?.summaryId ?? null,
      },
      'memory',
    );
    await this.write(
      `save memory "${item.text.slice(0, 40)}"`,
      [this.db.memories, this.db.vectors],
      async () => {
        await this.db.memories.put(item);
        // Same text (a retried or resumed run remembering again): the vector still holds.
        if (existing?.text !== item.text) await this.db.vectors.delete(id);
      },
    );
    if (existing?.text !== item.text) this.index.remove(id);
    this.index.upsert(item);
    // Not embedded now (no model, or it failed) means backlog: `indexBacklog` catches up.
    if (!this.index.hasVector(id))
      await this.embedItems([item]).catch((error: unknown) => this.noteModelError(error));
    return item;
  }

  async deleteMemory(id: string): Promise<void> {
    await this.ready();
    await this.write(`delete memory ${id}`, [this.db.memories, this.db.vectors], async () => {
      await this.db.memories.delete(id);
      await this.db.vectors.delete(id);
    });
    this.index.remove(id);
  }

  /** The newest memories first. */
  recent(limit = 100, includeArchived = false): Promise<MemoryItem[]> {
    return this.guard('list', 'memories', () =>
      this.db.memories
        .orderBy('createdAt')
        .reverse()
        .filter((m) => includeArchived || m.archived === 0)
        .limit(limit)
        .toArray(),
    );
  }

  get(id: string): Promise<MemoryItem | undefined> {
    return this.guard('load', `memory ${id}`, () => this.db.memories.get(id));
  }

  /** The memories a summary stands for. */
  summarized(summaryId: string): Promise<MemoryItem[]> {
    return this.guard('list', `memories behind ${summaryId}`, () =>
      this.db.memories.where('summaryId').equals(summaryId).sortBy('createdAt'),
    );
  }

  /** Hybrid search over meaning and words; words only while no model is available. */
  async search(query: SearchQuery): Promise<SearchHit[]> {
    await this.ready();
    const entities = query.entities?.length ? await this.entityKeys(query.entities) : undefined;
    const vector = query.text.trim() ? await this.queryVector(query.text) : null;
    return this.index.search({ ...query, ...(entities ? { entities } : {}) }, vector);
  }

  // ---- MemoryPort (recall and remember nodes) -----------------------------------------------

  async recall(query: Parameters<MemoryPort['recall']>[0]): Promise<MemoryHit[]> {
    const hits = await this.search({
      text: query.text,
      topK: query.topK,
      threshold: query.threshold,
      kinds: query.kinds,
      tags: query.tags,
      ...(query.entity ? { entities: [query.entity] } : {}),
    });
    await this.noteRecalled(hits.map((h) => h.item.id));
    return hits.map(({ item, score }) => ({
      id: item.id,
      text: item.text,
      score,
      entities: item.entities,
      tags: item.tags,
    }));
  }

  async remember(item: Parameters<MemoryPort['remember']>[0]): Promise<{ id: string }> {
    const { runId, nodeId } = item.source;
    const stored = await this.add({ ...item, source: { type: 'run', runId, nodeId } });
    return { id: stored.id };
  }

  // ---- embeddings ---------------------------------------------------------------------------

  /** Memories without a vector from the current model. */
  async backlog(): Promise<number> {
    await this.ready();
    return this.index.size - this.index.vectorCount;
  }

  /** Embeds every memory that has no vector yet, in batches, reporting progress. */
  async indexBacklog(onProgress?: (p: IndexProgress) => void, batch = 32): Promise<number> {
    await this.ready();
    const embedder = await this.getEmbedder();
    if (!embedder)
      throw new MemoryError(
        'model-unavailable',
        `index memories (${this.modelError ?? 'no model'})`,
      );
    const todo = (await this.db.memories.toArray()).filter((m) => !this.index.hasVector(m.id));
    onProgress?.({ done: 0, total: todo.length });
    for (let at = 0; at < todo.length; at += batch) {
      await this.embedItems(todo.slice(at, at + batch));
      onProgress?.({ done: Math.min(todo.length, at + batch), total: todo.length });
    }
    return todo.length;
  }

  /** Uses `embedder` from now on; vectors of another model become backlog. */
  setEmbedder(embedder: Embedder | null): void {
    const changed = embedder?.model !== this.embedder?.model;
    this.embedder = embedder;
    this.modelError = null;
    if (changed) this.loaded = null;
  }

  get model(): string | null {
    return this.embedder?.model ?? null;
  }

  // ---- settings -----------------------------------------------------------------------------

  async settings(): Promise<MemorySettings> {
    const row = await this.guard('load', 'memory settings', () => this.db.meta.get(SETTINGS));
    const parsed = memorySettingsSchema.safeParse(row?.value);
    return parsed.success ? parsed.data : defaultSettings;
  }

  async saveSettings(settings: MemorySettings): Promise<void> {
    const value = parse(memorySettingsSchema, settings, 'memory settings');
    await this.write('save memory settings', [this.db.meta], () =>
      this.db.meta.put({ key: SETTINGS, value }),
    );
  }

  // ---- compaction, backup, wipe -------------------------------------------------------------

  /**
   * Archives old, rarely recalled memories behind one summary per topic. `summarize` (an agent)
   * writes the summary when given, else the summary is extractive. Returns the summaries made.
   */
  async compact(
    policy?: CompactionPolicy,
    summarize?: (texts: string[]) => Promise<string>,
  ): Promise<MemoryItem[]> {
    await this.ready();
    const all = await this.guard('list', 'memories', () => this.db.memories.toArray());
    const summaries: MemoryItem[] = [];
    for (const group of planCompaction(all, this.now(), policy)) {
      const texts = group.items.map((m) => m.text);
      const text = (await summarize?.(texts)) ?? extractiveSummary(texts);
      const id = `sum-${this.newId()}`;
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
          createdAt: this.now(),
          updatedAt: this.now(),
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
        updatedAt: this.now(),
      }));
      await this.write(`archive ${archived.length} memories`, [this.db.memories], () =>
        this.db.memories.bulkPut([summary, ...archived]),
      );
      for (const m of [summary, ...archived]) this.index.upsert(m);
      await this.embedItems([summary]).catch((error: unknown) => this.noteModelError(error));
      summaries.push(summary);
    }
    return summaries;
  }

  /** The whole memory (graph, memories, vectors, settings) as a Dexie export file. */
  backup(): Promise<Blob> {
    return this.guard('back up', 'memory', async () => {
      // Loaded on demand: the add-on is only needed here, and expects a browser global scope.
      const { exportDB } = await import('dexie-export-import');
      return exportDB(this.db);
    });
  }

  /**
   * Replaces the whole memory with a backup. The file is checked first (a Dexie export with the
   * memory's tables); the import runs in several transactions, so the current memory is exported
   * beforehand and put back if the import fails: either way nothing is lost.
   */
  async restore(file: Blob): Promise<void> {
    const { exportDB, importInto, peakImportFile } = await import('dexie-export-import');
    const meta = await peakImportFile(file).catch(() => null);
    const tables = new Set(meta?.data?.tables?.map((t) => t.name) ?? []);
    if (meta?.formatName !== 'dexie' || !tables.has('memories') || !tables.has('entities'))
      throw new MemoryError('invalid', 'restore memory: the file is not a memory backup');
    // A backup from a test database or a renamed one restores too; the tables were checked above.
    const options = {
      clearTablesBeforeImport: true,
      acceptVersionDiff: true,
      acceptNameDiff: true,
    };
    const before = await this.guard('back up', 'memory before restoring', () => exportDB(this.db));
    try {
      await this.write('restore memory from the backup', [], () =>
        importInto(this.db, file, options),
      );
    } catch (error) {
      await this.guard('put back', 'the memory as it was before the failed restore', () =>
        importInto(this.db, before, options),
      );
      throw error;
    } finally {
      this.loaded = null;
    }
  }

  /** Deletes everything but the settings. */
  async wipe(): Promise<void> {
    await this.write(
      'wipe memory',
      [this.db.entities, this.db.relations, this.db.memories, this.db.vectors],
      async () => {
        await Promise.all([
          this.db.entities.clear(),
          this.db.relations.clear(),
          this.db.memories.clear(),
          this.db.vectors.clear(),
        ]);
      },
    );
    this.loaded = null;
  }

  /** What the memory holds, for the view and the bench. */
  async stats(): Promise<{
    memories: number;
    vectors: number;
    entities: number;
    bytesPerVector: number;
  }> {
    await this.ready();
    return {
      memories: this.index.size,
      vectors: this.index.vectorCount,
      entities: await this.db.entities.count(),
      bytesPerVector: this.index.vectorBytes,
    };
  }

  // ---- internals ----------------------------------------------------------------------------

  /** Loads the search index, again whenever another instance wrote to the database. */
  async ready(): Promise<void> {
    const generation = await this.guard(
      'load',
      'memory',
      async () => (await this.db.meta.get(GENERATION))?.value,
    );
    if (typeof generation === 'number' && generation !== this.seen) {
      this.loaded = null;
      await this.followSettings();
    }
    this.loaded ??= this.load();
    return this.loaded;
  }

  /**
   * Another instance wrote: if it changed the model settings, a lazily loaded model is dropped
   * and a failed one retried at once, so the engine worker follows what the Memory view set.
   */
  private async followSettings(): Promise<void> {
    if (typeof this.options.embedder !== 'function') return;
    const { modelId } = await this.settings();
    this.embedderFailedAt = -Infinity;
    if (this.embedder && this.embedder.model !== modelId) {
      (this.embedder as { dispose?: () => void }).dispose?.();
      this.embedder = null;
      this.loadingEmbedder = null;
      this.modelError = null;
    }
  }

  private async load(): Promise<void> {
    const model = this.embedder?.model;
    const { items, vectors, generation } = await this.guard('load', 'memory', () =>
      this.db.transaction('r', [this.db.memories, this.db.vectors, this.db.meta], async () => ({
        items: await this.db.memories.toArray(),
        vectors: model ? await this.db.vectors.where('model').equals(model).toArray() : [],
        generation: (await this.db.meta.get(GENERATION))?.value,
      })),
    );
    this.index.clear();
    for (const item of items) this.index.upsert(item);
    for (const v of vectors) if (this.index.has(v.id)) this.index.setVector(v.id, v);
    this.seen = typeof generation === 'number' ? generation : 0;
  }

  private async embedItems(items: readonly MemoryItem[]): Promise<void> {
    if (items.length === 0) return;
    const embedder = await this.getEmbedder();
    if (!embedder) return;
    const vectors = await embedder.embed(items.map((m) => m.text));
    const rows = items.map((m, i) => ({
      id: m.id,
      model: embedder.model,
      ...quantize(vectors[i]!),
    }));
    await this.write(`save ${rows.length} vectors`, [this.db.vectors], () =>
      this.db.vectors.bulkPut(rows),
    );
    for (const row of rows) if (this.index.has(row.id)) this.index.setVector(row.id, row);
  }

  private noteModelError(error: unknown): void {
    this.modelError = error instanceof Error ? error.message : String(error);
    if (typeof console !== 'undefined')
      console.warn(`memory: embedding failed: ${this.modelError}`);
  }

  private async queryVector(text: string): Promise<Float32Array | null> {
    const embedder = await this.getEmbedder();
    if (!embedder || this.index.vectorCount === 0) return null;
    try {
      return (await embedder.embed([text]))[0] ?? null;
    } catch (error) {
      this.modelError = error instanceof Error ? error.message : String(error);
      return null;
    }
  }

  private async getEmbedder(): Promise<Embedder | null> {
    if (this.embedder) return this.embedder;
    const load = this.options.embedder;
    if (typeof load !== 'function' || this.now() - this.embedderFailedAt < RETRY_MODEL_MS)
      return null;
    this.loadingEmbedder ??= load().then(
      (embedder) => {
        this.loadingEmbedder = null;
        this.setEmbedder(embedder);
        return embedder;
      },
      (error: unknown) => {
        this.embedderFailedAt = this.now();
        this.modelError = error instanceof Error ? error.message : String(error);
        this.loadingEmbedder = null;
        return null;
      },
    );
    const embedder = await this.loadingEmbedder;
    if (embedder) await this.ready();
    return embedder;
  }

  /** An entity filter matches memories linked by id or by name. */
  private async entityKeys(keys: readonly string[]): Promise<string[]> {
    const all = await this.entities();
    const out = new Set(keys);
    for (const key of keys) {
      const lower = key.toLowerCase();
      for (const e of all) {
        if (e.id === key || e.name.toLowerCase() === lower) {
          out.add(e.id);
          out.add(e.name);
        }
      }
    }
    return [...out];
  }

  private async noteRecalled(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const at = this.now();
    await this.write('note recalled memories', [this.db.memories], () =>
      this.db.memories
        .where('id')
        .anyOf([...ids])
        .modify((m) => {
          m.recallCount += 1;
          m.lastRecalledAt = at;
        }),
    );
    for (const id of ids) {
      const item = this.index.get(id);
      if (item)
        this.index.upsert({ ...item, recallCount: item.recallCount + 1, lastRecalledAt: at });
    }
  }

  /** Runs `work` in one transaction that also bumps the generation, so other instances reload. */
  private async write(
    what: string,
    tables: readonly unknown[],
    work: () => Promise<unknown>,
  ): Promise<void> {
    await this.guard(what, '', () =>
      tables.length === 0
        ? work().then(() => this.bump())
        : this.db.transaction('rw', [...(tables as never[]), this.db.meta], async () => {
            await work();
            await this.bump();
          }),
    );
  }

  private async bump(): Promise<void> {
    const current = (await this.db.meta.get(GENERATION))?.value;
    const value = typeof current === 'number' ? current : 0;
    // Someone else wrote since this instance loaded: reload before the next search.
    if (value !== this.seen) this.loaded = null;
    await this.db.meta.put({ key: GENERATION, value: value + 1 });
    this.seen = value + 1;
  }

  private async guard<T>(action: string, what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw storageError(error, what ? `${action} ${what}` : action);
    }
  }
}

function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new MemoryError(
    'invalid',
    `${what}${issue ? ` at ${issue.path.join('.') || 'the root'}: ${issue.message}` : ''}`,
  );
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
