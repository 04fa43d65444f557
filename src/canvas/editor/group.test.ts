import { describe, expect, it } from 'vitest';
import { validateFlow, type Flow } from '../../flow/index.ts';
import { catalog } from '../../nodes/index.ts';
import { chain, flow as build, link, mapLoop, node } from '../../../tests/unit/build.ts';
import { groupSelection, type Grouped } from './group.ts';

const options = { childId: 'child', childName: 'Chain · group' };
const group = (flow: Flow, ids: string[]) => groupSelection(flow, new Set(ids), options);

function grouped(result: Grouped) {
  if (!result.ok) throw new Error(result.reason);
  return result;
}
const refusal = (result: Grouped) => (result.ok ? 'grouped' : result.reason);
const wires = (flow: Flow) =>
  flow.edges.map((e) => `${e.source}.${e.sourceHandle}>${e.target}.${e.targetHandle}`).sort();
const errors = (flow: Flow) =>
  validateFlow(flow, catalog).issues.filter((i) => i.severity === 'error');

/** s → t → c(yes|else) → a | b → j(transform) ← both → o */
function diamond(extra: { a?: Record<string, unknown>; j?: Record<string, unknown> } = {}) {
  return build(
    'diamond',
    [
      node('s', 'start'),
      node('c', 'condition', { branches: [{ id: 'yes', label: 'Yes', when: 'true' }] }),
      node('a', 'transform', { expression: '1', ...extra.a }),
      node('b', 'transform', { expression: '2' }),
      node('m', 'transform', { expression: '$', ...extra.j }),
      node('o', 'output'),
    ],
    [
      link('s', 'c'),
      link('c', 'a', 'yes'),
      link('c', 'b', 'else'),
      link('a', 'm'),
      link('b', 'm'),
      link('m', 'o'),
    ],
  );
}

const looped = () => mapLoop('$loop.item');

describe('groupSelection', () => {
  it('moves a chain into a subflow between its own Start and Output, wired where it was', () => {
    const flow = chain(3);
    const { parent, child, nodeId } = grouped(group(flow, ['t0', 't1']));
    expect(nodeId).toBe('subflow-1');
    expect(wires(parent)).toEqual(
      ['s.out>subflow-1.in', 'subflow-1.out>t2.in', 't2.out>o.in'].sort(),
    );
    expect(parent.nodes.find((n) => n.id === nodeId)?.data).toMatchObject({
      flow: 'child',
      input: '$',
      label: 'Chain · group',
    });
    expect(child).toMatchObject({ id: 'child', name: 'Chain · group' });
    expect(child.nodes.map((n) => n.type)).toEqual(['start', 'transform', 'transform', 'output']);
    expect(wires(child)).toEqual(['start-1.out>t0.in', 't0.out>t1.in', 't1.out>output-1.in']);
    expect(child.nodes.find((n) => n.id === 't0')?.data).toEqual(
      flow.nodes.find((n) => n.id === 't0')?.data,
    );
    expect(errors(parent)).toEqual([]);
    expect(errors(child)).toEqual([]);
  });

  it('puts the subflow node at the centre of the selection, measured sizes included', () => {
    const flow = chain(2);
    const at = (id: string, x: number, y: number) =>
      flow.nodes.map((n) => (n.id === id ? { ...n, position: { x, y } } : n));
    const placed = { ...flow, nodes: at('t0', 100, 0) };
    const moved = {
      ...placed,
      nodes: placed.nodes.map((n) => (n.id === 't1' ? { ...n, position: { x: 500, y: 200 } } : n)),
    };
    const sizes = new Map([
      ['t0', { width: 200, height: 100 }],
      ['t1', { width: 200, height: 100 }],
    ]);
    const { parent, nodeId } = grouped(
      groupSelection(moved, new Set(['t0', 't1']), { ...options, sizes }),
    );
    // Selection spans x 100–700 and y 0–300; a 230×90 card centred there.
    expect(parent.nodes.find((n) => n.id === nodeId)?.position).toEqual({ x: 285, y: 105 });
  });

  it('keeps several edges into the same handle, and gives the exit id to the subflow when read outside', () => {
    const flow = diamond({ j: { expression: '$nodes.m' } });
    const withReader = build(
      'reader',
      [
        ...flow.nodes.filter((n) => n.id !== 'o'),
        node('r', 'transform', { expression: '$nodes.m' }),
        node('o', 'output'),
      ],
      [...flow.edges.filter((e) => e.target !== 'o'), link('m', 'r'), link('r', 'o')],
    );
    const { parent, nodeId } = grouped(group(withReader, ['m']));
    expect(nodeId).toBe('m');
    expect(parent.nodes.find((n) => n.id === 'm')?.type).toBe('subflow');
    expect(wires(parent)).toEqual(
      [
        'a.out>m.in',
        'b.out>m.in',
        'c.else>b.in',
        'c.yes>a.in',
        'm.out>r.in',
        'r.out>o.in',
        's.out>c.in',
      ].sort(),
    );
  });

  it('carries the capabilities and policy rules the grouped nodes need, and the budgets', () => {
    const capability = (id: string, extra = {}) => ({
      id,
      title: id,
      sideEffect: 'write',
      url: 'https://example.test/x',
      ...extra,
    });
    const flow = build(
      'caps',
      [
        node('s', 'start'),
        node('call', 'capability', { capability: 'acme.open' }),
        node('other', 'capability', { capability: 'acme.other' }),
        node('o', 'output'),
      ],
      [link('s', 'call'), link('call', 'other'), link('other', 'o')],
      {
        capabilities: [
          capability('acme.open', { compensate: 'acme.close' }),
          capability('acme.close'),
          capability('acme.other'),
        ],
        policies: {
          rules: [
            { id: 'open', capability: 'acme.open', decision: 'approve' },
            { id: 'other', capability: 'acme.other', decision: 'deny' },
            { id: 'writes', sideEffect: 'write', decision: 'allow' },
          ],
          budgets: { money: 100 },
        },
      },
    );
    const { child, parent } = grouped(group(flow, ['call']));
    expect(child.capabilities.map((c) => c.id)).toEqual(['acme.open', 'acme.close']);
    expect(child.policies.rules.map((r) => r.id)).toEqual(['open', 'writes']);
    expect(child.policies.budgets).toEqual({ money: 100 });
    expect(parent.capabilities).toEqual(flow.capabilities);
  });

  it('ends the subflow where its nodes end when nothing leads out, without an Output', () => {
    const flow = build(
      'open-end',
      [node('s', 'start'), node('t', 'transform'), node('u', 'transform')],
      [link('s', 't'), link('t', 'u')],
    );
    const { child, parent } = grouped(group(flow, ['t', 'u']));
    expect(child.nodes.map((n) => n.type)).toEqual(['start', 'transform', 'transform']);
    expect(wires(parent)).toEqual(['s.out>subflow-1.in']);
  });

  it('lets nodes entered straight from Start keep reading run.input as it is', () => {
    const flow = chain(2, { expression: () => '$run.input.x' });
    const { child, parent, nodeId } = grouped(group(flow, ['t0', 't1']));
    expect(child.nodes.map((n) => n.id)).toEqual(['start-1', 't0', 't1', 'output-1']);
    expect(child.nodes[1]?.data['expression']).toBe('$run.input.x');
    expect(parent.nodes.find((n) => n.id === nodeId)?.data['input']).toBe('$');
  });

  it('carries what the group reads from the run around it in the subflow input', () => {
    const flow = build(
      'reads',
      [
        node('s', 'start'),
        node('a', 'transform', { expression: '"a"' }),
        node('agent-1', 'transform', { expression: '"b"' }),
        node('c', 'transform', {
          expression: '[$run.input.x, $nodes.a, $nodes.`agent-1`, $]',
        }),
        node('o', 'output'),
      ],
      [link('s', 'a'), link('a', 'agent-1'), link('agent-1', 'c'), link('c', 'o')],
    );
    const { child, parent, nodeId } = grouped(group(flow, ['c']));
    expect(parent.nodes.find((n) => n.id === nodeId)?.data['input']).toBe(
      '{ "value": $, "runInput": $run.input, "nodes": { "a": $nodes.a, "agent-1": $nodes.`agent-1` } }',
    );
    expect(child.nodes.map((n) => `${n.id}:${n.type}`)).toEqual([
      'start-1:start',
      'input-1:transform',
      'c:transform',
      'output-1:output',
    ]);
    expect(child.nodes[1]?.data['expression']).toBe('$.value');
    expect(child.nodes[2]?.data['expression']).toBe(
      '[$run.input.runInput.x, $run.input.nodes.a, $run.input.nodes.`agent-1`, $]',
    );
    expect(wires(child)).toEqual(
      ['start-1.out>input-1.in', 'input-1.out>c.in', 'c.out>output-1.in'].sort(),
    );
  });

  it('carries the loop a grouped body reads, and any value that is not an object', () => {
    const { child, parent, nodeId } = grouped(group(looped(), ['b']));
    expect(parent.nodes.find((n) => n.id === nodeId)?.data['input']).toBe(
      '{ "value": $, "loop": $loop }',
    );
    expect(child.nodes.find((n) => n.id === 'b')?.data['expression']).toBe('$run.input.loop.item');
    expect(wires(parent)).toContain('subflow-1.out>l.again');
  });
});

describe('groupSelection refuses, saying why', () => {
  it.each([
    [[], /Select the nodes/],
    [['s', 't0'], /“s” is where the flow begins/],
    [['t1', 'o'], /“o” ends the run/],
  ])('%j', (ids, reason) => {
    expect(refusal(group(chain(2), ids))).toMatch(reason);
  });

  it('a selection entered at two places, or left from two outputs', () => {
    expect(refusal(group(diamond(), ['a', 'b']))).toMatch(
      /Edges enter the selection at “a” and “b”; a subflow has one input/,
    );
    expect(refusal(group(diamond(), ['c', 'a']))).toMatch(
      /Edges leave the selection from “c” \(else\) and “a” \(out\); a subflow has one output/,
    );
  });

  it('an error edge leaving the selection', () => {
    const flow = build(
      'errors',
      [
        node('s', 'start'),
        node('t', 'transform'),
        node('h', 'transform'),
        node('o', 'output'),
        node('e', 'output'),
      ],
      [link('s', 't'), link('t', 'o'), link('t', 'h', 'error'), link('h', 'e')],
    );
    expect(refusal(group(flow, ['t']))).toMatch(/An error edge leaves the selection from “t”/);
    expect(group(flow, ['t', 'h']).ok).toBe(false);
  });

  it('outside nodes reading grouped nodes other than the one the result comes from', () => {
    const flow = diamond({ j: { expression: '$nodes.a' } });
    expect(refusal(group(flow, ['a']))).toBe('grouped');
    const later = build(
      'later',
      [
        node('s', 'start'),
        node('t', 'transform'),
        node('u', 'transform'),
        node('v', 'transform', { expression: '$nodes.t' }),
        node('o', 'output'),
      ],
      [link('s', 't'), link('t', 'u'), link('u', 'v'), link('v', 'o')],
    );
    expect(refusal(group(later, ['t', 'u']))).toMatch(
      /“v” reads the output of “t” \(nodes.t\), which would disappear inside the subflow/,
    );
  });

  it('a loop split from its body, and a join split from its parallel', () => {
    expect(refusal(group(looped(), ['l']))).toMatch(
      /return to “l”; group a Loop together with its whole body/,
    );
    const fanned = chain(1, { fan: 2 });
    expect(refusal(group(fanned, ['j']))).toMatch(/“j” waits for branches from outside/);
    expect(refusal(group(fanned, ['p', 'w0', 'w1']))).toMatch(/leave the selection from “w0”/);
    expect(refusal(group(fanned, ['w0', 'w1', 'j']))).toMatch(
      /enter the selection at “w0” and “w1”/,
    );
    expect(group(fanned, ['p', 'w0', 'w1', 'j']).ok).toBe(true);
  });

  it('nodes nothing leads into, and a subflow that would not validate', () => {
    const flow = chain(2);
    const loose = { ...flow, nodes: [...flow.nodes, node('x', 'transform')] };
    expect(refusal(group(loose, ['x']))).toMatch(/Nothing leads into the selected nodes/);
    expect(refusal(group(loose, ['t0', 'x']))).toMatch(
      /The subflow would not be valid: "x" cannot be reached from the start node/,
    );
  });
});
