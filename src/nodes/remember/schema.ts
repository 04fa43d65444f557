import { z } from 'zod';
import { baseFields, templateSchema } from '../common.ts';
import { defineKind, port } from '../kind.ts';

const memoryKinds = ['note', 'preference', 'output', 'feedback', 'decision'] as const;

/** Stores a memory, linked to entities, so later runs can recall it. */
export const remember = defineKind({
  kind: 'remember',
  version: 1,
  title: 'Remember',
  description: 'Saves something worth knowing next time: feedback, a decision, a deliverable.',
  group: 'Memory',
  role: 'task',
  icon: '✎',
  config: z.strictObject({
    ...baseFields,
    text: templateSchema.default('{{ input | json }}'),
    kind: z.enum(memoryKinds).default('output'),
    /** Templates naming the entities the memory is about, e.g. `{{ input.client }}`. */
    entities: z.array(templateSchema).max(20).default([]),
    tags: z.array(z.string().max(64)).max(20).default([]),
  }),
  ports: () => ({ inputs: [port('in', 'Input')], outputs: [port('out', 'Saved', 'object')] }),
  summary: (d) => `as ${d.kind}${d.tags.length ? ` #${d.tags.join(' #')}` : ''}`,
});
