import { z } from 'zod';
import { baseFields, durationSchema, expressionSchema, templateSchema } from '../common.ts';
import { defineKind, port } from '../kind.ts';

/** What happens when nobody decides in time. Never a destructive action. */
const timeoutDefaults = ['hold', 'reject', 'draft'] as const;

/** A human decision: the run pauses durably until someone approves, edits, or rejects with feedback. */
export const approval = defineKind({
  kind: 'approval',
  version: 1,
  title: 'Approval',
  description: 'Pauses the run until you approve, edit, or reject with feedback.',
  group: 'Human',
  role: 'task',
  icon: '☑',
  config: z.strictObject({
    ...baseFields,
    /** Heading in the approvals inbox. */
    title: templateSchema.default('Review: {{ node.label }}'),
    /** What is being approved, taken from the input; the approver may edit it when `allowEdit`. */
    subject: expressionSchema.default('$'),
    /** How the subject is shown (markdown). */
    preview: templateSchema.default('{{ subject | json }}'),
    allowEdit: z.boolean().default(true),
    /** How long to wait; empty waits for ever. */
    expiresAfter: durationSchema.optional(),
    /** hold: keep waiting and remind; reject: take the rejected path; draft: take the draft path. */
    onTimeout: z.enum(timeoutDefaults).default('hold'),
  }),
  ports: (d) => ({
    inputs: [port('in', 'To review')],
    outputs: [
      port('approved', 'Approved', 'object'),
      port('rejected', 'Rejected', 'object'),
      ...(d.onTimeout === 'draft' ? [port('draft', 'Kept as draft', 'object')] : []),
    ],
  }),
  summary: (d) =>
    d.expiresAfter ? `expires after ${d.expiresAfter}, then ${d.onTimeout}` : 'waits until decided',
});
