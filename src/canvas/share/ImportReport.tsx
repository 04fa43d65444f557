import type { FlowIssue } from '../../flow/index.ts';
import { Dialog } from '../Dialog.tsx';

export interface ImportReportProps {
  /** `refused`: nothing changed; `opened`: the flow is open and these are its problems. */
  readonly report: {
    readonly outcome: 'refused' | 'opened';
    readonly issues: readonly FlowIssue[];
  } | null;
  readonly onClose: () => void;
  /** Shows a node of the opened flow. */
  readonly onShowNode: (id: string) => void;
}

/** The problems an import found, each saying where (node and path), what, and what to do. */
export function ImportReport({ report, onClose, onShowNode }: ImportReportProps) {
  const refused = report?.outcome === 'refused';
  const errors = report?.issues.filter((i) => i.severity === 'error').length ?? 0;
  return (
    <Dialog
      title={refused ? 'Import failed: nothing was changed' : 'Imported, with problems to fix'}
      open={report !== null}
      onClose={onClose}
      className="import-report"
    >
      <p className="import-summary">
        {refused
          ? 'This file is not a flow this workspace can open. Fix it and import it again.'
          : `The flow is open. ${errors} error${errors === 1 ? '' : 's'} must be fixed before it can run; the nodes concerned carry a badge.`}
      </p>
      <ul className="issue-list">
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
    </Dialog>
  );
}
