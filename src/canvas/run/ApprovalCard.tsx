import { useState } from 'react';
import type { ApprovalRecord } from '../../engine/index.ts';
import { changesSince } from './revision.ts';
import type { Answer } from '../../engine/index.ts';

/** One pending decision: what would happen, and approve / edit then approve / reject with feedback. */
export function ApprovalCard({
  approval,
  onDecide,
}: {
  approval: ApprovalRecord;
  onDecide: (answer: Answer) => Promise<string | null>;
}) {
  const { request } = approval;
  const [feedback, setFeedback] = useState('');
  const [edited, setEdited] = useState(() => JSON.stringify(request.subject, null, 2));
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (answer: Answer) => setError(await onDecide(answer));
  const approveEdited = () => {
    try {
      void send({ decision: 'approved', subject: JSON.parse(edited) as unknown });
    } catch {
      setError('the edited value is not valid JSON');
    }
  };

  return (
    <article className="approval-card" aria-label={`Approval: ${request.title}`}>
      <header>
        <strong>{request.title}</strong>
        <span className="approval-meta">
          {request.reason === 'policy'
            ? `asked by policy${request.rule ? ` rule ${request.rule}` : ''}`
            : request.reason === 'outcome'
              ? 'did it happen?'
              : 'approval step'}
          {request.confidence !== undefined ? ` · confidence ${request.confidence.toFixed(2)}` : ''}
          {request.expiresAt !== null
            ? ` · ${request.onTimeout} at ${new Date(request.expiresAt).toLocaleString()}`
            : ''}
        </span>
      </header>
      {editing ? (
        <textarea
          aria-label="Edit before approving"
          value={edited}
          onChange={(e) => setEdited(e.target.value)}
          rows={6}
        />
      ) : (
        <>
          <pre className="approval-preview">{request.preview}</pre>
          {request.previous !== undefined && (
            <Revision previous={request.previous} current={request.subject} />
          )}
        </>
      )}
      <input
        aria-label="Feedback"
        placeholder="Feedback (sent back when rejecting)"
        value={feedback}
        onChange={(e) => setFeedback(e.target.value)}
      />
      <div className="approval-actions">
        {editing ? (
          <button type="button" onClick={approveEdited}>
            Approve edited
          </button>
        ) : (
          <button type="button" onClick={() => void send({ decision: 'approved' })}>
            Approve
          </button>
        )}
        {request.allowEdit && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit…
          </button>
        )}
        <button
          type="button"
          onClick={() => void send({ decision: 'rejected', ...(feedback ? { feedback } : {}) })}
        >
          Reject
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
    </article>
  );
}

/** For a revision: what changed since the version the approver saw last time. */
function Revision({ previous, current }: { previous: unknown; current: unknown }) {
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
