import { z } from 'zod';
import { fieldSchema } from '../../flow/index.ts';
import { baseFields } from '../common.ts';
import { defineKind, port } from '../kind.ts';
import { describeTrigger, triggerSchema } from './triggers.ts';

/**
 * Where a run begins: declares the input a run is started with (a form is generated from it) and
 * the triggers that start runs (by hand, on a schedule, by webhook on the workspace server).
 */
export const start = defineKind({
  kind: 'start',
  version: 1,
  title: 'Start',
  description: 'Where a run begins, the input it asks for, and what starts it.',
  group: 'Flow',
  role: 'task',
  icon: '▶',
  config: z.strictObject({
    ...baseFields,
    inputs: z.array(fieldSchema).max(50).default([]),
    triggers: z.array(triggerSchema).max(20).optional(),
  }),
  ports: () => ({ inputs: [], outputs: [port('out', 'Input', 'object')] }),
  summary: (d) => {
    const asks = d.inputs.length
      ? `asks for ${d.inputs.map((f) => f.name).join(', ')}`
      : 'no input';
    const starts = (d.triggers ?? []).filter((t) => t.type !== 'manual').map(describeTrigger);
    return starts.length ? `${asks} · runs ${starts.join(', ')}` : asks;
  },
  entry: true,
  singleton: true,
});
