import type { ProviderConfig } from '../agents/index.ts';
import type {
  Answer,
  ApprovalDecision,
  ApprovalRecord,
  Breakpoint,
  DebugCommand,
  DebugState,
  ErrorData,
  ForkEdits,
  LlmRequest,
  LlmResponse,
  RunEvent,
  RunProgress,
  RunRecord,
  RunStatus,
  StateAt,
} from '../engine/index.ts';
import type { SecretInfo, VaultStatus } from '../secrets/index.ts';

/** Errors cross the worker boundary as data: error classes do not survive `postMessage`. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

/**
 * What live subscribers get: the runs' events (durable facts, also in the log) and running nodes'
 * progress (an agent's answer as it arrives: ephemeral, never in the log).
 */
export type LiveMessage =
  | { readonly kind: 'event'; readonly event: RunEvent }
  | { readonly kind: 'progress'; readonly progress: RunProgress }
  /** A run's record was written: its status (or result, or usage) is there to read. */
  | { readonly kind: 'record'; readonly runId: string; readonly status: RunStatus }
  /** The settings changed (saved here or in another tab): this revision is what runs use now. */
  | { readonly kind: 'settings'; readonly revision: number }
  /** Something a person should know that is not a run's fact (storage full, a run stopped). */
  | { readonly kind: 'notice'; readonly runId: string; readonly text: string };

/** Where remote services and language models are, for runs started in this browser. */
export interface RuntimeSettings {
  /**
   * Model providers by name (OpenAI-compatible or Anthropic, the API key named in the vault);
   * `default` is used unless a node names another.
   */
  readonly providers: Readonly<Record<string, ProviderConfig>>;
  readonly connections: Readonly<
    Record<string, { readonly baseUrl: string; readonly secret?: string }>
  >;
}

/** The settings as saved: `revision` counts saves (0: never saved), `savedAt` is clock time. */
export interface SavedSettings {
  readonly settings: RuntimeSettings;
  readonly revision: number;
  readonly savedAt: number | null;
}

/** What a save did: the revision now in use, and another tab's save it replaced, if any. */
export interface SettingsSaved {
  readonly saved: SavedSettings;
  /** Set when the save was based on an older revision than the one it replaced (two tabs). */
  readonly replacedOther: SavedSettings | null;
}

/** The engine worker's API, as the UI sees it through Comlink. */
export interface EngineApi {
  /** Resolves when the worker has resumed what was under way; lists the runs it resumed. */
  ready(): Promise<Result<{ resumed: string[] }>>;
  /**
   * Validates and saves the settings (IndexedDB, one transaction) and uses them from now on;
   * resolves once they are durable. `basedOn` is the revision the editor started from.
   */
  configure(settings: unknown, basedOn?: number): Promise<Result<SettingsSaved>>;
  /** The settings this worker uses (read from IndexedDB at start, before any run resumes). */
  settings(): Promise<Result<SavedSettings>>;
  /** Saves settings kept by an older version (localStorage) unless some are saved already. */
  adoptSettings(settings: unknown): Promise<Result<{ adopted: boolean }>>;
  /** Validates the flow document again (never trust the other side) and starts a run. */
  start(flow: unknown, input: unknown, debug?: DebugState): Promise<Result<{ runId: string }>>;
  /** Continue, step or pause a run being debugged. */
  debug(runId: string, command: DebugCommand): Promise<Result<null>>;
  setBreakpoints(runId: string, breakpoints: readonly Breakpoint[]): Promise<Result<null>>;
  /** The run as it was after event `seq`. */
  stateAt(runId: string, seq: number): Promise<Result<StateAt>>;
  /** A new run from another's state at `seq`, with edited node outputs, inputs or run input. */
  fork(
    runId: string,
    seq: number,
    edits: ForkEdits,
    debug?: DebugState,
  ): Promise<Result<{ runId: string }>>;
  /** Takes a paused run back to its checkpoint at or before `seq`; it pauses before the next node. */
  rewind(runId: string, seq: number): Promise<Result<{ runId: string }>>;
  /** Re-runs a finished run from its log, touching nothing outside; returns the replayed events. */
  replay(runId: string): Promise<Result<{ events: RunEvent[] }>>;
  decide(key: string, answer: Answer): Promise<Result<ApprovalDecision>>;
  stop(runId: string): Promise<Result<RunRecord>>;
  /** Undoes a finished or stopped run's completed effects (compensation), newest first. */
  rollback(runId: string): Promise<Result<RunRecord>>;
  runs(flowId?: string): Promise<RunRecord[]>;
  run(runId: string): Promise<RunRecord | undefined>;
  events(runId: string, range?: { from?: number; to?: number }): Promise<RunEvent[]>;
  pending(): Promise<ApprovalRecord[]>;
  /**
   * One call to a configured model, with the providers and vault secrets only this worker holds
   * (the Memory view's compaction summaries use it); keys never leave the worker.
   */
  complete(request: LlmRequest): Promise<Result<LlmResponse>>;
  /**
   * Calls one capability once with sample input, outside any run (no ledger, no policy): for
   * trying a connector from the registry. A user-defined capability is sent with its definition.
   */
  testCapability(
    id: string,
    input: unknown,
    definition?: unknown,
  ): Promise<Result<{ output: unknown; ms: number }>>;
  /** Secret names and dates; values never leave the worker. */
  secretList(): Promise<Result<SecretInfo[]>>;
  secretSet(name: string, value: string): Promise<Result<null>>;
  secretRemove(name: string): Promise<Result<null>>;
  vaultStatus(): Promise<Result<VaultStatus>>;
  /** Encrypts the vault with a passphrase (or changes it). */
  vaultProtect(passphrase: string): Promise<Result<null>>;
  vaultUnlock(passphrase: string): Promise<Result<null>>;
  vaultLock(): Promise<Result<null>>;
  /**
   * Calls `listener` with every event of runs in this worker and with running nodes' progress;
   * the returned id unsubscribes.
   */
  subscribe(listener: (message: LiveMessage) => void): Promise<number>;
  unsubscribe(id: number): Promise<void>;
}
