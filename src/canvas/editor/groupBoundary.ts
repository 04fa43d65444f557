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

type BoundaryCheck =
  | { readonly ok: true; readonly boundary: Boundary }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): BoundaryCheck => ({ ok: false, reason });

const labelOf = (node: FlowNode): string =>
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

type Nodes = ReadonlyMap<string, FlowNode>;
type Refusal = { readonly reason: string };
const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && 'reason' in value;

/** The one handle the selection is entered at, or why there is not one that can be kept. */
function entryOf(incoming: readonly FlowEdge[], byId: Nodes): { socket: Socket } | Refusal {
  const entries = socketsOf(incoming, 'target', byId);
  const back = entries.find((s) => portAt(byId.get(s.node)!, s.handle, 'inputs')?.back);
  if (back)
    return {
      reason: `Nodes outside the selection return to ${labelOf(byId.get(back.node)!)}; group a Loop together with its whole body.`,
    };
  const [entry, ...more] = entries;
  if (!entry)
    return {
      reason:
        'Nothing leads into the selected nodes from the rest of the flow, so a subflow of them would never run: connect them first.',
    };
  if (more.length > 0) {
    const names = entries.map((s) => labelOf(byId.get(s.node)!)).join(' and ');
    return {
      reason: `Edges enter the selection at ${names}; a subflow has one input. Select nodes that are entered at one place.`,
    };
  }
  const node = byId.get(entry.node)!;
  const port = portAt(node, entry.handle, 'inputs');
  if (!port) return { reason: `An edge enters ${labelOf(node)} at a handle it does not have.` };
  if (getKind(node.type)?.role === 'join')
    return {
      reason: `${labelOf(node)} waits for branches from outside the selection: select their Parallel node and the branches too, or leave the Join out.`,
    };
  return { socket: { node: node.id, handle: port.id } };
}

/** The one output the selection is left from (none when nothing leads out), or why not. */
function exitOf(leaving: readonly FlowEdge[], byId: Nodes): { socket?: Socket } | Refusal {
  for (const e of leaving) {
    const source = byId.get(e.source)!;
    if (portAt(source, e.sourceHandle, 'outputs')?.type === 'error')
      return {
        reason: `An error edge leaves the selection from ${labelOf(source)}; a subflow node's error output would catch every failure inside. Handle that error inside the selection, or remove the edge.`,
      };
  }
  const exits = socketsOf(leaving, 'source', byId);
  if (exits.length > 1) {
    const names = exits.map((s) => `${labelOf(byId.get(s.node)!)} (${s.handle})`);
    return {
      reason: `Edges leave the selection from ${names.join(' and ')}; a subflow has one output. Select nodes that lead on from one output.`,
    };
  }
  return exits[0] ? { socket: exits[0] } : {};
}

/**
 * What the selection reads from the run around it, when the subflow's input must carry it: reads
 * of nodes outside, of a loop outside, of `run.input` (unless entered straight from Start, whose
 * output is the run's input), or a value that may not be an object (a Start takes objects).
 */
function carriedFor(
  selected: readonly FlowNode[],
  incoming: readonly FlowEdge[],
  byId: Nodes,
  inside: (id: string) => boolean,
): Carried | undefined {
  const ids = new Set(byId.keys());
  const hasLoop = selected.some((n) => getKind(n.type)?.role === 'loop');
  const nodes = new Set<string>();
  let runInput = false;
  let loop = false;
  for (const node of selected) {
    const reads = scopeReads(node.data, ids);
    for (const id of reads.nodes) if (!inside(id)) nodes.add(id);
    runInput ||= reads.runInput;
    loop ||= reads.loop && !hasLoop;
  }
  const fromStart = incoming.every((e) => getKind(byId.get(e.source)!.type)?.entry === true);
  const objectsIn = incoming.every(
    (e) => portAt(byId.get(e.source)!, e.sourceHandle, 'outputs')?.type === 'object',
  );
  return nodes.size > 0 || loop || (runInput && !fromStart) || !objectsIn
    ? { runInput, nodes, loop }
    : undefined;
}

/**
 * Whether the selected nodes can become one subflow node, and how they meet the rest of the flow;
 * otherwise the reason, in words a person can act on. A subflow has one input, one output and no
 * view of the parent run, so the selection must be entered at one handle (not a Join's, nor a
 * Loop's `again`) and left from at most one (error edges may not leave it: the subflow node's error
 * output would catch every failure inside), and must not hold the start or an output node. What
 * it reads from the run around it is carried into the subflow through its input. Outside nodes may
 * read only the exit node's output: the subflow node takes over its id and hands on the same value.
 */
export function checkBoundary(flow: Flow, selection: ReadonlySet<string>): BoundaryCheck {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const selected = flow.nodes.filter((n) => selection.has(n.id));
  if (selected.length === 0) return refuse('Select the nodes to group into a subflow first.');
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
  const incoming = flow.edges.filter((e) => !inside(e.source) && inside(e.target));
  const leaving = flow.edges.filter((e) => inside(e.source) && !inside(e.target));
  const entry = entryOf(incoming, byId);
  if (isRefusal(entry)) return refuse(entry.reason);
  const exit = exitOf(leaving, byId);
  if (isRefusal(exit)) return refuse(exit.reason);

  const ids = new Set(byId.keys());
  let keepExitId = false;
  for (const node of flow.nodes) {
    if (inside(node.id)) continue;
    for (const id of scopeReads(node.data, ids).nodes) {
      if (!inside(id)) continue;
      if (id !== exit.socket?.node)
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
      internal: flow.edges.filter((e) => inside(e.source) && inside(e.target)),
      incoming,
      outgoing: leaving,
      entry: entry.socket,
      exit: exit.socket,
      keepExitId,
      carried: carriedFor(selected, incoming, byId, inside),
    },
  };
}
