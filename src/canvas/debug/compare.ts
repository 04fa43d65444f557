import { create } from 'jsondiffpatch';
import { format, type Op } from 'jsondiffpatch/formatters/jsonpatch';
import type { RunEvent } from '../../engine/index.ts';

/** One node of two runs side by side: how each left it, and what differs. */
export interface NodeComparison {
  readonly node: string;
  readonly a: NodeOutcome | undefined;
  readonly b: NodeOutcome | undefined;
  /** JSON Patch from A's output to B's; empty when they agree. */
  readonly changes: readonly Change[];
}

export interface NodeOutcome {
  readonly status: 'succeeded' | 'failed' | 'started';
  readonly port?: string;
  readonly output?: unknown;
}

export type Change = Op & { readonly before?: unknown };

// Arrays of objects are matched by an id when they have one, so a reordered list is a move.
const differ = create({
  objectHash: (item: object, index?: number) =>
    'id' in item && typeof item.id === 'string' ? item.id : `#${index ?? 0}`,
});

/** Each node's last outcome in a log (a fork's log holds only what ran after its fork point). */
function outcomes(events: readonly RunEvent[]): Map<string, NodeOutcome> {
  const map = new Map<string, NodeOutcome>();
  for (const e of events) {
    if (e.type === 'node.started') map.set(e.node, { status: 'started' });
    else if (e.type === 'node.succeeded')
      map.set(e.node, { status: 'succeeded', port: e.port, output: e.output });
    else if (e.type === 'node.failed' && !e.willRetry) map.set(e.node, { status: 'failed' });
  }
  return map;
}

function at(value: unknown, pointer: string): unknown {
  let here = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/**
 * Compares two runs node by node with jsondiffpatch: nodes in flow order, each with both
 * outcomes and the JSON Patch between their outputs.
 * @example compareRuns(order, a, b).filter((n) => n.changes.length > 0)
 */
export function compareRuns(
  order: readonly string[],
  a: readonly RunEvent[],
  b: readonly RunEvent[],
): NodeComparison[] {
  const left = outcomes(a);
  const right = outcomes(b);
  const nodes = [...new Set([...order, ...left.keys(), ...right.keys()])];
  return nodes.flatMap((node) => {
    const x = left.get(node);
    const y = right.get(node);
    if (!x && !y) return [];
    const delta = differ.diff(x?.output, y?.output);
    const changes = delta
      ? format(delta).map((op) =>
          op.op === 'replace' || op.op === 'remove'
            ? { ...op, before: at(x?.output, op.path) }
            : op,
        )
      : [];
    return [{ node, a: x, b: y, changes }];
  });
}
