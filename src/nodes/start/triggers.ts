import { Cron } from 'croner';
import { z } from 'zod';
import { secretNameSchema } from '../../flow/index.ts';

/** The problem with a cron expression, or `undefined` when it is one (5 fields, or 6 with seconds). */
export function cronProblem(expression: string): string | undefined {
  try {
    new Cron(expression, { paused: true, mode: '5-or-6-parts' });
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/^CronPattern: /, '');
  }
}

/** Whether the runtime knows an IANA time zone name such as `Europe/Berlin`. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const cronSchema = z
  .string()
  .min(1)
  .max(200)
  .superRefine((text, ctx) => {
    const problem = cronProblem(text);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        message: `cron expression: ${problem}; write five fields such as "0 9 * * 1" (Mondays at 9:00)`,
      });
  });

const timeZoneSchema = z
  .string()
  .refine(isTimeZone, 'an IANA time zone such as Europe/Berlin or America/New_York');

/** A run started by hand, from the editor, the CLI or the server's API. */
const manualTrigger = z.strictObject({ type: z.literal('manual') });

/** A run started on a cron schedule in a time zone, with a fixed input. */
const scheduleTrigger = z.strictObject({
  type: z.literal('schedule'),
  cron: cronSchema,
  timezone: timeZoneSchema.default('UTC'),
  /** Firings missed while nothing ran (the server was down): none, or one run for all of them. */
  missed: z.enum(['skip', 'run-once']).default('skip'),
  input: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A run started by an HTTP request to the flow's webhook URL on the workspace server. The request
 * proves itself with the secret named here: as a bearer token, or as an HMAC-SHA256 signature of
 * the raw body in `signatureHeader`. One delivery (its `deliveryHeader`) makes one run.
 */
const webhookTrigger = z.strictObject({
  type: z.literal('webhook'),
  /** A secret's name in a vault, never its value: flows hold names only. */
  secret: secretNameSchema,
  auth: z.enum(['hmac-sha256', 'bearer']).default('hmac-sha256'),
  signatureHeader: z.string().min(1).max(100).default('X-Signature-256'),
  deliveryHeader: z.string().min(1).max(100).default('Idempotency-Key'),
});

/** How runs of a flow begin; on the Start node, versioned and validated with the flow. */
export const triggerSchema = z.discriminatedUnion('type', [
  manualTrigger,
  scheduleTrigger,
  webhookTrigger,
]);

export type Trigger = z.infer<typeof triggerSchema>;
export type ScheduleTrigger = z.infer<typeof scheduleTrigger>;
export type WebhookTrigger = z.infer<typeof webhookTrigger>;

const cronOf = (trigger: ScheduleTrigger) =>
  new Cron(trigger.cron, { paused: true, mode: '5-or-6-parts', timezone: trigger.timezone });

/**
 * The firings of a schedule in `(after, until]`, at most `limit` of them.
 * @example firingsBetween(t, new Date('2026-12-06T00:00Z'), new Date('2026-12-15T00:00Z')) // two Mondays
 */
export function firingsBetween(
  trigger: ScheduleTrigger,
  after: Date,
  until: Date,
  limit = 1_000,
): Date[] {
  const cron = cronOf(trigger);
  const out: Date[] = [];
  let at: Date | null = cron.nextRun(after);
  while (at && at.getTime() <= until.getTime() && out.length < limit) {
    out.push(at);
    at = cron.nextRun(at);
  }
  return out;
}

/** The next firing of a schedule after `after`, or `undefined` when it never fires again. */
export function nextFiring(trigger: ScheduleTrigger, after: Date): Date | undefined {
  return cronOf(trigger).nextRun(after) ?? undefined;
}

/** A few words for the Start node's card. */
export function describeTrigger(trigger: Trigger): string {
  switch (trigger.type) {
    case 'manual':
      return 'by hand';
    case 'schedule':
      return `on "${trigger.cron}" (${trigger.timezone})`;
    case 'webhook':
      return 'by webhook';
  }
}
