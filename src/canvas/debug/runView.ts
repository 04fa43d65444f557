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

/** The fold of a log into a view, one event at a time; `copy` keeps a fold to continue later. */
class ViewFold {
  constructor(
    readonly nodes = new Map<string, NodeRun>(),
    readonly left = new Set<string>(),
    readonly started = new Set<string>(),
    public active: string | null = null,
  ) {}

  copy(): ViewFold {
    return new ViewFold(
      new Map(this.nodes),
      new Set(this.left),
      new Set(this.started),
      this.active,
    );
  }

  view(): RunView {
    return { nodes: this.nodes, active: this.active, left: this.left, started: this.started };
  }

  private put(node: string, change: Partial<NodeRun>): void {
    this.nodes.set(node, { ...(this.nodes.get(node) ?? blank), ...change });
  }

  apply(event: RunEvent): void {
    const { nodes } = this;
    switch (event.type) {
      case 'debug.paused':
        this.put(event.node, { status: 'paused' });
        this.active = event.node;
        break;
      case 'node.started':
        this.put(event.node, {
          status: 'running',
          visits: (nodes.get(event.node)?.visits ?? 0) + 1,
        });
        this.started.add(event.node);
        this.active = event.node;
        break;
      case 'approval.requested':
        this.put(event.node, { status: 'waiting' });
        break;
      case 'approval.decided':
        this.put(event.node, { status: 'running' });
        break;
      case 'node.succeeded':
        this.put(event.node, {
          status: 'succeeded',
          ms: (nodes.get(event.node)?.ms ?? 0) + event.ms,
        });
        this.left.add(`${event.node}\u0000${event.port}`);
        if (this.active === event.node) this.active = null;
        break;
      case 'node.failed':
        if (event.willRetry) break;
        this.put(event.node, { status: 'failed' });
        this.left.add(`${event.node}\u0000error`);
        if (this.active === event.node) this.active = null;
        break;
      case 'llm.called':
        this.put(event.node, { costUsd: (nodes.get(event.node)?.costUsd ?? 0) + event.costUsd });
        break;
      case 'effect.started':
      case 'effect.completed':
      case 'effect.unknown':
        this.put(event.node, { external: true });
        break;
      case 'run.succeeded':
      case 'run.failed':
      case 'run.stopped':
        this.active = null;
        break;
      default:
        break;
    }
  }
}

/** Events between kept folds: a scrub folds at most this many events. */
const EVERY = 1024;

/**
 * Folds kept along a log without rewinds, at every `EVERY`th event, so scrubbing a long run costs
 * a short fold from the nearest one rather than a fold from the start. Built lazily, per log.
 */
const kept = new WeakMap<readonly RunEvent[], { folds: ViewFold[]; rewound: boolean }>();

function keptFor(events: readonly RunEvent[]) {
  let entry = kept.get(events);
  if (!entry) {
    entry = { folds: [new ViewFold()], rewound: events.some((e) => e.type === 'run.rewound') };
    kept.set(events, entry);
  }
  return entry;
}

function foldTo(events: readonly RunEvent[], end: number): ViewFold {
  const { folds } = keptFor(events);
  const at = Math.min(Math.floor(end / EVERY), folds.length - 1);
  const fold = folds[at]!.copy();
  for (let i = at * EVERY; i < end; i++) {
    fold.apply(events[i]!);
    if ((i + 1) % EVERY === 0 && folds.length === (i + 1) / EVERY) folds.push(fold.copy());
  }
  return fold;
}

/**
 * Folds a run's events up to and including `seq` (all of them without it) into what the canvas
 * draws, along the path the run took (a rewind takes back what came after its point). Pure, so a
 * scrub anywhere redraws the canvas as the flow was at that step.
 * @example const view = runViewAt(events, 12); view.nodes.get('draft')?.status // 'succeeded'
 */
export function runViewAt(events: readonly RunEvent[], seq: number | null = null): RunView {
  // Seqs run 1..n in a log, so the events up to `seq` are the first `seq`.
  const end = seq === null ? events.length : Math.min(events.length, Math.max(0, seq));
  const inOrder = events[end - 1] === undefined || events[end - 1]!.seq === end;
  if (inOrder && !keptFor(events).rewound) return foldTo(events, end).view();
  const fold = new ViewFold();
  const upTo = seq === null ? events : events.filter((e) => e.seq <= seq);
  for (const event of pathOf(upTo)) fold.apply(event);
  return fold.view();
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
