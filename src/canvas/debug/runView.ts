import { pathOf, type RunEvent } from '../../engine/index.ts';

export type NodeRunStatus = 'running' | 'paused' | 'waiting' | 'succeeded' | 'failed';

/** What a run did at one node, as the card shows it. */
export interface NodeRun {
  readonly status: NodeRunStatus;
  /** Time spent in finished visits. */
  readonly ms: number;
  readonly costUsd: number;
  readonly visits: number;
  /** Whether it touched the outside world (an effect was performed or reused). */
  readonly external: boolean;
}

/** A run as of one event: each node's state, the node it is at, and the ports it left through. */
export interface RunView {
  readonly nodes: ReadonlyMap<string, NodeRun>;
  readonly active: string | null;
  /** `node\u0000port` for every port a node left through, followed by the next node starting. */
  readonly left: ReadonlySet<string>;
  readonly started: ReadonlySet<string>;
}

export const emptyView: RunView = {
  nodes: new Map(),
  active: null,
  left: new Set(),
  started: new Set(),
};

const blank: NodeRun = { status: 'running', ms: 0, costUsd: 0, visits: 0, external: false };

/**
 * Folds a run's events up to and including `seq` (all of them without it) into what the canvas
 * draws, along the path the run took (a rewind takes back what came after its point). Pure, so a
 * scrub anywhere redraws the canvas as the flow was at that step.
 * @example const view = runViewAt(events, 12); view.nodes.get('draft')?.status // 'succeeded'
 */
export function runViewAt(events: readonly RunEvent[], seq: number | null = null): RunView {
  const nodes = new Map<string, NodeRun>();
  const left = new Set<string>();
  const started = new Set<string>();
  let active: string | null = null;
  const put = (node: string, change: Partial<NodeRun>) =>
    nodes.set(node, { ...(nodes.get(node) ?? blank), ...change });
  const upTo = seq === null ? events : events.filter((e) => e.seq <= seq);
  for (const event of pathOf(upTo)) {
    switch (event.type) {
      case 'debug.paused':
        put(event.node, { status: 'paused' });
        active = event.node;
        break;
      case 'node.started': {
        const before = nodes.get(event.node);
        put(event.node, { status: 'running', visits: (before?.visits ?? 0) + 1 });
        started.add(event.node);
        active = event.node;
        break;
      }
      case 'approval.requested':
        put(event.node, { status: 'waiting' });
        break;
      case 'approval.decided':
        put(event.node, { status: 'running' });
        break;
      case 'node.succeeded':
        put(event.node, { status: 'succeeded', ms: (nodes.get(event.node)?.ms ?? 0) + event.ms });
        left.add(`${event.node}\u0000${event.port}`);
        if (active === event.node) active = null;
        break;
      case 'node.failed':
        if (event.willRetry) break;
        put(event.node, { status: 'failed' });
        left.add(`${event.node}\u0000error`);
        if (active === event.node) active = null;
        break;
      case 'llm.called':
        put(event.node, { costUsd: (nodes.get(event.node)?.costUsd ?? 0) + event.costUsd });
        break;
      case 'effect.started':
      case 'effect.completed':
      case 'effect.unknown':
        put(event.node, { external: true });
        break;
      case 'run.succeeded':
      case 'run.failed':
      case 'run.stopped':
        active = null;
        break;
      default:
        break;
    }
  }
  return { nodes, active, left, started };
}

/** Whether the run went along an edge: its source left through the edge's port and its target ran. */
export function edgeTaken(
  view: RunView,
  edge: { source: string; sourceHandle?: string | null; target: string },
): boolean {
  return (
    view.left.has(`${edge.source}\u0000${edge.sourceHandle ?? 'out'}`) &&
    view.started.has(edge.target)
  );
}

/** Dollars with enough digits to tell small model calls apart. */
export function formatCost(usd: number): string {
  return usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
