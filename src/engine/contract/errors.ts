import type * as z from 'zod';
import type { errorDataSchema, needSchema } from '../eventSchema.ts';
import type { NodeErrorCode, RecordedCode } from '../errorCodes.ts';

/** Errors as data: they cross worker boundaries and land in the event log. */
export type ErrorData = Readonly<z.infer<typeof errorDataSchema>>;

/** Something a call needs that only a person can set up (`needSchema`). */
export type Need = Readonly<z.infer<typeof needSchema>>;

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
