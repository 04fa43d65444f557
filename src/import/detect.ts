import type { ImportFormat } from './report.ts';

/**
 * Which format a parsed file is in, from its shape: n8n has `nodes` and `connections`; Node-RED
 * is an array of nodes with `wires` or tabs; Flowise has `nodes` and `edges` whose nodes carry
 * `data.name`; Dify's DSL (YAML) has `workflow.graph` (and usually `app`).
 */
export function detectFormat(value: unknown): ImportFormat | undefined {
  if (Array.isArray(value)) {
    const nodes = value.filter(
      (v): v is Record<string, unknown> => typeof v === 'object' && v !== null,
    );
    if (nodes.some((n) => Array.isArray(n['wires']) || n['type'] === 'tab')) return 'node-red';
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const doc = Object.fromEntries(Object.entries(value).map(([k, v]): [string, unknown] => [k, v]));
  if (Array.isArray(doc['nodes']) && 'connections' in doc) return 'n8n';
  const workflow: unknown = doc['workflow'];
  if (typeof workflow === 'object' && workflow !== null && 'graph' in workflow) return 'dify';
  if (Array.isArray(doc['nodes']) && Array.isArray(doc['edges'])) {
    const first: unknown = doc['nodes'][0];
    const data =
      typeof first === 'object' && first !== null && 'data' in first ? first.data : undefined;
    if (typeof data === 'object' && data !== null && 'name' in data) return 'flowise';
  }
  // Node-RED also exports `{ flows: [...] }` from its admin API.
  if (Array.isArray(doc['flows'])) return detectFormat(doc['flows']);
  return undefined;
}
