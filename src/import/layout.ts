import type { ELK } from 'elkjs/lib/elk-api';
import type { DraftEdge, DraftNode, XY } from './draft.ts';

let elk: Promise<ELK> | undefined;
// ELK is large: loaded only when an imported file has no positions.
const load = () =>
  (elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: Elk }) => new Elk()));

/**
 * Positions for nodes of a file that had none: ELK's layered layout, left to right, with edges
 * into a loop's `again` left out so the graph it lays out has no cycles.
 */
export async function layOut(
  nodes: readonly DraftNode[],
  edges: readonly DraftEdge[],
): Promise<Map<string, XY>> {
  const ids = new Set(nodes.map((n) => n.id));
  const graph = await (
    await load()
  ).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
    },
    children: nodes.map((n) => ({ id: n.id, width: 220, height: 110 })),
    edges: edges
      .filter((e) => e.toPort !== 'again' && ids.has(e.from) && ids.has(e.to))
      .map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
  return new Map((graph.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}
