import { z } from 'zod';
import { defineCapability, transientStatuses } from '../define.ts';
import { invoicePreview } from '../preview.ts';
import { defineService, digText } from '../service.ts';

// Stripe (https://docs.stripe.com/api): form-encoded bodies with bracketed keys, a secret key as
// bearer, `Idempotency-Key` on every write. A replay with the same key returns the first answer;
// the same key with other parameters is a 400 `idempotency_error`, which is never retried.

const stripeService = defineService({
  id: 'stripe',
  title: 'Stripe',
  docs: 'https://docs.stripe.com/api',
  baseUrl: 'https://api.stripe.com',
  auth: { scheme: 'bearer' },
  secretLabel: 'Secret key (sk_test_… or sk_live_…) or a restricted key (rk_…)',
  encoding: 'form',
  idempotencyHeader: 'Idempotency-Key',
  // Pinned, so the shapes below do not change with the account's default version.
  headers: { 'Stripe-Version': '2025-04-30.basil' },
  // Stripe refuses secret keys in web pages; they belong on the workspace server.
  runsOn: 'server',
  errorMessage: (body) => digText(body, 'error', 'message'),
  explainRefusal: (status, body) =>
    status === 400 && digText(body, 'error', 'type') === 'idempotency_error'
      ? `Stripe refused a repeated request with different parameters under the same idempotency key; nothing was done twice (${digText(body, 'error', 'message') ?? 'idempotency_error'})`
      : undefined,
  test: { method: 'GET', path: '/v1/customers?limit=1' },
});

/** Stripe answers 409 when a request with the same key is still running: worth trying again. */
const stripeRetryOn = [...transientStatuses, 409];

// Amounts in Stripe are in the currency's smallest unit (https://docs.stripe.com/currencies).
const zeroDecimal = new Set(
  'bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '),
);
const threeDecimal = new Set('bhd jod kwd omr tnd'.split(' '));
const unitsPerMajor = (currency: string) =>
  zeroDecimal.has(currency) ? 1 : threeDecimal.has(currency) ? 1000 : 100;

/** A major-unit amount (12.5 EUR) in Stripe's smallest unit (1250), rounded to a whole one. */
const toMinor = (amount: number, currency: string) => Math.round(amount * unitsPerMajor(currency));
const toMajor = (amount: number, currency: string) => amount / unitsPerMajor(currency);

const email = z.string().email().max(512);
const customerAnswer = z.looseObject({ id: z.string(), email: z.string().nullable().optional() });

export const stripeCustomerFindOrCreate = defineCapability({
  id: 'stripe.customer.findOrCreate',
  title: 'Find or create a Stripe customer',
  description:
    'Finds the Stripe customer with this email (GET /v1/customers?email=…), or creates one (POST /v1/customers).',
  sideEffect: 'write',
  service: stripeService,
  input: z.object({
    email,
    name: z.string().max(256).optional(),
  }),
  output: z.object({ customerId: z.string(), created: z.boolean() }),
  idempotency: 'remote-dedupes',
  retryOn: stripeRetryOn,
  async call(input, { key, remote }) {
    // The list is read-after-write consistent (search is not), so a retry finds what it made.
    const found = await remote.send(
      { method: 'GET', path: '/v1/customers', query: { email: input.email, limit: 1 } },
      z.looseObject({ data: z.array(customerAnswer) }),
    );
    const existing = found.data[0];
    if (existing) return { customerId: existing.id, created: false };
    const created = await remote.send(
      {
        method: 'POST',
        path: '/v1/customers',
        body: { email: input.email, ...(input.name ? { name: input.name } : {}) },
        idempotencyKey: `${key}:customer`,
      },
      customerAnswer,
    );
    return { customerId: created.id, created: true };
  },
});

const invoiceAnswer = z.looseObject({
  id: z.string(),
  status: z.string().nullable(),
  total: z.number(),
  currency: z.string(),
  number: z.string().nullable().optional(),
  hosted_invoice_url: z.string().nullable().optional(),
});

export const stripeInvoiceVoid = defineCapability({
  id: 'stripe.invoice.void',
  title: 'Void a Stripe invoice',
  description:
    'Marks a finalized Stripe invoice as void (POST /v1/invoices/{id}/void); undoes stripe.invoice.create.',
  sideEffect: 'money',
  service: stripeService,
  input: z.object({ invoiceId: z.string().min(1) }),
  output: z.object({ invoiceId: z.string(), status: z.literal('void') }),
  idempotency: 'remote-dedupes',
  retryOn: stripeRetryOn,
  async call(input, { remote }) {
    const voided = await remote.send(
      { method: 'POST', path: `/v1/invoices/${encodeURIComponent(input.invoiceId)}/void` },
      invoiceAnswer.extend({ status: z.literal('void') }),
    );
    return { invoiceId: voided.id, status: voided.status };
  },
});

export const stripeInvoiceCreate = defineCapability({
  id: 'stripe.invoice.create',
  title: 'Create and send a Stripe invoice',
  description:
    'Creates a draft invoice for a Stripe customer, adds its lines as invoice items, finalizes it and emails it to the customer (send_invoice).',
  sideEffect: 'money',
  service: stripeService,
  input: z.object({
    customer: z.string().min(1).describe('The Stripe customer id (cus_…)'),
    currency: z
      .string()
      .length(3, 'a three-letter ISO currency code')
      .regex(/^[A-Za-z]{3}$/, 'a three-letter ISO currency code')
      .transform((c) => c.toLowerCase()),
    lines: z
      .array(
        z.object({
          description: z.string().min(1).max(500),
          quantity: z.number().int().positive(),
          unitPrice: z
            .number()
            .nonnegative()
            .describe(
              'In major units (12.5 means 12.50 EUR); sent to Stripe in the smallest unit (1250)',
            ),
        }),
      )
      .min(1)
      .max(250),
    daysUntilDue: z.number().int().min(0).max(3650).default(30),
    description: z.string().max(1500).optional(),
  }),
  output: z.object({
    invoiceId: z.string(),
    status: z.string(),
    /** In major units, like the lines. */
    total: z.number(),
    currency: z.string(),
    number: z.string().optional(),
    url: z.string().optional(),
  }),
  idempotency: 'remote-dedupes',
  retryOn: stripeRetryOn,
  compensate: stripeInvoiceVoid,
  // Several writes, each with its own key derived from the effect's: a retry after a crash
  // replays the steps already done (Stripe returns their first answers) and makes one invoice.
  async call(input, { key, remote }) {
    const draft = await remote.send(
      {
        method: 'POST',
        path: '/v1/invoices',
        body: {
          customer: input.customer,
          currency: input.currency,
          collection_method: 'send_invoice',
          days_until_due: input.daysUntilDue,
          auto_advance: false,
          pending_invoice_items_behavior: 'exclude',
          ...(input.description ? { description: input.description } : {}),
          metadata: { aios_effect: key },
        },
        idempotencyKey: `${key}:invoice`,
      },
      invoiceAnswer,
    );
    const path = `/v1/invoices/${encodeURIComponent(draft.id)}`;
    for (const [i, line] of input.lines.entries())
      await remote.send(
        {
          method: 'POST',
          path: '/v1/invoiceitems',
          body: {
            customer: input.customer,
            invoice: draft.id,
            currency: input.currency,
            description: line.description,
            quantity: line.quantity,
            unit_amount_decimal: String(toMinor(line.unitPrice, input.currency)),
          },
          idempotencyKey: `${key}:item:${i}`,
        },
        z.looseObject({ id: z.string() }),
      );
    await remote.send(
      {
        method: 'POST',
        path: `${path}/finalize`,
        body: { auto_advance: false },
        idempotencyKey: `${key}:finalize`,
      },
      invoiceAnswer,
    );
    const sent = await remote.send(
      { method: 'POST', path: `${path}/send`, idempotencyKey: `${key}:send` },
      invoiceAnswer,
    );
    return {
      invoiceId: sent.id,
      status: sent.status ?? 'open',
      total: toMajor(sent.total, sent.currency),
      currency: sent.currency,
      ...(sent.number ? { number: sent.number } : {}),
      ...(sent.hosted_invoice_url ? { url: sent.hosted_invoice_url } : {}),
    };
  },
  preview: invoicePreview,
});
