import { z } from 'zod';
import type { Field, UserCapability } from '../flow/index.ts';

const fieldType = {
  text: z.string(),
  number: z.number(),
  boolean: z.boolean(),
  object: z.record(z.string(), z.unknown()),
  list: z.array(z.unknown()),
};

/**
 * The zod schema of a record described by simple fields (a user-defined capability's input or
 * output); no fields means anything goes.
 * @example fieldsSchema([{ name: 'email', type: 'text', required: true, description: '' }])
 */
function fieldsSchema(fields: readonly Field[]): z.ZodType {
  if (fields.length === 0) return z.unknown();
  const shape = Object.fromEntries(
    fields.map((f) => {
      const base = f.description ? fieldType[f.type].describe(f.description) : fieldType[f.type];
      return [f.name, f.required ? base : base.optional()];
    }),
  );
  return z.looseObject(shape);
}

/** The input a user-defined capability accepts. */
export const userInputSchema = (cap: UserCapability): z.ZodType => fieldsSchema(cap.input);
/** The output a user-defined capability promises (after its response mapping). */
export const userOutputSchema = (cap: UserCapability): z.ZodType => fieldsSchema(cap.output);
