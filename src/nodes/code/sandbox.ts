import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten-core';
import {
  newQuickJSWASMModuleFromVariant,
  shouldInterruptAfterDeadline,
} from 'quickjs-emscripten-core';

/** What one call of the sandbox may use. */
interface SandboxLimits {
  /** Wall-clock time the script may run, in ms. */
  readonly timeMs: number;
  /** Heap the script may allocate, in bytes. */
  readonly memoryBytes: number;
}

type SandboxFailure = 'syntax' | 'thrown' | 'timeout' | 'memory' | 'stack' | 'result';

/** How a call ended: the JSON text of the result, or why it failed (and on which line). */
type SandboxOutcome =
  | { readonly ok: true; readonly json: string; readonly logs: readonly string[] }
  | {
      readonly ok: false;
      readonly reason: SandboxFailure;
      readonly message: string;
      readonly line?: number;
      readonly logs: readonly string[];
    };

const FILE = 'code.js';
// Well under what the WebAssembly host's own stack allows, so QuickJS reports the overflow itself.
const STACK_BYTES = 256 * 1024;
const MAX_LOG_LINES = 200;
const MAX_LOG_CHARS = 2_000;

/**
 * The user's code becomes the body of a function of `input`. The wrapper stays on the first line
 * so the user's line numbers are the script's; the result (or the promise of one) leaves the
 * sandbox as JSON text only.
 */
const wrap = (source: string) =>
  `"use strict";globalThis.__done=Promise.resolve((function(input){${source}\n}).call(undefined,` +
  `JSON.parse(globalThis.__input))).then(function(v){return v===undefined?'null':JSON.stringify(v)});`;

let loading: Promise<QuickJSWASMModule> | undefined;
/** The WebAssembly module loads once per thread (worker or Node process) and is reused. */
const quickjs = () =>
  (loading ??= newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync')));

function installConsole(context: QuickJSContext, logs: string[]): void {
  const log = context.newFunction('log', (...args: QuickJSHandle[]) => {
    if (logs.length > MAX_LOG_LINES) return;
    if (logs.length === MAX_LOG_LINES) {
      logs.push(`(console output stopped after ${MAX_LOG_LINES} lines)`);
      return;
    }
    const text = args
      .map((arg) => {
        const value: unknown = context.dump(arg);
        return typeof value === 'string' ? value : JSON.stringify(value);
      })
      .join(' ');
    logs.push(text.length > MAX_LOG_CHARS ? `${text.slice(0, MAX_LOG_CHARS)}…` : text);
  });
  const consoleObject = context.newObject();
  for (const name of ['log', 'info', 'warn', 'error', 'debug'])
    context.setProp(consoleObject, name, log);
  context.setProp(context.global, 'console', consoleObject);
  consoleObject.dispose();
  log.dispose();
}

/** A QuickJS error as data: why it failed and the user's line it names, if any. */
function describe(
  dumped: unknown,
  timedOut: boolean,
  lines: number,
): { reason: SandboxFailure; message: string; line?: number } {
  const error: Record<string, unknown> =
    typeof dumped === 'object' && dumped !== null ? { ...dumped } : { message: dumped };
  const name = typeof error['name'] === 'string' ? error['name'] : 'Error';
  const message = typeof error['message'] === 'string' ? error['message'] : String(dumped);
  const stack = typeof error['stack'] === 'string' ? error['stack'] : '';
  const at = new RegExp(`${FILE}:(\\d+)`).exec(stack);
  const found = at ? Number(at[1]) : Number(error['lineNumber']);
  // A line past the user's last one is the wrapper's: turning the result into JSON.
  const line = Number.isInteger(found) && found >= 1 && found <= lines ? found : undefined;
  const where = line ? { line } : {};
  if (timedOut || message === 'interrupted')
    return { reason: 'timeout', message: 'the code ran past its time limit', ...where };
  if (message.includes('out of memory'))
    return { reason: 'memory', message: 'the code used more memory than its limit', ...where };
  if (message.includes('stack overflow') || message.includes('call stack'))
    return { reason: 'stack', message: 'the code recursed too deeply (stack overflow)', ...where };
  if (name === 'SyntaxError')
    return { reason: 'syntax', message: `SyntaxError: ${message}`, ...where };
  if (!line && Number.isInteger(found) && found > lines)
    return { reason: 'result', message: `the result is not JSON: ${message}` };
  return { reason: 'thrown', message: `${name}: ${message}`, ...where };
}

/**
 * Runs `source` against `input` in a fresh QuickJS runtime (WebAssembly): no page, network,
 * storage, timers, modules or host objects exist inside, and the input arrives as a copy parsed
 * from JSON, so nothing the code does reaches the host. The runtime is disposed after each call.
 * @example await runSandboxed('return input.a + 1', { a: 1 }, { timeMs: 1000, memoryBytes: 32e6 })
 */
export async function runSandboxed(
  source: string,
  input: unknown,
  limits: SandboxLimits,
): Promise<SandboxOutcome> {
  const module = await quickjs();
  const runtime = module.newRuntime();
  const logs: string[] = [];
  const lines = source.split('\n').length;
  const deadline = Date.now() + limits.timeMs;
  const fail = (dumped: unknown) => ({
    ok: false as const,
    ...describe(dumped, Date.now() >= deadline, lines),
    logs,
  });
  let context: QuickJSContext | undefined;
  try {
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(STACK_BYTES);
    runtime.setInterruptHandler(shouldInterruptAfterDeadline(deadline));
    // No module loader is installed, so `import()` has nowhere to load from.
    context = runtime.newContext();
    return evaluate(context, source, input, fail, logs);
  } catch (error) {
    // The interpreter itself gave up (its host stack or heap): the module is dropped.
    loading = undefined;
    return fail(error instanceof Error ? { name: error.name, message: error.message } : error);
  } finally {
    release(context, runtime);
  }
}

function evaluate(
  context: QuickJSContext,
  source: string,
  input: unknown,
  fail: (dumped: unknown) => SandboxOutcome,
  logs: string[],
): SandboxOutcome {
  installConsole(context, logs);
  const text = context.newString(JSON.stringify(input ?? null));
  context.setProp(context.global, '__input', text);
  text.dispose();
  const evaluated = context.evalCode(wrap(source), FILE);
  if (evaluated.error) return fail(take(context, evaluated.error));
  evaluated.value.dispose();
  const jobs = context.runtime.executePendingJobs();
  if (jobs.error) return fail(take(context, jobs.error));
  const done = context.getProp(context.global, '__done');
  const state = context.getPromiseState(done);
  done.dispose();
  if (state.type === 'pending')
    return {
      ok: false,
      reason: 'result',
      message:
        'the code returned a promise that never settles (there are no timers or network here)',
      logs,
    };
  if (state.type === 'rejected') return fail(take(context, state.error));
  const json = take(context, state.value);
  if (typeof json !== 'string')
    return {
      ok: false,
      reason: 'result',
      message: 'the code returned something that is not JSON',
      logs,
    };
  return { ok: true, json, logs };
}

/** A handle's value as host data; the handle is freed. */
function take(context: QuickJSContext, handle: QuickJSHandle): unknown {
  const value: unknown = context.dump(handle);
  handle.dispose();
  return value;
}

/**
 * QuickJS can abort while freeing a runtime that ran out of memory or stack (an assertion in
 * `JS_FreeRuntime`, quickjs-emscripten issue 257); an aborted module is unusable, so it is dropped
 * and the next call loads a fresh one. The call's outcome was already decided.
 */
function release(...owners: ({ alive: boolean; dispose(): void } | undefined)[]): void {
  try {
    for (const owner of owners) if (owner?.alive) owner.dispose();
  } catch {
    loading = undefined;
  }
}
