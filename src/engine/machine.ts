import { assign, fromPromise, setup } from 'xstate';
import type { ContextMap } from './checkpoint.ts';
import type { CompiledFlow, StateConfig } from './compile/compile.ts';
import type { RunContext } from './context.ts';
import { toErrorData, type TaskResult } from './executor.ts';

/**
 * What the machine calls out to. A machine is shared by every run of a compiled flow, so the
 * hooks find the run by the context's `runId`.
 */
export interface MachineHooks {
  runTask(node: string, context: RunContext, signal: AbortSignal): Promise<TaskResult>;
  /** Notes that a step wrote `key` of one of the context's maps (for delta checkpoints). */
  touch(context: RunContext, map: ContextMap, key: string): void;
  /** Notes that a step set the run's result or failure. */
  touchEnd(context: RunContext): void;
  /** How many branches a join waits for. */
  joinNeed(join: string, branches: number): number;
  loopMax(loop: string): number;
}

type DoneEvent = { type: string; output?: TaskResult; error?: unknown };
const outputOf = (event: DoneEvent): unknown => event.output?.output ?? null;

/**
 * Turns a compiled flow into a runnable XState machine: the plain config plus the named guards,
 * actions and the `task` actor. Invoke inputs in the config are `{ node }` markers; here they become
 * functions handing the node its id and the run's context.
 */
export function createRunMachine(compiled: CompiledFlow, hooks: MachineHooks) {
  const set = (c: RunContext, map: ContextMap, key: string, value: unknown) => {
    (c[map] as Record<string, unknown>)[key] = value;
    hooks.touch(c, map, key);
  };
  const handOn = (c: RunContext, from: string, to: string, value: unknown) => {
    set(c, 'inputs', to, value);
    set(c, 'from', to, from);
    set(c, 'visits', to, (c.visits[to] ?? 0) + 1);
  };
  return setup({
    types: {
      context: {} as RunContext,
      input: {} as RunContext,
      events: {} as DoneEvent,
    },
    actors: {
      task: fromPromise<TaskResult, { node: string; context: RunContext }>(({ input, signal }) =>
        hooks.runTask(input.node, input.context, signal),
      ),
    },
    guards: {
      port: ({ event }, p: { port: string }) => (event.output?.port ?? 'out') === p.port,
      loopContinues: ({ context }, p: { node: string }) => {
        const loop = context.loops[p.node]!;
        return loop.i < loop.max && (loop.items === null || loop.i < loop.items.length);
      },
      joinReady: ({ context }, p: { join: string }) => {
        const join = context.joins[p.join];
        return join !== undefined && Object.keys(join.arrived).length >= join.need;
      },
    },
    actions: {
      save: assign(({ context, event }, p: { node: string; to: string }) => {
        const value = outputOf(event);
        set(context, 'nodes', p.node, value);
        handOn(context, p.node, p.to, value);
        return {};
      }),
      pass: assign(({ context }, p: { node: string; to: string }) => {
        handOn(context, p.node, p.to, context.nodes[p.node]);
        return {};
      }),
      saveError: assign(({ context, event }, p: { node: string; to: string }) => {
        const error = toErrorData(event.error);
        set(context, 'errors', p.node, error);
        set(context, 'nodes', p.node, { error });
        handOn(context, p.node, p.to, { error, input: context.inputs[p.node] ?? null });
        return {};
      }),
      finish: assign(({ context, event }, p: { node: string; port?: string }) => {
        const value = outputOf(event);
        set(context, 'nodes', p.node, value);
        hooks.touchEnd(context);
        return {
          result: {
            node: p.node,
            status: event.output?.status ?? (p.port ? 'ended' : 'succeeded'),
            value,
          },
        };
      }),
      finishWith: assign(({ context }, p: { node: string }) => {
        hooks.touchEnd(context);
        return {
          result: { node: p.node, status: 'succeeded', value: context.nodes[p.node] ?? null },
        };
      }),
      fail: assign(({ context, event }, p: { node: string }) => {
        const error = toErrorData(event.error);
        set(context, 'errors', p.node, error);
        hooks.touchEnd(context);
        return { failure: { node: p.node, error } };
      }),
      noRoute: assign(({ context, event }, p: { node: string }) => {
        hooks.touchEnd(context);
        return {
          failure: {
            node: p.node,
            error: {
              code: 'no-route',
              message: `"${p.node}" left by "${event.output?.port ?? '?'}", which leads nowhere`,
            },
          },
        };
      }),
      loopStart: assign(({ context, event }, p: { node: string }) => {
        const items =
          (event.output?.output as { items?: unknown[] | null } | undefined)?.items ?? null;
        set(context, 'loops', p.node, {
          i: 0,
          max: hooks.loopMax(p.node),
          items,
          results: [],
          value: context.inputs[p.node] ?? null,
        });
        return {};
      }),
      loopNext: assign(({ context }, p: { node: string }) => {
        const loop = context.loops[p.node]!;
        set(context, 'nodes', p.node, loop.items ? loop.items[loop.i] : loop.value);
        return {};
      }),
      loopAgain: assign(({ context }, p: { node: string; from: string }) => {
        const loop = context.loops[p.node]!;
        const back = context.nodes[p.from] ?? null;
        loop.results.push(back);
        loop.value = back;
        loop.i += 1;
        hooks.touch(context, 'loops', p.node);
        return {};
      }),
      loopDone: assign(({ context }, p: { node: string }) => {
        const loop = context.loops[p.node]!;
        set(context, 'nodes', p.node, loop.items ? loop.results : loop.value);
        return {};
      }),
      forkStart: assign(
        (
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
            const arrived: Record<string, unknown> = {};
            for (const branch of p.direct) arrived[branch] = value;
            set(context, 'joins', p.join, {
              arrived,
              need: hooks.joinNeed(p.join, Object.keys(p.entries).length),
            });
          }
          return {};
        },
      ),
      arrive: assign(({ context }, p: { join: string; branch: string; from: string }) => {
        const join = context.joins[p.join];
        if (join) {
          join.arrived[p.branch] = context.nodes[p.from] ?? null;
          hooks.touch(context, 'joins', p.join);
        }
        return {};
      }),
      joinDone: assign(({ context }, p: { join: string }) => {
        handOn(context, p.join, p.join, { ...context.joins[p.join]?.arrived });
        return {};
      }),
    },
  }).createMachine({
    ...(hydrate(compiled.machine) as object),
    context: ({ input }: { input: RunContext }) => input,
  } as never);
}

/** Replaces each `invoke.input` marker `{ node }` with a function giving the node its context. */
function hydrate(config: unknown): unknown {
  if (Array.isArray(config)) return config.map(hydrate);
  if (config === null || typeof config !== 'object') return config;
  const out: StateConfig = {};
  for (const [key, value] of Object.entries(config)) out[key] = hydrate(value);
  if (out['src'] === 'task' && out['input'] && typeof out['input'] === 'object') {
    const node = (out['input'] as { node: string }).node;
    out['input'] = ({ context }: { context: RunContext }) => ({ node, context });
  }
  return out;
}

export type RunMachine = ReturnType<typeof createRunMachine>;
