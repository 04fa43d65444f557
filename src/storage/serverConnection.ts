import { Dexie } from 'dexie';
import type { EntityTable } from 'dexie';
import { z } from 'zod';
import type { IndexedDbDeps } from './flows.ts';

const SERVER_DB = 'aios-server';

/** The workspace server the app connects to: its address and, when it asks for one, a token. */
export const serverConnectionSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'the server address must be an http:// or https:// URL' })
    .max(2_000),
  token: z.string().trim().min(1).max(500).optional(),
});
type ServerConnection = z.output<typeof serverConnectionSchema>;

interface Row {
  readonly key: 'current';
  readonly connection: unknown;
}

/**
 * The one remembered workspace server, in IndexedDB (not localStorage: the token is no business
 * of every script reading storage synchronously). Read back parsed; a damaged row reads as none.
 */
export class ServerConnectionStore {
  private readonly db: Dexie & { connection: EntityTable<Row, 'key'> };

  constructor(name: string = SERVER_DB, deps: IndexedDbDeps = {}) {
    this.db = new Dexie(name, deps) as Dexie & { connection: EntityTable<Row, 'key'> };
    this.db.version(1).stores({ connection: 'key' });
  }

  async get(): Promise<ServerConnection | undefined> {
    const row = await this.db.connection.get('current');
    const parsed = serverConnectionSchema.safeParse(row?.connection);
    return parsed.success ? parsed.data : undefined;
  }

  async set(connection: ServerConnection | undefined): Promise<void> {
    if (connection) await this.db.connection.put({ key: 'current', connection });
    else await this.db.connection.delete('current');
  }

  close(): void {
    this.db.close();
  }
}
