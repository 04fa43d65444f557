import * as z from 'zod';
import type { ListedModel } from '../agents/models.ts';
import { providerConfigSchema } from '../agents/providerConfig.ts';
import type {
  ApprovalDecision,
  ApprovalRecord,
  LlmRequest,
  LlmResponse,
  RunEvent,
  RunRecord,
  StateAt,
} from '../engine/index.ts';
import { secretNameSchema } from '../flow/index.ts';
import type { SecretInfo, VaultStatus } from '../secrets/index.ts';
import {
  mcpCommandParams,
  mcpServerNameSchema,
  mcpServerSchema,
  type McpCatalog,
  type McpTested,
  type McpToolInfo,
} from './mcp.ts';
import type { Result } from './result.ts';
import type { RunSummary } from './summary.ts';

const runId = z.string().min(1).max(200);
const seq = z.number().int().nonnegative();
const breakpoint = z.strictObject({
  node: z.string().min(1).max(64),
  condition: z.string().max(2_000).optional(),
});
const debugState = z.strictObject({
  breakpoints: z.array(breakpoint).max(500).readonly(),
  mode: z.enum(['run', 'step']),
  pausedAt: z.string().optional(),
});
const isObject = (v: unknown) => typeof v === 'object' && v !== null;

/**
 * Where remote services and language models are, for the runs this engine starts: model
 * providers by name (`default` unless a node names another) and connections, each naming its
 * secret. Strict, so a typo is an error naming its path rather than a setting silently ignored.
 */
export const runtimeSettingsSchema = z.strictObject({
  providers: z.record(z.string().min(1), providerConfigSchema).default({}),
  connections: z
    .record(
      z.string().min(1),
      z.strictObject({
        /** None: the service's documented default (a real service's connector has one). */
        baseUrl: z.url({ protocol: /^https?$/ }).optional(),
        secret: secretNameSchema.optional(),
      }),
    )
    .default({}),
  /** MCP servers whose tools become capabilities `mcp.<name>.<tool>`; stdio ones only where a server runs. */
  mcpServers: z.record(mcpServerNameSchema, mcpServerSchema).optional(),
});
export type RuntimeSettings = z.output<typeof runtimeSettingsSchema>;

/** What a connection test found: the remote's status and how long it took. */
export interface ConnectionTested {
  readonly status: number;
  readonly ms: number;
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

const none = z.strictObject({});

/**
 * Every command of the engine's boundary and its parameters: one object each, so a refusal names
 * the field (`debug.breakpoints.0.node`) and the same object is a JSON body over HTTP. The host
 * parses them all: the other side is never trusted.
 */
export const commandParams = {
  /** Resolves when the engine has resumed what was under way. */
  ready: none,
  /**
   * Saves the settings (durably, in one transaction) and uses them from now on; `basedOn` is the
   * revision the editor started from, so a save over another tab's is reported.
   */
  configure: z.strictObject({
    settings: runtimeSettingsSchema,
    basedOn: z.number().int().nonnegative().optional(),
  }),
  /** The settings the engine uses (read at start, before any run resumes). */
  settings: none,
  /** Saves settings an older version kept elsewhere (localStorage) unless some are saved already. */
  adoptSettings: z.strictObject({ settings: runtimeSettingsSchema }),
  /** The flow is validated again by the host. */
  start: z.strictObject({ flow: z.unknown(), input: z.unknown(), debug: debugState.optional() }),
  debug: z.strictObject({ runId, command: z.enum(['continue', 'step', 'pause']) }),
  setBreakpoints: z.strictObject({ runId, breakpoints: z.array(breakpoint).max(500).readonly() }),
  /** The run as it was after event `seq`. */
  stateAt: z.strictObject({ runId, seq }),
  /** A new run from another's state at `seq`, with edited node outputs, inputs or run input. */
  fork: z.strictObject({
    runId,
    seq,
    edits: z.strictObject({
      outputs: z.record(z.string(), z.unknown()).optional(),
      inputs: z.record(z.string(), z.unknown()).optional(),
      runInput: z.unknown().optional(),
    }),
    debug: debugState.optional(),
  }),
  /** Takes a paused run back to its checkpoint at or before `seq`. */
  rewind: z.strictObject({ runId, seq }),
  /** Re-runs a finished run from its log, touching nothing outside. */
  replay: z.strictObject({ runId }),
  decide: z.strictObject({
    key: z.string().min(1),
    answer: z.strictObject({
      decision: z.enum(['approved', 'rejected', 'draft']),
      subject: z.unknown().optional(),
      feedback: z.string().max(10_000).optional(),
    }),
  }),
  stop: z.strictObject({ runId }),
  /** Undoes a finished or stopped run's completed effects, newest first. */
  rollback: z.strictObject({ runId }),
  /** A flow's runs (or all), as summaries: no flow document, no input. */
  runs: z.strictObject({ flowId: z.string().optional() }),
  /** One run's whole record, its flow included. */
  run: z.strictObject({ runId }),
  events: z.strictObject({ runId, from: seq.optional(), to: seq.optional() }),
  pending: none,
  /** One model call with the providers and secrets only the engine holds. */
  complete: z.strictObject({
    request: z.strictObject({
      provider: z.string(),
      model: z.string(),
      system: z.string(),
      messages: z.array(z.custom<LlmRequest['messages'][number]>(isObject)).readonly(),
      temperature: z.number(),
      maxTokens: z.number().int().positive(),
      schema: z.record(z.string(), z.unknown()),
      tools: z
        .array(z.custom<NonNullable<LlmRequest['tools']>[number]>(isObject))
        .readonly()
        .optional(),
    }),
  }),
  /** One call of a capability with sample input, outside any run (no ledger, no policy). */
  testCapability: z.strictObject({
    id: z.string().min(1),
    input: z.unknown(),
    definition: z.unknown().optional(),
  }),
  /**
   * A provider's model list, fetched by the engine with the key it holds (a harmless read that
   * also proves the key works). The provider comes as the form has it, saved or not.
   */
  providerModels: z.strictObject({
    name: z.string().min(1).max(64),
    provider: providerConfigSchema,
  }),
  /**
   * One harmless read of a connection (`GET baseUrl + path`, with its secret as a bearer token):
   * says whether the service is reachable and takes the key.
   */
  testConnection: z.strictObject({
    /** The service's id in the capability registry: its auth, default base URL and test read. */
    service: z.string().min(1).max(100).optional(),
    /** None: the service's default. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    secret: secretNameSchema.optional(),
    path: z
      .string()
      .max(500)
      .regex(/^(\/[^\s]*)?$/, 'a path starting with /')
      .default(''),
  }),
  /** Secret names and dates; values never leave the engine. */
  secretList: none,
  secretSet: z.strictObject({ name: secretNameSchema, value: z.string().min(1).max(20_000) }),
  secretRemove: z.strictObject({ name: z.string().min(1) }),
  vaultStatus: none,
  /** Encrypts the vault with a passphrase (or changes it). */
  vaultProtect: z.strictObject({ passphrase: z.string().min(8, 'use at least 8 characters') }),
  vaultUnlock: z.strictObject({ passphrase: z.string() }),
  vaultLock: none,
  ...mcpCommandParams,
} as const;

export type CommandName = keyof typeof commandParams;
export type Params<K extends CommandName> = z.output<(typeof commandParams)[K]>;

/** What each command answers (inside its `Result`). */
export interface Answers {
  ready: { resumed: string[] };
  configure: SettingsSaved;
  settings: SavedSettings;
  adoptSettings: { adopted: boolean };
  start: { runId: string };
  debug: null;
  setBreakpoints: null;
  stateAt: StateAt;
  fork: { runId: string };
  rewind: { runId: string };
  replay: { events: RunEvent[] };
  decide: ApprovalDecision;
  stop: RunSummary;
  rollback: RunSummary;
  runs: RunSummary[];
  run: RunRecord | null;
  events: RunEvent[];
  pending: ApprovalRecord[];
  complete: LlmResponse;
  testCapability: { output: unknown; ms: number };
  providerModels: { models: ListedModel[]; ms: number };
  testConnection: ConnectionTested;
  secretList: SecretInfo[];
  secretSet: null;
  secretRemove: null;
  vaultStatus: VaultStatus;
  vaultProtect: null;
  vaultUnlock: null;
  vaultLock: null;
  mcpTools: McpCatalog;
  mcpTest: McpTested;
  mcpApprove: McpToolInfo;
}

type Args<K extends CommandName> =
  Record<string, never> extends z.input<(typeof commandParams)[K]>
    ? [params?: z.input<(typeof commandParams)[K]>]
    : [params: z.input<(typeof commandParams)[K]>];

/** The engine as any client sees it, whatever carries it (a worker, HTTP). */
export type EngineApi = {
  readonly [K in CommandName]: (...args: Args<K>) => Promise<Result<Answers[K]>>;
};

/** What a host implements: parsed parameters in, the answer out; a throw becomes the error. */
export type Handlers = {
  readonly [K in CommandName]: (params: Params<K>) => Promise<Answers[K]>;
};

export const commandNames = Object.keys(commandParams) as readonly CommandName[];
