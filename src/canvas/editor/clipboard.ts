import { z } from 'zod';
import { flowEdgeSchema, flowNodeSchema } from '../../flow/index.ts';
import type { Flow } from '../../flow/index.ts';
import { edgeId, freshNodeId, nodeIds } from './ops.ts';

/**
 * What copy puts on the clipboard: the selected nodes and the edges between them. It is plain
 * JSON, so it survives the system clipboard and pastes into another flow.
 */
export const clipSchema = z.strictObject({
  aiosClip: z.literal(1),
  nodes: z.array(flowNodeSchema).max(5_000),
  edges: z.array(flowEdgeSchema).max(20_000),
});
export type Clip = z.infer<typeof clipSchema>;

export function copyNodes(flow: Flow, ids: ReadonlySet<string>): Clip | undefined {
  const nodes = flow.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return undefined;
  const edges = flow.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { aiosClip: 1, nodes, edges };
}

/** Reads clipboard text as a clip; anything else is not ours and is ignored. */
export function parseClip(text: string): Clip | undefined {
  try {
    const parsed = clipSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds a clip's nodes with fresh ids, shifted by `offset`, and rewires its inner edges.
 * @example pasteClip(flow, copyNodes(flow, new Set(['agent-1']))!, { x: 40, y: 40 }).ids // ['agent-2']
 */
export function pasteClip(
  flow: Flow,
  clip: Clip,
  offset: { x: number; y: number },
): { flow: Flow; ids: string[] } {
  const taken = nodeIds(flow);
  const renamed = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = freshNodeId(node.type, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  const nodes = clip.nodes.map((n) => ({
    ...n,
    id: renamed.get(n.id) ?? n.id,
    position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
  }));
  const edges = clip.edges.flatMap((e) => {
    const source = renamed.get(e.source);
    const target = renamed.get(e.target);
    if (!source || !target) return [];
    const edge = { ...e, source, target };
    return [{ ...edge, id: edgeId(edge) }];
  });
  return {
    flow: { ...flow, nodes: [...flow.nodes, ...nodes], edges: [...flow.edges, ...edges] },
    ids: nodes.map((n) => n.id),
  };
}
