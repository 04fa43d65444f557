import type * as z from 'zod';
import type {
  approvalDecisionSchema,
  approvalRequestSchema,
  errorDataSchema,
  needSchema,
  executorEventSchemas,
  outgoingRequestSchema,
} from './eventSchema.ts';
import type { usageSchema } from './records.ts';
import type { Flow } from '../flow/index.ts';
import type { NodeErrorCode, RecordedCode } from './errorCodes.ts';

/** Time, injected so tests (and replays) control it. */
export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A capability the model may call, as the model sees it. */
export interface LlmTool {
  /** Letters, digits, `_` and `-` only, as providers require. */
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the tool's input. */
  readonly inputSchema: Record<string, unknown>;
}
/** A call the model asked for; `input` is the raw text when the model's arguments were not JSON. */
export interface LlmToolCall {
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
}
export interface LlmToolResult {
  readonly callId: string;
  readonly name: string;
  readonly output: unknown;
  /** The call was refused or failed; `output` says why, for the model to correct itself. */
  readonly isError?: boolean;
}
export type LlmMessage =
  | { readonly role: 'user'; readonly content: string }
  | {
      readonly role: 'assistant';
      readonly content: string;
      readonly toolCalls?: readonly LlmToolCall[];
    }
  | { readonly role: 'tool'; readonly results: readonly LlmToolResult[] };

/** A message to a language model and the text (or tool calls) it answered. */
export interface LlmRequest {
  readonly provider: string;
  readonly model: string;
  readonly system: string;
  readonly messages: readonly LlmMessage[];
  readonly temperature: number;
  readonly maxTokens: number;
  /** JSON Schema the answer must satisfy. */
  readonly schema: Record<string, unknown>;
  /** Tools the model may call instead of answering. */
  readonly tools?: readonly LlmTool[];
}
export interface LlmResponse {
  readonly text: string;
  /** Calls the model asked for; the caller performs them and asks again with their results. */
  readonly toolCalls?: readonly LlmToolCall[];
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
  readonly costUsd?: number;
}
export interface LlmClient {
  /**
   * One model call. With `onText`, the answer is streamed and each piece of its text goes to
   * `onText` as it arrives (for people watching; not a durable fact); the response is the same.
   */
  complete(
    request: LlmRequest,
    signal: AbortSignal,
    onText?: (delta: string) => void,
  ): Promise<LlmResponse>;
}

export interface MemoryHit {
  readonly id: string;
  readonly text: string;
  readonly score: number;
  readonly entities: readonly string[];
  readonly tags: readonly string[];
}
/** The workspace memory as flows see it (`src/memory` implements it over IndexedDB). */
export interface MemoryPort {
  recall(query: {
    text: string;
    topK: number;
    threshold: number;
    entity?: string;
    kinds: readonly string[];
    tags: readonly string[];
    /** The run step recalling, noted on each memory found so the Memory view can link to it. */
    by?: { runId: string; nodeId: string };
  }): Promise<MemoryHit[]>;
  /** Stores (or, for the same id, replaces) a memory; `id` makes re-runs idempotent. */
  remember(item: {
    id: string;
    text: string;
    kind: string;
    entities: readonly string[];
    tags: readonly string[];
    source: { runId: string; nodeId: string };
  }): Promise<{ id: string }>;
}

/** Where a built-in capability's remote lives, and which secret authenticates it. */
export interface Connection {
  /** None: the service's own default. */
  readonly baseUrl?: string;
  readonly secret?: string;
}

/** One entry of the effects ledger. */
export interface EffectRecord {
  readonly key: string;
  readonly runId: string;
  readonly nodeId: string;
  readonly capability: string;
  readonly status: 'started' | 'completed' | 'failed';
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: ErrorData;
  readonly startedAt: number;
  readonly finishedAt?: number;
  /** A person said it happened without giving its result (`output` is then null). */
  readonly resultUnknown?: boolean;
  /** For completed effects undone later: the compensation's own key. */
  readonly compensatedBy?: string;
}

/** Errors as data: they cross worker boundaries and land in the event log. */
export type ErrorData = Readonly<z.infer<typeof errorDataSchema>>;

/** Something a call needs that only a person can set up (`needSchema`). */
export type Need = Readonly<z.infer<typeof needSchema>>;

/** Events executors add to the run's log (the engine stamps sequence, time and cause). */
export type ExecutorEvent = Readonly<z.infer<(typeof executorEventSchemas)[number]>>;

/** Everything from the outside world an executor may use. */
export interface Services {
  /** Where the engine runs: capabilities that need a server refuse to run in a browser. */
  readonly place?: 'browser' | 'server';
  readonly clock: Clock;
  readonly fetch: typeof fetch;
  readonly llm: LlmClient;
  readonly memory: MemoryPort;
  readonly connections: Readonly<Record<string, Connection>>;
  readonly secrets: { get(name: string): Promise<string | undefined> };
  readonly ledger: {
    get(key: string): Promise<EffectRecord | undefined>;
    put(record: EffectRecord): Promise<void>;
  };
  /** Runs another flow to completion and returns its result (subflow nodes). */
  readonly runFlow?: (
    flowId: string,
    input: unknown,
    parent: { runId: string; nodeId: string; visit: number },
  ) => Promise<unknown>;
  readonly notify?: (title: string, body: string) => Promise<boolean>;
  /** Where every human decision waits durably: approval nodes, policy approvals, unknown outcomes. */
  readonly approvals: ApprovalDesk;
  /**
   * Capabilities beyond the flow's own and the built-ins (an MCP server's tools), looked up by id
   * after those. `src/capabilities` declares what an entry is; the engine only carries it.
   */
  readonly capabilities?: CapabilitySource;
  /** Hands email to an SMTP server; only where a server runs (the server and the CLI supply it). */
  readonly smtp?: SmtpTransport;
}

/** One message for an SMTP server. */
export interface SmtpMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly replyTo?: string;
  /** The Message-ID header, derived from the effect's key so a resend can be recognised. */
  readonly messageId: string;
}

/**
 * Sends mail over SMTP. `url` is the connection's (`smtp://user@host:587`, `smtps://…:465`);
 * `password`, when given, is the vault secret's value. Throws `NodeError` with the SMTP reply
 * code as `status` when the server refused the message (so nothing was sent).
 */
export interface SmtpTransport {
  send(
    server: { readonly url: string; readonly password?: string },
    message: SmtpMessage,
    signal: AbortSignal,
  ): Promise<{ readonly messageId: string; readonly accepted: readonly string[] }>;
}

/** Filled in by `src/capabilities` (module augmentation), which the engine must not import. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CapabilitySource {}

/** What a person is asked to decide (`approvalRequestSchema`). */
export type ApprovalRequest = Readonly<z.infer<typeof approvalRequestSchema>>;
export type OutgoingRequest = Readonly<z.infer<typeof outgoingRequestSchema>>;
export type ApprovalDecision = Readonly<z.infer<typeof approvalDecisionSchema>>;

export interface ApprovalDesk {
  /** Resolves once the request is decided (possibly long after, possibly in a later session). */
  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}

/** What a run has consumed, checked against its flow's budgets. */
export type Usage = Readonly<z.infer<typeof usageSchema>>;

export const noUsage: Usage = { tokens: 0, costUsd: 0, externalMessages: 0, money: 0 };

/** Adds what an event consumed to a run's usage; other events change nothing. */
export function addUsage(usage: Usage, event: ExecutorEvent): Usage {
  if (event.type === 'llm.called') {
    return {
      ...usage,
      tokens: usage.tokens + event.inputTokens + event.outputTokens,
      costUsd: usage.costUsd + event.costUsd,
    };
  }
  if (event.type === 'effect.completed' && !event.reused) {
    if (event.sideEffect === 'external-message')
      return { ...usage, externalMessages: usage.externalMessages + 1 };
    if (event.sideEffect === 'money') return { ...usage, money: usage.money + (event.amount ?? 0) };
  }
  return usage;
}

/** What a node's template or expression can see. */
export interface Scope {
  readonly input: unknown;
  readonly run: { readonly id: string; readonly input: unknown };
  readonly nodes: Readonly<Record<string, unknown>>;
  readonly loop?: {
    readonly index: number;
    readonly item: unknown;
    readonly results: readonly unknown[];
  };
}

/** One execution of a node. */
export interface Execution<D> {
  readonly runId: string;
  readonly node: {
    readonly id: string;
    readonly kind: string;
    readonly label: string;
    readonly data: D;
  };
  readonly flow: Flow;
  readonly scope: Scope;
  /** Which time this node runs in this run (1 for the first); part of idempotency keys. */
  readonly visit: number;
  readonly attempt: number;
  readonly signal: AbortSignal;
  readonly services: Services;
  /** What the run has used so far, for budgets. */
  readonly usage: Usage;
  log(event: ExecutorEvent): void;
  /**
   * Shows people what the node is doing while it runs (an agent's answer as it arrives): not a
   * fact, never logged or stored, and dropped when no one listens or the node has finished.
   */
  progress?(update: NodeProgress): void;
}

/** Work in progress of a running node: `text` is everything so far, not a delta. */
export interface NodeProgress {
  readonly text: string;
}

/** What an executor returns: the output and, for kinds with several outputs, the port it leaves by. */
export interface TaskResult {
  readonly output: unknown;
  readonly port?: string;
  /** For nodes that end the run: how it ended. */
  readonly status?: string;
}

export type Executor<D> = (execution: Execution<D>) => Promise<TaskResult>;

/** An error an executor throws on purpose; `retryable` lets the engine try again. */
export class NodeError extends Error {
  constructor(
    readonly code: NodeErrorCode | RecordedCode,
    message: string,
    readonly extra: {
      retryable?: boolean;
      status?: number;
      /** How long the remote asked to wait before a retry (`Retry-After`). */
      retryAfterMs?: number;
      path?: string;
      needs?: Need;
      /** Thrown before anything was sent: the effect did not happen. */
      unsent?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'NodeError';
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export function toErrorData(error: unknown): ErrorData {
  if (error instanceof NodeError) return error.toData();
  if (error instanceof Error)
    return { code: error.name === 'AbortError' ? 'aborted' : 'error', message: error.message };
  return { code: 'error', message: String(error) };
}
