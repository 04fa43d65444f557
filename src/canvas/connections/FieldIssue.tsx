import type { DraftIssue } from './draft.ts';

/** What is wrong with one field, naming it, read out when it appears. */
export function FieldIssue({ label, issues }: { label: string; issues: readonly DraftIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <small className="conn-issue" role="alert">
      {label}: {issues.map((i) => i.message).join('; ')}
    </small>
  );
}
