import * as z from 'zod';
import { createLlmClient } from '../agents/index.ts';
import {
  EngineError,
  maskingStore,
  recordingSecrets,
  SecretMask,
  systemClock,
  type Clock,
  type Engine,
  type EngineOptions,
  type ForkEdits,
  type LlmClient,
  type MemoryPort,
  type RunLocks,
  type RunStore,
} from '../engine/index.ts';
import { validateFlow } from '../flow/index.ts';
import { VolatileMemory } from '../memory/volatile.ts';
import { catalog } from '../nodes/index.ts';
import { createEngine, replay } from '../nodes/runtime.ts';
import { SecretVault, type SecretReader } from '../secrets/index.ts';
import { attempt } from './attempt.ts';
import type { Channel } from './channel.ts';
import {
  continueWaitingRuns,
  settingsKeeper,
  waitingForUnlock,
  type SettingsChannel,
} from './hostSettings.ts';
import { subflowLoader, type SavedFlows } from './savedFlows.ts';
import type { EngineApi, LiveMessage } from './protocol.ts';
import { MemorySettings, type SettingsStore } from './settings.ts';
import { resumeWhenStorageFrees } from './storageFaults.ts';
import { testCall } from './testCall.ts';

const breakpointSchema = z.strictObject({
  node: z.string().min(1).max(64),
  condition: z.string().max(2_000).optional(),
});
const debugSchema = z.strictObject({
  breakpoints: z.array(breakpointSchema).max(500),
  mode: z.enum(['run', 'step']),
  pausedAt: z.string().optional(),
});

const forkEditsSchema = z.strictObject({
  outputs: z.record(z.string(), z.unknown()).optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  runInput: z.unknown().optional(),
});

const secretName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'name secrets in UPPER_SNAKE_CASE, e.g. BILLING_API_KEY');

const answerSchema = z.strictObject({
  decision: z.enum(['approved', 'rejected', 'draft']),
  subject: z.unknown().optional(),
  feedback: z.string().max(10_000).optional(),
});

export interface HostOptions {
  readonly store: RunStore;
  readonly fetch: typeof fetch;
  readonly clock?: Clock;
  readonly locks?: RunLocks;
  /** Tells other tabs' workers which runs run here, so they take them over if this tab closes. */
  readonly runsChannel?: Channel<string>;
  /** What recall and remember nodes use; the worker passes the IndexedDB memory. */
  readonly memory?: MemoryPort;
  /** Where capabilities and providers find the secrets they name; the vault by default. */
  readonly secrets?: SecretReader;
  /** The vault the UI manages (names, values, passphrase); also the default secret reader. */
  readonly vault?: SecretVault;
  /** Saved flows, which Subflow nodes run; the worker passes the editor's IndexedDB library. */
  readonly flows?: SavedFlows;
  /** Where settings are kept; the worker passes IndexedDB, read before anything resumes. */
  readonly settings?: SettingsStore;
  /** Tells other tabs' workers about a save, and hears theirs. */
  readonly settingsChannel?: SettingsChannel;
}

/**
 * The engine as the worker serves it: one engine over the browser's store, resuming on start-up
 * whatever was under way, and answering the UI with data only.
 */
export function createHost(options: HostOptions): EngineApi {
  const clock = options.clock ?? systemClock;
  const settings = settingsKeeper(
    options.settings ?? new MemorySettings(),
    clock,
    options.settingsChannel,
  );
  const vault = options.vault ?? new SecretVault();
  // Every secret value handed out is masked in whatever is recorded (the store) or shown (below).
  const mask = new SecretMask();
  const secrets = recordingSecrets(waitingForUnlock(options.secrets ?? vault), mask);
  const store = maskingStore(options.store, mask);
  const masked = <T>(result: Promise<T>) => result.then((value) => mask.value(value));
  const llm: LlmClient = {
    complete: (request, signal, onText) =>
      createLlmClient(settings.current().settings.providers, {
        fetch: options.fetch,
        secrets,
      }).complete(request, signal, onText),
  };
  const services: EngineOptions['services'] = {
    clock,
    fetch: (input, init) => options.fetch(input, init),
    llm,
    memory: options.memory ?? new VolatileMemory(),
    connections: settings.connections,
    secrets,
  };
  const replayOptions = { store, services };
  const engine: Engine = createEngine({
    store,
    services,
    ...(options.locks ? { locks: options.locks } : {}),
    ...(options.flows ? { loadFlow: subflowLoader(options.flows) } : {}),
  });
  const listeners = new Map<number, (message: LiveMessage) => void>();
  let nextListener = 0;
  const broadcast = (message: LiveMessage) => {
    for (const listener of listeners.values())
      void Promise.resolve(listener(mask.value(message))).catch(() => undefined);
  };
  engine.onEvent((event) => {
    broadcast({ kind: 'event', event });
    if (event.type === 'run.started' || event.type === 'run.resumed')
      options.runsChannel?.post(event.runId);
  });
  options.runsChannel?.listen((runId) => engine.takeOverWhenFree(runId));
  resumeWhenStorageFrees(engine, clock, broadcast);
  engine.onProgress((progress) => broadcast({ kind: 'progress', progress }));
  engine.onRecord((record) =>
    broadcast({ kind: 'record', runId: record.id, status: record.status }),
  );
  const continueWaiting = () =>
    continueWaitingRuns(engine, settings.current().settings, secrets).catch(() => undefined);
  settings.onChange((revision) => {
    broadcast({ kind: 'settings', revision });
    void continueWaiting();
  });
  // Settings first: a run resumed before them would find no connections (and wait for them).
  const loaded = settings.load();
  const booted = attempt(async () => {
    await loaded.catch(() => undefined);
    const resumed = await engine.resumeAll('the workspace opened again');
    void continueWaiting();
    return { resumed: resumed.map((r) => r.runId) };
  });

  return {
    ready: () => booted,
    configure: (next, basedOn) =>
      attempt(() =>
        settings.save(next, basedOn === undefined ? undefined : z.number().int().parse(basedOn)),
      ),
    settings: () => attempt(async () => (await loaded, settings.current())),
    adoptSettings: (legacy) => attempt(async () => ({ adopted: await settings.adopt(legacy) })),
    start: (doc, input, debug) =>
      attempt(async () => {
        const checked = validateFlow(doc, catalog);
        if (!checked.ok) {
          const first = checked.issues.find((i) => i.severity === 'error');
          throw new EngineError(
            'invalid-flow',
            `the flow has errors${first ? `, first at ${first.path || 'the document'}: ${first.message}` : ''}`,
          );
        }
        const options = debug ? { debug: debugSchema.parse(debug) } : {};
        return { runId: (await engine.start(checked.flow, input, options)).runId };
      }),
    debug: (runId, command) =>
      attempt(
        async () => (
          await engine.debug(runId, z.enum(['continue', 'step', 'pause']).parse(command)),
          null
        ),
      ),
    setBreakpoints: (runId, breakpoints) =>
      attempt(
        async () => (
          await engine.setBreakpoints(runId, z.array(breakpointSchema).parse(breakpoints)),
          null
        ),
      ),
    stateAt: (runId, seq) =>
      attempt(() => engine.stateAt(runId, z.number().int().nonnegative().parse(seq))),
    fork: (runId, seq, edits, debug) =>
      attempt(async () => {
        const parsed = forkEditsSchema.parse(edits) as ForkEdits;
        const run = await engine.fork(
          runId,
          seq,
          parsed,
          debug ? debugSchema.parse(debug) : undefined,
        );
        return { runId: run.runId };
      }),
    rewind: (runId, seq) =>
      attempt(async () => ({
        runId: (await engine.rewind(runId, z.number().int().nonnegative().parse(seq))).runId,
      })),
    replay: (runId) =>
      masked(attempt(async () => ({ events: (await replay(replayOptions, runId)).events }))),
    decide: (key, answer) => masked(attempt(() => engine.decide(key, answerSchema.parse(answer)))),
    stop: (runId) => masked(attempt(() => engine.stop(runId))),
    rollback: (runId) => masked(attempt(() => engine.rollback(runId))),
    runs: (flowId) => options.store.listRuns(flowId ? { flowId } : {}),
    run: (runId) => options.store.getRun(runId),
    events: (runId, range) => options.store.events(runId, range),
    pending: () => engine.pendingApprovals(),
    complete: (request) =>
      masked(attempt(() => llm.complete(request, AbortSignal.timeout(120_000)))),
    testCapability: (id, input, definition) =>
      masked(attempt(() => testCall(services, id, input, definition))),
    secretList: () => attempt(() => vault.list()),
    secretSet: (name, value) =>
      attempt(
        async () => (
          await vault.set(secretName.parse(name), z.string().min(1).max(20_000).parse(value)),
          void continueWaiting(),
          null
        ),
      ),
    secretRemove: (name) => attempt(async () => (await vault.remove(name), null)),
    vaultStatus: () => attempt(() => vault.status()),
    vaultProtect: (passphrase) =>
      attempt(
        async () => (
          await vault.protect(z.string().min(8, 'use at least 8 characters').parse(passphrase)),
          null
        ),
      ),
    vaultUnlock: (passphrase) =>
      attempt(async () => (await vault.unlock(passphrase), void continueWaiting(), null)),
    vaultLock: () => attempt(() => Promise.resolve((vault.lock(), null))),
    subscribe: (listener) => {
      listeners.set(++nextListener, listener);
      return Promise.resolve(nextListener);
    },
    unsubscribe: (id) => {
      listeners.delete(id);
      return Promise.resolve();
    },
  };
}
