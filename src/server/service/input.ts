import { z } from 'zod';
import type { Field, Flow } from '../../flow/index.ts';

const fieldType: Record<Field['type'], () => z.ZodType> = {
  text: () => z.string(),
  number: () => z.number(),
  boolean: () => z.boolean(),
  object: () => z.record(z.string(), z.unknown()),
  list: () => z.array(z.unknown()),
};

/**
 * The input a run of `flow` accepts, from its Start node's fields: each declared field with its
 * type, required ones present; fields it does not declare are kept (the flow may ignore them).
 */
export function startInputSchema(flow: Flow): z.ZodType<Record<string, unknown>> {
  const start = flow.nodes.find((n) => n.type === 'start');
  const inputs = z
    .array(
      z.object({
        name: z.string(),
        type: z.enum(['text', 'number', 'boolean', 'object', 'list']),
        required: z.boolean(),
      }),
    )
    .catch([])
    .parse(start?.data['inputs']);
  const shape: Record<string, z.ZodType> = {};
  for (const field of inputs) {
    const type = fieldType[field.type]();
    shape[field.name] = field.required ? type : type.optional();
  }
  return z.looseObject(shape);
}
