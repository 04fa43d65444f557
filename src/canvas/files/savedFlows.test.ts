import { describe, expect, it } from 'vitest';
import { flowLabel, savedFlowLabel } from './savedFlows.ts';

const saved = (id: string, name: string) => ({ id, name, updatedAt: 0 });

describe('saved flow labels', () => {
  const flows = [
    saved('flow-0000-aaaaaa', 'Invoice'),
    saved('flow-0000-bbbbbb', 'Invoice'),
    saved('flow-0000-cccccc', 'Draft the brief'),
  ];

  it('names a flow by its name, and tells apart two of the same name by the end of the id', () => {
    expect(savedFlowLabel(flows, 'flow-0000-cccccc')).toBe('Draft the brief');
    expect(savedFlowLabel(flows, 'flow-0000-aaaaaa')).toBe('Invoice (…aaaaaa)');
    expect(flowLabel(flows.slice(1), flows[1]!)).toBe('Invoice');
  });

  it('knows no name for an id that is not saved', () => {
    expect(savedFlowLabel(flows, 'flow-gone')).toBeUndefined();
    expect(savedFlowLabel([], 'flow-0000-aaaaaa')).toBeUndefined();
  });
});
