import { createLlmClient } from '../agents/index.ts';
import { MemoryToolPins, type ToolPins } from '../capabilities/mcp/index.ts';
import {
  EngineError,
  maskingStore,
  recordingSecrets,
  SecretMask,
  systemClock,
  type Clock,
  type Engine,
  type EngineOptions,
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
import {
  resumeSchema,
  serve,
  StreamHub,
  summarize,
  type Handlers,
  type StreamBody,
  type StreamMessage,
} from '../protocol/index.ts';
import type { Channel } from './channel.ts';
import {
  continueWaitingRuns,
  settingsKeeper,
  waitingForUnlock,
  type SettingsChannel,
} from './hostSettings.ts';
import type { HostApi } from './protocol.ts';
import { mcpHost } from './mcpHost.ts';
import { subflowLoader, type SavedFlows } from './savedFlows.ts';
import { MemorySettings, type SettingsStore } from './settings.ts';
import { resumeWhenStorageFrees } from './storageFaults.ts';
import { providerModels, testConnection } from './providerTest.ts';
import { testCall } from './testCall.ts';
import { toResultError } from './toResultError.ts';

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
  /** How many stream messages a returning subscriber can catch up on. */
  readonly replay?: number;
  /** Where settings are kept; the worker passes IndexedDB, read before anything resumes. */
  readonly settings?: SettingsStore;
  /** Tells other tabs' workers about a save, and hears theirs. */
  readonly settingsChannel?: SettingsChannel;
  /** Calls back when the store's database is deleted or closed under it (`DexieStore.onClosed`). */
  readonly watchStorage?: (closed: () => void) => void;
  /** Where MCP tools' first-seen schema hashes are kept; the worker passes IndexedDB. */
  readonly toolPins?: ToolPins;
}

/**
 * The engine as the worker serves it: one engine over the browser's store, resuming on start-up
 * whatever was under way, and answering the UI with data only.
 */
export function createHost(options: HostOptions): HostApi {
  const clock = options.clock ?? systemClock;
  const settings = settingsKeeper(
    options.settings ?? new MemorySettings(),
    clock,
    options.settingsChannel,
  );
  const vault = options.vault ?? new SecretVault();
  // Every secret value handed out is masked in whatever is recorded (the store) or shown (the
  // stream and the answers below).
  const mask = new SecretMask();
  const secrets = recordingSecrets(waitingForUnlock(options.secrets ?? vault), mask);
  const store = maskingStore(options.store, mask);
  const masked =
    <P, T>(handler: (params: P) => Promise<T>) =>
    async (params: P) =>
      mask.value(await handler(params));
  const llm: LlmClient = {
    complete: (request, signal, onText) =>
      createLlmClient(settings.current().settings.providers, {
        fetch: options.fetch,
        secrets,
      }).complete(request, signal, onText),
  };
  const hub = new StreamHub(options.replay);
  const publish = (body: StreamBody) => hub.publish(mask.value(body));
  const mcp = mcpHost({
    fetch: (input, init) => options.fetch(input, init),
    secrets,
    clock,
    pins: options.toolPins ?? new MemoryToolPins(),
    onChange: () => publish({ kind: 'tools' }),
  });
  const services: EngineOptions['services'] = {
    place: 'browser',
    clock,
    fetch: (input, init) => options.fetch(input, init),
    llm,
    memory: options.memory ?? new VolatileMemory(),
    connections: settings.connections,
    secrets,
    capabilities: mcp.tools,
  };
  const replayOptions = { store, services };
  const engine: Engine = createEngine({
    store,
    services,
    ...(options.locks ? { locks: options.locks } : {}),
    ...(options.flows ? { loadFlow: subflowLoader(options.flows) } : {}),
  });
  engine.onEvent((event) => {
    publish({ kind: 'event', event });
    if (event.type === 'run.started' || event.type === 'run.resumed')
      options.runsChannel?.post(event.runId);
  });
  options.runsChannel?.listen((runId) => engine.takeOverWhenFree(runId));
  const faults = resumeWhenStorageFrees(engine, clock, publish);
  options.watchStorage?.(() => faults.cleared());
  engine.onProgress((progress) => publish({ kind: 'progress', progress }));
  engine.onRecord((record) => publish({ kind: 'record', run: summarize(record) }));
  const continueWaiting = () =>
    continueWaitingRuns(engine, settings.current().settings, secrets).catch(() => undefined);
  settings.onChange((revision) => {
    publish({ kind: 'settings', revision });
    void mcp.apply(settings.current().settings);
    void continueWaiting();
  });
  // Settings first: a run resumed before them would find no connections (and wait for them).
  const loaded = settings.load();
  const booted = (async () => {
    await loaded.catch(() => undefined);
    // Runs that call MCP tools resume with the tools listed.
    await mcp.apply(settings.current().settings);
    const resumed = await engine.resumeAll('the workspace opened again');
    void continueWaiting();
    return { resumed: resumed.map((r) => r.runId) };
  })();
  // Start-up failures answer `ready`, not an unhandled rejection.
  void booted.catch(() => undefined);
  const subscriptions = new Map<number, () => void>();
  let nextSubscription = 0;

  const handlers: Handlers = {
    ready: () => booted,
    configure: ({ settings: next, basedOn }) => settings.save(next, basedOn),
    settings: async () => (await loaded, settings.current()),
    adoptSettings: async ({ settings: legacy }) => ({ adopted: await settings.adopt(legacy) }),
    start: async ({ flow: doc, input, debug }) => {
      const checked = validateFlow(doc, await mcp.catalog(catalog));
      if (!checked.ok) {
        const first = checked.issues.find((i) => i.severity === 'error');
        throw new EngineError(
          'invalid-flow',
          `the flow has errors${first ? `, first at ${first.path || 'the document'}: ${first.message}` : ''}`,
        );
      }
      return { runId: (await engine.start(checked.flow, input, debug ? { debug } : {})).runId };
    },
    debug: async ({ runId, command }) => (await engine.debug(runId, command), null),
    setBreakpoints: async ({ runId, breakpoints }) => (
      await engine.setBreakpoints(runId, breakpoints),
      null
    ),
    stateAt: ({ runId, seq }) => engine.stateAt(runId, seq),
    fork: async ({ runId, seq, edits, debug }) => ({
      runId: (await engine.fork(runId, seq, edits, debug)).runId,
    }),
    rewind: async ({ runId, seq }) => ({ runId: (await engine.rewind(runId, seq)).runId }),
    replay: masked(async ({ runId }) => ({
      events: (await replay(replayOptions, runId)).events,
    })),
    decide: masked(({ key, answer }) => engine.decide(key, answer)),
    stop: masked(async ({ runId }) => summarize(await engine.stop(runId))),
    rollback: masked(async ({ runId }) => summarize(await engine.rollback(runId))),
    runs: async ({ flowId }) =>
      (await options.store.listRuns(flowId ? { flowId } : {})).map(summarize),
    run: async ({ runId }) => (await options.store.getRun(runId)) ?? null,
    events: ({ runId, from, to }) => options.store.events(runId, { from, to }),
    pending: () => engine.pendingApprovals(),
    complete: masked(({ request }) => llm.complete(request, AbortSignal.timeout(120_000))),
    testCapability: masked(({ id, input, definition }) =>
      testCall(services, id, input, definition),
    ),
    providerModels: masked(({ name, provider }) =>
      providerModels({ fetch: options.fetch, secrets, clock }, name, provider),
    ),
    testConnection: masked((params) =>
      testConnection({ fetch: options.fetch, secrets, clock }, params),
    ),
    secretList: () => vault.list(),
    secretSet: async ({ name, value }) => (
      await vault.set(name, value),
      void continueWaiting(),
      null
    ),
    secretRemove: async ({ name }) => (await vault.remove(name), null),
    vaultStatus: () => vault.status(),
    vaultProtect: async ({ passphrase }) => (await vault.protect(passphrase), null),
    vaultUnlock: async ({ passphrase }) => (
      await vault.unlock(passphrase),
      void continueWaiting(),
      null
    ),
    vaultLock: () => Promise.resolve((vault.lock(), null)),
    mcpTools: masked(({ refresh }) => mcp.list(refresh)),
    mcpTest: masked(({ name, server }) => mcp.test(name, server)),
    mcpApprove: masked(({ id }) => mcp.approve(id)),
  };

  return {
    // An error's words can quote what a remote sent back, a key included: masked like answers.
    ...serve(handlers, (error) => mask.value(toResultError(error))),
    subscribe: (listener: (message: StreamMessage) => void, from?: unknown) => {
      const resume = from === undefined ? undefined : resumeSchema.safeParse(from);
      const off = hub.subscribe(listener, resume?.success ? resume.data : undefined);
      subscriptions.set(++nextSubscription, off);
      return Promise.resolve(nextSubscription);
    },
    unsubscribe: (id: number) => {
      subscriptions.get(id)?.();
      subscriptions.delete(id);
      return Promise.resolve();
    },
  };
}
