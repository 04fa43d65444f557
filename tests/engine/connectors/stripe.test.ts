import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/engine/index.ts';
import { StripeStandIn } from '../../stand-ins/stripe.ts';
import { callFlow, runWithCrash, serverEngine } from './world.ts';

const KEY = 'sk_test_51Stripe0000000000000000';
const lines = [
  { description: 'Discovery', quantity: 2, unitPrice: 1200 },
  { description: 'Strategy call', quantity: 1, unitPrice: 99.5 },
];
const invoiceInput = { customer: 'cus_1', currency: 'EUR', lines: '{{ run.input.lines }}' };

describe('Stripe connector against its stand-in', () => {
  let stripe: StripeStandIn;
  let store: MemoryStore;
  const world = () => ({
    store,
    connections: { stripe: { baseUrl: stripe.url, secret: 'STRIPE_SECRET_KEY' } },
    secrets: { STRIPE_SECRET_KEY: KEY },
  });
  beforeEach(async () => {
    stripe = await new StripeStandIn(KEY).start();
    store = new MemoryStore();
    stripe.customers.push({ id: 'cus_1', object: 'customer', email: 'ceo@globex.test' });
  });
  afterEach(() => stripe.stop());

  it('finds a customer by email, and creates one only when none has it', async () => {
    const engine = serverEngine(world());
    const found = await (
      await engine.start(callFlow('stripe.customer.findOrCreate', { email: 'ceo@globex.test' }), {})
    ).done;
    expect(found.result).toMatchObject({ value: { customerId: 'cus_1', created: false } });
    const made = await (
      await engine.start(
        callFlow('stripe.customer.findOrCreate', { email: 'new@initech.test', name: 'Initech' }),
        {},
      )
    ).done;
    expect(made.status).toBe('succeeded');
    expect(stripe.count('customer')).toBe(1);
    const create = stripe.seen(/^POST \/v1\/customers$/)[0]!;
    expect(create.type).toBe('application/x-www-form-urlencoded');
    expect(create.text).toBe('email=new%40initech.test&name=Initech');
    // The read carries no idempotency key; the write does, derived from the effect's.
    expect(stripe.seen(/^GET /)[0]?.headers['idempotency-key']).toBeUndefined();
    expect(create.headers['idempotency-key']).toBe(`${made.id}/call/1:customer`);
  });

  it('creates a draft, adds its lines as items, finalizes and sends it: one invoice', async () => {
    const record = await (
      await serverEngine(world()).start(callFlow('stripe.invoice.create', invoiceInput), { lines })
    ).done;
    expect(record.status).toBe('succeeded');
    expect(record.result).toMatchObject({
      value: { invoiceId: 'in_1', status: 'open', total: 2499.5, currency: 'eur' },
    });
    expect(stripe.effects).toEqual([
      'invoice in_1',
      'item ii_2',
      'item ii_3',
      'finalize in_1',
      'send in_1',
    ]);
    expect(stripe.invoices.get('in_1')?.total).toBe(249_950);
    const item = stripe.seen(/^POST \/v1\/invoiceitems$/)[1]!;
    expect(item.text).toContain('unit_amount_decimal=9950');
    expect(item.headers['idempotency-key']).toBe(`${record.id}/call/1:item:1`);
    const draft = stripe.seen(/^POST \/v1\/invoices$/)[0]!;
    expect(decodeURIComponent(draft.text)).toContain(`metadata[aios_effect]=${record.id}/call/1`);
    expect(draft.headers['stripe-version']).toBe('2025-04-30.basil');
    expect(draft.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('says the key was refused on a 401, and sends nothing more', async () => {
    const engine = serverEngine({
      ...world(),
      secrets: { STRIPE_SECRET_KEY: 'sk_test_wrongwrongwrong' },
    });
    const record = await (
      await engine.start(callFlow('stripe.invoice.create', invoiceInput), { lines })
    ).done;
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(
      /^Stripe refused the key \(401\): Invalid API Key provided: sk_test_\*\*\*\*rong; check the "stripe" connection's secret/,
    );
    expect(stripe.requests).toHaveLength(1);
    expect(stripe.effects).toEqual([]);
  });

  it("waits as long as a 429's Retry-After asks, then goes on", async () => {
    stripe.failNext(/^\/v1\/invoiceitems$/, 429, { retryAfter: '7' });
    const engine = serverEngine(world());
    const record = await (
      await engine.start(callFlow('stripe.invoice.create', invoiceInput), { lines })
    ).done;
    expect(record.status).toBe('succeeded');
    const retrying = (await store.events(record.id)).filter((e) => e.type === 'node.retrying');
    expect(retrying.map((e) => (e.type === 'node.retrying' ? e.delayMs : 0))).toEqual([7000]);
    expect(stripe.count('invoice')).toBe(1);
    expect(stripe.count('item')).toBe(2);
  });

  it('retries a 500 with the same keys: the draft is replayed, not made again', async () => {
    stripe.failNext(/\/finalize$/, 500);
    const record = await (
      await serverEngine(world()).start(callFlow('stripe.invoice.create', invoiceInput), { lines })
    ).done;
    expect(record.status).toBe('succeeded');
    const drafts = stripe.seen(/^POST \/v1\/invoices$/);
    expect(drafts.map((r) => r.headers['idempotency-key'])).toEqual([
      `${record.id}/call/1:invoice`,
      `${record.id}/call/1:invoice`,
    ]);
    expect(stripe.seen(/\/finalize$/)).toHaveLength(2);
    expect(stripe.effects).toEqual([
      'invoice in_1',
      'item ii_2',
      'item ii_3',
      'finalize in_1',
      'send in_1',
    ]);
  });

  it('replays after a crash mid-call and makes exactly one invoice', async () => {
    // The worker dies just after Stripe added the first line, before anything was recorded.
    const { record, died } = await runWithCrash(
      world(),
      callFlow('stripe.invoice.create', invoiceInput),
      (kill) => (stripe.onApplied = (what) => what.startsWith('item ') && kill()),
      { lines },
    );
    expect(died).toBe(true);
    expect(record.status).toBe('succeeded');
    expect(stripe.effects).toEqual([
      'invoice in_1',
      'item ii_2',
      'item ii_3',
      'finalize in_1',
      'send in_1',
    ]);
    expect(stripe.seen(/^POST \/v1\/invoices$/)).toHaveLength(2);
    expect(stripe.sent).toEqual(['in_1']);
  });

  it('surfaces a key reused with other parameters as such, with no second effect', async () => {
    const again = serverEngine(world());
    // The node's own key, reused by a second run with other lines.
    const collide = callFlow('stripe.invoice.create', invoiceInput);
    const keyed = {
      ...collide,
      nodes: collide.nodes.map((n) =>
        n.id === 'call' ? { ...n, data: { ...n.data, idempotencyKey: 'fixed-key' } } : n,
      ),
    };
    await (
      await again.start(keyed, { lines })
    ).done;
    const before = stripe.effects.length;
    // Another ledger (another workspace, or one restored from an old backup) reusing the key.
    const elsewhere = serverEngine({ ...world(), store: new MemoryStore() });
    const refused = await (
      await elsewhere.start(keyed, {
        lines: [{ description: 'Changed', quantity: 3, unitPrice: 5 }],
      })
    ).done;
    expect(refused.status).toBe('failed');
    expect(refused.error?.message).toMatch(
      /^Stripe refused a repeated request with different parameters under the same idempotency key; nothing was done twice/,
    );
    expect(stripe.effects.length).toBe(before);
  });

  it('voids the invoice exactly once when a later step fails', async () => {
    stripe.failNext(/^\/v1\/customers$/, 400);
    const doc = callFlow('stripe.invoice.create', invoiceInput, {
      then: { capability: 'stripe.customer.findOrCreate', input: { email: 'x@initech.test' } },
    });
    const engine = serverEngine(world());
    const record = await (await engine.start(doc, { lines })).done;
    expect(record.status).toBe('compensated');
    expect(stripe.count('void')).toBe(1);
    expect(stripe.invoices.get('in_1')?.status).toBe('void');
    const voids = stripe.seen(/\/void$/);
    expect(voids.map((r) => r.headers['idempotency-key'])).toEqual([
      `compensate:${record.id}/call/1`,
    ]);
    const rolled = await engine.rollback(record.id);
    expect(rolled.status).toBe('compensated');
    expect(stripe.seen(/\/void$/)).toHaveLength(1);
  });
});
