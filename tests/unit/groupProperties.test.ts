import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupSelection, type Grouped } from '../../src/canvas/editor/group.ts';
import { compile } from '../../src/engine/index.ts';
import { offlineEngine } from '../engine/harness/world.ts';
import { validateFlow, type Flow } from '../../src/flow/index.ts';
import { catalog, kindsByName } from '../../src/nodes/index.ts';
import { chain, mapLoop } from './build.ts';
import { loadExamples } from './helpers.ts';

const options = { childId: 'child', childName: 'group' };
const errors = (flow: Flow) =>
  validateFlow(flow, catalog).issues.filter((i) => i.severity === 'error');
const valid = (flow: Flow) => {
  const checked = validateFlow(flow, catalog);
  if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('; '));
  return checked.flow;
};
const compiles = (flow: Flow) => compile(valid(flow), kindsByName).machine !== undefined;

/** What must hold of every grouping that succeeds. */
function checkGrouped(flow: Flow, selection: ReadonlySet<string>, result: Grouped & { ok: true }) {
  const { parent, child, nodeId } = result;
  const ids = (f: Flow) => new Set(f.nodes.map((n) => n.id));
  const picked = flow.nodes.filter((n) => selection.has(n.id)).length;
  expect(parent.nodes.length).toBe(flow.nodes.length - picked + 1);
  expect(parent.nodes.find((n) => n.id === nodeId)).toMatchObject({
    type: 'subflow',
    data: { flow: 'child' },
  });
  // No dangling edges, in either flow.
  for (const f of [parent, child])
    for (const e of f.edges) expect(ids(f).has(e.source) && ids(f).has(e.target)).toBe(true);
  // The child is exactly the selected nodes, plus its own Start, the node unpacking its input when
  // it carries more than the value, and an Output when something led out.
  const carries = parent.nodes.find((n) => n.id === nodeId)?.data['input'] !== '$';
  const added = child.nodes.filter((n) => !selection.has(n.id)).map((n) => n.type);
  expect(added.filter((t) => t !== 'output')).toEqual(carries ? ['start', 'transform'] : ['start']);
  expect(added.filter((t) => t === 'output').length).toBeLessThanOrEqual(1);
  expect(child.nodes.length - added.length).toBe(picked);
  expect(errors(child)).toEqual([]);
  // The parent has no error the flow did not already have.
  const before = new Set(errors(flow).map((i) => i.message));
  expect(errors(parent).filter((i) => !before.has(i.message))).toEqual([]);
  expect(compiles(child)).toBe(true);
  expect(compiles(parent)).toBe(true);
}

/** Runs `flow` to its result, its subflows among `saved`. */
async function resultOf(flow: Flow, saved: readonly Flow[] = []) {
  const input = { seed: 7 };
  const engine = offlineEngine(saved);
  const record = await (await engine.start(valid(flow), input)).done;
  expect(record.status, JSON.stringify(record.error)).toBe('succeeded');
  return record.result;
}

/**
 * A chain whose every step leaves a trace, so a step run out of order or twice would show, and
 * reads the run's input and the step before it, so grouping must carry them.
 */
const tracing = (n: number, fan: number) =>
  chain(n, {
    fan,
    expression: (i) =>
      `{ "trail": $append($exists($.trail) ? $.trail : [], ${i}), "seed": $run.input.seed, "before": ${i > 0 ? `$nodes.t${i - 1}.trail` : 'null'} }`,
  });

describe('grouping a selection, for any contiguous part of a chain', () => {
  const cases = fc
    .record({ n: fc.integer({ min: 1, max: 8 }), fan: fc.constantFrom(0, 2) })
    .chain(({ n, fan }) =>
      fc
        .tuple(fc.nat(n - 1), fc.nat(n - 1))
        .map(([a, b]) => ({ n, fan, from: Math.min(a, b), to: Math.max(a, b) })),
    );

  it('keeps the graph whole and both flows valid', () => {
    fc.assert(
      fc.property(cases, ({ n, fan, from, to }) => {
        const flow = tracing(n, fan);
        const selection = new Set(Array.from({ length: to - from + 1 }, (_, i) => `t${from + i}`));
        const result = groupSelection(flow, selection, options);
        if (!result.ok) throw new Error(result.reason);
        checkGrouped(flow, selection, result);
      }),
    );
  });

  it('runs to the same result as before', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ n, fan, from, to }) => {
        const flow = tracing(n, fan);
        const selection = new Set(Array.from({ length: to - from + 1 }, (_, i) => `t${from + i}`));
        // With a fan, the parallel part can be grouped too, with the step before it.
        if (fan) for (const id of ['p', 'w0', 'w1', 'j']) if (to === n - 1) selection.add(id);
        const result = groupSelection(flow, selection, options);
        if (!result.ok) throw new Error(result.reason);
        expect(await resultOf(result.parent, [valid(result.child)])).toEqual(await resultOf(flow));
      }),
      { numRuns: 30 },
    );
  });
});

describe('grouping a loop body that reads the loop', () => {
  it('runs to the same result as before', async () => {
    const flow = mapLoop('$loop.item * 10 + $loop.index + $run.input.seed');
    const result = groupSelection(flow, new Set(['b']), options);
    if (!result.ok) throw new Error(result.reason);
    const before = await resultOf(flow);
    expect(before).toMatchObject({ value: [17, 28, 39] });
    expect(await resultOf(result.parent, [valid(result.child)])).toEqual(before);
  });
});

describe('grouping any selection of the examples', () => {
  const examples = loadExamples().map(({ doc }) => {
    const checked = validateFlow(doc, catalog);
    if (!checked.ok) throw new Error('an example does not validate');
    return checked.flow;
  });

  it('either refuses with a reason or keeps the graph whole and both flows valid', () => {
    let grouped = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...examples).chain((flow) =>
          fc.tuple(
            fc.constant(flow),
            fc.subarray(
              flow.nodes.map((n) => n.id),
              { minLength: 1, maxLength: 5 },
            ),
          ),
        ),
        ([flow, ids]) => {
          const selection = new Set(ids);
          const result = groupSelection(flow, selection, options);
          if (!result.ok) {
            expect(result.reason.length).toBeGreaterThan(20);
            return;
          }
          grouped += 1;
          checkGrouped(flow, selection, result);
        },
      ),
      { numRuns: 300 },
    );
    expect(grouped).toBeGreaterThan(0);
  });
});
