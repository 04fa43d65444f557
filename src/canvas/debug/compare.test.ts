import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../engine/index.ts';
import { compareRuns } from './compare.ts';

let seq = 0;
const ok = (node: string, output: unknown): RunEvent => ({
  type: 'node.succeeded',
  node,
  port: 'out',
  output,
  ms: 1,
  runId: 'r',
  seq: ++seq,
  at: 0,
  causedBy: null,
});

describe('comparing two runs node by node', () => {
  it('finds the node whose output differs, with the value before and after', () => {
    const a = [ok('draft', { title: 'A', body: 'x' }), ok('send', { id: 1 })];
    const b = [ok('draft', { title: 'B', body: 'x' }), ok('send', { id: 1 })];
    const rows = compareRuns(['draft', 'send'], a, b);
    expect(rows.map((r) => r.node)).toEqual(['draft', 'send']);
    expect(rows[0]?.changes).toEqual([{ op: 'replace', path: '/title', value: 'B', before: 'A' }]);
    expect(rows[1]?.changes).toEqual([]);
  });

  it('lists a node only one run reached', () => {
    const rows = compareRuns(['a', 'b'], [ok('a', 1)], [ok('a', 1), ok('b', { x: 1 })]);
    expect(rows.find((r) => r.node === 'b')).toMatchObject({
      a: undefined,
      b: { status: 'succeeded' },
    });
    expect(rows.some((r) => r.node === 'b' && r.changes.length > 0)).toBe(true);
  });
});
