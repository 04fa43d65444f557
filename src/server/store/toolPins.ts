import type { ToolPins } from '../../capabilities/mcp/index.ts';
import { mcpToolSchemasSchema, type McpToolSchemas } from '../../flow/index.ts';
import { text, type SqlQueryable } from '../sql/client.ts';

/**
 * MCP tools' first-seen schema hashes in the server's database (`aios_mcp_pins`), shared by every
 * process on it: a tool one worker pinned is refused by all once it changes. Each pin keeps the
 * schemas its hash was taken of (`schemas`, null in rows pinned before it was kept).
 */
export class PgToolPins implements ToolPins {
  constructor(
    private readonly db: SqlQueryable,
    private readonly now: () => number,
  ) {}

  async all(): Promise<Readonly<Record<string, string>>> {
    const { rows } = await this.db.query('SELECT id, hash FROM aios_mcp_pins');
    return Object.fromEntries(rows.map((r) => [text(r, 'id'), text(r, 'hash')]));
  }

  async set(id: string, hash: string, schemas: McpToolSchemas): Promise<void> {
    await this.db.query(
      `INSERT INTO aios_mcp_pins (id, hash, pinned_at, schemas) VALUES ($1, $2, $3, $4::json)
       ON CONFLICT (id) DO UPDATE
         SET hash = excluded.hash, pinned_at = excluded.pinned_at, schemas = excluded.schemas`,
      [id, hash, this.now(), JSON.stringify(schemas)],
    );
  }

  async schemasOf(id: string): Promise<McpToolSchemas | undefined> {
    const { rows } = await this.db.query('SELECT schemas FROM aios_mcp_pins WHERE id = $1', [id]);
    const raw = rows[0]?.['schemas'];
    if (raw === undefined || raw === null) return undefined;
    // What a tool's server once listed: a row that does not parse shows no diff, never a wrong one.
    const parsed = mcpToolSchemasSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
    return parsed.success ? parsed.data : undefined;
  }
}
