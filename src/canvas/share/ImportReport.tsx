import type { FlowIssue } from '../../flow/index.ts';
import { formatNames, type ImportReport as Conversion } from '../../import/report.ts';
import { Dialog } from '../Dialog.tsx';
import { ConversionReport } from './ConversionReport.tsx';

interface ImportReportProps {
  /** `refused`: nothing changed; `opened`: the flow is open and these are its problems. */
  readonly report: {
    readonly outcome: 'refused' | 'opened';
    readonly issues: readonly FlowIssue[];
    /** Present when the file came from another tool and was converted. */
    readonly conversion?: Conversion;
  } | null;
  readonly onClose: () => void;
  /** Shows a node of the opened flow. */
  readonly onShowNode: (id: string) => void;
}

/** The problems an import found, each saying where (node and path), what, and what to do. */
export function ImportReport({ report, onClose, onShowNode }: ImportReportProps) {
  const refused = report?.outcome === 'refused';
  const errors = report?.issues.filter((i) => i.severity === 'error').length ?? 0;
  const conversion = report?.conversion;
  const title = refused
    ? 'Import failed: nothing was changed'
    : conversion
      ? `Imported from ${formatNames[conversion.format]}: ${conversion.name}`
      : 'Imported, with problems to fix';
  return (
    <Dialog title={title} open={report !== null} onClose={onClose} className="import-report">
      <p className="import-summary">
        {refused
          ? 'This file is not a flow this workspace can open. Fix it and import it again.'
          : errors === 0
            ? 'The flow is open and ready to run.'
            : `The flow is open. ${errors} error${errors === 1 ? '' : 's'} must be fixed before it can run; the nodes concerned carry a badge.`}
      </p>
      {conversion && errors > 0 && <h3 className="conversion-heading">To fix before it runs</h3>}
      <ul className="issue-list" aria-label="Problems">
        {report?.issues.map((i, index) => (
          <li key={index} className="issue-item" data-severity={i.severity}>
            <span className="issue-severity">{i.severity === 'error' ? 'Error' : 'Warning'}</span>
            <span className="issue-where">
              {i.nodeId !== undefined
                ? `Node “${i.nodeId}”`
                : i.edgeId !== undefined
                  ? `Edge “${i.edgeId}”`
                  : 'Document'}
              {i.path && <code> {i.path}</code>}
            </span>
            <span className="issue-message">{i.message}</span>
            {i.hint && <span className="issue-fix">Fix: {i.hint}</span>}
            {!refused && i.nodeId !== undefined && (
              <button
                type="button"
                className="button-small"
                onClick={() => onShowNode(i.nodeId ?? '')}
              >
                Show node
              </button>
            )}
          </li>
        ))}
      </ul>
      {conversion && <ConversionReport report={conversion} onShowNode={onShowNode} />}
    </Dialog>
  );
}
