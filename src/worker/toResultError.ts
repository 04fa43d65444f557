import * as z from 'zod';
import { NodeError, toErrorData, type ErrorData } from '../engine/index.ts';

/**
 * A thrown error as the data a command answers with: error classes do not survive `postMessage`.
 * Zod errors name the first problem's path; refusals with a code of their own (engine, vault,
 * capabilities) keep it.
 * @example toResultError(new EngineError('unknown-run', 'no run "r1"')) // { code: 'unknown-run', message: 'no run "r1"' }
 */
export function toResultError(error: unknown): ErrorData {
  if (error instanceof z.ZodError) {
    const first = error.issues[0];
    return {
      code: 'invalid',
      message: first?.message ?? 'invalid',
      ...(first?.path.length ? { path: first.path.map(String).join('.') } : {}),
    };
  }
  if (error instanceof NodeError) return error.toData();
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  return code && error instanceof Error ? { code, message: error.message } : toErrorData(error);
}
