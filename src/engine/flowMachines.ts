import type { Flow } from '../flow/index.ts';
import type { RunContext } from './context.ts';
import { compile, type CompiledFlow } from './compile/compile.ts';
import type { EngineKinds } from './compile/graph.ts';
import { immutable } from './immutable.ts';
import { createRunMachine, type MachineHooks, type RunMachine } from './machine.ts';
import type { Run } from './run.ts';

/**
 * Compiled flows and their XState machines, shared by the runs of one engine. A flow compiles
 * once (by object, and by content: a resumed run's flow comes back from the store as a new
 * object), and each compiled flow gets one machine, since building a machine costs as much as a
 * long run's first steps. The machine's hooks find their run by the context's run id.
 */
export class FlowMachines {
  private readonly byObject = new WeakMap<Flow, CompiledFlow>();
  private readonly byText = new Map<string, CompiledFlow>();
  private readonly machines = new WeakMap<CompiledFlow, RunMachine>();
  private readonly frozen = new WeakMap<Flow, Flow>();

  constructor(
    private readonly kinds: EngineKinds,
    private readonly runOf: (runId: string) => Run | undefined,
  ) {}

  /** Throws `CompileError` for flows that cannot run. */
  compiled(flow: Flow): CompiledFlow {
    let compiled = this.byObject.get(flow);
    if (compiled) return compiled;
    const text = JSON.stringify(flow);
    compiled = this.byText.get(text) ?? compile(flow, this.kinds);
    // A few flows are in use at a time; keep the latest ones.
    this.byText.delete(text);
    this.byText.set(text, compiled);
    if (this.byText.size > 16) this.byText.delete(this.byText.keys().next().value!);
    this.byObject.set(flow, compiled);
    return compiled;
  }

  /** The flow as runs keep it in their records: immutable, made once per flow object. */
  immutable(flow: Flow): Flow {
    let kept = this.frozen.get(flow);
    if (!kept) this.frozen.set(flow, (kept = immutable(flow)));
    return kept;
  }

  machine(compiled: CompiledFlow): RunMachine {
    let machine = this.machines.get(compiled);
    if (machine) return machine;
    const runOf = (context: RunContext) => this.runOf(context.runId);
    machine = createRunMachine(compiled, {
      run: (context, node) => runOf(context)?.request(node),
      cancel: (context, fork) => runOf(context)?.cancel(fork),
      touch: (context, map, key) => runOf(context)?.touch(map, key),
      touchEnd: (context) => runOf(context)?.touchEnd(),
      ...flowLimits(compiled),
    });
    this.machines.set(compiled, machine);
    return machine;
  }
}

/** What the machine reads from node configs, as their kinds declared it at compile time. */
export function flowLimits(compiled: CompiledFlow): Pick<MachineHooks, 'joinNeed' | 'loopMax'> {
  return {
    joinNeed: (join, branches) => Math.min(compiled.nodes[join]?.need ?? branches, branches),
    loopMax: (loop) => compiled.nodes[loop]?.rounds ?? 1,
  };
}
