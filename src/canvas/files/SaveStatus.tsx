import { useStore } from '../editor/store.ts';
import type { FlowSession } from './session.ts';

const TEXT = {
  loading: 'Opening…',
  saved: 'Saved',
  pending: 'Saving…',
  'read-only': 'Read-only',
  failed: 'Not saved',
} as const;

/** Whether the open flow is safely stored; a failure says why in its title. */
export function SaveStatus({ session }: { session: FlowSession }) {
  const status = useStore(session.state, (s) => s.status);
  return (
    <span
      className="save-status"
      role="status"
      aria-label="Save status"
      data-status={status.kind}
      title={status.kind === 'failed' ? status.message : undefined}
    >
      {TEXT[status.kind]}
    </span>
  );
}
