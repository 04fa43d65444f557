import { z } from 'zod';
import type { RunPolicy } from '../engine/index.ts';
import { withWidget } from '../flow/index.ts';
import { expressionProblem, templateProblem } from './syntax.ts';

/**
 * Durations as people write them: `90s`, `15m`, `3d`.
 * @example parseDuration('2h') // 7_200_000
 */
export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration such as 30s, 15m, 2h or 3d`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    match[2] as 'ms' | 's' | 'm' | 'h' | 'd'
  ];
  return Number(match[1]) * unit;
}

export const durationSchema = z
  .string()
  // Abort on a malformed duration: the refinement's parseDuration throws on one.
  .regex(/^\d+(ms|s|m|h|d)$/, {
    message: 'write a duration such as 30s, 15m, 2h or 3d',
    abort: true,
  })
  .refine((d) => parseDuration(d) <= 365 * 86_400_000, 'at most a year');

/** A Liquid template (`Hello {{ input.name }}`); its syntax is checked when the flow is validated. */
export const templateSchema = withWidget(
  z
    .string()
    .max(100_000)
    .superRefine((text, ctx) => {
      const problem = templateProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: `template syntax: ${problem.message}` });
    }),
  { widget: 'code', language: 'template' },
);

/** A JSONata expression (`input.items[price > 10]`); its syntax is checked when the flow is validated. */
export const expressionSchema = withWidget(
  z
    .string()
    .min(1)
    .max(20_000)
    .superRefine((text, ctx) => {
      const problem = expressionProblem(text);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          message: `expression syntax at character ${problem.position ?? '?'}: ${problem.message}`,
        });
      }
    }),
  { widget: 'code', language: 'expression' },
);

/** JavaScript run in the Code node's sandbox; errors are reported when it runs, with their line. */
export const javascriptSchema = withWidget(z.string().max(100_000), {
  widget: 'code',
  language: 'javascript',
});

/** How a node that calls out retries: attempts with exponential backoff and jitter. */
export const retrySchema = z.strictObject({
  attempts: z.number().int().min(1).max(10).default(3),
  backoff: durationSchema.default('1s'),
  maxBackoff: durationSchema.default('1m'),
});

/** Fields every node's data has. */
export const baseFields = {
  version: z.number().int().positive(),
  label: z.string().min(1).max(120),
  notes: withWidget(z.string().max(4_000), { widget: 'multiline' }).optional(),
};

/**
 * The engine's reading of `runnableFields`: without a `retry`, one attempt; with one, the retry
 * schema's defaults.
 * @example runPolicy: runPolicyOf
 */
export function runPolicyOf(data: {
  retry?: z.output<typeof retrySchema>;
  timeout?: string;
}): RunPolicy {
  return {
    attempts: data.retry?.attempts ?? 1,
    backoffMs: parseDuration(data.retry?.backoff ?? '1s'),
    maxBackoffMs: parseDuration(data.retry?.maxBackoff ?? '1m'),
    timeoutMs: data.timeout ? parseDuration(data.timeout) : 0,
    ...(data.timeout ? { timeout: data.timeout } : {}),
  };
}

/** Fields of nodes whose work can fail or hang (they get an `error` output). */
export const runnableFields = {
  retry: retrySchema.optional(),
  timeout: durationSchema.optional(),
};
