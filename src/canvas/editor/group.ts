import { validateFlow } from '../../flow/index.ts';
import type { Flow, FlowEdge, FlowIssue, FlowNode } from '../../flow/index.ts';
import { catalog, getKind } from '../../nodes/index.ts';
import type { Size } from './editor.ts';
import { checkBoundary, type Boundary } from './groupBoundary.ts';
import { edgeId, freshNodeId, type XY } from './ops.ts';
import { parsedData } from './ports.ts';
import { CARRIED, carryReads, type Carried } from './references.ts';

export interface GroupOptions {
  /** Id and name of the new flow (the caller makes the id unique among saved flows). */
  readonly childId: string;
  readonly childName: string;
  /** Card sizes React Flow measured, to centre the subflow node on the selection. */
  readonly sizes?: ReadonlyMap<string, Size>;
}

export type Grouped =
  | { readonly ok: true; readonly parent: Flow; readonly child: Flow; readonly nodeId: string }
  | { readonly ok: false; readonly reason: string };

/** A card before it is measured. */
const CARD: Size = { width: 230, height: 90 };
/** Room between the subflow's own Start/Output and the grouped nodes. */
const GAP = 320;

function bounds(nodes: readonly FlowNode[], sizes: ReadonlyMap<string, Size> | undefined) {
  const size = (n: FlowNode) => sizes?.get(n.id) ?? CARD;
  return {
    left: Math.min(...nodes.map((n) => n.position.x)),
    top: Math.min(...nodes.map((n) => n.position.y)),
    right: Math.max(...nodes.map((n) => n.position.x + size(n).width)),
    bottom: Math.max(...nodes.map((n) => n.position.y + size(n).height)),
  };
}

const withData = (kind: string, data: Record<string, unknown>): Record<string, unknown> => ({
  ...getKind(kind)!.defaults(),
  ...data,
});

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
 * The subflow node's input: the value reaching the group, or, when the group reads the run
 * around it, an object carrying that too (`run.input` after `runInput`, `nodes` by id, `loop`).
 */
function inputExpression(carried: Carried | undefined): string {
  if (!carried) return '$';
  const name = (id: string) => (/^[A-Za-z_]\w*$/.test(id) ? id : `\`${id}\``);
  const parts = [`"${CARRIED.value}": $`];
  if (carried.runInput) parts.push(`"${CARRIED.runInput}": $run.input`);
  if (carried.nodes.size > 0) {
    const nodes = [...carried.nodes].map((id) => `"${id}": $nodes.${name(id)}`);
    parts.push(`"${CARRIED.nodes}": { ${nodes.join(', ')} }`);
  }
  if (carried.loop) parts.push(`"${CARRIED.loop}": $loop`);
  return `{ ${parts.join(', ')} }`;
}

function childFlow(flow: Flow, b: Boundary, options: GroupOptions): Flow {
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

function parentFlow(flow: Flow, b: Boundary, child: Flow, options: GroupOptions) {
  const nodeId =
    b.keepExitId && b.exit
      ? b.exit.node
      : freshNodeId('subflow', new Set(flow.nodes.map((n) => n.id)));
  const box = bounds(b.selected, options.sizes);
  const node: FlowNode = {
    id: nodeId,
    type: 'subflow',
    position: {
      x: Math.round((box.left + box.right - CARD.width) / 2),
      y: Math.round((box.top + box.bottom - CARD.height) / 2),
    },
    data: withData('subflow', {
      label: child.name.slice(0, 120),
      flow: child.id,
      input: inputExpression(b.carried),
    }),
  };
  const selected = new Set(b.selected.map((n) => n.id));
  const first = flow.nodes.findIndex((n) => selected.has(n.id));
  const nodes = flow.nodes.filter((n) => !selected.has(n.id));
  nodes.splice(first, 0, node);
  const moved = (
    e: FlowEdge,
    ends: Pick<FlowEdge, 'source' | 'sourceHandle' | 'target' | 'targetHandle'>,
  ) => {
    const { id: _old, ...rest } = e;
    return { ...rest, ...ends, id: edgeId(ends) };
  };
  const rewired = new Map<string, FlowEdge>();
  for (const e of flow.edges) {
    const from = selected.has(e.source);
    const to = selected.has(e.target);
    const next = from
      ? to
        ? undefined
        : moved(e, {
            source: nodeId,
            sourceHandle: 'out',
            target: e.target,
            targetHandle: e.targetHandle,
          })
      : to
        ? moved(e, {
            source: e.source,
            sourceHandle: e.sourceHandle,
            target: nodeId,
            targetHandle: 'in',
          })
        : e;
    if (next && !rewired.has(next.id)) rewired.set(next.id, next);
  }
  return { flow: { ...flow, nodes, edges: [...rewired.values()] }, nodeId };
}

const describeIssue = (i: FlowIssue) => `${i.message}${i.hint ? ` (${i.hint})` : ''}`;
const errorsOf = (flow: Flow) =>
  validateFlow(flow, catalog).issues.filter((i) => i.severity === 'error');

/**
 * Turns the selected nodes into a subflow: a new flow holding them, the edges between them, a
 * Start feeding the node the selection was entered at and an Output fed by the handle it was left
 * from, with the capabilities and policy rules they need; and the flow with one Subflow node in
 * their place, wired where they were. Refuses, with the reason, what cannot be grouped (see
 * `checkBoundary`), and anything whose result would not validate.
 * @example
 * const grouped = groupSelection(flow, new Set(['draft', 'polish']), { childId: 'flow-2', childName: 'Writer · group' });
 * if (grouped.ok) save(grouped.child), edit(() => grouped.parent); else notify(grouped.reason);
 */
export function groupSelection(
  flow: Flow,
  selection: ReadonlySet<string>,
  options: GroupOptions,
): Grouped {
  const check = checkBoundary(flow, selection);
  if (!check.ok) return check;
  const child = childFlow(flow, check.boundary, options);
  const childErrors = errorsOf(child);
  if (childErrors[0])
    return {
      ok: false,
      reason: `The subflow would not be valid: ${describeIssue(childErrors[0])}`,
    };
  const parent = parentFlow(flow, check.boundary, child, options);
  const before = new Set(errorsOf(flow).map((i) => `${i.code}\u0000${i.message}`));
  const added = errorsOf(parent.flow).find((i) => !before.has(`${i.code}\u0000${i.message}`));
  if (added)
    return {
      ok: false,
      reason: `The flow would not be valid after grouping: ${describeIssue(added)}`,
    };
  return { ok: true, parent: parent.flow, child, nodeId: parent.nodeId };
}
