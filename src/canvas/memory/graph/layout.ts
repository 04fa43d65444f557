import type { ELK } from 'elkjs/lib/elk-api';
import type { Entity, Relation } from '../../../memory/schema.ts';

/** The size an entity is drawn at (EntityNode in the graph). */
const ENTITY_SIZE = { width: 168, height: 52 } as const;

type Positions = ReadonlyMap<string, { x: number; y: number }>;

/**
 * Lays the drawn part of the context graph out with ELK's layered algorithm, relations pointing
 * right (a client, then its projects, then their assets); unlinked entities line up below.
 */
export async function layoutGraph(
  elk: ELK,
  entities: readonly Entity[],
  relations: readonly Relation[],
): Promise<Positions> {
  const graph = await elk.layout({
    id: 'memory',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.componentComponent': '48',
      'elk.separateConnectedComponents': 'true',
    },
    children: entities.map((e) => ({ id: e.id, ...ENTITY_SIZE })),
    edges: relations.map((r) => ({ id: r.id, sources: [r.from], targets: [r.to] })),
  });
  return new Map((graph.children ?? []).map((n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
}
