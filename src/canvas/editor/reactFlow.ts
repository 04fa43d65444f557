import type { Edge, Node } from '@xyflow/react';
import type { FlowEdge, FlowNode } from '../../flow/index.ts';
import { getKind } from '../../nodes/index.ts';
import { cardGuess } from '../nodes/cardSize.ts';
import type { Selection, Size } from './editor.ts';
import { portsOf } from './ports.ts';

/** A canvas node: React Flow's node whose `data` is the node's config. */
export type CardNode = Node<Record<string, unknown>>;

const nodeCache = new WeakMap<FlowNode, CardNode>();
const edgeCache = new WeakMap<FlowEdge, Edge>();

const labelOf = (node: FlowNode) =>
  typeof node.data['label'] === 'string' ? node.data['label'] : node.id;

/**
 * React Flow nodes for the document's nodes. A node whose document entry, selection and size did
 * not change keeps its object, so React Flow skips it and its memoized card does not re-render:
 * what keeps a 2,000-node flow smooth while one node is dragged.
 *
 * With `guess`, a node not measured yet is given its card's size and handles as `cardGuess` sees
 * them, as if measured: React Flow then mounts (and measures) only the cards on screen, where it
 * would mount every card it knows no size and handles for, and fits the view, draws the minimap
 * and routes edges to the others from the guess. A card whose size differs from the guess when it
 * mounts is measured, and the measurement wins; one of the guessed size keeps the guessed handles
 * (where cards.css draws them, to a fraction of a pixel).
 */
export function toCardNodes(
  nodes: readonly FlowNode[],
  selection: Selection,
  measured: ReadonlyMap<string, Size>,
  guess = false,
): CardNode[] {
  return nodes.map((n) => {
    const selected = selection.nodes.has(n.id);
    const guessed = guess && !measured.has(n.id) ? cardGuess(n) : undefined;
    const size = measured.get(n.id) ?? guessed?.size;
    const cached = nodeCache.get(n);
    if (cached && cached.selected === selected && cached.measured === size) return cached;
    const card: CardNode = {
      id: n.id,
      type: n.type,
      position: n.position,
      data: n.data,
      selected,
      ariaLabel: `${getKind(n.type)?.title ?? n.type}: ${labelOf(n)}`,
      ...(size ? { measured: size } : {}),
      ...(guessed ? { handles: guessed.handles } : {}),
    };
    nodeCache.set(n, card);
    return card;
  });
}

/** The label an edge shows: its own, or the output's name when the source has several outputs. */
function edgeLabel(edge: FlowEdge, source: FlowNode | undefined): string | undefined {
  if (edge.label) return edge.label;
  if (!source) return undefined;
  const outputs = portsOf(source.type, source.data).outputs;
  if (outputs.length < 2) return undefined;
  return outputs.find((p) => p.id === edge.sourceHandle)?.label;
}

export function toCardEdges(
  edges: readonly FlowEdge[],
  nodes: readonly FlowNode[],
  selection: Selection,
): Edge[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return edges.map((e) => {
    const selected = selection.edges.has(e.id);
    const label = edgeLabel(e, byId.get(e.source));
    const cached = edgeCache.get(e);
    if (cached && cached.selected === selected && cached.label === label) return cached;
    const edge: Edge = {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: e.sourceHandle ?? null,
      targetHandle: e.targetHandle ?? null,
      selected,
      label,
      ariaLabel: `Edge from ${e.source} to ${e.target}${label ? ` (${label})` : ''}`,
      ...(label !== undefined ? { type: 'labelled', data: { portLabel: !e.label } } : {}),
    };
    edgeCache.set(e, edge);
    return edge;
  });
}
