import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const examplesDir = join(import.meta.dirname, '..', '..', 'examples');

/** The example flows as parsed JSON, by file name. */
export function loadExamples(): { file: string; doc: Record<string, unknown> }[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      doc: JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Record<string, unknown>,
    }));
}

/** A small valid flow: start → transform → output. Tests change one thing in it. */
export function tinyFlow(): {
  schemaVersion: number;
  id: string;
  name: string;
  nodes: {
    id: string;
    type: string;
    position: { x: number; y: number };
    data: Record<string, unknown>;
  }[];
  edges: {
    id: string;
    source: string;
    sourceHandle?: string | null;
    target: string;
    targetHandle?: string | null;
  }[];
  [key: string]: unknown;
} {
  return {
    schemaVersion: 1,
    id: 'tiny',
    name: 'Tiny',
    nodes: [
      {
        id: 'start',
        type: 'start',
        position: { x: 0, y: 0 },
        data: { version: 1, label: 'Start' },
      },
      {
        id: 'shape',
        type: 'transform',
        position: { x: 200, y: 0 },
        data: { version: 1, label: 'Shape', expression: '$.a' },
      },
      { id: 'end', type: 'output', position: { x: 400, y: 0 }, data: { version: 1, label: 'End' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'out', target: 'shape', targetHandle: 'in' },
      { id: 'e2', source: 'shape', sourceHandle: 'out', target: 'end', targetHandle: 'in' },
    ],
  };
}
