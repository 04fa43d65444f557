import { describe, expect, it } from 'vitest';
import { formatReport, importForeign } from '../../../src/import/index.ts';
import { fixture, load } from './helpers.ts';

describe('the n8n importer', () => {
  it('maps triggers into the Start node, merging several', async () => {
    const { byId, report } = await load('n8n-orders.json');
    expect(byId('webhook')).toMatchObject({
      type: 'start',
      data: {
        triggers: [
          { type: 'webhook', secret: 'WEBHOOK_SECRET', auth: 'hmac-sha256' },
          { type: 'schedule', cron: '0 9 * * 1', timezone: 'UTC' },
        ],
      },
    });
    expect(report.notes.join(' ')).toContain('2 triggers became one Start node');
  });

  it('turns an HTTP Request into a capability of the flow, naming its credential only', async () => {
    const { byId, flow, report } = await load('n8n-orders.json');
    expect(byId('fetch-order').data).toMatchObject({
      capability: 'imported.fetchOrder',
      input: { url: '{{ input.callback }}', body: '{ "order": "{{ input.id }}" }' },
    });
    expect(flow.capabilities[0]).toMatchObject({
      id: 'imported.fetchOrder',
      method: 'POST',
      url: '{{ input.url }}',
      headers: { 'X-Shop': 'acme' },
      auth: { secret: 'SHOP_API_KEY' },
    });
    expect(report.credentials).toContainEqual({
      original: 'Fetch order',
      type: 'httpHeaderAuth',
      name: 'Shop API key',
      secret: 'SHOP_API_KEY',
    });
  });

  it('maps IF to a condition, Set to a transform, Code to code, the agent with its model and prompt', async () => {
    const { byId, edges } = await load('n8n-orders.json');
    expect(byId('big-order').data['branches']).toEqual([
      { id: 'yes', label: 'True', when: '(body.total > 100)' },
    ]);
    expect(edges).toEqual(
      expect.arrayContaining(['big-order.yes-edit-fields.in', 'big-order.else-wait.in']),
    );
    expect(byId('edit-fields').data['expression']).toBe(
      '{ "customer": $nodes.`fetch-order`.body.email, "vip": true }',
    );
    expect(byId('code')).toMatchObject({ type: 'code' });
    expect(String(byId('code').data['source'])).toContain('return [{ json: { total } }];');
    expect(byId('ai-agent').data).toMatchObject({
      prompt: 'Write a thank-you note to {{ input.customer }}',
      role: 'You write short notes.',
      model: { name: 'gpt-4o-mini' },
    });
    expect(byId('send-email').data).toMatchObject({
      capability: 'email.send',
      input: { to: '{{ nodes["edit-fields"].customer }}', subject: 'Thank you' },
    });
    expect(byId('wait').type).toBe('approval');
  });

  it('keeps a node with no counterpart as a placeholder that fails validation and is listed', async () => {
    const { byId, report, result } = await load('n8n-orders.json');
    const slack = byId('slack');
    expect(slack).toMatchObject({
      type: 'placeholder',
      data: { originalType: 'n8n-nodes-base.slack', parameters: { channel: '#sales' } },
    });
    expect(result.ok && result.valid).toBe(false);
    expect(report.issues).toHaveLength(1);
    expect(report.issues[0]).toMatchObject({ nodeId: 'slack' });
    expect(report.issues[0]?.message).toContain('(n8n-nodes-base.slack), which has no counterpart');
    expect(report.entries.find((e) => e.original === 'Sticky Note')?.outcome).toBe('not-carried');
  });

  it('keeps positions, scaled', async () => {
    const { byId } = await load('n8n-orders.json');
    expect(byId('fetch-order').position).toEqual({ x: 286, y: 0 });
    expect(byId('edit-fields').position).toEqual({ x: 858, y: -130 });
  });

  it('keeps an expression it cannot translate verbatim, marked, flagged and failing validation', async () => {
    const { byId, report } = await load('n8n-untranslated.json');
    const expression = String(byId('edit-fields').data['expression']);
    expect(expression).toContain('⚠ untranslated n8n: {{ $json.name.toUpperCase() }}');
    expect(report.expressions).toContainEqual({
      nodeId: 'edit-fields',
      field: 'assignments.loud',
      original: '{{ $json.name.toUpperCase() }}',
    });
    expect(report.issues.some((i) => i.nodeId === 'edit-fields')).toBe(true);
    expect(formatReport(report)).toContain('Expressions kept verbatim');
  });
});

describe('an n8n file without positions', () => {
  it('is laid out with ELK, left to right, no two nodes in one place', async () => {
    const file = JSON.parse(fixture('n8n-greet-contact.json')) as {
      nodes: { position?: unknown }[];
    };
    for (const n of file.nodes) delete n.position;
    const result = await importForeign(JSON.stringify(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const nodes = result.flow['nodes'] as { id: string; position: { x: number; y: number } }[];
    const places = new Set(nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(places.size).toBe(nodes.length);
    const x = (id: string) => nodes.find((n) => n.id === id)?.position.x ?? NaN;
    expect(x('look-up-contact')).toBeLessThan(x('known'));
    expect(x('known')).toBeLessThan(x('greeting'));
    expect(result.report.notes.join(' ')).toContain('laid out anew');
  });
});

describe('the other n8n mappings', () => {
  it('maps loops with their back edges, Switch with its fallback, Merge after a fan-out, sub-workflows, Gmail, send-and-wait and responses', async () => {
    const { byId, edges, result } = await load('n8n-mappings.json');
    expect(result.ok && result.valid).toBe(true);
    expect(byId('loop-over-items')).toMatchObject({ type: 'loop', data: { mode: 'map' } });
    expect(byId('switch').data['branches']).toEqual([
      { id: 'r1', label: 'Kind A', when: '(kind = "a")' },
    ]);
    expect(byId('run-sub-workflow').type).toBe('subflow');
    expect(byId('legacy-function').type).toBe('code');
    expect(byId('gmail').data).toMatchObject({
      capability: 'email.send',
      input: { to: '{{ input.owner }}', subject: 'Started', body: 'The batch started.' },
    });
    expect(byId('merge')).toMatchObject({ type: 'join', data: { mode: 'all' } });
    expect(byId('ask-manager')).toMatchObject({
      type: 'approval',
      data: { preview: 'Approve {{ input.kind }}?' },
    });
    expect(byId('respond').type).toBe('output');
    expect(byId('manual-fan').type).toBe('parallel');
    expect(edges).toEqual(
      expect.arrayContaining([
        'loop-over-items.done-merge.in',
        'loop-over-items.body-switch.in',
        'switch.else-legacy-function.in',
        'run-sub-workflow.out-loop-over-items.again',
        'legacy-function.out-loop-over-items.again',
        'manual-fan.b2-gmail.in',
        'ask-manager.approved-respond.in',
      ]),
    );
  });
});
