import { z } from 'zod';
import { withWidget } from './widgets.ts';

/**
 * Node ids become XState state keys and React Flow ids, so no dots, spaces or slashes.
 * @example nodeIdSchema.parse('draft-email') // 'draft-email'
 */
export const nodeIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    'use letters, digits, "-" or "_" (at most 64), starting with a letter or digit',
  );

export const edgeIdSchema = z.string().min(1).max(200);

/** Capability ids look like `notify`, `email.send` or `acme.createTicket`. */
export const capabilityIdSchema = withWidget(
  z
    .string()
    .regex(
      /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/,
      'use names such as "email.send": letters and digits, dot-separated',
    ),
  { widget: 'capability' },
);

/** Secrets are referenced by name; the vault holds the value. */
export const secretNameSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'name secrets in UPPER_SNAKE_CASE, e.g. BILLING_API_KEY');
