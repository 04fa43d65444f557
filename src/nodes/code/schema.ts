import { z } from 'zod';
import { baseFields, durationSchema, javascriptSchema, parseDuration } from '../common.ts';
import { defineKind, errorPort, port } from '../kind.ts';

/** The longest time limit a flow may give one call: the sandbox blocks its thread meanwhile. */
const MAX_CODE_TIME_MS = 30_000;

/** Runs JavaScript over the node's input in a QuickJS sandbox; what it returns is the output. */
export const code = defineKind({
  kind: 'code',
  version: 1,
  title: 'Code',
  description: 'Runs JavaScript on the input in a sandbox; what it returns is the output.',
  group: 'Logic',
  role: 'task',
  icon: '{}',
  config: z.strictObject({
    ...baseFields,
    /** The body of a function of `input`; `return` gives the output (JSON only). */
    source: javascriptSchema.default('return input;'),
    timeLimit: durationSchema
      .refine((d) => parseDuration(d) <= MAX_CODE_TIME_MS, 'at most 30s')
      .default('1s'),
    memoryLimitMb: z.number().int().min(1).max(256).default(32),
  }),
  ports: () => ({ inputs: [port('in', 'Input')], outputs: [port('out', 'Result'), errorPort] }),
  summary: (d) => {
    const first = d.source.split('\n').find((line) => line.trim() !== '') ?? '';
    return first.trim().slice(0, 60) || 'no code';
  },
});
