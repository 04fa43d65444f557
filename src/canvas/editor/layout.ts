import type { ELK, ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import type { Flow, FlowNode } from '../../flow/index.ts';
import type { Size } from './editor.ts';
import type { XY } from './ops.ts';
import { cardSize } from '../nodes/cardSize.ts';
import { portsOf } from './ports.ts';

/**
 * Auto-layout: a flow (or some of its nodes) → an ELK graph → new positions. Pure apart from the
 * ELK instance handed in, so tests run the real layered algorithm in Node.
 */

/** Layered, left to right, handles kept in the order the card draws them. */
const GRAPH_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.layered.spacing.edgeNodeBetweenLayers': '30',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
} as const;

const portId = (node: string, side: 'in' | 'out', port: string) =>
  JSON.stringify([node, side, port]);

/** ELK's ports for a node: inputs on the west side, outputs on the east, in the card's order. */
function elkPorts(node: FlowNode): ElkPort[] {
  const { inputs, outputs } = portsOf(node.type, node.data);
  // FIXED_ORDER counts clockwise from the top-left: east ports top→bottom, then west bottom→top.
  const east = outputs.map((p, i) => ({
    id: portId(node.id, 'out', p.id),
    layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) },
  }));
  const west = inputs.map((p, i) => ({
    id: portId(node.id, 'in', p.id),
    layoutOptions: {
      'elk.port.side': 'WEST',
      'elk.port.index': String(outputs.length + inputs.length - 1 - i),
    },
  }));
  return [...east, ...west];
}

/** Edges into a back port (a loop's `again`) close a cycle; leaving them out keeps a DAG. */
function isBackEdge(target: FlowNode, handle: string | null | undefined) {
  return portsOf(target.type, target.data).inputs.some((p) => p.id === handle && p.back === true);
}

/**
 * The ELK graph for the nodes in `only` (all nodes when absent) and the edges between them.
 * @example toElkGraph(flow, new Map()).children?.length === flow.nodes.length
 */
function toElkGraph(
  flow: Flow,
  sizes: ReadonlyMap<string, Size>,
  only?: ReadonlySet<string>,
): ElkNode {
  const nodes = only ? flow.nodes.filter((n) => only.has(n.id)) : flow.nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ports = new Set<string>();
  const children: ElkNode[] = nodes.map((n) => {
    const size = cardSize(n, sizes);
    const nodePorts = elkPorts(n);
    for (const p of nodePorts) ports.add(p.id);
    return {
      id: n.id,
      width: size.width,
      height: size.height,
      ports: nodePorts,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
    };
  });
  const edges: ElkExtendedEdge[] = [];
  for (const e of flow.edges) {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    if (!source || !target || isBackEdge(target, e.targetHandle)) continue;
    // An edge whose handle the node does not have (a stale document) is tied to the node itself.
    const from = portId(e.source, 'out', e.sourceHandle ?? '');
    const to = portId(e.target, 'in', e.targetHandle ?? '');
    edges.push({
      id: e.id,
      sources: [ports.has(from) ? from : e.source],
      targets: [ports.has(to) ? to : e.target],
    });
  }
  return { id: 'root', layoutOptions: { ...GRAPH_OPTIONS }, children, edges };
}

/** The top-left corner of the nodes' bounding box. */
function topLeft(points: Iterable<XY>): XY {
  let x = Infinity;
  let y = Infinity;
  for (const p of points) {
    x = Math.min(x, p.x);
    y = Math.min(y, p.y);
  }
  return Number.isFinite(x) ? { x, y } : { x: 0, y: 0 };
}

/**
 * New positions for the nodes in `only` (all when absent), laid out left to right by ELK's layered
 * algorithm. The laid-out group keeps the top-left corner it had, so laying out a selection leaves
 * it where it was on the canvas. Positions are whole pixels.
 */
export async function layoutFlow(
  elk: ELK,
  flow: Flow,
  sizes: ReadonlyMap<string, Size>,
  only?: ReadonlySet<string>,
): Promise<Map<string, XY>> {
  const graph = toElkGraph(flow, sizes, only);
  const result = await elk.layout(graph);
  const nodes = only ? flow.nodes.filter((n) => only.has(n.id)) : flow.nodes;
  const before = topLeft(nodes.map((n) => n.position));
  const laid = (result.children ?? []).map((c) => ({ id: c.id, x: c.x ?? 0, y: c.y ?? 0 }));
  const after = topLeft(laid);
  return new Map(
    laid.map((c) => [
      c.id,
      { x: Math.round(c.x - after.x + before.x), y: Math.round(c.y - after.y + before.y) },
    ]),
  );
}
