import * as z from 'zod';

/** The kinds of things the context graph knows about. */
export const entityTypes = [
  'person',
  'client',
  'project',
  'goal',
  'asset',
  'preference',
  'note',
] as const;
export type EntityType = (typeof entityTypes)[number];

export const entitySchema = z.strictObject({
  id: z.string().min(1).max(128),
  type: z.enum(entityTypes),
  name: z.string().min(1).max(200),
  properties: z.record(z.string().max(100), z.string().max(5000)),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Entity = z.infer<typeof entitySchema>;

/** A typed, directed edge: client → project (`has-project`), person → preference (`prefers`)… */
export const relationSchema = z.strictObject({
  id: z.string().min(1).max(300),
  from: z.string().min(1),
  to: z.string().min(1),
  type: z.string().min(1).max(64),
  createdAt: z.number(),
});
export type Relation = z.infer<typeof relationSchema>;

export const memorySourceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('run'), runId: z.string(), nodeId: z.string() }),
  z.strictObject({ type: z.literal('user') }),
  z.strictObject({ type: z.literal('import'), file: z.string().max(300) }),
  /** `by`: who wrote the summary, `provider/model` of an agent or `extractive`. */
  z.strictObject({ type: z.literal('compaction'), by: z.string().min(1).max(300).optional() }),
]);
export type MemorySource = z.infer<typeof memorySourceSchema>;

/** How many of the latest recalling run steps a memory keeps. */
export const RECALLS_KEPT = 20;

export const memoryItemSchema = z.strictObject({
  id: z.string().min(1).max(300),
  text: z.string().min(1).max(50_000),
  /** `fact`, `decision`, `deliverable`, `summary`… free text, filterable. */
  kind: z.string().min(1).max(32),
  /** Entity ids (or, from flows, names) the memory is about. */
  entities: z.array(z.string()),
  tags: z.array(z.string().max(64)),
  source: memorySourceSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
  recallCount: z.number().int().min(0),
  lastRecalledAt: z.number().nullable(),
  /** The latest run steps that recalled it, newest last (at most `RECALLS_KEPT`). */
  recalledBy: z
    .array(
      z.strictObject({
        runId: z.string().min(1).max(300),
        nodeId: z.string().min(1).max(300),
        at: z.number(),
      }),
    )
    .max(RECALLS_KEPT)
    .optional(),
  /** 0 or 1: IndexedDB cannot index booleans. */
  archived: z.union([z.literal(0), z.literal(1)]),
  /** For an archived memory, the summary that stands for it. */
  summaryId: z.string().nullable(),
  /** For a summary, the memories it stands for. */
  summarizes: z.array(z.string()).optional(),
});
export type MemoryItem = z.infer<typeof memoryItemSchema>;

/** An embedding quantised to int8: `value[i] ≈ data[i] * scale`. */
export interface StoredVector {
  readonly id: string;
  readonly model: string;
  readonly scale: number;
  readonly data: Int8Array;
}

export const memorySettingsSchema = z.strictObject({
  /** Model id, relative to `localModelUrl` when set, else on the Hugging Face hub. */
  modelId: z.string().min(1).max(200),
  /** A folder URL holding `<modelId>/…`; when set, the hub is never contacted. */
  localModelUrl: z.string().max(2000).nullable(),
  /**
   * The model that writes compaction summaries: a provider of the runtime settings and a model
   * name. Null (or unset, as older settings are): summaries are extractive.
   */
  summaryAgent: z
    .strictObject({ provider: z.string().min(1).max(64), model: z.string().min(1).max(200) })
    .nullable()
    .default(null),
});
export type MemorySettings = z.infer<typeof memorySettingsSchema>;

export const defaultSettings: MemorySettings = {
  modelId: 'Xenova/all-MiniLM-L6-v2',
  localModelUrl: null,
  summaryAgent: null,
};
