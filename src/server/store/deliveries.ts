import type { SqlQueryable } from '../sql/client.ts';

/** The first claim of a delivery id: the run it made, and the hash of its input if kept. */
export interface FirstClaim {
  readonly runId: string;
  /** Null for a webhook delivery, and for a claim made before input hashes were kept. */
  readonly inputSha256: string | null;
}

/**
 * Claims `deliveryId` for a flow in `tx` (a webhook's delivery id, or a start request's
 * idempotency key, with `inputSha256` of the input it was sent with): the first claim if it was
 * claimed before, otherwise undefined and `runId` is now its run. The claim commits or rolls
 * back with the run's job.
 */
export async function claimDelivery(
  tx: SqlQueryable,
  flowId: string,
  deliveryId: string,
  runId: string,
  at: number,
  inputSha256?: string,
): Promise<FirstClaim | undefined> {
  const { rows } = await tx.query(
    `INSERT INTO aios_deliveries (flow_id, delivery_id, run_id, received_at, input_sha256)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (flow_id, delivery_id) DO UPDATE SET flow_id = excluded.flow_id
     RETURNING run_id, input_sha256, (xmax <> 0) AS duplicate`,
    [flowId, deliveryId, runId, at, inputSha256 ?? null],
  );
  const row = rows[0];
  if (row?.['duplicate'] !== true || typeof row['run_id'] !== 'string') return undefined;
  const hash = row['input_sha256'];
  return { runId: row['run_id'], inputSha256: typeof hash === 'string' ? hash : null };
}
