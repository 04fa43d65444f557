import type { ApprovalDesk } from './approvals.ts';
import type { CapabilitySource, Connection, EffectRecord, SmtpTransport } from './effects.ts';
import type { LlmClient } from './llm.ts';
import type { MemoryPort } from './memory.ts';

/** Time, injected so tests (and replays) control it. */
export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

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
