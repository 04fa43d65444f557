import { z } from 'zod';
import { NodeError } from '../../engine/contract/index.ts';
import { defineCapability } from '../define.ts';
import { emailPreview, invoicePreview } from '../preview.ts';
import { defineService, digText, type ServiceDef } from '../service.ts';

// "Generic JSON API": a REST dialect of our own for a mail, billing or CRM backend the operator
// runs or fronts themselves (documented in src/capabilities/README.md). Real services have their
// own connectors beside this file.

const generic = (id: string, what: string): ServiceDef =>
  defineService({
    id,
    title: `${what} (generic JSON API)`,
    auth: { scheme: 'bearer', optional: true },
    secretLabel: 'Bearer token (optional)',
    encoding: 'json',
    idempotencyHeader: 'Idempotency-Key',
    runsOn: 'anywhere',
    errorMessage: (body) => digText(body, 'error', 'message') ?? digText(body, 'message'),
  });

const mailService = generic('mail', 'Mail');
const billingService = generic('billing', 'Billing');
const crmService = generic('crm', 'CRM');

const email = z.string().email().max(320);
const text = z.union([z.string(), z.number()]).transform(String);
const idAnswer = z.looseObject({ id: text });

export const emailSend = defineCapability({
  id: 'email.send',
  title: 'Send an email',
  description: 'Sends an email through your own mail API (POST /messages).',
  sideEffect: 'external-message',
  service: mailService,
  input: z.object({
    to: email,
    subject: z.string().max(500),
    body: z.string().max(100_000),
    cc: z.array(email).default([]),
  }),
  output: z.object({ messageId: z.string() }),
  idempotency: 'remote-dedupes',
  async call(input, { remote }) {
    const answer = await remote.send(
      { method: 'POST', path: '/messages', body: input },
      z.union([
        z.looseObject({ messageId: text }),
        idAnswer.transform((a) => ({ messageId: a.id })),
      ]),
    );
    return { messageId: answer.messageId };
  },
  preview: emailPreview,
});

export const invoiceVoid = defineCapability({
  id: 'invoice.void',
  title: 'Void an invoice',
  description: 'Voids an invoice through your own billing API; undoes invoice.create.',
  sideEffect: 'money',
  service: billingService,
  input: z.object({ invoiceId: z.string() }),
  output: z.object({ invoiceId: z.string(), status: z.literal('void') }),
  idempotency: 'remote-dedupes',
  async call(input, { remote }) {
    const answer = await remote.send(
      { method: 'POST', path: `/invoices/${encodeURIComponent(input.invoiceId)}/void`, body: {} },
      z.looseObject({ id: text.optional(), invoiceId: text.optional() }),
    );
    return { invoiceId: answer.invoiceId ?? answer.id ?? input.invoiceId, status: 'void' as const };
  },
});

export const invoiceCreate = defineCapability({
  id: 'invoice.create',
  title: 'Create an invoice',
  description: 'Creates an invoice through your own billing API (POST /invoices).',
  sideEffect: 'money',
  service: billingService,
  input: z.object({
    customer: z.string().min(1),
    currency: z.string().length(3),
    lines: z
      .array(
        z.object({
          description: z.string(),
          quantity: z.number().positive(),
          unitPrice: z.number().nonnegative(),
        }),
      )
      .min(1),
  }),
  output: z.object({ invoiceId: z.string(), total: z.number(), url: z.string().optional() }),
  idempotency: 'remote-dedupes',
  compensate: invoiceVoid,
  async call(input, { remote }) {
    const answer = await remote.send(
      { method: 'POST', path: '/invoices', body: input },
      z.looseObject({
        id: text.optional(),
        invoiceId: text.optional(),
        total: z.coerce.number().default(0),
        url: z.string().optional(),
      }),
    );
    const invoiceId = answer.invoiceId ?? answer.id;
    if (invoiceId === undefined)
      throw new NodeError('bad-response', 'the billing API answered POST /invoices without an id');
    return { invoiceId, total: answer.total, ...(answer.url ? { url: answer.url } : {}) };
  },
  preview: invoicePreview,
});

export const crmUpsertContact = defineCapability({
  id: 'crm.upsertContact',
  title: 'Upsert a CRM contact',
  description: 'Creates or updates a contact in your own CRM API (PUT /contacts/{email}).',
  sideEffect: 'write',
  service: crmService,
  input: z.object({
    email,
    name: z.string().optional(),
    company: z.string().optional(),
    fields: z.record(z.string(), z.unknown()).default({}),
  }),
  output: z.object({ contactId: z.string(), created: z.boolean() }),
  idempotency: 'naturally-idempotent',
  async call(input, { remote }) {
    const answer = await remote.send(
      { method: 'PUT', path: `/contacts/${encodeURIComponent(input.email)}`, body: input },
      z.looseObject({
        id: text.optional(),
        contactId: text.optional(),
        created: z.boolean().default(false),
      }),
    );
    return { contactId: answer.contactId ?? answer.id ?? '', created: answer.created };
  },
});

export const crmLogActivity = defineCapability({
  id: 'crm.logActivity',
  title: 'Log a CRM activity',
  description: 'Adds an activity (note, email, call) to a contact in your own CRM API.',
  sideEffect: 'write',
  service: crmService,
  input: z.object({
    contact: z.string(),
    type: z.enum(['note', 'email', 'call', 'ticket']),
    text: z.string().max(20_000),
  }),
  output: z.object({ activityId: z.string() }),
  idempotency: 'remote-dedupes',
  async call(input, { remote }) {
    const answer = await remote.send(
      { method: 'POST', path: '/activities', body: input },
      z.looseObject({ id: text.optional(), activityId: text.optional() }),
    );
    return { activityId: answer.activityId ?? answer.id ?? '' };
  },
});
