import type { FlowIssue } from '../../flow/index.ts';

export type IssuesByNode = ReadonlyMap<string, readonly FlowIssue[]>;

const sameIssues = (a: readonly FlowIssue[], b: readonly FlowIssue[]) =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i];
    return (
      y !== undefined && x.severity === y.severity && x.message === y.message && x.path === y.path
    );
  });

/**
 * Groups issues by the node they point at, reusing the previous array for a node whose issues did
 * not change, so a card that reads its own issues re-renders only when they do.
 * @example groupIssuesByNode([{ nodeId: 'a', ... }], new Map()).get('a')?.length // 1
 */
export function groupIssuesByNode(
  issues: readonly FlowIssue[],
  previous: IssuesByNode,
): IssuesByNode {
  const grouped = new Map<string, FlowIssue[]>();
  for (const found of issues) {
    if (found.nodeId === undefined) continue;
    const list = grouped.get(found.nodeId);
    if (list) list.push(found);
    else grouped.set(found.nodeId, [found]);
  }
  const out = new Map<string, readonly FlowIssue[]>();
  for (const [id, list] of grouped) {
    const before = previous.get(id);
    out.set(id, before && sameIssues(before, list) ? before : list);
  }
  return out;
}
