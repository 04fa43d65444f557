import * as z from 'zod';
import { NodeError, toErrorData } from '../engine/index.ts';
import type { Result } from './protocol.ts';

/**
 * Runs `work` and answers with data: error classes do not survive `postMessage`. Zod errors name
 * the first problem's path; refusals with a code of their own (engine, vault, capabilities) keep it.
 * @example await attempt(() => engine.stop(runId)) // { ok: true, value: … } or { ok: false, error: { code, message } }
 */
export async function attempt<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof z.ZodError) {
      const first = error.issues[0];
      return {
        ok: false,
        error: {
          code: 'invalid',
          message: first?.message ?? 'invalid',
          ...(first?.path.length ? { path: first.path.join('.') } : {}),
        },
      };
    }
    if (error instanceof NodeError) return { ok: false, error: error.toData() };
    const code =
      error instanceof Error && 'code' in error && typeof error.code === 'string'
        ? error.code
        : undefined;
    const data =
      code && error instanceof Error ? { code, message: error.message } : toErrorData(error);
    return { ok: false, error: data };
  }
}
