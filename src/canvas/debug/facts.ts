import type { RunEvent } from '../../engine/index.ts';

/** What replay must reproduce of an event: the fact, not when it was written or under which id. */
export const fact = (e: RunEvent): string => {
  const body: Record<string, unknown> = { ...e };
  for (const key of ['runId', 'seq', 'at', 'causedBy', 'ms', 'key', 'request', 'decision'])
    delete body[key];
  return JSON.stringify(body);
};

/** Pauses, resumptions and rewinds belong to the session that watched the run, not to what it did. */
export const isFact = (e: RunEvent): boolean =>
  !e.type.startsWith('debug.') && e.type !== 'run.resumed' && e.type !== 'run.rewound';

/**
 * The log as a replay tells it: a node in flight when the run resumed (after a crash, or a server
 * run parked on a person) starts again, and that second start is the same attempt going on.
 */
export function withoutRestarts(events: readonly RunEvent[]): RunEvent[] {
  const inFlight = new Set<string>();
  const restarting = new Set<string>();
  const kept: RunEvent[] = [];
  for (const event of events) {
    if (event.type === 'run.resumed') for (const node of inFlight) restarting.add(node);
    else if (event.type === 'node.started') {
      inFlight.add(event.node);
      if (restarting.delete(event.node)) continue;
    } else if (event.type === 'node.succeeded' || event.type === 'node.failed')
      inFlight.delete(event.node);
    kept.push(event);
  }
  return kept;
}
