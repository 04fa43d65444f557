import type { RunEvent } from '../../engine/index.ts';

function summary(event: RunEvent): string {
  switch (event.type) {
    case 'node.succeeded':
      return `${event.node} → ${event.port} (${event.ms} ms)`;
    case 'node.failed':
      return `${event.node}: ${event.error.message}${event.willRetry ? ' (will retry)' : ''}`;
    case 'node.started':
      return `${event.node}${event.attempt > 1 ? ` attempt ${event.attempt}` : ''}`;
    case 'run.failed':
      return event.error.message;
    case 'run.succeeded':
      return `ended at ${event.node} as ${event.status}`;
    case 'approval.requested':
      return event.request.title;
    case 'approval.decided':
      return `${event.decision.decision} by ${event.decision.by}`;
    case 'policy.decided':
      return `${event.capability}: ${event.decision} (${event.reason})`;
    case 'effect.started':
    case 'effect.completed':
    case 'effect.unknown':
      return event.capability;
    default:
      return 'node' in event ? String(event.node) : '';
  }
}

/** The run's event log, oldest first; steps that touched the outside world are marked. */
export function EventLog({ events }: { events: readonly RunEvent[] }) {
  if (events.length === 0) return <p className="panel-empty">No events yet</p>;
  return (
    <ol className="event-log" aria-label="Event log">
      {events.map((event) => (
        <li
          key={event.seq}
          data-type={event.type}
          className={event.type.startsWith('effect.') ? 'external' : undefined}
        >
          <span className="event-seq">{event.seq}</span>
          <span className="event-type">{event.type}</span>
          <span className="event-summary">{summary(event)}</span>
        </li>
      ))}
    </ol>
  );
}
