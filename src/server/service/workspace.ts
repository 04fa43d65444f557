import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  runStatusSchema,
  type ApprovalRecord,
  type RunEvent,
  type RunRecord,
} from '../../engine/index.ts';
import { finalStatuses } from '../../engine/store.ts';
import { forkStep, type ForkEdits } from '../../engine/timeTravel.ts';
import { canonicalJson, secretNameSchema, validateFlow } from '../../flow/index.ts';
import { catalog } from '../../nodes/index.ts';
import type { Core } from '../core.ts';
import { jobsIn, queues, queueStart, type RunJob } from '../dispatch/queue.ts';
import type { SqlQueryable } from '../sql/client.ts';
import { answerSchema, recordDecision } from '../store/decisions.ts';
import { deployedFlow, deployFlow, listFlows, type FlowSummary } from '../store/flows.ts';
import { claimDelivery, type FirstClaim } from '../store/deliveries.ts';
import { queuedRuns, type QueuedRun } from '../store/queuedRuns.ts';
import { parseWith, ServiceError } from './errors.ts';
import { startInputSchema } from './input.ts';
import { webhookTriggerOf } from './triggers.ts';
import { deliveryId, verifyDelivery } from './webhooks.ts';
import { MIN_SECRET_LENGTH } from '../../secrets/limits.ts';

const deployBody = z.strictObject({ flow: z.unknown() });
const secretBody = z.strictObject({
  value: z
    .string()
    .min(
      MIN_SECRET_LENGTH,
      `a secret must have at least ${MIN_SECRET_LENGTH} characters, or it cannot be kept out of logs`,
    )
    .max(10_000),
});
const startBody = z.strictObject({ input: z.unknown().default({}) });
/** As Stripe takes them: any string up to 255 characters (a UUID, say). */
const idempotencyKey = z.string().min(1).max(255);
const runsQuery = z.strictObject({
  flowId: z.string().max(200).optional(),
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.union([runStatusSchema, z.literal('queued')])))
    .optional(),
});
const eventsQuery = z.strictObject({ from: z.coerce.number().int().min(1).default(1) });

/**
 * What lists show of a run: not its flow document, input or checkpoints. A run asked for that no
 * worker has taken yet is `queued`, with when and why it was asked for instead of a start.
 */
export interface RunSummary {
  readonly id: string;
  readonly flowId: string;
  readonly flowName: string;
  readonly status: RunRecord['status'] | 'queued';
  readonly queuedAt?: number;
  /** What asked for a queued run: `api`, `webhook` or `schedule`. */
  readonly reason?: string;
  readonly startedAt?: number;
  readonly updatedAt: number;
  readonly finishedAt?: number;
  readonly error?: RunRecord['error'];
  readonly result?: unknown;
}

const queuedSummary = (q: QueuedRun): RunSummary => ({
  id: q.id,
  flowId: q.flowId,
  flowName: q.flowName,
  status: 'queued',
  queuedAt: q.queuedAt,
  reason: q.reason,
  updatedAt: q.queuedAt,
});

const summary = (r: RunRecord): RunSummary => ({
  id: r.id,
  flowId: r.flowId,
  flowName: r.flowName,
  status: r.status,
  startedAt: r.startedAt,
  updatedAt: r.updatedAt,
  ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}),
  ...(r.error ? { error: r.error } : {}),
  ...(r.result !== undefined ? { result: r.result } : {}),
});

/**
 * What the server does, independent of HTTP: every input arrives untrusted and is parsed here,
 * so another transport (the app's stream protocol) can expose the same operations.
 */
export class WorkspaceService {
  constructor(
    private readonly core: Core,
    private readonly newId: () => string = randomUUID,
  ) {}

  async deploy(body: unknown): Promise<FlowSummary> {
    const request = parseWith(deployBody, body, 'body');
    const checked = validateFlow(request.flow, await this.core.mcp.catalog(catalog));
    if (!checked.ok) {
      const errors = checked.issues.filter((i) => i.severity === 'error');
      const first = errors[0];
      throw new ServiceError(
        'invalid-flow',
        `the flow does not validate: ${first ? `${first.path || '(document)'}: ${first.message}` : 'unknown problem'}`,
        first ? `body.flow${first.path ? `.${first.path}` : ''}` : 'body.flow',
        errors.map((i) => ({ path: `body.flow.${i.path}`, message: i.message })),
      );
    }
    const now = this.core.clock.now();
    const version = await deployFlow(this.core.db, checked.flow, now);
    return {
      id: checked.flow.id,
      name: checked.flow.name,
      version,
      deployedAt: now,
      webhook: webhookTriggerOf(checked.flow) !== undefined,
    };
  }

  /** Sets a secret in the server's vault; its value is never returned by any endpoint. */
  async setSecret(name: string, body: unknown): Promise<{ name: string }> {
    const checkedName = parseWith(secretNameSchema, name, 'name');
    const { value } = parseWith(secretBody, body, 'body');
    await this.core.secrets.put(checkedName, value, this.core.clock.now());
    return { name: checkedName };
  }

  secretNames(): Promise<string[]> {
    return this.core.secrets.names();
  }

  flows(): Promise<FlowSummary[]> {
    return listFlows(this.core.db);
  }

  /**
   * Starts a run of a deployed flow: checks its input, then queues it. With an idempotency key
   * (`where` names it in errors), a request sent again makes no second run: it answers the run
   * the first one made. The same key with another input (as checked, compared as canonical JSON)
   * is refused, as Stripe refuses a key reused with other parameters: no run is made or answered.
   */
  async startRun(
    flowId: string,
    body: unknown,
    idempotency?: { readonly key: unknown; readonly where: string },
  ): Promise<{ runId: string; duplicate: boolean }> {
    const deployed = await this.flow(flowId);
    const { input } = parseWith(startBody, body, 'body');
    const checked = parseWith(startInputSchema(deployed.flow), input, 'body.input');
    const key =
      idempotency?.key === undefined
        ? undefined
        : parseWith(idempotencyKey, idempotency.key, idempotency.where);
    const run = {
      runId: this.newId(),
      reason: 'api',
      flowId,
      flowName: deployed.name,
      input: checked,
    };
    if (key === undefined) return this.queueOnce(run, undefined);
    const inputSha256 = createHash('sha256').update(canonicalJson(checked)).digest('hex');
    // Keyed apart from webhook delivery ids, which share the table.
    return this.queueOnce(run, { id: `request:${key}`, inputSha256 }, (first) => {
      if (first.inputSha256 === null || first.inputSha256 === inputSha256) return;
      throw new ServiceError(
        'idempotency-conflict',
        `the idempotency key "${key}" was sent before with another input (it made run "${first.runId}"): a key stands for one request`,
        idempotency?.where,
      );
    });
  }

  /**
   * A new run from another's state after event `seq`, with edited outputs or inputs (parsed by
   * the engine protocol): written as the engine writes a fork, with its job, so a worker drives it.
   */
  async fork(runId: string, seq: number, edits: ForkEdits): Promise<{ runId: string }> {
    const source = await this.core.store.getRun(runId);
    if (!source) throw new ServiceError('not-found', `there is no run "${runId}"`, 'runId');
    const id = this.newId();
    const step = await forkStep(this.core.store, source, seq, edits, {
      id,
      now: this.core.clock.now(),
    });
    // The fork and its job in one transaction: never a fork no worker will drive.
    await this.core.store.commit(step, (tx) => this.enqueue(tx, { runId: id, reason: 'fork' }));
    return { runId: id };
  }

  async runs(query: Record<string, string | undefined>): Promise<RunSummary[]> {
    const { flowId, status } = parseWith(runsQuery, query, 'query');
    const started = status?.filter((s) => s !== 'queued');
    const [queued, runs] = await Promise.all([
      status && !status.includes('queued')
        ? []
        : queuedRuns(this.core.db, flowId ? { flowId } : {}),
      started?.length === 0
        ? []
        : this.core.store.listRuns({
            ...(flowId ? { flowId } : {}),
            ...(started ? { status: started } : {}),
          }),
    ]);
    // Waiting for a worker first: they are the newest asked for.
    return [...queued.map(queuedSummary), ...runs.map(summary)];
  }

  /** A run by id: its record's summary, or `queued` while no worker has taken it. */
  async run(runId: string): Promise<RunSummary> {
    const record = await this.core.store.getRun(runId);
    if (record) return summary(record);
    const [queued] = await queuedRuns(this.core.db, { runId });
    if (queued) return queuedSummary(queued);
    // Taken (and recorded) between the two reads.
    const taken = await this.core.store.getRun(runId);
    if (taken) return summary(taken);
    throw new ServiceError('not-found', `there is no run "${runId}"`, 'runId');
  }

  async events(runId: string, query: Record<string, string | undefined>): Promise<RunEvent[]> {
    const { from } = parseWith(eventsQuery, query, 'query');
    await this.run(runId);
    return this.core.store.events(runId, { from });
  }

  approvals(runId?: string): Promise<ApprovalRecord[]> {
    return this.core.store.approvals({ status: 'pending', ...(runId ? { runId } : {}) });
  }

  /** Records a decision, first one wins, and queues its job; a later one is refused. */
  async decide(key: string, body: unknown): Promise<{ accepted: true }> {
    const answer = parseWith(answerSchema, body, 'body');
    const approval = await this.core.store.getApproval(key);
    if (!approval) throw new ServiceError('not-found', `there is no approval "${key}"`, 'key');
    if (approval.status === 'decided')
      throw new ServiceError(
        'already-decided',
        `"${approval.request.title}" was already decided`,
        'key',
      );
    await this.refuseClosed(approval);
    if (answer.subject !== undefined && !approval.request.allowEdit)
      throw new ServiceError(
        'invalid-request',
        `"${approval.request.title}" cannot be edited, only approved or rejected`,
        'body.subject',
      );
    const first = await this.core.db.transaction(async (tx) => {
      if (!(await recordDecision(tx, key, answer, this.core.clock.now()))) return false;
      await this.core.boss.send(queues.decide, { key }, { singletonKey: key, db: jobsIn(tx) });
      return true;
    });
    if (!first)
      throw new ServiceError(
        'already-decided',
        `"${approval.request.title}" was already decided`,
        'key',
      );
    return { accepted: true };
  }

  /** A stopped run's approvals are closed: a decision for one is refused, never queued. */
  private async refuseClosed(approval: ApprovalRecord): Promise<void> {
    const run = approval.status === 'pending' ? await this.core.store.getRun(approval.runId) : null;
    const ended = run && finalStatuses.has(run.status) ? `its run had already ${run.status}` : null;
    if (approval.status === 'closed' || ended)
      throw new ServiceError(
        'approval-closed',
        `"${approval.request.title}" was closed (${approval.closed?.reason ?? ended ?? 'its run ended'}) and can no longer be decided`,
        'key',
      );
  }

  /**
   * A delivery to a flow's webhook: the signature is checked before anything is read or written;
   * the body must be the Start node's input; one delivery id makes one run, however often sent.
   */
  async webhook(
    flowId: string,
    rawBody: Uint8Array,
    header: (name: string) => string | undefined,
  ): Promise<{ runId: string; duplicate: boolean }> {
    const deployed = await deployedFlow(this.core.db, flowId);
    const trigger = deployed && webhookTriggerOf(deployed.flow);
    const secret = trigger && (await this.core.secrets.get(trigger.secret));
    // An unknown flow, one without a webhook or its secret, and a bad signature all look the
    // same to a sender: nothing to probe.
    if (!deployed || !trigger || !secret || !verifyDelivery(trigger, secret, rawBody, header))
      throw new ServiceError(
        'unauthorized',
        'the webhook signature or secret is missing or wrong',
        'headers',
      );
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(rawBody).toString('utf8'));
    } catch (error) {
      throw new ServiceError(
        'invalid-request',
        `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        'body',
      );
    }
    const input = parseWith(startInputSchema(deployed.flow), body, 'body');
    const delivery = deliveryId(trigger, header);
    const run = { runId: this.newId(), reason: 'webhook', flowId, flowName: deployed.name, input };
    return this.queueOnce(run, delivery === undefined ? undefined : { id: delivery });
  }

  /**
   * Queues a new run in one transaction; with a delivery id, only the first time it is seen.
   * `repeat` hears the first claim of a repeated id, and may refuse it by throwing.
   */
  private queueOnce(
    run: Parameters<typeof queueStart>[2],
    delivery: { readonly id: string; readonly inputSha256?: string } | undefined,
    repeat?: (first: FirstClaim) => void,
  ): Promise<{ runId: string; duplicate: boolean }> {
    return this.core.db.transaction(async (tx) => {
      const now = this.core.clock.now();
      if (delivery !== undefined) {
        const { id, inputSha256 } = delivery;
        const first = await claimDelivery(tx, run.flowId, id, run.runId, now, inputSha256);
        if (first !== undefined) {
          repeat?.(first);
          return { runId: first.runId, duplicate: true };
        }
      }
      await queueStart(this.core.boss, tx, run, now);
      return { runId: run.runId, duplicate: false };
    });
  }

  private async flow(flowId: string) {
    const deployed = await deployedFlow(this.core.db, flowId);
    if (!deployed) throw new ServiceError('not-found', `no flow "${flowId}" is deployed`, 'flowId');
    return deployed;
  }

  private async enqueue(db: SqlQueryable, job: RunJob): Promise<void> {
    await this.core.boss.send(queues.run, job, { singletonKey: job.runId, db: jobsIn(db) });
  }
}
