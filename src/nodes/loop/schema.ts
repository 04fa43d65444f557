import { z } from 'zod';
import { baseFields, expressionSchema } from '../common.ts';
import { defineKind, port } from '../kind.ts';

/**
 * A bounded loop. `map` runs the body once per item of a list and collects what comes back to
 * `again`; `repeat` runs the body again each time something returns to `again` (revise until
 * approved), at most `maxIterations` times. Either way it leaves by `done`.
 */
export const loop = defineKind({
  kind: 'loop',
  version: 1,
  title: 'Loop',
  description: 'Repeats its body: once per item, or until done (bounded).',
  group: 'Logic',
  role: 'loop',
  icon: '↻',
  config: z.strictObject({
    ...baseFields,
    mode: z.enum(['map', 'repeat']).default('repeat'),
    /** With `map`: JSONata giving the list to go through. */
    items: expressionSchema.default('$'),
    maxIterations: z.number().int().min(1).max(1_000).default(3),
  }),
  loopMax: (d) => d.maxIterations,
  ports: () => ({
    inputs: [port('in', 'Start'), port('again', 'Again', 'any', true)],
    outputs: [port('body', 'Body'), port('done', 'Done')],
  }),
  summary: (d) =>
    d.mode === 'map'
      ? `for each of ${d.items} (max ${d.maxIterations})`
      : `up to ${d.maxIterations} rounds`,
});
