import { z } from 'zod';
import { baseFields, expressionSchema, templateSchema } from '../common.ts';
import { defineKind, errorPort, port } from '../kind.ts';

/** Reshapes data with a JSONata expression, or renders text with a Liquid template. */
export const transform = defineKind({
  kind: 'transform',
  version: 1,
  title: 'Transform',
  description: 'Reshapes data (JSONata) or renders text (Liquid template).',
  group: 'Logic',
  role: 'task',
  icon: 'ƒ',
  config: z.strictObject({
    ...baseFields,
    language: z.enum(['jsonata', 'liquid']).default('jsonata'),
    expression: expressionSchema.default('$'),
    template: templateSchema.default(''),
  }),
  ports: () => ({ inputs: [port('in', 'Input')], outputs: [port('out', 'Result'), errorPort] }),
  summary: (d) => (d.language === 'jsonata' ? d.expression : 'template').slice(0, 60),
});
