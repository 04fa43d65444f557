import { z } from 'zod';
import { baseFields, expressionSchema } from '../common.ts';
import { defineKind, port } from '../kind.ts';

/** Ends the run with a result. A flow may have several (delivered, escalated, kept as draft…). */
export const output = defineKind({
  kind: 'output',
  version: 1,
  title: 'Output',
  description: 'Ends the run with a result.',
  group: 'Flow',
  role: 'task',
  icon: '■',
  config: z.strictObject({
    ...baseFields,
    /** JSONata giving the run's result from this node's input. */
    value: expressionSchema.default('$'),
    status: z.enum(['succeeded', 'draft', 'escalated', 'cancelled']).default('succeeded'),
  }),
  ports: () => ({ inputs: [port('in', 'Result')], outputs: [] }),
  summary: (d) => `ends as ${d.status}`,
  terminal: true,
});
