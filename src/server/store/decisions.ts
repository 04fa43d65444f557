import { z } from 'zod';
import type { Answer } from '../../engine/index.ts';
import type { SqlQueryable } from '../sql/client.ts';

export const answerSchema = z.strictObject({
  decision: z.enum(['approved', 'rejected', 'draft']),
  subject: z.unknown().optional(),
  feedback: z.string().max(10_000).optional(),
});

/**
 * Records a person's decision before any runner applies it; the first one per approval wins
 * across every process. Resolves to whether this one was first.
 */
export async function recordDecision(
  db: SqlQueryable,
  key: string,
  answer: Answer,
  at: number,
): Promise<boolean> {
  const { affected } = await db.query(
    `INSERT INTO aios_decisions (key, answer, decided_at) VALUES ($1, $2::json, $3)
     ON CONFLICT (key) DO NOTHING`,
    [key, JSON.stringify(answer), at],
  );
  return affected === 1;
}

/** The decision recorded for an approval, if any. */
export async function decisionOf(db: SqlQueryable, key: string): Promise<Answer | undefined> {
  const { rows } = await db.query('SELECT answer FROM aios_decisions WHERE key = $1', [key]);
  const raw = rows[0]?.['answer'];
  if (raw === undefined) return undefined;
  const parsed = answerSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  if (!parsed.success) throw new Error(`the stored decision for ${key} is malformed`);
  return parsed.data;
}
