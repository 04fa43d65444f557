import { useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { z } from 'zod';
import type { Answer, ApprovalRecord } from '../../engine/index.ts';
import { ApprovalMeta } from './ApprovalMeta.tsx';
import { PayloadEditor } from './PayloadEditor.tsx';
import { assemble, formFor, type PayloadValues } from './payloadForm.ts';
import { previewOf } from '../../capabilities/previewOf.ts';
import { Revision } from './Revision.tsx';
import { SetupCard } from './SetupCard.tsx';
import { SubjectPreview } from './SubjectPreview.tsx';

/** What a keyboard-driven owner (the inbox) can ask of a card. */
export interface ApprovalHandle {
  approve(): void;
  edit(): void;
  approveEdited(): void;
  /** Rejects with what the feedback box holds. */
  reject(): void;
  cancel(): void;
  focusFeedback(): void;
}

export interface ApprovalCardProps {
  readonly approval: ApprovalRecord;
  readonly onDecide: (answer: Answer) => Promise<string | null>;
  /** The capability's input schema: edits are checked against it before they are sent. */
  readonly schema?: z.ZodType | undefined;
  /** The reason the flow gives for the policy rule that asked. */
  readonly ruleReason?: string | undefined;
  readonly ref?: Ref<ApprovalHandle>;
  /**
   * Whether the card handles Enter in the feedback box (reject) and Ctrl+Enter in the editor
   * (approve the edit) itself; the inbox turns this off and drives the card through `ref`.
   */
  readonly ownKeys?: boolean;
}

/** A pending request: a decision to take, or a run waiting for something to be set up. */
export function ApprovalCard(props: ApprovalCardProps) {
  return props.approval.request.reason === 'setup' ? (
    <SetupCard {...props} />
  ) : (
    <DecisionCard {...props} />
  );
}

/**
 * One pending decision: what would happen (rendered for people), why it asks, what changed since
 * the last version; approve, edit then approve (a form checked against the capability's input
 * schema), or reject with feedback. Used by the run panel and the approvals inbox.
 */
function DecisionCard({
  approval,
  onDecide,
  schema,
  ruleReason,
  ref,
  ownKeys = true,
}: ApprovalCardProps) {
  const { request } = approval;
  const [feedback, setFeedback] = useState('');
  const form = useMemo(() => formFor(request.subject), [request.subject]);
  const [values, setValues] = useState<PayloadValues>(form.values);
  const [editing, setEditing] = useState(false);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editorFocus = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const feedbackBox = useRef<HTMLInputElement>(null);
  const checked = useMemo(() => assemble(form, values, schema), [form, values, schema]);
  // The flow's own capabilities come with the request they would send, rendered by the engine.
  const preview = useMemo(
    () =>
      request.request
        ? previewOf(request.request, 'http.request')
        : previewOf(request.subject, request.capability),
    [request.request, request.subject, request.capability],
  );

  const send = async (answer: Answer) => setError(await onDecide(answer));
  const approveEdited = () => {
    setTried(true);
    if (checked.ok) void send({ decision: 'approved', subject: checked.value });
    else setError(`Fix ${checked.problems.length === 1 ? 'the problem' : 'the problems'} first`);
  };
  const startEditing = () => {
    setEditing(true);
    // The editor mounts with this render; focus it once it is there.
    requestAnimationFrame(() => editorFocus.current?.focus());
  };
  const reject = () => void send({ decision: 'rejected', ...(feedback ? { feedback } : {}) });
  const cancel = () => {
    setEditing(false);
    setTried(false);
    setValues(form.values);
    setError(null);
  };

  useImperativeHandle(ref, () => ({
    approve: () => void send({ decision: 'approved' }),
    edit: () => request.allowEdit && startEditing(),
    approveEdited,
    reject,
    cancel,
    focusFeedback: () => feedbackBox.current?.focus(),
  }));

  // Shown while editing: problems appear once an approval was tried, or as soon as a field is wrong.
  const problems = !checked.ok && (tried || values !== form.values) ? checked.problems : [];
  const body =
    request.reason === 'policy' ? null : <p className="approval-preview">{request.preview}</p>;

  return (
    <article className="approval-card" aria-label={`Approval: ${request.title}`}>
      <header>
        <strong>{request.title}</strong>
        <ApprovalMeta request={request} ruleReason={ruleReason} />
      </header>
      {editing ? (
        <PayloadEditor
          onKeyDown={(e) => {
            if (ownKeys && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              approveEdited();
            }
          }}
          form={form}
          values={values}
          onChange={setValues}
          problems={problems}
          focusRef={editorFocus}
        />
      ) : (
        <>
          {body}
          {body && preview.kind !== 'json' ? (
            <details>
              <summary>What is approved</summary>
              <SubjectPreview preview={preview} />
            </details>
          ) : (
            <SubjectPreview preview={preview} />
          )}
          {request.previous !== undefined && (
            <Revision previous={request.previous} current={request.subject} />
          )}
        </>
      )}
      <input
        ref={feedbackBox}
        data-role="feedback"
        aria-label="Feedback"
        placeholder="Feedback (sent back when rejecting; Enter sends)"
        value={feedback}
        onChange={(e) => setFeedback(e.target.value)}
        onKeyDown={(e) => {
          if (ownKeys && e.key === 'Enter') {
            e.preventDefault();
            reject();
          }
        }}
      />
      <div className="approval-actions">
        {editing ? (
          <>
            <button type="button" className="approval-primary" onClick={approveEdited}>
              Approve edited
            </button>
            <button type="button" onClick={cancel}>
              Cancel edit
            </button>
          </>
        ) : (
          <button
            type="button"
            className="approval-primary"
            onClick={() => void send({ decision: 'approved' })}
          >
            Approve
          </button>
        )}
        {request.allowEdit && !editing && (
          <button type="button" onClick={startEditing}>
            Edit…
          </button>
        )}
        <button type="button" onClick={reject}>
          Reject
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
    </article>
  );
}
