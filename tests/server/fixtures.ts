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
 * A CRM stand-in on 127.0.0.1 that dedupes on `Idempotency-Key` as Stripe-style APIs do: a
 * repeated key gets the first answer and applies nothing. It counts applications per key, and
 * `onApply` lets a test act the moment an effect is applied, before its answer is sent.
 */
export class CountingRemote {
  readonly applied = new Map<string, number>();
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
    if (req.url !== '/crm/activities' || typeof key !== 'string')
      return [400, JSON.stringify({ error: { message: 'POST /crm/activities with a key' } })];
    this.requests.push(key);
    const known = this.answers.get(key);
    if (known) return [201, known];
    // Named after what was logged, so runs of one flow and input get the same answers.
    const { contact, text } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<
      string,
      unknown
    >;
    const answer = JSON.stringify({ id: `act_${String(contact)}_${String(text)}` });
    this.answers.set(key, answer);
    this.applied.set(key, (this.applied.get(key) ?? 0) + 1);
    await this.onApply(key);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return [201, answer];
  }
}
