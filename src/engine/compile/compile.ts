import type { Flow } from '../../flow/index.ts';
import { CompileError } from './errors.ts';
import {
  buildGraph,
  type EngineKinds,
  type FlowGraph,
  type GraphNode,
  type Link,
  type RunPolicy,
} from './graph.ts';
import { stateId, target, taskEvent } from './names.ts';
import { analyze, type Structure } from './structure.ts';

/** Plain data: what XState's `createMachine` takes, with guards, actions and actors named. */
export type StateConfig = { [key: string]: unknown };

/** What the runtime needs to know about each node beyond the machine config. */
export interface CompiledNode {
  readonly kind: string;
  readonly role: GraphNode['role'];
  /** Innermost loop whose body this node is in; its `loop` variable is that loop's state. */
  readonly loop?: string;
  /** The parallel nodes whose branches this node runs in, innermost first. */
  readonly within?: readonly string[];
  /** A join: how many arriving branches complete it (absent: all). */
  readonly need?: number;
  /** A loop: the most rounds it runs. */
  readonly rounds?: number;
  /** A node that can fail: its retries and timeout (absent: one attempt, no timeout). */
  readonly policy?: RunPolicy;
}

export interface CompiledFlow {
  /** The XState machine config: JSON, printable, pasteable into Stately's visualizer. */
  readonly machine: StateConfig;
  readonly nodes: Readonly<Record<string, CompiledNode>>;
}

interface Ctx {
  readonly graph: FlowGraph;
  readonly structure: Structure;
  /** Forks whose branches are tracked in context (one state for all of them). */
  readonly tracked: ReadonlySet<string>;
}

/**
 * Compiles a validated flow into an XState v5 machine config. Each node is a state that asks the
 * runtime to run it (`entry: run`) and leaves on the event the runtime sends with its result
 * (`task.done.<node>`, `task.failed.<node>`). A Parallel node whose branches are sequences of
 * task nodes becomes one state, its branches' positions kept in `context.branches`, so a branch's
 * step costs the same however many branches run; branches holding loops or further Parallel
 * nodes become a `parallel` state with one region per branch.
 * @example
 * const { machine } = compile(validated.flow, kindsByName);
 * console.log(JSON.stringify(machine, null, 2));
 */
export function compile(flow: Flow, kinds: EngineKinds): CompiledFlow {
  const graph = buildGraph(flow, kinds);
  const structure = analyze(graph);
  const ctx: Ctx = { graph, structure, tracked: trackedForks(graph, structure) };
  const top = [...graph.nodes.keys()].filter((id) => !ctx.structure.owner.has(id));
  const states = buildScope(ctx, top);
  // Node ids cannot contain ':', so these keys never meet a node's.
  states[stateId.done] = { id: stateId.done, type: 'final' };
  states[stateId.failed] = { id: stateId.failed, type: 'final' };
  const nodes: Record<string, CompiledNode> = {};
  for (const node of graph.nodes.values()) {
    const loop = ctx.structure.loopOf.get(node.id);
    const within = forksAround(ctx.structure, node.id);
    const data = node.data as never;
    const need = node.role === 'join' ? node.def.joinNeed?.(data) : undefined;
    const rounds = node.role === 'loop' ? (node.def.loopMax?.(data) ?? 1) : undefined;
    const policy = node.def.runPolicy?.(data);
    nodes[node.id] = {
      kind: node.def.kind,
      role: node.role,
      ...(loop ? { loop } : {}),
      ...(within.length > 0 ? { within } : {}),
      ...(need !== undefined ? { need } : {}),
      ...(rounds !== undefined ? { rounds } : {}),
      ...(policy ? { policy } : {}),
    };
  }
  return {
    machine: { id: `flow:${flow.id}`, initial: graph.start, context: {}, states },
    nodes,
  };
}

/** Forks whose every branch holds only task nodes: those need no region per branch. */
function trackedForks(graph: FlowGraph, structure: Structure): Set<string> {
  const tracked = new Set<string>();
  for (const [id, fork] of structure.forks) {
    const simple = [...fork.regions.values()].every((members) =>
      [...members].every((m) => graph.nodes.get(m)?.role === 'task'),
    );
    if (simple) tracked.add(id);
  }
  return tracked;
}

function forksAround(structure: Structure, id: string): string[] {
  const within: string[] = [];
  for (let region = structure.owner.get(id); region; region = structure.owner.get(region.fork))
    within.push(region.fork);
  return within;
}

function buildScope(ctx: Ctx, members: readonly string[]): Record<string, StateConfig> {
  const states: Record<string, StateConfig> = {};
  for (const id of members) {
    const node = ctx.graph.nodes.get(id)!;
    switch (node.role) {
      case 'task':
      case 'join':
        states[id] = nodeState(node, taskOn(ctx, node));
        break;
      case 'loop':
        states[id] = nodeState(node, {
          [taskEvent.done(id)]: {
            target: target(stateId.check(id)),
            actions: [{ type: 'loopStart', params: { node: id } }],
          },
          [taskEvent.failed(id)]: errorRoute(ctx, node),
        });
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

/** A node's state: entering it runs the node; its result arrives as an event. */
function nodeState(node: GraphNode, on: Record<string, unknown>): StateConfig {
  return { id: stateId.node(node.id), entry: { type: 'run', params: { node: node.id } }, on };
}

/** A task node's transitions: by the port it left by, or by its error. */
function taskOn(ctx: Ctx, node: GraphNode): Record<string, unknown> {
  return {
    [taskEvent.done(node.id)]: doneRoutes(ctx, node),
    [taskEvent.failed(node.id)]: errorRoute(ctx, node),
  };
}

function doneRoutes(ctx: Ctx, node: GraphNode): unknown {
  const ports = node.outputs.filter((o) => o.port !== 'error');
  if (ports.length === 0)
    return {
      target: target(stateId.done),
      actions: [{ type: 'finish', params: { node: node.id } }],
    };
  if (ports.length === 1) return route(ctx, node.id, ports[0]!.port, ports[0]!.link);
  // The executor names the port it leaves by; a port nobody handles fails the run clearly.
  const routes: unknown[] = ports.map((o) => ({
    guard: { type: 'port', params: { port: o.port } },
    ...route(ctx, node.id, o.port, o.link),
  }));
  return [...routes, noRoute(node.id)];
}

interface Route {
  /** Absent for a step inside a fan-out tracked in context: the machine stays where it is. */
  target?: string;
  actions: unknown[];
}

/** The transition for output `port` of `from`: to the linked node, a join arrival, a loop's check, or the end. */
function route(ctx: Ctx, from: string, port: string, link: Link | undefined): Route {
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
  const tracked = region !== undefined && ctx.tracked.has(region.fork);
  if (region && ctx.structure.forks.get(region.fork)?.join === link.node) {
    const arrive = { join: link.node, branch: region.branch, from };
    return tracked
      ? { actions: [save, { type: 'arrive', params: { ...arrive, fork: region.fork } }] }
      : {
          target: target(stateId.arrived(region.fork, region.branch)),
          actions: [save, { type: 'arrive', params: arrive }],
        };
  }
  if (tracked) {
    // Inside a branch tracked in context, the next node is that branch's new position.
    const { fork, branch } = region;
    return {
      actions: [
        save,
        { type: 'advance', params: { fork, branch, to: link.node } },
        { type: 'run', params: { node: link.node } },
      ],
    };
  }
  return { target: target(stateId.node(link.node)), actions: [save] };
}

function fromContext(r: Route): Route {
  return {
    ...r,
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

function errorRoute(ctx: Ctx, node: GraphNode): Route {
  const link = node.outputs.find((o) => o.port === 'error')?.link;
  if (!link)
    return {
      target: target(stateId.failed),
      actions: [{ type: 'fail', params: { node: node.id } }],
    };
  const to = route(ctx, node.id, 'error', link);
  return {
    ...to,
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
        ...bodyRoute,
        actions: [{ type: 'loopNext', params: { node: node.id } }, ...bodyRoute.actions],
      },
      {
        ...doneRoute,
        actions: [{ type: 'loopDone', params: { node: node.id } }, ...doneRoute.actions],
      },
    ],
  };
}

function forkStates(ctx: Ctx, node: GraphNode): Record<string, StateConfig> {
  const fork = ctx.structure.forks.get(node.id)!;
  const tracked = ctx.tracked.has(node.id);
  const direct = [...fork.entries].filter(([, entry]) => entry === fork.join).map(([b]) => b);
  const start = {
    type: 'forkStart',
    params: {
      node: node.id,
      join: fork.join ?? null,
      entries: Object.fromEntries(fork.entries),
      direct,
    },
  };
  const join = fork.join
    ? {
        always: {
          guard: { type: 'joinReady', params: { join: fork.join } },
          target: target(stateId.node(fork.join)),
          actions: [{ type: 'joinDone', params: { join: fork.join } }],
        },
      }
    : {};
  // Leaving the fan-out (its join is ready, or a branch ended the run) stops what still runs there.
  const exit = { type: 'cancel', params: { fork: node.id } };
  const onStart: unknown[] = [start];
  let branches: StateConfig;
  if (tracked) {
    // One state for all branches: each branch's nodes answer here, and move that branch on.
    const on: Record<string, unknown> = {};
    for (const members of fork.regions.values())
      for (const id of members) Object.assign(on, taskOn(ctx, ctx.graph.nodes.get(id)!));
    for (const [branch, entry] of fork.entries) {
      if (entry === fork.join) continue;
      onStart.push(
        { type: 'advance', params: { fork: node.id, branch, to: entry } },
        { type: 'run', params: { node: entry } },
      );
    }
    branches = {
      id: stateId.fork(node.id),
      description: `The branches of "${node.id}" run side by side; where each stands is context.branches["${node.id}:<branch>"].`,
      exit,
      on,
      ...join,
    };
  } else {
    const regions: Record<string, StateConfig> = {};
    for (const [branch, members] of fork.regions) {
      const own = [...members].filter((id) => {
        const owner = ctx.structure.owner.get(id);
        return owner?.fork === node.id && owner.branch === branch;
      });
      const states = buildScope(ctx, own);
      states['arrived'] = { id: stateId.arrived(node.id, branch), type: 'final' };
      const entry = fork.entries.get(branch)!;
      regions[branch] = { initial: entry === fork.join ? 'arrived' : entry, states };
    }
    branches = { id: stateId.fork(node.id), type: 'parallel', exit, states: regions, ...join };
  }
  return {
    [node.id]: nodeState(node, {
      [taskEvent.done(node.id)]: { target: target(stateId.fork(node.id)), actions: onStart },
      [taskEvent.failed(node.id)]: errorRoute(ctx, node),
    }),
    [`${node.id}:fork`]: branches,
  };
}
