import { validateFlow, type Flow } from '../../flow/index.ts';
import { catalog } from '../../nodes/index.ts';
import { num, text, type SqlQueryable } from '../sql/client.ts';

export interface DeployedFlow {
  readonly id: string;
  readonly name: string;
  /** Counts deploys of this id: 1 for the first. */
  readonly version: number;
  readonly deployedAt: number;
  readonly flow: Flow;
  /** The webhook secret, sealed; never leaves the server. */
  readonly sealedSecret: string | null;
}

/** Stores a validated flow under its id, replacing an earlier deploy (runs keep their copy). */
export async function deployFlow(
  db: SqlQueryable,
  flow: Flow,
  sealedSecret: string | null,
  at: number,
): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO aios_flows (id, name, version, deployed_at, flow, webhook_secret)
     VALUES ($1, $2, 1, $3, $4::json, $5)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = aios_flows.version + 1,
       deployed_at = excluded.deployed_at, flow = excluded.flow,
       webhook_secret = coalesce(excluded.webhook_secret, aios_flows.webhook_secret)
     RETURNING version`,
    [flow.id, flow.name, at, JSON.stringify(flow), sealedSecret],
  );
  return rows[0] ? num(rows[0], 'version') : 1;
}

/** A deployed flow, validated again as it is read (the table is only as trusted as the database). */
export async function deployedFlow(
  db: SqlQueryable,
  id: string,
): Promise<DeployedFlow | undefined> {
  const { rows } = await db.query(
    'SELECT id, name, version, deployed_at, flow, webhook_secret FROM aios_flows WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  const raw = row['flow'];
  const checked = validateFlow(typeof raw === 'string' ? JSON.parse(raw) : raw, catalog);
  if (!checked.ok)
    throw new Error(
      `deployed flow ${id} no longer validates: ${checked.issues[0]?.path ?? ''} ${checked.issues[0]?.message ?? ''}`,
    );
  const secret = row['webhook_secret'];
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    version: num(row, 'version'),
    deployedAt: num(row, 'deployed_at'),
    flow: checked.flow,
    sealedSecret: typeof secret === 'string' ? secret : null,
  };
}

export interface FlowSummary {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly deployedAt: number;
  readonly webhook: boolean;
}

export async function listFlows(db: SqlQueryable): Promise<FlowSummary[]> {
  const { rows } = await db.query(
    `SELECT id, name, version, deployed_at, webhook_secret IS NOT NULL AS webhook
     FROM aios_flows ORDER BY name, id`,
  );
  return rows.map((row) => ({
    id: text(row, 'id'),
    name: text(row, 'name'),
    version: num(row, 'version'),
    deployedAt: num(row, 'deployed_at'),
    webhook: row['webhook'] === true,
  }));
}
