import { describe, expect, it } from 'vitest';
import type { ApprovalRecord } from '../../engine/index.ts';
import { flowApprovals } from './flowApprovals.ts';

const ask = (runId: string): ApprovalRecord => ({
  key: `${runId}:ok`,
  runId,
  nodeId: 'ok',
  request: { title: 'OK?' } as ApprovalRecord['request'],
  status: 'pending',
  createdAt: 0,
});

describe('flowApprovals', () => {
  it("keeps the flow's runs' approvals and those of the subflows they called, nothing else", () => {
    const pending = [ask('a1'), ask('b1'), ask('a1/sub/1'), ask('a1/sub/2/inner/1'), ask('a10')];
    expect(flowApprovals(pending, [{ id: 'a1' }]).map((a) => a.runId)).toEqual([
      'a1',
      'a1/sub/1',
      'a1/sub/2/inner/1',
    ]);
    expect(flowApprovals(pending, [{ id: 'b1' }, { id: 'a10' }]).map((a) => a.runId)).toEqual([
      'b1',
      'a10',
    ]);
    expect(flowApprovals(pending, [])).toEqual([]);
  });
});
