import { Dexie } from 'dexie';
import type { EntityTable } from 'dexie';
import * as z from 'zod';
import type { ToolPins } from '../capabilities/mcp/index.ts';
import { mcpToolSchemasSchema, type McpToolSchemas } from '../flow/index.ts';
import type { IndexedDbDeps } from './settings.ts';

interface PinRow {
  readonly id: string;
  readonly hash: string;
  readonly pinnedAt: number;
  /** What the hash was taken of; rows written before it was kept have none. */
  readonly schemas?: McpToolSchemas;
}

// Parsed on every read: IndexedDB keeps what any version (or another tab) wrote.
const rowSchema = z.strictObject({
  id: z.string().min(1).max(200),
  hash: z.string().min(1).max(128),
  pinnedAt: z.number(),
  schemas: mcpToolSchemasSchema.optional(),
});

type PinsDb = Dexie & { pins: EntityTable<PinRow, 'id'> };

/**
 * The schema hash each MCP tool had when this browser first listed it (or a person last approved
 * it), with the schemas it was taken of, in its own IndexedDB database `aios-mcp` (schema version
 * 1: `pins` keyed by capability id; `schemas` is not indexed, so rows without it need no
 * upgrade). A row that does not parse counts as not pinned, so the tool is pinned again as listed.
 */
export class DexieToolPins implements ToolPins {
  private readonly db: PinsDb;

  constructor(
    private readonly now: () => number,
    name = 'aios-mcp',
    deps: IndexedDbDeps = {},
  ) {
    this.db = new Dexie(name, deps) as PinsDb;
    this.db.version(1).stores({ pins: 'id' });
  }

  async all(): Promise<Readonly<Record<string, string>>> {
    const pins: Record<string, string> = {};
    for (const row of await this.db.pins.toArray()) {
      const parsed = rowSchema.safeParse(row);
      if (parsed.success) pins[parsed.data.id] = parsed.data.hash;
    }
    return pins;
  }

  async set(id: string, hash: string, schemas: McpToolSchemas): Promise<void> {
    await this.db.pins.put({ id, hash, pinnedAt: this.now(), schemas });
  }

  async schemasOf(id: string): Promise<McpToolSchemas | undefined> {
    const parsed = rowSchema.safeParse(await this.db.pins.get(id));
    return parsed.success ? parsed.data.schemas : undefined;
  }

  close(): void {
    this.db.close();
  }
}
