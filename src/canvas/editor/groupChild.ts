import type { Flow, FlowEdge, FlowNode } from '../../flow/index.ts';
import { getKind, kindDef } from '../../nodes/index.ts';
import type { ConfigOf, KindDefOf, NodeKind } from '../../nodes/index.ts';
import type { Size } from './editor.ts';
import type { Boundary } from './groupBoundary.ts';
import { edgeId, freshNodeId, type XY } from './ops.ts';
import { parsedData } from './ports.ts';
import { CARRIED, carryReads } from './references.ts';

/** A card before it is measured. */
export const CARD: Size = { width: 230, height: 90 };
/** Room between the subflow's own Start/Output and the grouped nodes. */
const GAP = 320;

/** The box the nodes cover, measured sizes where known. */
export function bounds(nodes: readonly FlowNode[], sizes: ReadonlyMap<string, Size> | undefined) {
  const size = (n: FlowNode) => sizes?.get(n.id) ?? CARD;
  return {
    left: Math.min(...nodes.map((n) => n.position.x)),
    top: Math.min(...nodes.map((n) => n.position.y)),
    right: Math.max(...nodes.map((n) => n.position.x + size(n).width)),
    bottom: Math.max(...nodes.map((n) => n.position.y + size(n).height)),
  };
}

/** A new node's data: its kind's defaults, then `data`. */
export const withData = <K extends NodeKind>(
  kind: K,
  data: Partial<ConfigOf<KindDefOf<K>>>,
): Record<string, unknown> => ({ ...kindDef(kind).defaults(), ...data });

const link = (source: string, sourceHandle: string, target: string, targetHandle: string) => {
  const ends = { source, sourceHandle, target, targetHandle };
  return { id: edgeId(ends), ...ends };
};

/** The flow's own capabilities the grouped nodes call, with the ones those compensate with. */
function capabilitiesFor(flow: Flow, nodes: readonly FlowNode[]): Set<string> {
  const needed = new Set<string>();
  for (const node of nodes) {
    const data = parsedData(node.type, node.data);
    if (data) for (const ref of getKind(node.type)!.capabilityRefs(data)) needed.add(ref.id);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const cap of flow.capabilities)
      if (needed.has(cap.id) && cap.compensate && !needed.has(cap.compensate)) {
        needed.add(cap.compensate);
        grew = true;
      }
  }
  return needed;
}

/**
 * The subflow: the grouped nodes (moved right of their own Start, and of the node unpacking the
 * input when it carries more than the value) with the edges between them, an Output fed by the
 * exit, and what they need of the flow's capabilities and policies.
 */
export function childFlow(
  flow: Flow,
  b: Boundary,
  options: {
    readonly childId: string;
    readonly childName: string;
    readonly sizes?: ReadonlyMap<string, Size> | undefined;
  },
): Flow {
  const box = bounds(b.selected, options.sizes);
  // Start, then (when the input carries more than the value) the node that unpacks it.
  const lead = b.carried ? 2 : 1;
  const shift = { x: GAP * lead - box.left, y: -box.top };
  const at = (p: XY) => ({ x: p.x + shift.x, y: p.y + shift.y });
  const taken = new Set(b.selected.map((n) => n.id));
  const startId = freshNodeId('start', taken);
  const unpackId = freshNodeId('input', taken.add(startId));
  const outputId = freshNodeId('output', taken.add(unpackId));
  const entry = b.selected.find((n) => n.id === b.entry.node)!;
  const exit = b.exit && b.selected.find((n) => n.id === b.exit!.node);
  const y = at(entry.position).y;
  const ids = new Set(flow.nodes.map((n) => n.id));
  const carried = b.carried;
  const nodes: FlowNode[] = [
    {
      id: startId,
      type: 'start',
      position: { x: 0, y },
      data: withData('start', { label: 'Start' }),
    },
    ...(carried
      ? [
          {
            id: unpackId,
            type: 'transform',
            position: { x: GAP, y },
            data: withData('transform', {
              label: 'Value in',
              notes:
                'The subflow is handed an object: the value for the grouped nodes, and what they read from the run that calls it.',
              expression: `$.${CARRIED.value}`,
            }),
          },
        ]
      : []),
    ...b.selected.map((n) => ({
      ...n,
      position: at(n.position),
      ...(carried ? { data: carryReads(n.data, carried, ids) } : {}),
    })),
  ];
  const edges: FlowEdge[] = carried
    ? [link(startId, 'out', unpackId, 'in'), link(unpackId, 'out', b.entry.node, b.entry.handle)]
    : [link(startId, 'out', b.entry.node, b.entry.handle)];
  edges.push(...b.internal);
  if (b.exit && exit) {
    nodes.push({
      id: outputId,
      type: 'output',
      position: { x: box.right + shift.x + GAP - CARD.width, y: at(exit.position).y },
      data: withData('output', { label: 'Output' }),
    });
    edges.push(link(b.exit.node, b.exit.handle, outputId, 'in'));
  }
  const capabilities = capabilitiesFor(flow, b.selected);
  const labels = b.selected.map((n) =>
    typeof n.data['label'] === 'string' ? n.data['label'] : n.id,
  );
  return {
    schemaVersion: flow.schemaVersion,
    id: options.childId,
    name: options.childName,
    description: `Grouped from “${flow.name}”: ${labels.join(', ')}.`.slice(0, 10_000),
    nodes,
    edges,
    viewport: { x: 0, y: 0, zoom: 1 },
    capabilities: flow.capabilities.filter((c) => capabilities.has(c.id)),
    policies: {
      // Rules about other capabilities have nothing to decide here; side-effect rules apply as before.
      rules: flow.policies.rules.filter(
        (r) => r.capability === undefined || capabilities.has(r.capability),
      ),
      // The child counts its own usage: the parent's caps apply to each subflow run as well.
      budgets: flow.policies.budgets,
    },
    metadata: { tags: [] },
  };
}
