import { validateFlow, type Flow } from '../../src/flow/index.ts';
import { catalog } from '../../src/nodes/index.ts';

/** Builders for flows that tests write inline: short to read, validated like any import. */
export const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data: { version: 1, label: id, ...data },
});

export const link = (
  source: string,
  target: string,
  sourceHandle = 'out',
  targetHandle = 'in',
) => ({
  id: `${source}.${sourceHandle}-${target}.${targetHandle}`,
  source,
  sourceHandle,
  target,
  targetHandle,
});

/** A validated flow; throws with every issue when the test wrote an invalid one. */
export function flow(
  id: string,
  nodes: unknown[],
  edges: unknown[],
  extra: Record<string, unknown> = {},
): Flow {
  const result = validateFlow({ schemaVersion: 1, id, name: id, nodes, edges, ...extra }, catalog);
  if (!result.ok)
    throw new Error(
      `invalid test flow: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return result.flow;
}

/**
 * start → n transforms → (optionally a parallel of `fan` branches and a join) → output. Transform
 * i outputs `{ step: i }` unless `expression` says otherwise.
 */
export function chain(
  n: number,
  options: { fan?: number; expression?: (i: number) => string } = {},
): Flow {
  const nodes = [node('s', 'start')];
  const edges = [];
  let last = 's';
  for (let i = 0; i < n; i++) {
    nodes.push(
      node(`t${i}`, 'transform', { expression: options.expression?.(i) ?? `{ 'step': ${i} }` }),
    );
    edges.push(link(last, `t${i}`));
    last = `t${i}`;
  }
  const fan = options.fan ?? 0;
  if (fan > 0) {
    const branches = Array.from({ length: fan }, (_, i) => ({ id: `b${i}`, label: `B${i}` }));
    nodes.push(node('p', 'parallel', { branches }), node('j', 'join'));
    edges.push(link(last, 'p'));
    branches.forEach((b, i) => {
      nodes.push(node(`w${i}`, 'transform'));
      edges.push(link('p', `w${i}`, b.id), link(`w${i}`, 'j'));
    });
    last = 'j';
  }
  nodes.push(node('o', 'output'));
  edges.push(link(last, 'o'));
  return flow(`chain-${n}-${fan}`, nodes, edges);
}

/** A chain of `total` nodes laid out row by row, as a big playbook would be drawn. */
export function gridChain(total: number, columns = 50): Flow {
  const flat = chain(total - 2);
  return {
    ...flat,
    nodes: flat.nodes.map((n, i) => ({
      ...n,
      position: { x: (i % columns) * 260, y: Math.floor(i / columns) * 160 },
    })),
  };
}

/** start → loop `l` mapping `[1, 2, 3]` (body → `b` → again, done → output). */
export function mapLoop(body: string): Flow {
  return flow(
    'loop',
    [
      node('s', 'start'),
      node('l', 'loop', { mode: 'map', items: '[1, 2, 3]', maxIterations: 5 }),
      node('b', 'transform', { expression: body }),
      node('o', 'output'),
    ],
    [
      link('s', 'l'),
      link('l', 'b', 'body'),
      link('b', 'l', 'out', 'again'),
      link('l', 'o', 'done'),
    ],
  );
}
