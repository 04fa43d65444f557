import type { Flow } from '../../flow/index.ts';
import { agent } from './schema.ts';

/**
 * The flow with every agent that asks `provider` for a model asking it for `model` instead; the
 * prompts and everything else stay. How a template written for one service runs on another.
 * @example pointAgentsAt(flow, 'default', 'llama3.2:latest').changed // 1
 */
export function pointAgentsAt(
  flow: Flow,
  provider: string,
  model: string,
): { flow: Flow; changed: number } {
  let changed = 0;
  const nodes = flow.nodes.map((node) => {
    if (node.type !== agent.kind) return node;
    const parsed = agent.config.safeParse(node.data);
    if (!parsed.success || parsed.data.model.provider !== provider) return node;
    if (parsed.data.model.name === model) return node;
    changed++;
    const current = (node.data['model'] ?? {}) as Record<string, unknown>;
    return { ...node, data: { ...node.data, model: { ...current, provider, name: model } } };
  });
  return changed === 0 ? { flow, changed } : { flow: { ...flow, nodes }, changed };
}

/** The models the agents of `flow` ask `provider` for. */
export function modelsAskedOf(flow: Flow, provider: string): Set<string> {
  const names = new Set<string>();
  for (const node of flow.nodes) {
    if (node.type !== agent.kind) continue;
    const parsed = agent.config.safeParse(node.data);
    if (parsed.success && parsed.data.model.provider === provider)
      names.add(parsed.data.model.name);
  }
  return names;
}
