import { CURRENT_SCHEMA_VERSION } from '../../flow/index.ts';
import type { Flow, FlowEdge, FlowNode } from '../../flow/index.ts';
import { getKind } from '../../nodes/index.ts';

/** Pure edits of a flow document. Each returns a new flow and leaves unchanged parts shared. */

export interface XY {
  readonly x: number;
  readonly y: number;
}

export function emptyFlow(id: string, name: string): Flow {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id,
    name,
    description: '',
    nodes: [],
    edges: [],
    viewport: { x: 0, y: 0, zoom: 1 },
    capabilities: [],
    policies: { rules: [], budgets: {} },
    metadata: { tags: [] },
  };
}

/**
 * A node id not used in `taken`, readable and derived from the kind.
 * @example freshNodeId('agent', new Set(['agent-1'])) // 'agent-2'
 */
export function freshNodeId(kind: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${kind}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export const edgeId = (e: Pick<FlowEdge, 'source' | 'sourceHandle' | 'target' | 'targetHandle'>) =>
  `${e.source}.${e.sourceHandle ?? ''}->${e.target}.${e.targetHandle ?? ''}`;

export function nodeIds(flow: Flow): Set<string> {
  return new Set(flow.nodes.map((n) => n.id));
}

/** Adds a node of `kind` with its default config; returns the flow and the new node's id. */
export function addNode(
  flow: Flow,
  kind: string,
  position: XY,
  data: Readonly<Record<string, unknown>> = {},
): { flow: Flow; id: string } {
  const def = getKind(kind);
  if (!def) throw new Error(`unknown node kind "${kind}"`);
  const id = freshNodeId(kind, nodeIds(flow));
  const node: FlowNode = {
    id,
    type: kind,
    position: { ...position },
    data: { ...def.defaults(), ...data },
  };
  return { flow: { ...flow, nodes: [...flow.nodes, node] }, id };
}

/** Removes nodes, the edges touching them, and the given edges. */
export function removeElements(
  flow: Flow,
  nodes: ReadonlySet<string>,
  edges: ReadonlySet<string>,
): Flow {
  if (nodes.size === 0 && edges.size === 0) return flow;
  return {
    ...flow,
    nodes: flow.nodes.filter((n) => !nodes.has(n.id)),
    edges: flow.edges.filter(
      (e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target),
    ),
  };
}

export function moveNodes(flow: Flow, positions: ReadonlyMap<string, XY>): Flow {
  if (positions.size === 0) return flow;
  return {
    ...flow,
    nodes: flow.nodes.map((n) => {
      const p = positions.get(n.id);
      return p && (p.x !== n.position.x || p.y !== n.position.y)
        ? { ...n, position: { x: p.x, y: p.y } }
        : n;
    }),
  };
}

export function setNodeData(flow: Flow, id: string, data: Record<string, unknown>): Flow {
  return { ...flow, nodes: flow.nodes.map((n) => (n.id === id ? { ...n, data } : n)) };
}

export function addEdge(flow: Flow, edge: FlowEdge): Flow {
  return { ...flow, edges: [...flow.edges, edge] };
}

export function setEdgeLabel(flow: Flow, id: string, label: string): Flow {
  return {
    ...flow,
    edges: flow.edges.map((e) => {
      if (e.id !== id) return e;
      const { label: _old, ...rest } = e;
      return label ? { ...rest, label } : rest;
    }),
  };
}

/**
 * Names the secret a flow's own capability signs in with; `undefined` sends no credentials.
 * Choosing a secret for a capability without auth starts with a bearer token.
 */
export function setCapabilitySecret(flow: Flow, id: string, secret: string | undefined): Flow {
  return {
    ...flow,
    capabilities: flow.capabilities.map((c) => {
      if (c.id !== id) return c;
      const { auth, ...rest } = c;
      return secret === undefined ? rest : { ...rest, auth: { scheme: 'bearer', ...auth, secret } };
    }),
  };
}

export function renameFlow(flow: Flow, name: string): Flow {
  return name === flow.name ? flow : { ...flow, name };
}
