import { z } from 'zod';
import { withWidget } from './widgets.ts';
import { capabilityIdSchema, secretNameSchema } from './ids.ts';

export const sideEffectClasses = [
  'read',
  'write',
  'destructive',
  'external-message',
  'money',
] as const;
export type SideEffectClass = (typeof sideEffectClasses)[number];

/** How a capability stays safe to retry; `none` means a retry after an unknown outcome is unsafe. */
export const idempotencyClasses = ['remote-dedupes', 'naturally-idempotent', 'none'] as const;
export type Idempotency = (typeof idempotencyClasses)[number];

/** A named field of a simple typed record, used for capability and start-node inputs and agent outputs. */
export const fieldSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'use an identifier such as "clientName"'),
  type: z.enum(['text', 'number', 'boolean', 'object', 'list']).default('text'),
  required: z.boolean().default(true),
  description: withWidget(z.string().max(2000), { widget: 'multiline' }).default(''),
});
export type Field = z.infer<typeof fieldSchema>;

/**
 * A user-defined capability: a declarative HTTP connector shared inside the flow document.
 * Templates use Liquid syntax over the call's input (`{{ input.email }}`); secrets are named,
 * never inlined.
 */
export const userCapabilitySchema = z.strictObject({
  id: capabilityIdSchema,
  title: z.string().min(1).max(120),
  description: z.string().max(2000).default(''),
  sideEffect: z.enum(sideEffectClasses),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  url: z.string().min(1).max(2000),
  headers: z.record(z.string(), z.string().max(4000)).default({}),
  body: z.string().max(20000).optional(),
  auth: z
    .strictObject({
      secret: secretNameSchema,
      scheme: z.enum(['bearer', 'header', 'basic']).default('bearer'),
      header: z.string().max(100).optional(),
    })
    .optional(),
  input: z.array(fieldSchema).max(100).default([]),
  output: z.array(fieldSchema).max(100).default([]),
  /** JSONata over the parsed response body that produces the output. */
  responseMapping: z.string().max(4000).optional(),
  idempotency: z
    .strictObject({
      /** Header that carries the idempotency key, e.g. `Idempotency-Key`. */
      header: z.string().min(1).max(100),
      /** Whether the remote dedupes on it, making a retry after an unknown outcome safe. */
      remoteDedupes: z.boolean().default(true),
    })
    .optional(),
  retryOn: z.array(z.number().int().min(100).max(599)).max(20).default([429, 502, 503, 504]),
  compensate: capabilityIdSchema.optional(),
});
export type UserCapability = z.infer<typeof userCapabilitySchema>;
