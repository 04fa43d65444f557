import type { FlowIssue } from '../../flow/index.ts';

/** Error and warning counts on a card; the messages are in the title and the accessible name. */
export function IssueBadges({ issues }: { issues: readonly FlowIssue[] }) {
  if (issues.length === 0) return null;
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const describe = (list: readonly FlowIssue[]) => list.map((i) => i.message).join('\n');
  return (
    <span className="issue-badges">
      {errors.length > 0 && (
        <span
          className="issue-badge issue-badge-error"
          role="img"
          aria-label={`${errors.length} error${errors.length > 1 ? 's' : ''}: ${describe(errors)}`}
          title={describe(errors)}
        >
          {errors.length}
        </span>
      )}
      {warnings.length > 0 && (
        <span
          className="issue-badge issue-badge-warning"
          role="img"
          aria-label={`${warnings.length} warning${warnings.length > 1 ? 's' : ''}: ${describe(warnings)}`}
          title={describe(warnings)}
        >
          {warnings.length}
        </span>
      )}
    </span>
  );
}
