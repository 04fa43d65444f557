import { useState } from 'react';
import { Dialog } from '../Dialog.tsx';

/** The share link, selectable and copyable. */
export function ShareDialog({ link, onClose }: { link: string | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Dialog title="Share this flow" open={link !== null} onClose={onClose}>
      <p className="dialog-text">
        Anyone with this link sees the flow read-only and can save a copy. The flow travels inside
        the link: nothing is uploaded, and secrets are never included (flows only name them).
      </p>
      <div className="share-row">
        <input
          className="share-link"
          aria-label="Share link"
          readOnly
          value={link ?? ''}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="button"
          onClick={() =>
            void navigator.clipboard?.writeText(link ?? '').then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </Dialog>
  );
}
