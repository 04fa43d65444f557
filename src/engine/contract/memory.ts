export interface MemoryHit {
  readonly id: string;
  readonly text: string;
  readonly score: number;
  readonly entities: readonly string[];
  readonly tags: readonly string[];
}
/** The workspace memory as flows see it (`src/memory` implements it over IndexedDB). */
export interface MemoryPort {
  recall(query: {
    text: string;
    topK: number;
    threshold: number;
    entity?: string;
    kinds: readonly string[];
    tags: readonly string[];
    /** The run step recalling, noted on each memory found so the Memory view can link to it. */
    by?: { runId: string; nodeId: string };
  }): Promise<MemoryHit[]>;
  /** Stores (or, for the same id, replaces) a memory; `id` makes re-runs idempotent. */
  remember(item: {
    id: string;
    text: string;
    kind: string;
    entities: readonly string[];
    tags: readonly string[];
    source: { runId: string; nodeId: string };
  }): Promise<{ id: string }>;
}
