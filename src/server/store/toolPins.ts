import type { ToolPins } from '../../capabilities/mcp/index.ts';
import { text, type SqlQueryable } from '../sql/client.ts';

/**
 * MCP tools' first-seen schema hashes in the server's database (`aios_mcp_pins`), shared by every
 * process on it: a tool one worker pinned is refused by all once it changes.
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

  async set(id: string, hash: string): Promise<void> {
    await this.db.query(
      `INSERT INTO aios_mcp_pins (id, hash, pinned_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, pinned_at = excluded.pinned_at`,
      [id, hash, this.now()],
    );
  }
}
