import { z } from 'zod';
import { baseFields } from '../common.ts';
import { defineKind, port } from '../kind.ts';

/** Waits for parallel branches: all of them, the first, or the first N. */
export const join = defineKind({
  kind: 'join',
  version: 1,
  title: 'Join',
  description: 'Waits for parallel branches: all, the first, or N of them.',
  group: 'Logic',
  role: 'join',
  icon: '⋈',
  config: z
    .strictObject({
      ...baseFields,
      mode: z.enum(['all', 'first', 'count']).default('all'),
      /** With mode `count`: how many branches must finish. */
      count: z.number().int().min(1).max(64).optional(),
    })
    .refine((d) => d.mode !== 'count' || d.count !== undefined, {
      message: 'mode "count" needs a count',
      path: ['count'],
    }),
  joinNeed: (d) => (d.mode === 'first' ? 1 : d.mode === 'count' ? d.count : undefined),
  ports: () => ({ inputs: [port('in', 'Branches')], outputs: [port('out', 'Results', 'object')] }),
  summary: (d) =>
    d.mode === 'count'
      ? `waits for ${d.count} branches`
      : d.mode === 'all'
        ? 'waits for all branches'
        : 'takes the first branch',
});
