/** Shown over a shared flow: it cannot be edited until saved as the user's own copy. */
export function ReadOnlyBar({ onSaveCopy }: { onSaveCopy: () => void }) {
  return (
    <div className="read-only-bar" role="region" aria-label="Shared flow">
      <span>You are viewing a shared flow. It is read-only.</span>
      <button type="button" className="button button-primary" onClick={onSaveCopy}>
        Save a copy
      </button>
    </div>
  );
}
