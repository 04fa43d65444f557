import { useState } from 'react';
import { Dialog } from '../Dialog.tsx';
import { InboxView } from './InboxView.tsx';
import { usePendingApprovals } from './usePendingApprovals.ts';
import './inbox.css';

/** The header's Inbox button: a live count of pending approvals, opening the approvals inbox. */
export function InboxButton() {
  const [open, setOpen] = useState(false);
  const { items, error, refresh } = usePendingApprovals();
  const count = items.length;
  return (
    <>
      <button
        type="button"
        className="button inbox-button"
        onClick={() => setOpen(true)}
        aria-label={`Approvals inbox, ${count} pending`}
        title="Approvals waiting for you"
      >
        Inbox
        {count > 0 && (
          <span className="inbox-badge" aria-hidden="true">
            {count}
          </span>
        )}
      </button>
      <Dialog
        title={`Approvals inbox${count > 0 ? ` (${count})` : ''}`}
        open={open}
        onClose={() => setOpen(false)}
        className="inbox-dialog"
      >
        {error && <p role="alert">{error}</p>}
        <InboxView items={items} onClose={() => setOpen(false)} onDecided={refresh} />
      </Dialog>
    </>
  );
}
