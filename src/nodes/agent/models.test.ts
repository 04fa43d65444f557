import { describe, expect, it } from 'vitest';
import { flow, link, node } from '../../../tests/unit/build.ts';
import { modelsAskedOf, pointAgentsAt } from './models.ts';

const twoProviders = () =>
  flow(
    'f',
    [
      node('start', 'start'),
      node('draft', 'agent', { prompt: 'Write {{ input.topic }}' }),
      node('check', 'agent', { model: { provider: 'other', name: 'claude-haiku-4-5' } }),
      node('end', 'output'),
    ],
    [link('start', 'draft'), link('draft', 'check'), link('check', 'end')],
  );

describe('pointAgentsAt', () => {
  it("moves only the given provider's agents to the model, keeping their prompts", () => {
    const before = twoProviders();
    const { flow: after, changed } = pointAgentsAt(before, 'default', 'llama3.2:latest');
    expect(changed).toBe(1);
    expect(modelsAskedOf(after, 'default')).toEqual(new Set(['llama3.2:latest']));
    expect(modelsAskedOf(after, 'other')).toEqual(new Set(['claude-haiku-4-5']));
    const draft = after.nodes.find((n) => n.id === 'draft')!;
    expect(draft.data['prompt']).toBe('Write {{ input.topic }}');
    expect(before.nodes.find((n) => n.id === 'draft')!.data).not.toBe(draft.data);
  });

  it('returns the same flow when nothing changes', () => {
    const once = pointAgentsAt(twoProviders(), 'default', 'm').flow;
    const again = pointAgentsAt(once, 'default', 'm');
    expect(again.changed).toBe(0);
    expect(again.flow).toBe(once);
  });
});
