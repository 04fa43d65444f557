import { parse } from 'qs';
import { IdempotencyStore, LoopbackStandIn, type Reply, type Seen } from './server.ts';

type Params = Record<string, unknown>;

interface Invoice {
  id: string;
  object: 'invoice';
  customer: string;
  currency: string;
  status: 'draft' | 'open' | 'void';
  collection_method: string;
  days_until_due: number | null;
  auto_advance: boolean;
  metadata: Params;
  total: number;
  amount_due: number;
  number: string | null;
  hosted_invoice_url: string | null;
  lines: { object: 'list'; data: Params[] };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Stripe's API as documented (https://docs.stripe.com/api): bearer secret key, form-encoded
 * bodies with bracketed keys, errors as `{ error: { type, code?, message, param? } }`, and
 * `Idempotency-Key` on POSTs: the first answer is kept and replayed (with `Idempotent-Replayed`),
 * the same key with other parameters or another endpoint is a 400 `idempotency_error`.
 * Customers, invoices and invoice items, with the invoice states draft → open → void.
 */
export class StripeStandIn extends LoopbackStandIn {
  readonly customers: Params[] = [];
  readonly invoices = new Map<string, Invoice>();
  /** Every effect applied, in order (`invoice in_1`, `item ii_1`, `finalize in_1`, …). */
  readonly effects: string[] = [];
  /** Invoices emailed, by id. */
  readonly sent: string[] = [];
  private readonly keys = new IdempotencyStore();
  private ids = 0;

  constructor(readonly secretKey: string) {
    super();
  }

  /** The effects applied whose kind is `kind` (`invoice`, `item`, `finalize`, `send`, `void`, `customer`). */
  count(kind: string): number {
    return this.effects.filter((e) => e.startsWith(`${kind} `)).length;
  }

  protected errorBody(status: number, message: string): unknown {
    const type =
      status === 429
        ? 'invalid_request_error'
        : status >= 500
          ? 'api_error'
          : 'invalid_request_error';
    return { error: { type, ...(status === 429 ? { code: 'rate_limit' } : {}), message } };
  }

  private error(status: number, message: string, more: Params = {}): Reply {
    return {
      status,
      body: { error: { type: 'invalid_request_error', message, ...more } },
    };
  }

  protected answer(seen: Seen): Reply {
    const auth = seen.headers.authorization;
    if (!auth)
      return this.error(
        401,
        'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.',
      );
    const given = auth.replace(/^Bearer /, '');
    if (given !== this.secretKey)
      // Stripe names the key it refused by its last four characters only.
      return this.error(
        401,
        `Invalid API Key provided: ${given.slice(0, 8)}****${given.slice(-4)}`,
      );
    if (seen.method === 'GET') return this.read(seen);
    if (seen.text.length > 0 && seen.type !== 'application/x-www-form-urlencoded')
      return this.error(400, `Invalid request: the body must be form-encoded, not ${seen.type}`);
    const params = parse(seen.text) as Params;
    const key = seen.headers['idempotency-key'];
    if (typeof key !== 'string') return this.write(seen.path, params);
    const fingerprint = JSON.stringify([seen.method, seen.path, params]);
    const kept = this.keys.lookup(key, fingerprint);
    if (kept && 'conflict' in kept)
      return this.error(
        400,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        { type: 'idempotency_error' },
      );
    if (kept)
      return { ...kept.replay, headers: { ...kept.replay.headers, 'Idempotent-Replayed': 'true' } };
    const reply = this.write(seen.path, params);
    this.keys.keep(key, fingerprint, reply);
    return reply;
  }

  private read(seen: Seen): Reply {
    if (seen.path === '/v1/customers') {
      const email = seen.query.get('email');
      const limit = Number(seen.query.get('limit') ?? 10);
      const data = this.customers.filter((c) => email === null || c['email'] === email);
      return {
        status: 200,
        body: {
          object: 'list',
          data: data.slice(0, limit),
          has_more: data.length > limit,
          url: '/v1/customers',
        },
      };
    }
    return this.error(404, `Unrecognized request URL (GET: ${seen.path}).`);
  }

  private write(path: string, params: Params): Reply {
    if (path === '/v1/customers') {
      const customer = {
        id: `cus_${++this.ids}`,
        object: 'customer',
        email: params['email'] ?? null,
        name: params['name'] ?? null,
      };
      this.customers.push(customer);
      return this.done(`customer ${customer.id}`, customer);
    }
    if (path === '/v1/invoices') return this.createInvoice(params);
    if (path === '/v1/invoiceitems') return this.createItem(params);
    const action = /^\/v1\/invoices\/([^/]+)\/(finalize|send|void)$/.exec(path);
    const invoice = action ? this.invoices.get(decodeURIComponent(action[1]!)) : undefined;
    if (action && !invoice)
      return this.error(404, `No such invoice: '${action[1]}'`, {
        code: 'resource_missing',
        param: 'invoice',
      });
    if (action && invoice) return this.act(invoice, action[2]!);
    return this.error(404, `Unrecognized request URL (POST: ${path}).`);
  }

  private done(effect: string, body: unknown): Reply {
    this.effects.push(effect);
    this.applied(effect);
    return { status: 200, body: structuredClone(body) };
  }

  private createInvoice(params: Params): Reply {
    const customer = str(params['customer']);
    if (!customer || !this.customers.some((c) => c['id'] === customer))
      return this.error(400, `No such customer: '${customer ?? ''}'`, {
        code: 'resource_missing',
        param: 'customer',
      });
    const method = str(params['collection_method']) ?? 'charge_automatically';
    if (
      method === 'send_invoice' &&
      params['days_until_due'] === undefined &&
      params['due_date'] === undefined
    )
      return this.error(
        400,
        'Invoices with `collection_method=send_invoice` need `days_until_due` or `due_date`.',
        { param: 'days_until_due' },
      );
    const invoice: Invoice = {
      id: `in_${++this.ids}`,
      object: 'invoice',
      customer,
      currency: str(params['currency']) ?? 'usd',
      status: 'draft',
      collection_method: method,
      days_until_due:
        params['days_until_due'] === undefined ? null : Number(params['days_until_due']),
      auto_advance: params['auto_advance'] === 'true',
      metadata: (params['metadata'] as Params | undefined) ?? {},
      total: 0,
      amount_due: 0,
      number: null,
      hosted_invoice_url: null,
      lines: { object: 'list', data: [] },
    };
    this.invoices.set(invoice.id, invoice);
    return this.done(`invoice ${invoice.id}`, invoice);
  }

  private createItem(params: Params): Reply {
    const invoice = this.invoices.get(str(params['invoice']) ?? '');
    if (!invoice)
      return this.error(400, `No such invoice: '${str(params['invoice']) ?? ''}'`, {
        code: 'resource_missing',
        param: 'invoice',
      });
    if (invoice.status !== 'draft')
      return this.error(
        400,
        `You can only add invoice items to draft invoices; ${invoice.id} is ${invoice.status}.`,
        { code: 'invoice_not_editable' },
      );
    if (params['customer'] !== invoice.customer)
      return this.error(400, 'The invoice item must be for the customer of its invoice.', {
        param: 'customer',
      });
    const quantity = Number(params['quantity'] ?? 1);
    const unit = Number(params['unit_amount_decimal']);
    if (!Number.isInteger(quantity) || quantity < 0)
      return this.error(400, 'Invalid integer: quantity', { param: 'quantity' });
    if (!Number.isFinite(unit))
      return this.error(400, 'Invalid decimal: unit_amount_decimal', {
        param: 'unit_amount_decimal',
      });
    const amount = Math.round(quantity * unit);
    const item = {
      id: `ii_${++this.ids}`,
      object: 'invoiceitem',
      invoice: invoice.id,
      customer: invoice.customer,
      currency: params['currency'],
      description: params['description'] ?? null,
      quantity,
      amount,
    };
    invoice.lines.data.push(item);
    invoice.total += amount;
    invoice.amount_due += amount;
    return this.done(`item ${item.id}`, item);
  }

  private act(invoice: Invoice, action: string): Reply {
    if (action === 'finalize') {
      if (invoice.status !== 'draft')
        return this.error(
          400,
          "This invoice is already finalized, you can't re-finalize a non-draft invoice.",
        );
      invoice.status = 'open';
      invoice.number = `AIOS-${String(this.invoices.size).padStart(4, '0')}`;
      invoice.hosted_invoice_url = `https://invoice.stripe.com/i/test_${invoice.id}`;
      return this.done(`finalize ${invoice.id}`, invoice);
    }
    if (action === 'send') {
      if (invoice.status !== 'open' || invoice.collection_method !== 'send_invoice')
        return this.error(
          400,
          `You can only manually send an invoice if its collection method is 'send_invoice' and it is open; ${invoice.id} is ${invoice.status}.`,
        );
      this.sent.push(invoice.id);
      return this.done(`send ${invoice.id}`, invoice);
    }
    if (invoice.status !== 'open')
      return this.error(
        400,
        `You can only void an open or uncollectible invoice; ${invoice.id} is ${invoice.status}.`,
      );
    invoice.status = 'void';
    return this.done(`void ${invoice.id}`, invoice);
  }
}
