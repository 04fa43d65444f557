import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { importForeign, type ImportFormat } from '../../../src/import/index.ts';

export const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');

interface ImportedNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: Record<string, unknown>;
}

/** Imports a fixture, failing the test when it is refused; nodes by id and edge ids for asserting. */
export async function load(name: string, from?: ImportFormat) {
  const result = await importForeign(fixture(name), from);
  if (!result.ok) throw new Error(`${name} was refused: ${result.message}`);
  const flow = result.flow as unknown as {
    nodes: ImportedNode[];
    edges: { id: string }[];
    capabilities: Record<string, unknown>[];
    description: string;
  };
  const byId = (id: string) => {
    const found = flow.nodes.find((n) => n.id === id);
    expect(found, `node ${id}`).toBeDefined();
    return found!;
  };
  return { result, flow, byId, edges: flow.edges.map((e) => e.id), report: result.report };
}
