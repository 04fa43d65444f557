import { changesSince } from './revision.ts';

/** For a revision: what changed since the version the approver saw last time. */
export function Revision({ previous, current }: { previous: unknown; current: unknown }) {
  const changes = changesSince(previous, current);
  return (
    <details className="approval-revision" open>
      <summary>
        {changes.length === 0
          ? 'Unchanged since the last version'
          : `Changed since the last version: ${changes.map((c) => c.field).join(', ')}`}
      </summary>
      <dl aria-label="Changes since the last version">
        {changes.map((c) => (
          <div key={c.field}>
            <dt>{c.field}</dt>
            <dd>
              <del>{c.before}</del> <ins>{c.after}</ins>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
