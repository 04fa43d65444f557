import type { ErrorData } from './errors.ts';

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
