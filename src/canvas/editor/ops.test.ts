import { describe, expect, it } from 'vitest';
import { copyNodes, parseClip, pasteClip } from './clipboard.ts';
import { checkConnection } from './connect.ts';
import { addNode, emptyFlow, moveNodes, removeElements, setCapabilitySecret } from './ops.ts';
import { freeSpot } from './placement.ts';

function sample() {
  let flow = emptyFlow('f', 'F');
  for (const [kind, x] of [
    ['start', 0],
    ['agent', 300],
    ['approval', 600],
  ] as const) {
    flow = addNode(flow, kind, { x, y: 0 }).flow;
  }
  return flow;
}

describe('checkConnection', () => {
  it('accepts output to input and names the edge after its ends', () => {
    const check = checkConnection(sample(), {
      source: 'start-1',
      sourceHandle: 'out',
      target: 'agent-1',
      targetHandle: 'in',
    });
    expect(check).toEqual({
      ok: true,
      edge: {
        id: 'start-1.out->agent-1.in',
        source: 'start-1',
        sourceHandle: 'out',
        target: 'agent-1',
        targetHandle: 'in',
      },
    });
  });

  it('refuses a second edge from one output, a self-loop, and unknown handles, saying why', () => {
    const flow = sample();
    const first = checkConnection(flow, {
      source: 'start-1',
      sourceHandle: 'out',
      target: 'agent-1',
      targetHandle: 'in',
    });
    if (!first.ok) throw new Error(first.reason);
    const wired = { ...flow, edges: [first.edge] };
    const again = checkConnection(wired, {
      source: 'start-1',
      sourceHandle: 'out',
      target: 'approval-1',
      targetHandle: 'in',
    });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.reason).toContain('already leads to "agent-1"');
    expect(
      checkConnection(flow, {
        source: 'agent-1',
        sourceHandle: 'out',
        target: 'agent-1',
        targetHandle: 'in',
      }),
    ).toMatchObject({ ok: false });
    expect(
      checkConnection(flow, {
        source: 'agent-1',
        sourceHandle: 'nope',
        target: 'approval-1',
        targetHandle: 'in',
      }),
    ).toMatchObject({ ok: false });
  });
});

describe('edits', () => {
  it('removing a node removes its edges; moving keeps unmoved nodes shared', () => {
    const flow = sample();
    const first = checkConnection(flow, {
      source: 'start-1',
      sourceHandle: 'out',
      target: 'agent-1',
      targetHandle: 'in',
    });
    if (!first.ok) throw new Error(first.reason);
    const wired = { ...flow, edges: [first.edge] };
    expect(removeElements(wired, new Set(['agent-1']), new Set()).edges).toEqual([]);
    const moved = moveNodes(wired, new Map([['agent-1', { x: 5, y: 5 }]]));
    expect(moved.nodes[0]).toBe(wired.nodes[0]);
    expect(moved.nodes[1]?.position).toEqual({ x: 5, y: 5 });
  });

  it('copy and paste renames nodes, keeps inner edges, and survives the clipboard as text', () => {
    const flow = sample();
    const first = checkConnection(flow, {
      source: 'agent-1',
      sourceHandle: 'out',
      target: 'approval-1',
      targetHandle: 'in',
    });
    if (!first.ok) throw new Error(first.reason);
    const wired = { ...flow, edges: [first.edge] };
    const clip = parseClip(JSON.stringify(copyNodes(wired, new Set(['agent-1', 'approval-1']))));
    if (!clip) throw new Error('clip did not parse');
    const pasted = pasteClip(wired, clip, { x: 40, y: 40 });
    expect(pasted.ids).toEqual(['agent-2', 'approval-2']);
    expect(pasted.flow.edges.map((e) => e.id)).toContain('agent-2.out->approval-2.in');
    expect(pasted.flow.nodes.find((n) => n.id === 'agent-2')?.position).toEqual({ x: 340, y: 40 });
    expect(parseClip('{"nodes": []}')).toBeUndefined();
  });

  it('sets and clears the secret of a flow capability, keeping its scheme', () => {
    const own = {
      id: 'acme.notes',
      title: 'Notes',
      description: '',
      sideEffect: 'write' as const,
      method: 'POST' as const,
      url: 'https://notes.example/api',
      headers: {},
      auth: { secret: 'OLD_KEY', scheme: 'header' as const, header: 'x-api-key' },
      input: [],
      output: [],
      retryOn: [],
    };
    const { auth: _none, ...bare } = own;
    const flow = { ...sample(), capabilities: [own, { ...bare, id: 'acme.other' }] };
    const renamed = setCapabilitySecret(flow, 'acme.notes', 'NEW_KEY');
    expect(renamed.capabilities[0]?.auth).toEqual({ ...own.auth, secret: 'NEW_KEY' });
    expect(renamed.capabilities[1]).toBe(flow.capabilities[1]);
    expect(setCapabilitySecret(flow, 'acme.other', 'KEY').capabilities[1]?.auth).toEqual({
      secret: 'KEY',
      scheme: 'bearer',
    });
    expect(setCapabilitySecret(flow, 'acme.notes', undefined).capabilities[0]).not.toHaveProperty(
      'auth',
    );
  });

  it('places clicked-in nodes where no card is', () => {
    expect(freeSpot([{ position: { x: 0, y: 0 } }], { x: 10, y: 10 })).toEqual({ x: 10, y: 150 });
    expect(freeSpot([], { x: 3.4, y: 4.6 })).toEqual({ x: 3, y: 5 });
  });
});
