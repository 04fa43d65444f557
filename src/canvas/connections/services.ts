import { z } from 'zod';
import { builtinCapabilities, services } from '../../capabilities/registry.ts';
import type { ServiceDef } from '../../capabilities/service.ts';
import { secretNameSchema } from '../../flow/index.ts';

/** How one field of a service's form is shown. */
export interface FieldLook {
  readonly label: string;
  readonly hint?: string;
  readonly placeholder?: string;
  /** The field names a secret in the vault: chosen (or added) with the secret picker. */
  readonly secret?: boolean;
  /** Not asked for (the service has no use for it); shown only while a saved value has it. */
  readonly hidden?: boolean;
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
  /** Where the service documents its API, for people setting it up. */
  readonly docs?: string;
  readonly fields: z.ZodObject;
  readonly looks: Readonly<Record<string, FieldLook>>;
  /** A read with no effect: `GET baseUrl + path` with the secret as a bearer token. */
  readonly test?: { readonly path: string; readonly what: string };
  /** Where its calls can run; a service that refuses browser calls needs the workspace server. */
  readonly runsIn: 'browser' | 'server';
}

/** A connection's fields for a service: the base URL where it varies, the secret where it has one. */
function fieldsOf(service: ServiceDef): z.ZodObject {
  const url = z.url({
    protocol: /^https?$/,
    error: 'a web address starting with http:// or https://',
  });
  return z.strictObject({
    baseUrl: service.baseUrl ? url.optional() : url,
    secret:
      service.auth.scheme === 'none' || (service.auth.scheme === 'bearer' && service.auth.optional)
        ? secretNameSchema.optional()
        : secretNameSchema,
  });
}

const secretHint = (service: ServiceDef): string => {
  switch (service.auth.scheme) {
    case 'bearer':
      return 'Sent as a bearer token; kept in the vault.';
    case 'header':
      return `Sent in the ${service.auth.header} header; kept in the vault.`;
    case 'url':
      return 'The webhook URL itself is the secret; kept in the vault.';
    case 'none':
      return 'Not needed.';
  }
};

/** The Services tab's form for a service the capability registry calls. */
function descriptorOf(service: ServiceDef): ServiceDescriptor {
  const uses = builtinCapabilities.filter((c) => c.service === service).map((c) => c.id);
  return {
    id: service.id,
    title: service.title,
    description: `Used by ${uses.join(', ')}.`,
    ...(service.docs ? { docs: service.docs } : {}),
    fields: fieldsOf(service),
    looks: {
      baseUrl: {
        // A webhook service's URL is its secret: there is no base URL to give.
        hidden: service.auth.scheme === 'url',
        label: 'Base URL',
        placeholder: service.baseUrl ?? 'https://api.example.com',
        hint: service.baseUrl
          ? `Leave empty for ${service.baseUrl}.`
          : 'Capabilities call paths under it.',
      },
      secret: { label: service.secretLabel, secret: true, hint: secretHint(service) },
    },
    ...(service.test
      ? {
          test: {
            path: service.test.path,
            what: `a GET of ${service.test.path || 'the base URL'}`,
          },
        }
      : { test: { path: '', what: 'a GET of the base URL' } }),
    runsIn: service.runsOn === 'server' ? 'server' : 'browser',
  };
}

/** The generic JSON connection, for connection names no service in the registry has. */
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

/**
 * The services offered, each built-in capability's service once: real services in the registry's
 * order, then our own generic JSON dialect (the services without an API reference), which a new
 * user rarely wants first.
 */
export const serviceDescriptors: readonly ServiceDescriptor[] = [
  ...services.filter((s) => s.docs !== undefined),
  ...services.filter((s) => s.docs === undefined),
].map(descriptorOf);

/** The descriptor for a connection name; a name no service has is a generic connection. */
export function serviceFor(id: string): ServiceDescriptor {
  return (
    serviceDescriptors.find((s) => s.id === id) ??
    generic(id, `Connection "${id}"`, 'A connection a flow names; generic JSON API.')
  );
}
