import { createHash, randomBytes } from 'node:crypto';
import type { SqlQueryable } from '../sql/client.ts';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Makes the server's first access token when it has none, and returns it: the only time it is
 * seen, since only its SHA-256 is stored (a random 32-byte token needs no slow hash).
 */
export async function firstToken(db: SqlQueryable, now: number): Promise<string | undefined> {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM aios_tokens');
  if (rows[0]?.['n'] !== 0) return undefined;
  const token = `aios_${randomBytes(32).toString('base64url')}`;
  const { affected } = await db.query(
    `INSERT INTO aios_tokens (id, sha256, created_at)
     SELECT 'first', $1, $2 WHERE NOT EXISTS (SELECT 1 FROM aios_tokens)
     ON CONFLICT DO NOTHING`,
    [sha256(token), now],
  );
  return affected === 1 ? token : undefined;
}

export async function tokenIsValid(db: SqlQueryable, token: string): Promise<boolean> {
  if (!token.startsWith('aios_') || token.length > 100) return false;
  const { rows } = await db.query('SELECT 1 FROM aios_tokens WHERE sha256 = $1', [sha256(token)]);
  return rows.length > 0;
}
