import { useImperativeHandle, useState } from 'react';
import type { ApprovalCardProps } from './ApprovalCard.tsx';

/**
 * A run waiting for something to be set up (a connection, a secret, a provider, the vault's
 * passphrase). It continues by itself once that is saved; "Try again" checks at once.
 */
export function SetupCard({ approval, onDecide, ref }: ApprovalCardProps) {
  const { request } = approval;
  const [error, setError] = useState<string | null>(null);
  const retry = () => void onDecide({ decision: 'approved' }).then(setError);
  useImperativeHandle(ref, () => ({
    approve: retry,
    edit: () => undefined,
    approveEdited: () => undefined,
    reject: () => undefined,
    cancel: () => undefined,
    focusFeedback: () => undefined,
  }));
  return (
    <article
      className="approval-card setup-card"
      aria-label={`Waiting: ${request.title}`}
      data-tone="warning"
    >
      <header>
        <strong>{request.title}</strong>
        <div className="approval-meta">
          <span>waiting for setup · nothing was sent</span>
        </div>
      </header>
      <p className="approval-preview">{request.preview}</p>
      <div className="approval-actions">
        <button type="button" onClick={retry}>
          Try again
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
    </article>
  );
}
