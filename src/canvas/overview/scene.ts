import type { FlowEdge, FlowNode } from '../../flow/index.ts';
import type { Size } from '../editor/editor.ts';
import { cardSize } from '../nodes/cardSize.ts';

/** A card as the overview paints it: a box in flow coordinates, coloured by its kind's group. */
export interface OverviewBox {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly group: string;
}

/** What the overview paints: boxes batched by group colour, and each edge as one straight line. */
export interface OverviewScene {
  readonly boxes: readonly OverviewBox[];
  readonly byGroup: ReadonlyMap<string, readonly OverviewBox[]>;
  readonly byId: ReadonlyMap<string, OverviewBox>;
  /** x1, y1, x2, y2 per edge: from its source's right side to its target's left side. */
  readonly lines: Float64Array;
  /** The edge each line draws: `lineEdges[i]` is the line at `lines[4 * i]`. */
  readonly lineEdges: readonly FlowEdge[];
}

/**
 * The far-zoom picture of a flow, from the document and the sizes React Flow measured (the cards
 * not measured yet at the size they will have).
 * @example overviewScene(flow.nodes, flow.edges, measured, (type) => getKind(type)?.group ?? 'Unknown')
 */
export function overviewScene(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  measured: ReadonlyMap<string, Size>,
  groupOf: (type: string) => string,
): OverviewScene {
  const byId = new Map<string, OverviewBox>();
  const byGroup = new Map<string, OverviewBox[]>();
  const boxes = nodes.map((n) => {
    const size = cardSize(n, measured);
    const box = {
      id: n.id,
      ...n.position,
      width: size.width,
      height: size.height,
      group: groupOf(n.type),
    };
    byId.set(n.id, box);
    const same = byGroup.get(box.group);
    if (same) same.push(box);
    else byGroup.set(box.group, [box]);
    return box;
  });
  const lines = new Float64Array(edges.length * 4);
  const lineEdges: FlowEdge[] = [];
  let at = 0;
  for (const e of edges) {
    const from = byId.get(e.source);
    const to = byId.get(e.target);
    if (!from || !to) continue;
    lines.set([from.x + from.width, from.y + from.height / 2, to.x, to.y + to.height / 2], at);
    lineEdges.push(e);
    at += 4;
  }
  return { boxes, byGroup, byId, lines: lines.subarray(0, at), lineEdges };
}

/** The topmost card under a point in flow coordinates (later cards are drawn on top). */
export function nodeAt(scene: OverviewScene, point: { x: number; y: number }): string | undefined {
  for (let i = scene.boxes.length - 1; i >= 0; i--) {
    const b = scene.boxes[i];
    if (
      b &&
      point.x >= b.x &&
      point.x <= b.x + b.width &&
      point.y >= b.y &&
      point.y <= b.y + b.height
    )
      return b.id;
  }
  return undefined;
}
