import { useState } from 'react';
import { ConnItem } from './ConnItem.tsx';
import { issuesAt, type DraftIssue } from './draft.ts';
import { ServiceForm, type ConnectionValue } from './ServiceForm.tsx';
import { serviceDescriptors, serviceFor } from './services.ts';

interface ServicesTabProps {
  readonly connections: Readonly<Record<string, ConnectionValue>>;
  readonly issues: readonly DraftIssue[];
  readonly onChange: (connections: Record<string, ConnectionValue>) => void;
}

/** The services capabilities call: every known descriptor, and any other connection saved. */
export function ServicesTab({ connections, issues, onChange }: ServicesTabProps) {
  const ids = [
    ...serviceDescriptors.map((s) => s.id),
    ...Object.keys(connections).filter((k) => !serviceDescriptors.some((s) => s.id === k)),
  ];
  const [chosen, setChosen] = useState(ids[0] ?? '');
  const service = serviceFor(chosen);
  return (
    <div className="conn-split">
      <div className="conn-side">
        <ul className="conn-list" aria-label="Services">
          {ids.map((id) => (
            <ConnItem
              key={id}
              title={serviceFor(id).title}
              meta={id in connections ? 'set up' : 'not set up'}
              chosen={id === chosen}
              broken={issuesAt(issues, `connections.${id}`).length > 0}
              onChoose={() => setChosen(id)}
            />
          ))}
        </ul>
      </div>
      <div className="conn-main">
        <ServiceForm
          key={service.id}
          service={service}
          value={connections[service.id]}
          issues={issues}
          onChange={(value) => {
            const { [service.id]: _old, ...rest } = connections;
            onChange(value ? { ...rest, [service.id]: value } : rest);
          }}
        />
      </div>
    </div>
  );
}
