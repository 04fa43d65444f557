import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateFlow, type Flow } from '../../src/flow/index.ts';
import { catalog } from '../../src/nodes/index.ts';

/**
 * A flow of `steps` CRM activity logs in a chain (each an effect the remote dedupes by
 * Idempotency-Key), with an approval after the first when `approval` is set.
 */
export function chainFlow(
  id: string,
  steps: number,
  approval = false,
  triggers?: readonly unknown[],
): Flow {
  const at = (i: number) => ({ x: i * 200, y: 0 });
  const nodes: unknown[] = [
    {
      id: 'start',
      type: 'start',
      position: at(0),
      data: {
        version: 1,
        label: 'Start',
        inputs: [{ name: 'contact', type: 'text', required: true, description: '' }],
        ...(triggers ? { triggers } : {}),
      },
    },
  ];
  const edges: unknown[] = [];
  let previous = 'start';
  let handle = 'out';
  const link = (target: string) => {
    edges.push({
      id: `${previous}.${handle}->${target}.in`,
      source: previous,
      sourceHandle: handle,
      target,
      targetHandle: 'in',
    });
    previous = target;
    handle = 'out';
  };
  for (let i = 1; i <= steps; i++) {
    const node = `log${i}`;
    nodes.push({
      id: node,
      type: 'capability',
      position: at(i),
      data: {
        version: 1,
        label: `Log ${i}`,
        capability: 'crm.logActivity',
        input: { contact: '{{ run.input.contact }}', type: 'note', text: `step ${i}` },
      },
    });
    link(node);
    if (approval && i === 1) {
      nodes.push({
        id: 'review',
        type: 'approval',
        position: at(i),
        data: {
          version: 1,
          label: 'Review',
          title: 'Go on?',
          subject: '$',
          preview: 'Carry on',
          allowEdit: false,
          onTimeout: 'hold',
        },
      });
      link('review');
      handle = 'approved';
    }
  }
  nodes.push({
    id: 'done',
    type: 'output',
    position: at(steps + 1),
    data: { version: 1, label: 'Done', value: `$nodes.log${steps}`, status: 'succeeded' },
  });
  link('done');
  const checked = validateFlow(
    { schemaVersion: 1, id, name: `Chain ${id}`, nodes, edges },
    catalog,
  );
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return checked.flow;
}

/**
 * Start, `invoices` invoices for customers `<tag>-1…` (`invoice.create`, undone by
 * `invoice.void`), then a CRM log the remote refuses: the run fails and is compensated, its
 * invoices voided newest first.
 */
export function invoicesThenRefusedFlow(id: string, invoices: number): Flow {
  const nodes: unknown[] = [
    {
      id: 'start',
      type: 'start',
      position: { x: 0, y: 0 },
      data: {
        version: 1,
        label: 'Start',
        inputs: [
          { name: 'tag', type: 'text', required: true, description: '' },
          { name: 'lines', type: 'list', required: true, description: '' },
        ],
      },
    },
  ];
  const edges: unknown[] = [];
  let previous = 'start';
  const add = (node: string, type: string, data: Record<string, unknown>) => {
    nodes.push({ id: node, type, position: { x: nodes.length * 200, y: 0 }, data });
    edges.push({
      id: `${previous}->${node}`,
      source: previous,
      sourceHandle: 'out',
      target: node,
      targetHandle: 'in',
    });
    previous = node;
  };
  for (let i = 1; i <= invoices; i++)
    add(`invoice${i}`, 'capability', {
      version: 1,
      label: `Invoice ${i}`,
      capability: 'invoice.create',
      input: {
        customer: `{{ run.input.tag }}-${i}`,
        currency: 'EUR',
        lines: '{{ run.input.lines }}',
      },
    });
  add('refused', 'capability', {
    version: 1,
    label: 'Refused',
    capability: 'crm.logActivity',
    input: { contact: 'refused', type: 'note', text: 'never logged' },
  });
  add('done', 'output', { version: 1, label: 'Done', value: "'never'", status: 'succeeded' });
  const checked = validateFlow(
    {
      schemaVersion: 1,
      id,
      name: `Invoices ${id}`,
      nodes,
      edges,
      // Money may move without asking: this flow is about undoing it.
      policies: { rules: [{ id: 'bill', sideEffect: 'money', decision: 'allow' }] },
    },
    catalog,
  );
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return checked.flow;
}

/**
 * Start, one `http.request` POST of the run's `payload` to `url` (no idempotency: the remote cannot
 * dedupe), output.
 */
export function plainFlow(id: string, url: string): Flow {
  const checked = validateFlow(
    {
      schemaVersion: 1,
      id,
      name: `Plain ${id}`,
      nodes: [
        {
          id: 'start',
          type: 'start',
          position: { x: 0, y: 0 },
          data: { version: 1, label: 'Start', inputs: [] },
        },
        {
          id: 'call',
          type: 'capability',
          position: { x: 200, y: 0 },
          data: {
            version: 1,
            label: 'Call',
            capability: 'http.request',
            input: { method: 'POST', url, body: '{{ run.input.payload }}' },
          },
        },
        {
          id: 'done',
          type: 'output',
          position: { x: 400, y: 0 },
          data: { version: 1, label: 'Done', value: '$nodes.call', status: 'succeeded' },
        },
      ],
      edges: [
        { id: 'a', source: 'start', sourceHandle: 'out', target: 'call', targetHandle: 'in' },
        { id: 'b', source: 'call', sourceHandle: 'out', target: 'done', targetHandle: 'in' },
      ],
    },
    catalog,
  );
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return checked.flow;
}

/**
 * A CRM and billing stand-in on 127.0.0.1 that dedupes on `Idempotency-Key` as Stripe-style APIs
 * do: a repeated key gets the first answer and applies nothing. It counts applications per key,
 * and `onApply` lets a test act the moment an effect is applied, before its answer is sent.
 * Billing: `POST /billing/invoices` and `POST /billing/invoices/:id/void`; the CRM refuses (400)
 * an activity for the contact `refused`.
 */
export class CountingRemote {
  readonly applied = new Map<string, number>();
  /** Voids applied, per invoice id. */
  readonly voided = new Map<string, number>();
  readonly requests: string[] = [];
  onApply: (key: string) => Promise<void> | void = () => undefined;
  delayMs = 0;
  url = '';
  private readonly answers = new Map<string, string>();
  private readonly server = createServer((req, res) => {
    void this.handle(req).then(
      ([status, body]) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      },
      () => res.destroy(),
    );
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<[number, string]> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const key = req.headers['idempotency-key'];
    if (req.url === '/plain') {
      // An API that cannot dedupe: every request is applied.
      const { text } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: unknown };
      const name = `plain:${String(text)}`;
      this.requests.push(name);
      this.applied.set(name, (this.applied.get(name) ?? 0) + 1);
      await this.onApply(name);
      return [200, JSON.stringify({ done: String(text) })];
    }
    const billing = /^\/billing\/invoices(?:\/([^/]+)\/void)?$/.exec(req.url ?? '');
    if ((req.url !== '/crm/activities' && !billing) || typeof key !== 'string')
      return [400, JSON.stringify({ error: { message: 'POST /crm/activities with a key' } })];
    this.requests.push(key);
    const known = this.answers.get(key);
    if (known) return [201, known];
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    if (body['contact'] === 'refused')
      return [400, JSON.stringify({ error: { message: 'this contact takes no activities' } })];
    // Named after what was asked, so runs of one flow and input get the same answers.
    const voided = billing?.[1];
    const answer = JSON.stringify(
      voided
        ? { id: decodeURIComponent(voided), status: 'void' }
        : billing
          ? { id: `inv_${String(body['customer'])}`, total: 100 }
          : { id: `act_${String(body['contact'])}_${String(body['text'])}` },
    );
    this.answers.set(key, answer);
    this.applied.set(key, (this.applied.get(key) ?? 0) + 1);
    if (voided) this.voided.set(voided, (this.voided.get(voided) ?? 0) + 1);
    await this.onApply(key);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return [201, answer];
  }
}
