import type { Flow } from '../../../src/flow/index.ts';
import { flow, link, node } from '../../unit/build.ts';

/**
 * start → one agent (node id `agent`) → output, for agent tests. The agent answers `note` and
 * `confidence`; `tools` are capability ids; `capabilities` and `policies` go into the flow as given.
 */
export function agentFlow(
  options: {
    tools?: string[];
    provider?: string;
    capabilities?: unknown[];
    policies?: unknown;
  } = {},
): Flow {
  const agent = node('agent', 'agent', {
    role: 'You keep the CRM up to date.',
    prompt: 'Log a note for {{ run.input.contact }}, then say what you did.',
    model: {
      provider: options.provider ?? 'default',
      name: 'test-model',
      temperature: 0,
      maxTokens: 500,
    },
    tools: options.tools ?? ['crm.logActivity'],
    output: [{ name: 'note', type: 'text', required: true, description: '' }],
  });
  const start = node('start', 'start', {
    inputs: [{ name: 'contact', type: 'text', required: true, description: '' }],
  });
  return flow(
    'agent-tools',
    [start, agent, node('finish', 'output', { value: '$nodes.agent', status: 'succeeded' })],
    [link('start', 'agent'), link('agent', 'finish')],
    {
      capabilities: options.capabilities ?? [],
      ...(options.policies ? { policies: options.policies } : {}),
    },
  );
}
