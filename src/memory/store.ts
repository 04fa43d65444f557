import type { LlmClient, MemoryHit, MemoryPort } from '../engine/contract/index.ts';
import { agentSummarizer } from './agentSummary.ts';
import * as backups from './backup.ts';
import type { CompactionPolicy } from './compaction.ts';
import { MemoryCore, type IndexedMemoryOptions } from './core.ts';
import type { MemoryDb } from './db.ts';
import type { Embedder } from './embed.ts';
import * as graph from './graph.ts';
import * as memories from './memories.ts';
import type { Entity, MemoryItem, MemorySettings, Relation } from './schema.ts';
import type { SearchHit, SearchQuery } from './searchIndex.ts';
import {
  compact,
  compactionPlan,
  summaryMemories,
  type CompactionResult,
  type PlannedSummary,
  type Summarizer,
} from './summaries.ts';
import * as vectors from './vectors.ts';

export type { IndexedMemoryOptions } from './core.ts';
export type { EntityInput } from './graph.ts';
export type { CompactionResult, PlannedSummary } from './summaries.ts';

/**
 * The workspace memory over IndexedDB: the context graph (entities, relations), memories with
 * int8 vectors, hybrid search, compaction, backup. It is also the engine's `MemoryPort`. Several
 * instances (the Memory view, the engine worker) may share one database: each write bumps a
 * generation counter, and an instance that sees another's write reloads its search index.
 * Each concept lives in its own file (`graph.ts`, `memories.ts`, `vectors.ts`, `summaries.ts`,
 * `backup.ts`) over the shared `MemoryCore`; this class is their one front door.
 * @example
 * const memory = new IndexedMemory({ embedder: () => connectEmbedder(settings) });
 * await memory.add({ text: 'Acme prefers blue', kind: 'preference', source: { type: 'user' } });
 * const hits = await memory.search({ text: 'colour for Acme', topK: 5 });
 */
export class IndexedMemory implements MemoryPort {
  private readonly core: MemoryCore;

  constructor(options: IndexedMemoryOptions = {}) {
    this.core = new MemoryCore(options);
  }

  get db(): MemoryDb {
    return this.core.db;
  }

  close(): void {
    this.core.db.close({ disableAutoOpen: true });
  }

  /** Loads the search index, again whenever another instance wrote to the database. */
  ready(): Promise<void> {
    return this.core.ready();
  }

  /** Saves the search index now (it is also saved by itself after large changes). */
  saveIndex(): Promise<void> {
    return this.core.saveIndex();
  }

  // ---- context graph ------------------------------------------------------------------------

  putEntity(input: graph.EntityInput): Promise<Entity> {
    return graph.putEntity(this.core, input);
  }
  /** Deletes an entity and its relations; memories keep their text but lose the link. */
  deleteEntity(id: string): Promise<void> {
    return graph.deleteEntity(this.core, id);
  }
  entities(): Promise<Entity[]> {
    return graph.entities(this.core);
  }
  link(from: string, to: string, type: string): Promise<Relation> {
    return graph.link(this.core, from, to, type);
  }
  unlink(id: string): Promise<void> {
    return graph.unlink(this.core, id);
  }
  /** Every relation, up to `limit`. */
  relations(limit?: number): Promise<Relation[]> {
    return graph.relations(this.core, limit);
  }
  /** An entity, its relations both ways, and the entities at their other ends. */
  neighbourhood(id: string): Promise<graph.Neighbourhood> {
    return graph.neighbourhood(this.core, id);
  }

  // ---- memories -----------------------------------------------------------------------------

  /** Stores (or, for an existing id, replaces) a memory and embeds it when a model is at hand. */
  add(input: memories.NewMemory): Promise<MemoryItem> {
    return memories.add(this.core, input);
  }
  /** Deletes a memory; a summary's archived originals come back as ordinary memories. */
  deleteMemory(id: string): Promise<void> {
    return memories.deleteMemory(this.core, id);
  }
  /** The newest memories first. */
  recent(limit = 100, includeArchived = false): Promise<MemoryItem[]> {
    return memories.recent(this.core, limit, includeArchived);
  }
  /** A window of the memories, newest first. */
  page(window: {
    offset: number;
    limit: number;
    includeArchived?: boolean;
  }): Promise<MemoryItem[]> {
    return memories.page(this.core, window);
  }
  count(includeArchived = false): Promise<number> {
    return memories.count(this.core, includeArchived);
  }
  /** The memories about an entity (by id or name), newest first. */
  about(entity: string, limit?: number): Promise<MemoryItem[]> {
    return memories.about(this.core, entity, limit);
  }
  /** Whether a memory has a vector from the current model (else it is in the backlog). */
  isEmbedded(id: string): boolean {
    return this.core.index.hasVector(id);
  }
  get(id: string): Promise<MemoryItem | undefined> {
    return memories.get(this.core, id);
  }
  /** The memories a summary stands for. */
  summarized(summaryId: string): Promise<MemoryItem[]> {
    return memories.summarized(this.core, summaryId);
  }
  /** Hybrid search over meaning and words; words only while no model is available. */
  search(query: SearchQuery): Promise<SearchHit[]> {
    return memories.search(this.core, query);
  }

  // ---- MemoryPort (recall and remember nodes) -----------------------------------------------

  recall(query: Parameters<MemoryPort['recall']>[0]): Promise<MemoryHit[]> {
    return memories.recall(this.core, query);
  }
  remember(item: Parameters<MemoryPort['remember']>[0]): Promise<{ id: string }> {
    return memories.remember(this.core, item);
  }

  // ---- embeddings ---------------------------------------------------------------------------

  /** Memories without a vector from the current model. */
  backlog(): Promise<number> {
    return vectors.backlog(this.core);
  }
  /** Embeds every memory that has no vector yet, in batches, reporting progress. */
  indexBacklog(onProgress?: (p: vectors.IndexProgress) => void, batch = 32): Promise<number> {
    return vectors.indexBacklog(this.core, onProgress, batch);
  }
  /** Uses `embedder` from now on; vectors of another model become backlog. */
  setEmbedder(embedder: Embedder | null): void {
    this.core.model.set(embedder);
  }
  get model(): string | null {
    return this.core.model.current?.model ?? null;
  }
  /** Why the model is unavailable, when it is. */
  get modelError(): string | null {
    return this.core.model.error;
  }

  // ---- settings -----------------------------------------------------------------------------

  settings(): Promise<MemorySettings> {
    return this.core.settings();
  }
  /** Saves `changes` over the saved settings. */
  saveSettings(changes: Partial<MemorySettings>): Promise<void> {
    return this.core.saveSettings(changes);
  }

  // ---- compaction, backup, wipe -------------------------------------------------------------

  /**
   * Archives old, rarely recalled memories behind one summary per topic. The agent named in the
   * settings (`summaryAgent`) writes the summaries through `llm` when both are there; otherwise,
   * or when it fails, they are extractive, and the result says why.
   */
  async compact(
    options: { policy?: CompactionPolicy; llm?: LlmClient } = {},
  ): Promise<CompactionResult> {
    const { summaryAgent } = await this.core.settings();
    const summarizer: Summarizer = !summaryAgent
      ? { kind: 'extractive', reason: 'no summary agent is set in the memory settings' }
      : !options.llm
        ? { kind: 'extractive', reason: 'no language model can be reached from here' }
        : {
            kind: 'agent',
            name: `${summaryAgent.provider}/${summaryAgent.model}`,
            summarize: agentSummarizer(options.llm, summaryAgent),
          };
    return compact(this.core, options.policy, summarizer);
  }
  /** What `compact` would archive now, behind which summaries; it changes nothing. */
  compactionPlan(policy?: CompactionPolicy): Promise<PlannedSummary[]> {
    return compactionPlan(this.core, policy);
  }
  /** The summaries compaction wrote, newest first. */
  summaries(limit?: number): Promise<MemoryItem[]> {
    return summaryMemories(this.core, limit);
  }
  /** The whole memory (graph, memories, vectors, settings) as a Dexie export file. */
  backup(onProgress?: backups.RowProgress): Promise<Blob> {
    return backups.backup(this.core, onProgress);
  }
  /** When the memory was last backed up, if ever (see `backup`). */
  lastBackup(): Promise<number | undefined> {
    return this.core.lastBackup();
  }
  /** Replaces the whole memory with a backup; on failure the memory is put back as it was. */
  restore(file: Blob, onProgress?: backups.RowProgress): Promise<void> {
    return backups.restore(this.core, file, onProgress);
  }
  /** Deletes everything but the settings. */
  wipe(): Promise<void> {
    return backups.wipe(this.core);
  }

  /** What the memory holds, for the view and the bench. */
  async stats(): Promise<{
    memories: number;
    vectors: number;
    entities: number;
    bytesPerVector: number;
  }> {
    await this.core.ready();
    const { index } = this.core;
    return {
      memories: index.size,
      vectors: index.vectorCount,
      entities: await this.core.db.entities.count(),
      bytesPerVector: index.vectorBytes,
    };
  }
}
