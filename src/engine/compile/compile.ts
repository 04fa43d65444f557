import type { Flow } from '../../flow/index.ts';
import { CompileError } from './errors.ts';
import {
  buildGraph,
  type EngineKinds,
  type FlowGraph,
  type GraphNode,
  type Link,
} from './graph.ts';
import { stateId, target } from './names.ts';
import { analyze, type Structure } from './structure.ts';

/** Plain data: what XState's `createMachine` takes, with guards, actions and actors named. */
export type StateConfig = { [key: string]: unknown };

/** What the runtime needs to know about each node beyond the machine config. */
export interface CompiledNode {
  readonly kind: string;
  readonly role: GraphNode['role'];
  /** Innermost loop whose body this node is in; its `loop` variable is that loop's state. */
  readonly loop?: string;
}

export interface CompiledFlow {
  /** The XState machine config: JSON, printable, pasteable into Stately's visualizer. */
  readonly machine: StateConfig;
  readonly nodes: Readonly<Record<string, CompiledNode>>;
}

interface Ctx {
  readonly graph: FlowGraph;
  readonly structure: Structure;
}

/**
 * Compiles a validated flow into an XState v5 machine config. Sequences become plain states;
 * only parallel nodes make parallel states (one region per branch), so a step costs the same
 * however large the flow grows.
 * @example
 * const { machine } = compile(validated.flow, kindsByName);
 * console.log(JSON.stringify(machine, null, 2));
 */
export function compile(flow: Flow, kinds: EngineKinds): CompiledFlow {
  const graph = buildGraph(flow, kinds);
  const ctx: Ctx = { graph, structure: analyze(graph) };
  const top = [...graph.nodes.keys()].filter((id) => !ctx.structure.owner.has(id));
  const states = buildScope(ctx, top);
  // Node ids cannot contain ':', so these keys never meet a node's.
  states[stateId.done] = { id: stateId.done, type: 'final' };
  states[stateId.failed] = { id: stateId.failed, type: 'final' };
  const nodes: Record<string, CompiledNode> = {};
  for (const node of graph.nodes.values()) {
    const loop = ctx.structure.loopOf.get(node.id);
    nodes[node.id] = loop
      ? { kind: node.def.kind, role: node.role, loop }
      : { kind: node.def.kind, role: node.role };
  }
  return {
    machine: { id: `flow:${flow.id}`, initial: graph.start, context: {}, states },
    nodes,
  };
}

function buildScope(ctx: Ctx, members: readonly string[]): Record<string, StateConfig> {
  const states: Record<string, StateConfig> = {};
  for (const id of members) {
    const node = ctx.graph.nodes.get(id)!;
    switch (node.role) {
      case 'task':
      case 'join':
        states[id] = taskState(ctx, node);
        break;
      case 'loop':
        states[id] = invoke(
          node,
          {
            target: target(stateId.check(id)),
            actions: [{ type: 'loopStart', params: { node: id } }],
          },
          errorRoute(ctx, node),
        );
        states[`${id}:check`] = loopCheck(ctx, node);
        break;
      case 'fork':
        Object.assign(states, forkStates(ctx, node));
        break;
      default: {
        const unknownRole: never = node.role;
        throw new CompileError(id, `unknown role ${String(unknownRole)}`);
      }
    }
  }
  return states;
}

function invoke(node: GraphNode, onDone: unknown, onError: unknown): StateConfig {
  return {
    id: stateId.node(node.id),
    invoke: { id: node.id, src: 'task', input: { node: node.id }, onDone, onError },
  };
}

function taskState(ctx: Ctx, node: GraphNode): StateConfig {
  const ports = node.outputs.filter((o) => o.port !== 'error');
  if (ports.length === 0) {
    return invoke(
      node,
      { target: target(stateId.done), actions: [{ type: 'finish', params: { node: node.id } }] },
      errorRoute(ctx, node),
    );
  }
  if (ports.length === 1)
    return invoke(node, route(ctx, node.id, ports[0]!.port, ports[0]!.link), errorRoute(ctx, node));
  // The executor names the port it leaves by; a port nobody handles fails the run clearly.
  const routes: unknown[] = ports.map((o) => ({
    guard: { type: 'port', params: { port: o.port } },
    ...route(ctx, node.id, o.port, o.link),
  }));
  return invoke(node, [...routes, noRoute(node.id)], errorRoute(ctx, node));
}

/** The transition for output `port` of `from`: to the linked node, a join arrival, a loop's check, or the end. */
function route(
  ctx: Ctx,
  from: string,
  port: string,
  link: Link | undefined,
): { target: string; actions: unknown[] } {
  if (!link)
    return {
      target: target(stateId.done),
      actions: [{ type: 'finish', params: { node: from, port } }],
    };
  const save = { type: 'save', params: { node: from, to: link.node } };
  if (link.back)
    return {
      target: target(stateId.check(link.node)),
      actions: [save, { type: 'loopAgain', params: { node: link.node, from } }],
    };
  const region = ctx.structure.owner.get(from);
  if (region && ctx.structure.forks.get(region.fork)?.join === link.node) {
    return {
      target: target(stateId.arrived(region.fork, region.branch)),
      actions: [save, { type: 'arrive', params: { join: link.node, branch: region.branch, from } }],
    };
  }
  return { target: target(stateId.node(link.node)), actions: [save] };
}

function fromContext(r: { target: string; actions: unknown[] }): {
  target: string;
  actions: unknown[];
} {
  return {
    target: r.target,
    actions: r.actions.map((a) =>
      isAction(a, 'save')
        ? { ...a, type: 'pass' }
        : isAction(a, 'finish')
          ? { ...a, type: 'finishWith' }
          : a,
    ),
  };
}

const isAction = (a: unknown, type: string): a is { type: string; params: unknown } =>
  typeof a === 'object' && a !== null && (a as { type?: unknown }).type === type;

const noRoute = (node: string) => ({
  target: target(stateId.failed),
  actions: [{ type: 'noRoute', params: { node } }],
});

function errorRoute(ctx: Ctx, node: GraphNode): unknown {
  const link = node.outputs.find((o) => o.port === 'error')?.link;
  if (!link)
    return {
      target: target(stateId.failed),
      actions: [{ type: 'fail', params: { node: node.id } }],
    };
  const to = route(ctx, node.id, 'error', link);
  return {
    target: to.target,
    actions: [
      { type: 'saveError', params: { node: node.id, to: link.node } },
      ...to.actions.slice(1),
    ],
  };
}

function loopCheck(ctx: Ctx, node: GraphNode): StateConfig {
  const body = node.outputs.find((o) => o.port === 'body');
  const done = node.outputs.find((o) => o.port === 'done');
  // `always` transitions carry the previous event, so these routes read the loop's value from context.
  const bodyRoute = fromContext(route(ctx, node.id, 'body', body?.link));
  const doneRoute = fromContext(route(ctx, node.id, 'done', done?.link));
  return {
    id: stateId.check(node.id),
    always: [
      {
        guard: { type: 'loopContinues', params: { node: node.id } },
        target: bodyRoute.target,
        actions: [{ type: 'loopNext', params: { node: node.id } }, ...bodyRoute.actions],
      },
      {
        target: doneRoute.target,
        actions: [{ type: 'loopDone', params: { node: node.id } }, ...doneRoute.actions],
      },
    ],
  };
}

function forkStates(ctx: Ctx, node: GraphNode): Record<string, StateConfig> {
  const fork = ctx.structure.forks.get(node.id)!;
  const regions: Record<string, StateConfig> = {};
  const direct: string[] = [];
  for (const [branch, members] of fork.regions) {
    const own = [...members].filter((id) => {
      const owner = ctx.structure.owner.get(id);
      return owner?.fork === node.id && owner.branch === branch;
    });
    const states = buildScope(ctx, own);
    states['arrived'] = { id: stateId.arrived(node.id, branch), type: 'final' };
    const entry = fork.entries.get(branch)!;
    if (entry === fork.join) direct.push(branch);
    regions[branch] = { initial: entry === fork.join ? 'arrived' : entry, states };
  }
  const start = {
    type: 'forkStart',
    params: {
      node: node.id,
      join: fork.join ?? null,
      entries: Object.fromEntries(fork.entries),
      direct,
    },
  };
  const parallel: StateConfig = { id: stateId.fork(node.id), type: 'parallel', states: regions };
  if (fork.join) {
    parallel['always'] = {
      guard: { type: 'joinReady', params: { join: fork.join } },
      target: target(stateId.node(fork.join)),
      actions: [{ type: 'joinDone', params: { join: fork.join } }],
    };
  }
  return {
    [node.id]: invoke(
      node,
      { target: target(stateId.fork(node.id)), actions: [start] },
      errorRoute(ctx, node),
    ),
    [`${node.id}:fork`]: parallel,
  };
}
