import { z } from 'zod';
import { secretNameSchema } from '../../flow/index.ts';

/** How one field of a service's form is shown. */
export interface FieldLook {
  readonly label: string;
  readonly hint?: string;
  readonly placeholder?: string;
  /** The field names a secret in the vault: chosen (or added) with the secret picker. */
  readonly secret?: boolean;
}

/**
 * A service the Services tab sets up: its connection's fields as a zod schema (the form is
 * drawn from it and every save is checked by it), how each field looks, and a harmless read
 * that tests it. Connectors add theirs to `serviceDescriptors`.
 */
export interface ServiceDescriptor {
  /** The connection's name in the settings (`connections.<id>`), which capabilities use. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly fields: z.ZodObject;
  readonly looks: Readonly<Record<string, FieldLook>>;
  /** A read with no effect: `GET baseUrl + path` with the secret as a bearer token. */
  readonly test?: { readonly path: string; readonly what: string };
  /** Where its calls can run; a service that refuses browser calls needs the workspace server. */
  readonly runsIn: 'browser' | 'server';
}

/** The generic JSON connection every built-in mail, billing and CRM capability calls today. */
export const genericConnectionFields = z.strictObject({
  baseUrl: z.url({
    protocol: /^https?$/,
    error: 'a web address starting with http:// or https://',
  }),
  secret: secretNameSchema.optional(),
});

const genericLooks: Record<string, FieldLook> = {
  baseUrl: {
    label: 'Base URL',
    placeholder: 'https://api.example.com',
    hint: 'Capabilities call paths under it.',
  },
  secret: { label: 'API key', secret: true, hint: 'Sent as a bearer token; kept in the vault.' },
};

const generic = (id: string, title: string, description: string): ServiceDescriptor => ({
  id,
  title,
  description,
  fields: genericConnectionFields,
  looks: genericLooks,
  test: { path: '', what: 'a GET of the base URL' },
  runsIn: 'browser',
});

/** The services offered, in order. Per-service connectors (Stripe, Resend, Slack…) add theirs. */
export const serviceDescriptors: readonly ServiceDescriptor[] = [
  generic('mail', 'Mail (generic JSON API)', 'Drafts email for approval: email.draft.'),
  generic(
    'billing',
    'Billing (generic JSON API)',
    'Creates and voids invoices: invoice.create, invoice.void.',
  ),
  generic(
    'crm',
    'CRM (generic JSON API)',
    'Keeps contacts and activity: crm.upsertContact, crm.logActivity.',
  ),
];

/** The descriptor for a connection name; a name no descriptor knows is a generic connection. */
export function serviceFor(id: string): ServiceDescriptor {
  return (
    serviceDescriptors.find((s) => s.id === id) ??
    generic(id, `Connection "${id}"`, 'A connection a flow names; generic JSON API.')
  );
}
