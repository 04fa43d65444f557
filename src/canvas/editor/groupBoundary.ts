import type { Flow, FlowEdge, FlowNode, PortSpec } from '../../flow/index.ts';
import { getKind } from '../../nodes/index.ts';
import { portsOf } from './ports.ts';
import { scopeReads, type Carried } from './references.ts';

/** A handle on a node: where the subflow's input enters, or where its result leaves. */
export interface Socket {
  readonly node: string;
  readonly handle: string;
}

/** How a selection meets the rest of the flow, once it is known that it can become a subflow. */
export interface Boundary {
  readonly selected: readonly FlowNode[];
  /** Edges with both ends selected: they move into the subflow. */
  readonly internal: readonly FlowEdge[];
  /** Edges from outside into `entry`: they end at the subflow node instead. */
  readonly incoming: readonly FlowEdge[];
  /** Edges from `exit` to outside: they leave from the subflow node instead. */
  readonly outgoing: readonly FlowEdge[];
  readonly entry: Socket;
  /** Absent when nothing leads out of the selection: the subflow ends where its nodes end. */
  readonly exit: Socket | undefined;
  /** Nodes outside read the exit's output by its id, so the subflow node takes that id. */
  readonly keepExitId: boolean;
  /**
   * What the selection reads from the run around it, handed to the subflow inside its input;
   * absent when the subflow's input is simply the value reaching the entry.
   */
  readonly carried: Carried | undefined;
}

export type BoundaryCheck =
  | { readonly ok: true; readonly boundary: Boundary }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): BoundaryCheck => ({ ok: false, reason });

export const labelOf = (node: FlowNode): string =>
  `“${typeof node.data['label'] === 'string' ? node.data['label'] : node.id}”`;

/** The port an edge end uses; an edge without a handle uses the node's only port. */
function portAt(node: FlowNode, handle: string | null | undefined, side: 'inputs' | 'outputs') {
  const ports: readonly PortSpec[] = portsOf(node.type, node.data)[side];
  if (handle === null || handle === undefined) return ports.length === 1 ? ports[0] : undefined;
  return ports.find((p) => p.id === handle);
}

/** The distinct handles some edges start (`source`) or end (`target`) at. */
function socketsOf(
  edges: readonly FlowEdge[],
  end: 'source' | 'target',
  byId: ReadonlyMap<string, FlowNode>,
): Socket[] {
  const sockets = new Map<string, Socket>();
  for (const e of edges) {
    const node = byId.get(e[end])!;
    const written = end === 'source' ? e.sourceHandle : e.targetHandle;
    const handle =
      portAt(node, written, end === 'source' ? 'outputs' : 'inputs')?.id ?? written ?? '';
    sockets.set(`${node.id}\u0000${handle}`, { node: node.id, handle });
  }
  return [...sockets.values()];
}

/**
 * Whether the selected nodes can become one subflow node, and how they meet the rest of the flow;
 * otherwise the reason, in words a person can act on. A subflow has one input, one output and no
 * view of the parent run, so the selection must be entered at one handle and left from at most one
 * (error edges may not leave it: the subflow node's error output would catch every failure inside),
 * must not hold the start or an output node, and must keep a Parallel with its Join and a Loop with
 * its body. What it reads from the run around it (`nodes.x` of nodes outside, `loop.*`,
 * `run.input`) is carried into the subflow through its input. Outside nodes may read only the exit
 * node's output: the subflow node takes over its id and hands on the same value.
 */
export function checkBoundary(flow: Flow, selection: ReadonlySet<string>): BoundaryCheck {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const selected = flow.nodes.filter((n) => selection.has(n.id));
  if (selected.length === 0) return refuse('Select the nodes to group into a subflow first.');
  const roleOf = (node: FlowNode) => getKind(node.type)?.role;
  for (const node of selected) {
    const kind = getKind(node.type);
    if (!kind) return refuse(`${labelOf(node)} is of an unknown kind "${node.type}".`);
    if (kind.entry)
      return refuse(
        `${labelOf(node)} is where the flow begins and stays here: select the nodes after it (the subflow gets a Start of its own).`,
      );
    if (kind.terminal)
      return refuse(
        `${labelOf(node)} ends the run and stays here: select the nodes before it (the subflow gets an Output of its own).`,
      );
  }
  const inside = (id: string) => selection.has(id) && byId.has(id);
  const internal = flow.edges.filter((e) => inside(e.source) && inside(e.target));
  const incoming = flow.edges.filter((e) => !inside(e.source) && inside(e.target));
  const leaving = flow.edges.filter((e) => inside(e.source) && !inside(e.target));

  const entries = socketsOf(incoming, 'target', byId);
  const back = entries.find((s) => portAt(byId.get(s.node)!, s.handle, 'inputs')?.back);
  if (back)
    return refuse(
      `Nodes outside the selection return to ${labelOf(byId.get(back.node)!)}; group a Loop together with its whole body.`,
    );
  if (entries.length === 0)
    return refuse(
      'Nothing leads into the selected nodes from the rest of the flow, so a subflow of them would never run: connect them first.',
    );
  if (entries.length > 1) {
    const names = entries.map((s) => labelOf(byId.get(s.node)!)).join(' and ');
    return refuse(
      `Edges enter the selection at ${names}; a subflow has one input. Select nodes that are entered at one place.`,
    );
  }
  const entryNode = byId.get(entries[0]!.node)!;
  const entryPort = portAt(entryNode, entries[0]!.handle, 'inputs');
  if (!entryPort)
    return refuse(`An edge enters ${labelOf(entryNode)} at a handle it does not have.`);
  if (roleOf(entryNode) === 'join')
    return refuse(
      `${labelOf(entryNode)} waits for branches from outside the selection: select their Parallel node and the branches too, or leave the Join out.`,
    );

  for (const e of leaving) {
    const source = byId.get(e.source)!;
    if (portAt(source, e.sourceHandle, 'outputs')?.type === 'error')
      return refuse(
        `An error edge leaves the selection from ${labelOf(source)}; a subflow node's error output would catch every failure inside. Handle that error inside the selection, or remove the edge.`,
      );
  }
  const exits = socketsOf(leaving, 'source', byId);
  if (exits.length > 1) {
    const names = exits.map((s) => `${labelOf(byId.get(s.node)!)} (${s.handle})`);
    return refuse(
      `Edges leave the selection from ${names.join(' and ')}; a subflow has one output. Select nodes that lead on from one output.`,
    );
  }
  const exit = exits[0];
  const ids = new Set(byId.keys());
  const hasLoop = selected.some((n) => roleOf(n) === 'loop');
  const outsideReads = new Set<string>();
  let readsRun = false;
  let readsLoop = false;
  for (const node of selected) {
    const reads = scopeReads(node.data, ids);
    for (const id of reads.nodes) if (!inside(id)) outsideReads.add(id);
    readsRun ||= reads.runInput;
    readsLoop ||= reads.loop && !hasLoop;
  }
  // Start's output is the run's input: entered from there, the subflow's run.input is the same.
  const fromStart = incoming.every((e) => getKind(byId.get(e.source)!.type)?.entry === true);
  // The subflow's Start takes an object; anything else travels inside the carrying object.
  const objectsIn = incoming.every(
    (e) => portAt(byId.get(e.source)!, e.sourceHandle, 'outputs')?.type === 'object',
  );
  const carry = outsideReads.size > 0 || readsLoop || (readsRun && !fromStart) || !objectsIn;
  let keepExitId = false;
  for (const node of flow.nodes) {
    if (inside(node.id)) continue;
    for (const id of scopeReads(node.data, ids).nodes) {
      if (!inside(id)) continue;
      if (id !== exit?.node)
        return refuse(
          `${labelOf(node)} reads the output of ${labelOf(byId.get(id)!)} (nodes.${id}), which would disappear inside the subflow; only the node the subflow's result comes from can be read from outside.`,
        );
      keepExitId = true;
    }
  }
  return {
    ok: true,
    boundary: {
      selected,
      internal,
      incoming,
      outgoing: leaving,
      entry: { node: entryNode.id, handle: entryPort.id },
      exit,
      keepExitId,
      carried: carry ? { runInput: readsRun, nodes: outsideReads, loop: readsLoop } : undefined,
    },
  };
}
