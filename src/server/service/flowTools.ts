import { z } from 'zod';
import { fieldSchema, type Field, type Flow } from '../../flow/index.ts';
import type { SqlQueryable } from '../sql/client.ts';
import { deployedFlow, listFlows } from '../store/flows.ts';
import { ServiceError } from './errors.ts';
import { triggersOf } from './triggers.ts';
import type { RunSummary, WorkspaceService } from './workspace.ts';

/** One deployed flow offered as an MCP tool. */
interface FlowTool {
  readonly name: string;
  readonly flowId: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: z.ZodObject;
}

/** What a flow tool's call answers: where its run stands, and its result once it has one. */
export interface RunOutcome {
  readonly runId: string;
  readonly status: RunSummary['status'];
  readonly result?: unknown;
  readonly error?: string;
  /** What the run waits for people to decide (in the app's inbox). */
  readonly waitingFor?: readonly string[];
}

export const RUN_STATUS_TOOL = 'run_status';
const TOOL_PREFIX = 'flow_';

const fieldType: Record<Field['type'], () => z.ZodType> = {
  text: () => z.string(),
  number: () => z.number(),
  boolean: () => z.boolean(),
  object: () => z.record(z.string(), z.unknown()),
  list: () => z.array(z.unknown()),
};

/** The Start node's fields as the tool's arguments (the run checks them again as its input). */
function inputSchemaOf(flow: Flow): z.ZodObject {
  const start = flow.nodes.find((n) => n.type === 'start');
  const fields = fieldSchema.array().catch([]).parse(start?.data['inputs']);
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    const type = f.description ? fieldType[f.type]().describe(f.description) : fieldType[f.type]();
    shape[f.name] = f.required ? type : type.optional();
  }
  return z.looseObject(shape);
}

/** A flow a person may start by hand: no triggers (the default) or a manual one among them. */
const startsByHand = (flow: Flow) => {
  const triggers = triggersOf(flow);
  return triggers.length === 0 || triggers.some((t) => t.type === 'manual');
};

/** An MCP tool name from a flow id: `[A-Za-z0-9_-]`, at most 128 characters. */
const toolName = (flowId: string) =>
  `${TOOL_PREFIX}${flowId.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 128);

const TERMINAL = new Set(['succeeded', 'failed', 'compensated', 'stopped', 'needs-attention']);

/**
 * Deployed flows as MCP tools for other agents: each flow a person may start by hand is a tool
 * (`flow_<id>`, arguments from its Start node), and its call is an ordinary run, queued like
 * one from the API, under the flow's policy and approvals. The call waits for the run to end, or
 * to wait on a person, up to `waitMs`; `run_status` tells where a run stands later.
 */
export class FlowTools {
  constructor(
    private readonly service: WorkspaceService,
    private readonly db: SqlQueryable,
    private readonly waitMs = 50_000,
    private readonly everyMs = 250,
  ) {}

  async list(): Promise<FlowTool[]> {
    const tools: FlowTool[] = [];
    const taken = new Set<string>();
    for (const summary of await listFlows(this.db)) {
      const flow = (await deployedFlow(this.db, summary.id))?.flow;
      if (!flow || !startsByHand(flow)) continue;
      const name = toolName(flow.id);
      // Two ids that read alike (`a.b`, `a_b`): the first keeps the name, neither is renamed.
      if (taken.has(name)) continue;
      taken.add(name);
      tools.push({
        name,
        flowId: flow.id,
        title: flow.name,
        description: [
          flow.description,
          `Runs the workspace flow "${flow.name}" as an ordinary run, with its policy and approvals; answers its result, or that it waits for a person (then ask ${RUN_STATUS_TOOL} later).`,
        ]
          .filter(Boolean)
          .join('\n\n'),
        inputSchema: inputSchemaOf(flow),
      });
    }
    return tools;
  }

  /**
   * Starts the flow behind `name` and waits for where its run ends up; a call sent again with
   * the same idempotency key answers the first call's run instead of starting another.
   */
  async call(
    name: string,
    args: unknown,
    signal: AbortSignal,
    idempotencyKey?: unknown,
  ): Promise<RunOutcome> {
    const tool = (await this.list()).find((t) => t.name === name);
    if (!tool)
      throw new ServiceError(
        'not-found',
        `no deployed flow is offered as "${name}": deploy it with a manual trigger, or list the tools again`,
        'name',
      );
    const { runId } = await this.service.startRun(
      tool.flowId,
      { input: args ?? {} },
      idempotencyKey === undefined
        ? undefined
        : { key: idempotencyKey, where: 'the Idempotency-Key header or _meta.idempotencyKey' },
    );
    return this.outcome(runId, signal);
  }

  /** Where a run stands now, waiting up to `waitMs` for it to end or wait on a person. */
  async outcome(runId: string, signal: AbortSignal, waitMs = this.waitMs): Promise<RunOutcome> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const run = await this.service.run(runId);
      if (TERMINAL.has(run.status))
        return {
          runId,
          status: run.status,
          ...(run.result !== undefined ? { result: run.result } : {}),
          ...(run.error ? { error: run.error.message } : {}),
        };
      if (run.status === 'waiting' || run.status === 'paused') {
        const pending = await this.service.approvals(runId);
        if (pending.length > 0)
          return {
            runId,
            status: run.status,
            waitingFor: pending.map((a) => a.request.title),
          };
      }
      if (Date.now() >= deadline || signal.aborted) return { runId, status: run.status };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.everyMs);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }
}
