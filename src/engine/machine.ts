import { assign, setup } from 'xstate';
import type { ContextMap } from './checkpoint.ts';
import type { CompiledFlow } from './compile/compile.ts';
import { branchKey } from './compile/names.ts';
import { roundKey, roundsOf, type RunContext } from './context.ts';
import { toErrorData, type TaskResult } from './contract/index.ts';
import { immutable } from './immutable.ts';

/**
 * What the machine calls out to. A machine is shared by every run of a compiled flow, so the
 * hooks find the run by the context's `runId`.
 */
export interface MachineHooks {
  /** Runs `node` (once the current step is done); its result comes back as a `task.*` event. */
  run(context: RunContext, node: string): void;
  /** Stops whatever still runs in the branches of `fork` (the machine left it). */
  cancel(context: RunContext, fork: string): void;
  /** Notes that a step wrote `key` of one of the context's maps (for delta checkpoints). */
  touch(context: RunContext, map: ContextMap, key: string): void;
  /** Notes that a step set the run's result or failure. */
  touchEnd(context: RunContext): void;
  /** How many branches a join waits for. */
  joinNeed(join: string, branches: number): number;
  loopMax(loop: string): number;
}

/** A node's result, as the runtime sends it: `task.done.<node>` or `task.failed.<node>`. */
export type TaskEvent = { type: string; output?: TaskResult; error?: unknown };
const outputOf = (event: TaskEvent): unknown => event.output?.output ?? null;

/**
 * Turns a compiled flow into a runnable XState machine: the plain config plus the named guards and
 * actions. Nodes are not actors: the `run` action asks the runtime to run a node, and the runtime
 * sends its result back as an event.
 */
export function createRunMachine(compiled: CompiledFlow, hooks: MachineHooks) {
  // Every value the context holds is immutable, so checkpoints and events may share it.
  const set = (c: RunContext, map: ContextMap, key: string, value: unknown) => {
    (c[map] as Record<string, unknown>)[key] = immutable(value);
    hooks.touch(c, map, key);
  };
  const handOn = (c: RunContext, from: string, to: string, value: unknown) => {
    set(c, 'inputs', to, value);
    set(c, 'from', to, from);
    set(c, 'visits', to, (c.visits[to] ?? 0) + 1);
  };
  const arrive = (c: RunContext, join: string, branch: string, value: unknown) => {
    const state = c.joins[join];
    if (!state) return;
    const count = state.count + 1;
    set(c, 'arrivals', `${join}:${count}`, { branch, value });
    set(c, 'joins', join, { need: state.need, count });
  };
  return setup({
    types: {
      context: {} as RunContext,
      input: {} as RunContext,
      events: {} as TaskEvent,
    },
    guards: {
      port: ({ event }, p: { port: string }) => (event.output?.port ?? 'out') === p.port,
      loopContinues: ({ context }, p: { node: string }) => {
        const loop = context.loops[p.node]!;
        return loop.i < loop.max && (loop.items === null || loop.i < loop.items.length);
      },
      joinReady: ({ context }, p: { join: string }) => {
        const join = context.joins[p.join];
        return join !== undefined && join.count >= join.need;
      },
    },
    // Steps change the context's maps in place (a step stays O(1) however long the run), so
    // those actions are plain ones: an `assign` would copy the context and the whole snapshot
    // for each. Only the run's end (`result`, `failure`) is assigned.
    actions: {
      save: ({ context, event }, p: { node: string; to: string }) => {
        const value = outputOf(event);
        set(context, 'nodes', p.node, value);
        handOn(context, p.node, p.to, value);
      },
      pass: ({ context }, p: { node: string; to: string }) => {
        handOn(context, p.node, p.to, context.nodes[p.node]);
      },
      saveError: ({ context, event }, p: { node: string; to: string }) => {
        const error = toErrorData(event.error);
        set(context, 'errors', p.node, error);
        set(context, 'nodes', p.node, { error });
        handOn(context, p.node, p.to, {
          error,
          input: context.inputs[p.node] ?? null,
        });
      },
      finish: assign(({ context, event }, p: { node: string; port?: string }) => {
        const value = outputOf(event);
        set(context, 'nodes', p.node, value);
        hooks.touchEnd(context);
        return {
          result: immutable({
            node: p.node,
            status: event.output?.status ?? (p.port ? 'ended' : 'succeeded'),
            value,
          }),
        };
      }),
      finishWith: assign(({ context }, p: { node: string }) => {
        hooks.touchEnd(context);
        return {
          result: immutable({
            node: p.node,
            status: 'succeeded',
            value: context.nodes[p.node] ?? null,
          }),
        };
      }),
      fail: assign(({ context, event }, p: { node: string }) => {
        const error = toErrorData(event.error);
        set(context, 'errors', p.node, error);
        hooks.touchEnd(context);
        return { failure: immutable({ node: p.node, error }) };
      }),
      noRoute: assign(({ context, event }, p: { node: string }) => {
        hooks.touchEnd(context);
        return {
          failure: immutable({
            node: p.node,
            error: {
              code: 'no-route',
              message: `"${p.node}" left by "${event.output?.port ?? '?'}", which leads nowhere`,
            },
          }),
        };
      }),
      loopStart: ({ context, event }, p: { node: string }) => {
        const items =
          (event.output?.output as { items?: unknown[] | null } | undefined)?.items ?? null;
        set(context, 'loops', p.node, {
          i: 0,
          max: hooks.loopMax(p.node),
          items,
          value: context.inputs[p.node] ?? null,
        });
      },
      loopNext: ({ context }, p: { node: string }) => {
        const loop = context.loops[p.node]!;
        set(context, 'nodes', p.node, loop.items ? loop.items[loop.i] : loop.value);
      },
      loopAgain: ({ context }, p: { node: string; from: string }) => {
        const loop = context.loops[p.node]!;
        const back = context.nodes[p.from] ?? null;
        // Each round's result is a key of its own, so a round writes one value, not the list.
        set(context, 'rounds', roundKey(p.node, loop.i), back);
        set(context, 'loops', p.node, {
          i: loop.i + 1,
          max: loop.max,
          items: loop.items,
          value: back,
        });
      },
      loopDone: ({ context }, p: { node: string }) => {
        const loop = context.loops[p.node]!;
        set(context, 'nodes', p.node, loop.items ? roundsOf(context, p.node) : loop.value);
      },
      forkStart: (
        { context, event },
        p: {
          node: string;
          join: string | null;
          entries: Record<string, string>;
          direct: string[];
        },
      ) => {
        const value = outputOf(event);
        set(context, 'nodes', p.node, value);
        for (const [branch, entry] of Object.entries(p.entries))
          if (!p.direct.includes(branch)) handOn(context, p.node, entry, value);
        if (p.join) {
          const need = hooks.joinNeed(p.join, Object.keys(p.entries).length);
          set(context, 'joins', p.join, { need, count: 0 });
          for (const branch of p.direct) arrive(context, p.join, branch, value);
        }
      },
      advance: ({ context }, p: { fork: string; branch: string; to: string }) => {
        set(context, 'branches', branchKey(p.fork, p.branch), p.to);
      },
      arrive: ({ context }, p: { join: string; branch: string; from: string; fork?: string }) => {
        arrive(context, p.join, p.branch, context.nodes[p.from] ?? null);
        if (p.fork) set(context, 'branches', branchKey(p.fork, p.branch), null);
      },
      joinDone: ({ context }, p: { join: string }) => {
        // What each branch delivered, by branch id, in the order they arrived.
        const arrived: Record<string, unknown> = {};
        const count = context.joins[p.join]?.count ?? 0;
        for (let n = 1; n <= count; n++) {
          const arrival = context.arrivals[`${p.join}:${n}`];
          if (arrival) arrived[arrival.branch] = arrival.value;
        }
        handOn(context, p.join, p.join, arrived);
      },
      run: ({ context }, p: { node: string }) => hooks.run(context, p.node),
      cancel: ({ context }, p: { fork: string }) => hooks.cancel(context, p.fork),
    },
  }).createMachine({
    ...(compiled.machine as object),
    context: ({ input }: { input: RunContext }) => input,
  } as never);
}

export type RunMachine = ReturnType<typeof createRunMachine>;
