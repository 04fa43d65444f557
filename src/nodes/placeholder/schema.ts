import { z } from 'zod';
import { portIdSchema } from '../../flow/index.ts';
import { baseFields } from '../common.ts';
import { defineKind, port } from '../kind.ts';

/** Where an imported node came from (the importers in `src/import`). */
const importSources = ['n8n', 'node-red', 'dify', 'flowise'] as const;

const sourceNames = {
  n8n: 'n8n',
  'node-red': 'Node-RED',
  dify: 'Dify',
  flowise: 'Flowise',
} as const;

const placeholderConfig = z.strictObject({
  ...baseFields,
  source: z.enum(importSources).default('n8n'),
  /** The original node's type, e.g. `n8n-nodes-base.slack`. */
  originalType: z.string().min(1).max(200).default('unknown'),
  /** The original node's parameters, kept so nothing is lost (credentials are never imported). */
  parameters: z.record(z.string(), z.unknown()).default({}),
  /** One output per output the original had, so its edges stay drawn. */
  outputs: z
    .array(z.strictObject({ id: portIdSchema, label: z.string().min(1).max(60) }))
    .min(1)
    .max(20)
    .default([{ id: 'out', label: 'Output' }]),
});

/**
 * Stands in for an imported node that has no counterpart here. It keeps the original type and
 * parameters and never validates, so a flow holding one cannot run until someone replaces it.
 */
export const placeholder = defineKind({
  kind: 'placeholder',
  version: 1,
  title: 'Placeholder',
  description: 'An imported node with no counterpart yet: replace it before running.',
  group: 'Flow',
  role: 'task',
  icon: '?',
  config: placeholderConfig.superRefine((d, ctx) =>
    ctx.addIssue({
      code: 'custom',
      path: ['originalType'],
      message: `stands in for the ${sourceNames[d.source]} node "${d.label}" (${d.originalType}), which has no counterpart here: replace it with nodes that do the same (its original parameters are kept on this node)`,
    }),
  ),
  // An instance is never valid, so what the palette would add is the bare, unparsed shape.
  defaults: () => ({ ...placeholderConfig.parse({ version: 1, label: 'Placeholder' }) }),
  ports: (d) => ({
    inputs: [port('in', 'Input')],
    outputs: d.outputs.map((o) => port(o.id, o.label)),
  }),
  summary: (d) => `${d.source}: ${d.originalType}`.slice(0, 60),
  importOnly: true,
});
