import { z } from 'zod';
import { baseFields, templateSchema } from '../common.ts';
import { defineKind, port } from '../kind.ts';

/** Finds memories relevant to a query (meaning and words), scoped to an entity or project. */
export const recall = defineKind({
  kind: 'recall',
  version: 1,
  title: 'Recall',
  description: 'Finds what the workspace remembers about a client, project or topic.',
  group: 'Memory',
  role: 'task',
  icon: '⌕',
  config: z.strictObject({
    ...baseFields,
    query: templateSchema.default('{{ input | json }}'),
    topK: z.number().int().min(1).max(50).default(5),
    /** Minimum hybrid score 0..1 a memory needs to be returned. */
    threshold: z.number().min(0).max(1).default(0),
    scope: z
      .strictObject({
        /** Template giving an entity name or id, e.g. `{{ input.client }}`. */
        entity: templateSchema.optional(),
        kinds: z.array(z.string().max(32)).max(10).default([]),
        tags: z.array(z.string().max(64)).max(20).default([]),
      })
      .default({ kinds: [], tags: [] }),
  }),
  ports: () => ({ inputs: [port('in', 'Query')], outputs: [port('out', 'Memories', 'object')] }),
  summary: (d) => `top ${d.topK}${d.scope.entity ? ` about ${d.scope.entity}` : ''}`,
});
