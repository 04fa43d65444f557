import type { RunEvent } from '../../engine/index.ts';

type Of<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>;

/** What the details pane shows for one selected step, all read from the log. */
interface StepFacts {
  readonly event: RunEvent;
  /** The node the step belongs to, if any. */
  readonly node: string | null;
  /** What that node was handed on its latest visit so far. */
  readonly input: unknown;
  /** What it produced by then (`undefined` while it has not finished). */
  readonly output: unknown;
  readonly approvals: readonly (Of<'approval.requested'> | Of<'approval.decided'>)[];
  readonly policies: readonly Of<'policy.decided'>[];
  /** Each node's latest output so far: the context's `nodes`, as the log tells it. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

export const isExternal = (event: RunEvent): boolean => event.type.startsWith('effect.');

const nodeOf = (event: RunEvent): string | null =>
  'node' in event && typeof event.node === 'string' ? event.node : null;

/**
 * The facts as of event `seq`: later events are ignored, so scrubbing back shows what was known
 * then. Works for imported bundles too, which have a log but no checkpoints in this browser.
 */
export function stepAt(events: readonly RunEvent[], seq: number): StepFacts | null {
  // In a whole log the event with seq n is the nth; otherwise search for it.
  const index = events[seq - 1]?.seq === seq ? seq - 1 : events.findIndex((e) => e.seq === seq);
  const event = events[index];
  if (!event) return null;
  const node = nodeOf(event);
  let input: unknown;
  let output: unknown;
  const approvals: StepFacts['approvals'][number][] = [];
  const policies: Of<'policy.decided'>[] = [];
  const outputs: Record<string, unknown> = {};
  for (let i = 0; i <= index; i++) {
    const e = events[i]!;
    if (e.type === 'node.started' && e.node === node) {
      input = e.input;
      output = undefined;
    } else if (e.type === 'node.succeeded') {
      outputs[e.node] = e.output;
      if (e.node === node) output = e.output;
    } else if (e.type === 'approval.requested' || e.type === 'approval.decided') approvals.push(e);
    else if (e.type === 'policy.decided') policies.push(e);
  }
  return { event, node, input, output, approvals, policies, outputs };
}

/** One line per event for the timeline. */
export function summary(event: RunEvent): string {
  switch (event.type) {
    case 'node.succeeded':
      return `${event.node} → ${event.port} (${event.ms} ms)`;
    case 'node.failed':
      return `${event.node}: ${event.error.message}${event.willRetry ? ' (will retry)' : ''}`;
    case 'node.started':
      return `${event.node}${event.attempt > 1 ? ` attempt ${event.attempt}` : ''}`;
    case 'run.failed':
      return event.error.message;
    case 'run.succeeded':
      return `ended at ${event.node} as ${event.status}`;
    case 'run.forked':
      return `from step ${event.atSeq}${event.edited.length ? `, edited ${event.edited.join(', ')}` : ''}`;
    case 'run.rewound':
      return `back to step ${event.toSeq}`;
    case 'run.resumed':
      return `${event.reason}, from step ${event.fromSeq}`;
    case 'debug.paused':
      return `${event.node} (${event.reason})`;
    case 'approval.requested':
      return event.request.title;
    case 'approval.decided':
      return `${event.decision.decision} by ${event.decision.by}`;
    case 'approval.closed':
      return `${event.node}: closed, ${event.reason}`;
    case 'policy.decided':
      return `${event.capability}: ${event.decision} (${event.reason})`;
    case 'llm.called':
      return `${event.node}: ${event.model}, ${event.inputTokens + event.outputTokens} tokens`;
    case 'effect.started':
    case 'effect.unknown':
      return `${event.node}: ${event.capability}`;
    case 'effect.completed':
      return `${event.node}: ${event.capability}${event.reused ? ' (recorded result reused)' : ''}`;
    default:
      return nodeOf(event) ?? '';
  }
}
