import { validateFlow, type Flow } from '../../flow/index.ts';
import { catalog } from '../../nodes/index.ts';
import { num, text, type Row, type SqlQueryable } from '../sql/client.ts';
import { webhookTriggerOf } from '../service/triggers.ts';

interface DeployedFlow {
  readonly id: string;
  readonly name: string;
  /** Counts deploys of this id: 1 for the first. */
  readonly version: number;
  readonly deployedAt: number;
  readonly flow: Flow;
}

export interface FlowSummary {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly deployedAt: number;
  /** Whether its Start node has a webhook trigger (live at `/hooks/<id>`). */
  readonly webhook: boolean;
}

/** Stores a validated flow under its id, replacing an earlier deploy (runs keep their copy). */
export async function deployFlow(db: SqlQueryable, flow: Flow, at: number): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO aios_flows (id, name, version, deployed_at, flow) VALUES ($1, $2, 1, $3, $4::json)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = aios_flows.version + 1,
       deployed_at = excluded.deployed_at, flow = excluded.flow
     RETURNING version`,
    [flow.id, flow.name, at, JSON.stringify(flow)],
  );
  return rows[0] ? num(rows[0], 'version') : 1;
}

/** A row as a deployed flow, validated again (the table is only as trusted as the database). */
function fromRow(row: Row): DeployedFlow {
  const id = text(row, 'id');
  const raw = row['flow'];
  const checked = validateFlow(typeof raw === 'string' ? JSON.parse(raw) : raw, catalog);
  if (!checked.ok)
    throw new Error(
      `deployed flow ${id} no longer validates: ${checked.issues[0]?.path ?? ''} ${checked.issues[0]?.message ?? ''}`,
    );
  return {
    id,
    name: text(row, 'name'),
    version: num(row, 'version'),
    deployedAt: num(row, 'deployed_at'),
    flow: checked.flow,
  };
}

export async function deployedFlow(
  db: SqlQueryable,
  id: string,
): Promise<DeployedFlow | undefined> {
  const { rows } = await db.query(
    'SELECT id, name, version, deployed_at, flow FROM aios_flows WHERE id = $1',
    [id],
  );
  return rows[0] && fromRow(rows[0]);
}

export async function listFlows(db: SqlQueryable): Promise<FlowSummary[]> {
  const { rows } = await db.query(
    'SELECT id, name, version, deployed_at, flow FROM aios_flows ORDER BY name, id',
  );
  return rows.map(fromRow).map(({ flow, ...rest }) => ({
    ...rest,
    webhook: webhookTriggerOf(flow) !== undefined,
  }));
}
