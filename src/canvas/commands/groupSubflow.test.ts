import { describe, expect, it } from 'vitest';
import { groupName } from './groupSubflow.ts';

describe('groupName', () => {
  it('names a group after its flow, numbering it when the name is taken', () => {
    expect(groupName('Client article', [])).toBe('Client article · group');
    expect(groupName('Client article', ['Client article · group'])).toBe(
      'Client article · group 2',
    );
    expect(
      groupName('Client article', ['Client article · group', 'Client article · group 2']),
    ).toBe('Client article · group 3');
  });

  it('stays within the length a flow name may have', () => {
    expect(groupName('x'.repeat(200), []).length).toBeLessThanOrEqual(200);
  });
});
