import type { Flow } from '../flow/index.ts';
import { NodeError } from './contract/index.ts';
import type { Run } from './run.ts';
import { finalStatuses, type RunRecord, type RunStore } from './store.ts';

interface SubflowDeps {
  readonly store: RunStore;
  readonly loadFlow?: ((id: string) => Promise<Flow | undefined>) | undefined;
  readonly start: (
    flow: Flow,
    input: unknown,
    options: { runId: string; caller: NonNullable<RunRecord['caller']> },
  ) => Promise<Run>;
  readonly resume: (runId: string, reason: string) => Promise<Run>;
}

/** The flows of a run and of the runs that started it as a subflow, innermost first. */
async function callerFlows(store: RunStore, runId: string): Promise<Flow[]> {
  const flows: Flow[] = [];
  for (let id: string | undefined = runId; id !== undefined;) {
    const record: RunRecord | undefined = await store.getRun(id);
    if (!record) break;
    flows.push(record.flow);
    id = record.caller?.runId;
  }
  return flows;
}

/** The id of the run a subflow step makes: its caller's, the step's and the visit's. */
export const subflowRunId = (parent: { runId: string; nodeId: string; visit: number }) =>
  `${parent.runId}/${parent.nodeId}/${parent.visit}`;

/**
 * Runs a saved flow as one step of a parent run and resolves to its result. The child's id is
 * `parent/node/visit`, so a resumed parent finds its child (finished, or to resume) instead of
 * starting another.
 */
export async function runSubflow(
  deps: SubflowDeps,
  flowId: string,
  input: unknown,
  parent: { runId: string; nodeId: string; visit: number },
): Promise<unknown> {
  const flow = await deps.loadFlow?.(flowId);
  if (!flow)
    throw new NodeError('unknown-flow', `there is no saved flow "${flowId}"`, { path: 'flow' });
  const callers = await callerFlows(deps.store, parent.runId);
  if (callers.some((f) => f.id === flowId))
    throw new NodeError(
      'subflow-cycle',
      `subflow "${flow.name}" is already running further up (${[...callers.reverse(), flow].map((f) => f.name).join(' → ')}): a flow cannot run itself`,
      { path: 'flow' },
    );
  const runId = subflowRunId(parent);
  const existing = await deps.store.getRun(runId);
  const child = existing
    ? finalStatuses.has(existing.status)
      ? existing
      : await (
          await deps.resume(runId, 'parent resumed')
        ).done
    : await (
        await deps.start(flow, input, { runId, caller: parent })
      ).done;
  if (child.status !== 'succeeded')
    throw new NodeError(
      'subflow-failed',
      `subflow "${flow.name}" ${child.status}: ${child.error?.message ?? ''}`,
    );
  return (child.result as { value?: unknown } | undefined)?.value ?? null;
}
