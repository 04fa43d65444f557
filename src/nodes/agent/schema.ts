import { z } from 'zod';
import { capabilityIdSchema, fieldSchema } from '../../flow/index.ts';
import { baseFields, runnableFields, runPolicyOf, templateSchema } from '../common.ts';
import { defineKind, errorPort, port } from '../kind.ts';

/** An LLM that works toward a typed answer, optionally calling capabilities as tools. */
export const agent = defineKind({
  kind: 'agent',
  version: 1,
  title: 'Agent',
  description: 'An LLM with a role, tools and a typed answer with a confidence.',
  group: 'Agents',
  role: 'task',
  icon: '✦',
  config: z.strictObject({
    ...baseFields,
    ...runnableFields,
    /** System prompt; a template over the run's context and recalled memory. */
    role: templateSchema.default('You are a careful assistant for a one-person company.'),
    /** The task; a template over the node's input (`{{ input }}`) and the context. */
    prompt: templateSchema.default('{{ input | json }}'),
    model: z
      .strictObject({
        /** A provider configured in the workspace settings (endpoint and secret live there). */
        provider: z.string().min(1).max(64).default('default'),
        name: z.string().min(1).max(128).default('gpt-4o-mini'),
        temperature: z.number().min(0).max(2).default(0.3),
        maxTokens: z.number().int().positive().max(200_000).default(2_000),
      })
      .default({ provider: 'default', name: 'gpt-4o-mini', temperature: 0.3, maxTokens: 2_000 }),
    tools: z.array(capabilityIdSchema).max(50).default([]),
    /** Fields of the answer; the model must return them, validated, plus `confidence` 0..1. */
    output: z
      .array(fieldSchema)
      .max(50)
      .default([{ name: 'text', type: 'text', required: true, description: 'The answer' }]),
    /** Rounds the agent gets to fix an answer that fails the output schema. */
    maxRepairs: z.number().int().min(0).max(3).default(1),
  }),
  runPolicy: runPolicyOf,
  ports: () => ({
    inputs: [port('in', 'Input')],
    outputs: [port('out', 'Answer', 'object'), errorPort],
  }),
  summary: (d) =>
    `${d.model.name} → ${d.output.map((f) => f.name).join(', ') || 'answer'}${d.tools.length ? ` · ${d.tools.length} tools` : ''}`,
  capabilityRefs: (d) => d.tools.map((id, i) => ({ path: ['tools', i], id })),
});
