import { z } from 'zod';
import type { CapabilitySpec } from './spec.ts';

const transient = [408, 429, 500, 502, 503, 504] as const;
const email = z.string().email().max(320);

/** The capabilities every workspace has. User-defined ones come from the flow document. */
export const builtinCapabilities: readonly CapabilitySpec[] = [
  {
    id: 'http.request',
    title: 'HTTP request',
    description: 'Any HTTP call, with templated URL, headers and body.',
    sideEffect: 'write',
    input: z.object({
      method: z.string().default('GET'),
      url: z.string().url(),
      headers: z.record(z.string(), z.string()).default({}),
      body: z.unknown().optional(),
    }),
    output: z.object({
      status: z.number(),
      headers: z.record(z.string(), z.string()),
      body: z.unknown(),
    }),
    idempotency: 'none',
    retryOn: transient,
  },
  {
    id: 'webhook.post',
    title: 'Post to a webhook',
    description: 'POSTs JSON to a URL, with an Idempotency-Key header.',
    sideEffect: 'external-message',
    input: z.object({ url: z.string().url(), payload: z.unknown() }),
    output: z.object({ status: z.number(), body: z.unknown() }),
    idempotency: 'remote-dedupes',
    retryOn: transient,
  },
  {
    id: 'email.send',
    title: 'Send an email',
    description: 'Sends an email through the configured mail API.',
    sideEffect: 'external-message',
    input: z.object({
      to: email,
      subject: z.string().max(500),
      body: z.string().max(100_000),
      cc: z.array(email).default([]),
    }),
    output: z.object({ messageId: z.string() }),
    auth: { connection: 'mail' },
    idempotency: 'remote-dedupes',
    retryOn: transient,
  },
  {
    id: 'email.draft',
    title: 'Draft an email',
    description: 'Keeps an email as a draft for review, or opens it in your mail app.',
    sideEffect: 'read',
    input: z.object({ to: email, subject: z.string().max(500), body: z.string().max(100_000) }),
    output: z.object({ draftId: z.string(), mailto: z.string() }),
    idempotency: 'naturally-idempotent',
    retryOn: [],
  },
  {
    id: 'invoice.create',
    title: 'Create an invoice',
    description: 'Creates an invoice through the configured billing API.',
    sideEffect: 'money',
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
    auth: { connection: 'billing' },
    idempotency: 'remote-dedupes',
    retryOn: transient,
    compensate: 'invoice.void',
  },
  {
    id: 'invoice.void',
    title: 'Void an invoice',
    description: 'Voids an invoice; undoes invoice.create.',
    sideEffect: 'money',
    input: z.object({ invoiceId: z.string() }),
    output: z.object({ invoiceId: z.string(), status: z.literal('void') }),
    auth: { connection: 'billing' },
    idempotency: 'remote-dedupes',
    retryOn: transient,
  },
  {
    id: 'crm.upsertContact',
    title: 'Upsert a CRM contact',
    description: 'Creates or updates a contact in the configured CRM.',
    sideEffect: 'write',
    input: z.object({
      email,
      name: z.string().optional(),
      company: z.string().optional(),
      fields: z.record(z.string(), z.unknown()).default({}),
    }),
    output: z.object({ contactId: z.string(), created: z.boolean() }),
    auth: { connection: 'crm' },
    idempotency: 'naturally-idempotent',
    retryOn: transient,
  },
  {
    id: 'crm.logActivity',
    title: 'Log a CRM activity',
    description: 'Adds an activity (note, email, call) to a CRM contact.',
    sideEffect: 'write',
    input: z.object({
      contact: z.string(),
      type: z.enum(['note', 'email', 'call', 'ticket']),
      text: z.string().max(20_000),
    }),
    output: z.object({ activityId: z.string() }),
    auth: { connection: 'crm' },
    idempotency: 'remote-dedupes',
    retryOn: transient,
  },
  {
    id: 'memory.remember',
    title: 'Remember',
    description: 'Stores a memory in this workspace.',
    sideEffect: 'write',
    input: z.object({
      text: z.string(),
      entities: z.array(z.string()).default([]),
      tags: z.array(z.string()).default([]),
    }),
    output: z.object({ memoryId: z.string() }),
    idempotency: 'naturally-idempotent',
    retryOn: [],
  },
  {
    id: 'memory.recall',
    title: 'Recall',
    description: "Searches this workspace's memory.",
    sideEffect: 'read',
    input: z.object({ query: z.string(), topK: z.number().int().positive().default(5) }),
    output: z.object({
      items: z.array(z.object({ id: z.string(), text: z.string(), score: z.number() })),
    }),
    idempotency: 'naturally-idempotent',
    retryOn: [],
  },
  {
    id: 'notify',
    title: 'Notify me',
    description: 'Shows a browser notification.',
    sideEffect: 'read',
    input: z.object({ title: z.string().max(200), body: z.string().max(2_000).default('') }),
    output: z.object({ shown: z.boolean() }),
    idempotency: 'naturally-idempotent',
    retryOn: [],
  },
  {
    id: 'file.export',
    title: 'Export a file',
    description: 'Offers a file for download.',
    sideEffect: 'read',
    input: z.object({
      name: z.string().max(200),
      mime: z.string().default('text/plain'),
      content: z.string(),
    }),
    output: z.object({ name: z.string(), bytes: z.number() }),
    idempotency: 'naturally-idempotent',
    retryOn: [],
  },
];

export const builtinCapabilityIds: readonly string[] = builtinCapabilities.map((c) => c.id);
