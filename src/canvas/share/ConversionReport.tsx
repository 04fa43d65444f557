import type { ImportReport, ReportEntry } from '../../import/index.ts';

const OUTCOMES = [
  ['mapped', 'Mapped'],
  ['approximated', 'Approximated'],
  ['placeholder', 'Placeholder'],
  ['not-carried', 'Not carried'],
] as const;

interface ConversionReportProps {
  readonly report: ImportReport;
  /** Shows a node of the opened flow. */
  readonly onShowNode: (id: string) => void;
}

function Entry({ entry, onShowNode }: { entry: ReportEntry; onShowNode: (id: string) => void }) {
  const label = OUTCOMES.find(([key]) => key === entry.outcome)?.[1] ?? entry.outcome;
  return (
    <li className="conversion-entry" data-outcome={entry.outcome}>
      <span className="conversion-badge">{label}</span>
      <span className="conversion-original">
        {entry.original} <code>{entry.originalType}</code>
      </span>
      {entry.nodeId && (
        <button
          type="button"
          className="button-small"
          onClick={() => onShowNode(entry.nodeId ?? '')}
        >
          Show {entry.kind}
        </button>
      )}
      {entry.note && <span className="conversion-note">{entry.note}</span>}
    </li>
  );
}

/**
 * What an import from another tool did with each original node, the expressions it could not
 * translate, the credentials to set up (named, never imported) and notes about the whole flow.
 */
export function ConversionReport({ report, onShowNode }: ConversionReportProps) {
  const counts = OUTCOMES.map(
    ([key, label]) => [label, report.entries.filter((e) => e.outcome === key).length] as const,
  );
  const untranslated = report.expressions.filter((e) => e.translated === undefined);
  return (
    <section className="conversion" aria-label="Conversion report">
      <p className="conversion-counts">
        {counts.map(([label, n]) => (
          <span key={label} className="conversion-count">
            <strong>{n}</strong> {label.toLowerCase()}
          </span>
        ))}
      </p>
      <h3 className="conversion-heading">Nodes</h3>
      <ul className="conversion-list" aria-label="Nodes imported">
        {report.entries.map((entry, i) => (
          <Entry key={i} entry={entry} onShowNode={onShowNode} />
        ))}
      </ul>
      {untranslated.length > 0 && (
        <>
          <h3 className="conversion-heading">Expressions kept as written</h3>
          <p className="conversion-hint">
            Marked “untranslated” in the node; rewrite them in Liquid or JSONata.
          </p>
          <ul className="conversion-list" aria-label="Expressions kept as written">
            {untranslated.map((e, i) => (
              <li key={i} className="conversion-expression">
                <button type="button" className="button-small" onClick={() => onShowNode(e.nodeId)}>
                  {e.nodeId}
                </button>
                <code>{e.field}</code> <code className="conversion-code">{e.original}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {report.credentials.length > 0 && (
        <>
          <h3 className="conversion-heading">Credentials to set up</h3>
          <p className="conversion-hint">
            Named only: no credential was imported. Add each to Secrets.
          </p>
          <ul className="conversion-list" aria-label="Credentials to set up">
            {report.credentials.map((c, i) => (
              <li key={i} className="conversion-credential">
                {c.original}: {c.type} “{c.name}”
                {c.secret && (
                  <>
                    {' '}
                    → secret <code>{c.secret}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.notes.length > 0 && (
        <ul className="conversion-notes" aria-label="Notes">
          {report.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
