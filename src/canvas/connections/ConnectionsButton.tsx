import { openConnections } from './connectionsOpen.ts';

/** Opens the Connections view (model providers and services). */
export function ConnectionsButton({ className = 'button' }: { className?: string }) {
  return (
    <button type="button" className={className} onClick={() => openConnections()}>
      Connections
    </button>
  );
}
