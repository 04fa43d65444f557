import { validateFlow } from '../../flow/index.ts';
import type { Flow, FlowEdge, FlowIssue, FlowNode } from '../../flow/index.ts';
import { catalog } from '../../nodes/index.ts';
import type { Size } from './editor.ts';
import { checkBoundary, type Boundary } from './groupBoundary.ts';
import { bounds, CARD, childFlow, withData } from './groupChild.ts';
import { edgeId, freshNodeId } from './ops.ts';
import { carryingInput } from './references.ts';

interface GroupOptions {
  /** Id and name of the new flow (the caller makes the id unique among saved flows). */
  readonly childId: string;
  readonly childName: string;
  /** Card sizes React Flow measured, to centre the subflow node on the selection. */
  readonly sizes?: ReadonlyMap<string, Size>;
}

export type Grouped =
  | { readonly ok: true; readonly parent: Flow; readonly child: Flow; readonly nodeId: string }
  | { readonly ok: false; readonly reason: string };

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
      input: carryingInput(b.carried),
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
