import { compatible } from '../../flow/index.ts';
import type { Flow, FlowEdge, PortSpec } from '../../flow/index.ts';
import { getKind } from '../../nodes/index.ts';
import { edgeId } from './ops.ts';
import { portsOf } from './ports.ts';

export interface ConnectionAttempt {
  readonly source: string;
  readonly sourceHandle: string | null;
  readonly target: string;
  readonly targetHandle: string | null;
}

type ConnectionCheck =
  { readonly ok: true; readonly edge: FlowEdge } | { readonly ok: false; readonly reason: string };

const describe = (port: PortSpec) => `"${port.label}" (${port.type})`;

/**
 * Whether an edge may be drawn between two handles, with the reason when it may not: the same
 * rules the validator applies to port types and fan-out, said in words a person can act on.
 * @example checkConnection(flow, { source: 'a', sourceHandle: 'out', target: 'a', targetHandle: 'in' })
 *   // { ok: false, reason: 'a node cannot connect to itself' }
 */
export function checkConnection(flow: Flow, attempt: ConnectionAttempt): ConnectionCheck {
  const source = flow.nodes.find((n) => n.id === attempt.source);
  const target = flow.nodes.find((n) => n.id === attempt.target);
  if (!source || !target) return { ok: false, reason: 'both ends must be nodes on the canvas' };
  if (source.id === target.id) return { ok: false, reason: 'a node cannot connect to itself' };
  const out = portsOf(source.type, source.data).outputs.find((p) => p.id === attempt.sourceHandle);
  const into = portsOf(target.type, target.data).inputs.find((p) => p.id === attempt.targetHandle);
  if (!out || !into) return { ok: false, reason: 'connect an output (right) to an input (left)' };
  const sourceTitle = getKind(source.type)?.title ?? source.type;
  const targetTitle = getKind(target.type)?.title ?? target.type;
  if (!compatible(out.type, into.type)) {
    return {
      ok: false,
      reason: `${sourceTitle} output ${describe(out)} does not fit ${targetTitle} input ${describe(into)}`,
    };
  }
  const taken = flow.edges.find((e) => e.source === source.id && e.sourceHandle === out.id);
  if (taken) {
    return {
      ok: false,
      reason: `output ${describe(out)} already leads to "${taken.target}"; delete that edge first, or use a Parallel node to branch`,
    };
  }
  const edge: FlowEdge = {
    id: '',
    source: source.id,
    sourceHandle: out.id,
    target: target.id,
    targetHandle: into.id,
  };
  return { ok: true, edge: { ...edge, id: edgeId(edge) } };
}
