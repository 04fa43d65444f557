import { z } from 'zod';
import { portIdSchema } from '../../flow/index.ts';
import { baseFields } from '../common.ts';
import { defineKind, port } from '../kind.ts';

/** Runs several branches at the same time; a Join node brings them back together. */
export const parallel = defineKind({
  kind: 'parallel',
  version: 1,
  title: 'Parallel',
  description: 'Runs branches side by side; join them again with a Join node.',
  group: 'Logic',
  role: 'fork',
  icon: '⇉',
  config: z.strictObject({
    ...baseFields,
    branches: z
      .array(z.strictObject({ id: portIdSchema, label: z.string().min(1).max(60) }))
      .min(2)
      .max(64)
      .default([
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ])
      .refine((bs) => new Set(bs.map((b) => b.id)).size === bs.length, 'branch ids must differ'),
  }),
  ports: (d) => ({
    inputs: [port('in', 'Input')],
    outputs: d.branches.map((b) => port(b.id, b.label)),
  }),
  summary: (d) => `${d.branches.length} branches`,
});
