import { text, type SqlQueryable } from '../sql/client.ts';
import { seal, unseal } from './sealed.ts';

/**
 * The server's vault: values sealed with the server key before they reach the database; names
 * can be listed, values only read inside the server (webhook checks, capability calls).
 */
export class ServerSecrets {
  constructor(
    private readonly db: SqlQueryable,
    private readonly key: Buffer,
  ) {}

  async put(name: string, value: string, at: number): Promise<void> {
    await this.db.query(
      `INSERT INTO aios_secrets (name, sealed, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
      [name, seal(this.key, value), at],
    );
  }

  async get(name: string): Promise<string | undefined> {
    const { rows } = await this.db.query('SELECT sealed FROM aios_secrets WHERE name = $1', [name]);
    if (!rows[0]) return undefined;
    try {
      return unseal(this.key, text(rows[0], 'sealed'));
    } catch (error) {
      throw new Error(
        `secret ${name} cannot be opened with this process's server key: give every server and worker the same AIOS_SERVER_KEY`,
        { cause: error },
      );
    }
  }

  async names(): Promise<string[]> {
    const { rows } = await this.db.query('SELECT name FROM aios_secrets ORDER BY name');
    return rows.map((r) => text(r, 'name'));
  }
}
