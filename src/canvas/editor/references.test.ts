import { describe, expect, it } from 'vitest';
import { scopeReads } from './references.ts';

const ids = new Set(['classify', 'agent', 'agent-1', 'draft']);

describe('scopeReads', () => {
  it('finds node outputs read by Liquid templates and JSONata expressions, at any depth', () => {
    const reads = scopeReads(
      {
        prompt: 'Reply to {{ nodes.classify.summary }}',
        input: { to: '{{ nodes["draft"].to }}', lines: ['$nodes.`agent-1`.items'] },
      },
      ids,
    );
    expect([...reads.nodes].sort()).toEqual(['agent-1', 'classify', 'draft']);
  });

  it('reads a hyphenated id written bare as that id, not a shorter one', () => {
    expect([...scopeReads({ value: '$nodes.agent-1.text' }, ids).nodes]).toEqual(['agent-1']);
    expect([...scopeReads({ value: '$nodes.agent-2.text' }, ids).nodes]).toEqual(['agent']);
  });

  it('ignores fields of the input that happen to be called nodes, and unknown names', () => {
    const reads = scopeReads({ value: '$.nodes.classify', text: 'nodes.nothing' }, ids);
    expect(reads.nodes.size).toBe(0);
  });

  it('notices run.input and the loop variables, and not look-alikes', () => {
    expect(scopeReads({ p: '{{ run.input.client }}' }, ids).runInput).toBe(true);
    expect(scopeReads({ p: '$run.input' }, ids).runInput).toBe(true);
    expect(scopeReads({ p: '{{ run.id }} {{ input.run.input }}' }, ids).runInput).toBe(false);
    expect(scopeReads({ p: '$loop.item.name' }, ids).loop).toBe(true);
    expect(scopeReads({ p: 'in a loop. Then stop' }, ids).loop).toBe(false);
  });
});
