import type { Flow, Ports } from '../../flow/index.ts';
import { CompileError } from './errors.ts';

/** How a kind shapes the machine; see `KindRole` in src/nodes/kind.ts. */
export type Role = 'task' | 'fork' | 'join' | 'loop';

/** How a node whose work can fail or hang is retried and timed out. */
export interface RunPolicy {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** 0: no timeout. */
  readonly timeoutMs: number;
  /** The timeout as the flow wrote it (`30s`), for messages. */
  readonly timeout?: string;
}

/**
 * What the compiler needs to know of a node kind; the node registry provides it. The hooks read
 * the node's validated config, so the kind that owns a field is the one place that reads it.
 */
export interface EngineKind {
  readonly kind: string;
  readonly role: Role;
  readonly entry?: boolean;
  ports(data: never): Ports;
  /** Role `join`: how many of the branches reaching it complete it; `undefined`: all of them. */
  joinNeed?(data: never): number | undefined;
  /** Role `loop`: the most rounds it runs. */
  loopMax?(data: never): number;
  /** Retries and timeout of a node that can fail; absent, one attempt and no timeout. */
  runPolicy?(data: never): RunPolicy;
}

export interface EngineKinds {
  get(kind: string): EngineKind | undefined;
}

/** Where an output port leads. */
export interface Link {
  readonly node: string;
  readonly port: string;
  readonly back: boolean;
}

export interface GraphNode {
  readonly id: string;
  readonly def: EngineKind;
  readonly role: Role;
  readonly data: Record<string, unknown>;
  /** Output ports in declaration order, with their link if connected. */
  readonly outputs: readonly { readonly port: string; readonly link?: Link }[];
}

/** The flow as the compiler reads it: nodes by id, with resolved links. */
export interface FlowGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly start: string;
}

/** Builds the compiler's view of a validated flow. */
export function buildGraph(flow: Flow, kinds: EngineKinds): FlowGraph {
  const nodes = new Map<string, GraphNode>();
  const linksOf = new Map<string, Map<string, Link>>();
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  for (const edge of flow.edges) {
    const target = byId.get(edge.target);
    const source = byId.get(edge.source);
    if (!target || !source) continue;
    const targetDef = kinds.get(target.type);
    const sourceDef = kinds.get(source.type);
    if (!targetDef || !sourceDef) continue;
    const inputs = targetDef.ports(target.data as never).inputs;
    const inPort = edge.targetHandle
      ? inputs.find((p) => p.id === edge.targetHandle)
      : inputs.length === 1
        ? inputs[0]
        : undefined;
    const outputs = sourceDef.ports(source.data as never).outputs;
    const outPort = edge.sourceHandle
      ? edge.sourceHandle
      : outputs.length === 1
        ? outputs[0]!.id
        : undefined;
    if (!inPort || !outPort)
      throw new CompileError(
        edge.source,
        `edge "${edge.id}" has no resolvable port; validate the flow first`,
      );
    const links = linksOf.get(edge.source) ?? new Map<string, Link>();
    links.set(outPort, { node: edge.target, port: inPort.id, back: inPort.back === true });
    linksOf.set(edge.source, links);
  }
  let start: string | undefined;
  for (const node of flow.nodes) {
    const def = kinds.get(node.type);
    if (!def)
      throw new CompileError(node.id, `unknown node kind "${node.type}"; validate the flow first`);
    if (def.entry) start = node.id;
    const links = linksOf.get(node.id);
    nodes.set(node.id, {
      id: node.id,
      def,
      role: def.role,
      data: node.data,
      outputs: def.ports(node.data as never).outputs.map((p) => {
        const link = links?.get(p.id);
        return link ? { port: p.id, link } : { port: p.id };
      }),
    });
  }
  if (start === undefined) throw new CompileError('(flow)', 'the flow has no start node');
  return { nodes, start };
}

/** Nodes reachable from `from` along forward links (not back links), not entering `stop`. */
export function reachable(
  graph: FlowGraph,
  from: readonly string[],
  stop?: ReadonlySet<string>,
): Set<string> {
  const seen = new Set<string>();
  const queue = from.filter((id) => !stop?.has(id));
  for (const id of queue) seen.add(id);
  while (queue.length > 0) {
    const node = graph.nodes.get(queue.pop()!);
    for (const out of node?.outputs ?? []) {
      const next = out.link;
      if (!next || next.back || seen.has(next.node) || stop?.has(next.node)) continue;
      seen.add(next.node);
      queue.push(next.node);
    }
  }
  return seen;
}
