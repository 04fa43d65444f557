import type { FieldRow } from './schemaFields.ts';

/** A capability's input or output fields, one row each. */
export function FieldTable({ rows, label }: { rows: readonly FieldRow[]; label: string }) {
  return (
    <table className="field-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.path}>
            <td>
              <code>{row.path}</code>
              {row.required && (
                <span className="field-required" title="required">
                  {' '}
                  *
                </span>
              )}
            </td>
            <td>{row.type}</td>
            <td>{[row.required ? '' : 'optional', ...row.notes].filter(Boolean).join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
