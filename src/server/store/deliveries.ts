import type { SqlQueryable } from '../sql/client.ts';

/**
 * Claims `deliveryId` for a flow in `tx` (a webhook's delivery id, or a start request's
 * idempotency key): the run it made if it was claimed before, otherwise undefined and `runId` is
 * now its run. The claim commits or rolls back with the run's job.
 */
export async function claimDelivery(
  tx: SqlQueryable,
  flowId: string,
  deliveryId: string,
  runId: string,
  at: number,
): Promise<string | undefined> {
  const { rows } = await tx.query(
    `INSERT INTO aios_deliveries (flow_id, delivery_id, run_id, received_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (flow_id, delivery_id) DO UPDATE SET flow_id = excluded.flow_id
     RETURNING run_id, (xmax <> 0) AS duplicate`,
    [flowId, deliveryId, runId, at],
  );
  const row = rows[0];
  return row?.['duplicate'] === true && typeof row['run_id'] === 'string'
    ? row['run_id']
    : undefined;
}
