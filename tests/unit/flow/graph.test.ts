import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/nodes/index.ts';
import { tinyFlow } from '../helpers.ts';
import { validateFlow } from '../../../src/flow/validate.ts';

const codes = (value: unknown) =>
  validateFlow(value, catalog).issues.map((i) => `${i.severity}:${i.code}`);

describe('graph rules', () => {
  it('finds duplicate node and edge ids', () => {
    const flow = tinyFlow();
    flow.nodes.push({ ...flow.nodes[2]!, position: { x: 9, y: 9 } });
    flow.edges.push({ ...flow.edges[1]! });
    expect(codes(flow)).toEqual(
      expect.arrayContaining(['error:duplicate-node-id', 'error:duplicate-edge-id']),
    );
  });

  it('names edges to missing nodes, with the closest id', () => {
    const flow = tinyFlow();
    flow.edges[1]!.target = 'ned';
    const found = validateFlow(flow, catalog).issues.find((i) => i.code === 'unknown-node');
    expect(found).toMatchObject({ path: 'edges[1].target', hint: 'did you mean "end"?' });
  });

  it('names unknown ports and lists the real ones', () => {
    const flow = tinyFlow();
    flow.edges[0]!.sourceHandle = 'output';
    const found = validateFlow(flow, catalog).issues.find((i) => i.code === 'unknown-port');
    expect(found).toMatchObject({ path: 'edges[0].sourceHandle', hint: 'its ports: out' });
  });

  it('reads a missing handle as the only port, and refuses it when there are several', () => {
    const flow = tinyFlow();
    flow.edges[0]!.sourceHandle = null;
    expect(codes(flow)).toEqual([]);
    flow.edges[1]!.sourceHandle = undefined; // transform has `out` and `error`
    expect(codes(flow)).toContain('error:unknown-port');
  });

  it('allows one edge per output', () => {
    const flow = tinyFlow();
    flow.nodes.push({
      id: 'end2',
      type: 'output',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'End 2' },
    });
    flow.edges.push({
      id: 'e3',
      source: 'shape',
      sourceHandle: 'out',
      target: 'end2',
      targetHandle: 'in',
    });
    expect(codes(flow)).toContain('error:port-fan-out');
  });

  it('needs exactly one start node', () => {
    const none = tinyFlow();
    none.nodes.shift();
    none.edges.shift();
    expect(codes(none)).toContain('error:no-start');
    const two = tinyFlow();
    two.nodes.push({
      id: 'start2',
      type: 'start',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'Again' },
    });
    expect(codes(two)).toContain('error:many-starts');
  });

  it('finds nodes the start cannot reach, and warns about dead ends', () => {
    const flow = tinyFlow();
    flow.nodes.push({
      id: 'lonely',
      type: 'transform',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'Lonely' },
    });
    expect(codes(flow)).toContain('error:unreachable');
    const dead = tinyFlow();
    dead.edges.pop();
    dead.nodes.pop();
    const result = validateFlow(dead, catalog);
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'dead-end', nodeId: 'shape' }),
    ]);
  });

  it('refuses a cycle that no loop bounds, naming its nodes', () => {
    const flow = tinyFlow();
    flow.nodes.push({
      id: 'back',
      type: 'transform',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'Back' },
    });
    flow.edges.push({
      id: 'e3',
      source: 'shape',
      sourceHandle: 'error',
      target: 'back',
      targetHandle: 'in',
    });
    flow.edges.push({
      id: 'e4',
      source: 'back',
      sourceHandle: 'out',
      target: 'shape',
      targetHandle: 'in',
    });
    const found = validateFlow(flow, catalog).issues.find((i) => i.code === 'unbounded-cycle');
    expect(found?.message).toMatch(/shape → back → shape/);
  });

  it('accepts a cycle through a loop\'s "again", and only from inside the loop', () => {
    const flow = tinyFlow();
    flow.nodes.splice(1, 0, {
      id: 'rounds',
      type: 'loop',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'Rounds', maxIterations: 2 },
    });
    flow.edges = [
      { id: 'a', source: 'start', sourceHandle: 'out', target: 'rounds', targetHandle: 'in' },
      { id: 'b', source: 'rounds', sourceHandle: 'body', target: 'shape', targetHandle: 'in' },
      { id: 'c', source: 'shape', sourceHandle: 'out', target: 'rounds', targetHandle: 'again' },
      { id: 'd', source: 'rounds', sourceHandle: 'done', target: 'end', targetHandle: 'in' },
    ];
    expect(codes(flow)).toEqual([]);
    // "pre" runs before the loop, so its edge into "again" would restart a loop it is not part of.
    flow.nodes.push({
      id: 'pre',
      type: 'transform',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'Pre' },
    });
    flow.edges[0] = {
      id: 'a',
      source: 'pre',
      sourceHandle: 'out',
      target: 'rounds',
      targetHandle: 'in',
    };
    flow.edges.push({
      id: 'e',
      source: 'start',
      sourceHandle: 'out',
      target: 'pre',
      targetHandle: 'in',
    });
    flow.edges.push({
      id: 'f',
      source: 'pre',
      sourceHandle: 'error',
      target: 'rounds',
      targetHandle: 'again',
    });
    expect(codes(flow)).toContain('error:stray-back-edge');
  });

  it('a node with bad settings is the only problem: its edges do not make a loop look stray', async () => {
    const { readFile } = await import('node:fs/promises');
    const flow = JSON.parse(await readFile('examples/freelance-writer.json', 'utf8')) as {
      nodes: { id: string; data: Record<string, unknown> }[];
    };
    const draft = flow.nodes.find((n) => n.id === 'draft');
    if (draft) draft.data['maxRepairs'] = 'twice';
    expect(codes(flow)).toEqual(['error:invalid-value']);
  });
});
