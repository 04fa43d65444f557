import { z } from 'zod';
import { fieldSchema } from '../../flow/index.ts';
import { baseFields } from '../common.ts';
import { defineKind, port } from '../kind.ts';

/** Where a run begins: declares the input a run is started with (a form is generated from it). */
export const start = defineKind({
  kind: 'start',
  version: 1,
  title: 'Start',
  description: 'Where a run begins, and the input it asks for.',
  group: 'Flow',
  role: 'task',
  icon: '▶',
  config: z.strictObject({
    ...baseFields,
    inputs: z.array(fieldSchema).max(50).default([]),
  }),
  ports: () => ({ inputs: [], outputs: [port('out', 'Input', 'object')] }),
  summary: (d) =>
    d.inputs.length ? `asks for ${d.inputs.map((f) => f.name).join(', ')}` : 'no input',
  entry: true,
  singleton: true,
});
