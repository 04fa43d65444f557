import { Dexie } from 'dexie';
import type { DexieOptions, EntityTable } from 'dexie';
import { z } from 'zod';
import { flowShapeSchema, migrate } from '../flow/index.ts';
import type { Flow } from '../flow/index.ts';

/** A saved flow as stored: the document plus what the flow list shows without parsing it. */
interface FlowRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly doc: unknown;
}

const rowSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  doc: z.unknown(),
});

export interface FlowSummary {
  readonly id: string;
  readonly name: string;
  readonly updatedAt: number;
}

export type LoadedFlow = { ok: true; flow: Flow } | { ok: false; message: string };

/** Where IndexedDB comes from: the browser's by default, fake-indexeddb in Node tests. */
export type IndexedDbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

const FLOWS_DB = 'aios-flows';

/**
 * Version 1 of the schema. The primary key is the flow's id and can never change; `updatedAt`
 * is indexed so the list comes newest first.
 */
const SCHEMA_V1 = { flows: 'id, updatedAt' } as const;

/**
 * Saved flows in IndexedDB. Everything read back is parsed (rows with zod, documents through the
 * flow migrations and shape schema), since storage outlives the code that wrote it.
 * @example
 * const library = new FlowLibrary();
 * await library.save(flow);
 * const loaded = await library.load(flow.id); // { ok: true, flow }
 */
export class FlowLibrary {
  private readonly db: Dexie & { flows: EntityTable<FlowRow, 'id'> };

  constructor(name: string = FLOWS_DB, deps: IndexedDbDeps = {}) {
    this.db = new Dexie(name, deps) as Dexie & { flows: EntityTable<FlowRow, 'id'> };
    this.db.version(1).stores(SCHEMA_V1);
  }

  async list(): Promise<FlowSummary[]> {
    const rows = await this.db.flows.orderBy('updatedAt').reverse().toArray();
    return rows.flatMap((row) => {
      const parsed = rowSchema.safeParse(row);
      return parsed.success
        ? [{ id: parsed.data.id, name: parsed.data.name, updatedAt: parsed.data.updatedAt }]
        : [];
    });
  }

  async load(id: string): Promise<LoadedFlow> {
    const row = rowSchema.safeParse(await this.db.flows.get(id));
    if (!row.success) return { ok: false, message: `no saved flow "${id}"` };
    const doc = row.data.doc;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      return { ok: false, message: `saved flow "${id}" is damaged: not an object` };
    }
    const migrated = migrate(Object.fromEntries(Object.entries(doc)));
    if (!migrated.ok) return { ok: false, message: `${migrated.message} (${migrated.hint})` };
    const flow = flowShapeSchema.safeParse(migrated.doc);
    if (!flow.success) {
      return {
        ok: false,
        message: `saved flow "${id}" is damaged: ${flow.error.issues[0]?.message ?? ''}`,
      };
    }
    return { ok: true, flow: flow.data };
  }

  async save(flow: Flow, now: number = Date.now()): Promise<void> {
    await this.db.transaction('rw', this.db.flows, async () => {
      const existing = await this.db.flows.get(flow.id);
      await this.db.flows.put({
        id: flow.id,
        name: flow.name,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        doc: flow,
      });
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.flows.delete(id);
  }

  close(): void {
    this.db.close();
  }
}
