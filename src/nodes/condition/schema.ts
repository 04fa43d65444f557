import { z } from 'zod';
import { portIdSchema } from '../../flow/index.ts';
import { baseFields, expressionSchema } from '../common.ts';
import { defineKind, port } from '../kind.ts';

const branchSchema = z.strictObject({
  id: portIdSchema.refine(
    (id) => id !== 'else',
    '"else" is the branch taken when no other matches',
  ),
  label: z.string().min(1).max(60),
  /** JSONata over the node's input; the first branch whose expression is truthy is taken. */
  when: expressionSchema,
});

/** Routes the input down the first branch whose condition holds, else down `else`. */
export const condition = defineKind({
  kind: 'condition',
  version: 1,
  title: 'Condition',
  description: 'Takes the first branch whose condition holds, else "else".',
  group: 'Logic',
  role: 'task',
  icon: '◇',
  config: z.strictObject({
    ...baseFields,
    branches: z
      .array(branchSchema)
      .min(1)
      .max(20)
      .default([{ id: 'yes', label: 'Yes', when: 'true' }])
      .refine((bs) => new Set(bs.map((b) => b.id)).size === bs.length, 'branch ids must differ'),
  }),
  ports: (d) => ({
    inputs: [port('in', 'Input')],
    outputs: [...d.branches.map((b) => port(b.id, b.label)), port('else', 'Else')],
  }),
  summary: (d) => d.branches.map((b) => b.label).join(' / ') + ' / else',
});
