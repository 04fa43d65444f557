import { useState } from 'react';
import type { Entity } from '../../memory/schema.ts';
import { MemoryList } from './MemoryList.tsx';
import { NewMemoryForm } from './NewMemoryForm.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { Check } from './Check.tsx';
import type { MemoryService } from './service.ts';

/** Memories: add, search, and the whole list, newest first. */
export function MemoriesTab({
  service,
  entities,
  names,
}: {
  service: MemoryService;
  entities: readonly Entity[];
  names: (id: string) => string;
}) {
  const [archived, setArchived] = useState(false);
  return (
    <div className="memory-memories-tab">
      <div className="memory-column">
        <section className="memory-card" aria-label="Memories">
          <h3>Add a memory</h3>
          <NewMemoryForm service={service} entities={entities} />
        </section>
        <section className="memory-card" aria-label="Search">
          <h3>Search</h3>
          <SearchPanel service={service} entities={entities} names={names} />
        </section>
      </div>
      <section className="memory-card memory-all" aria-label="All memories">
        <div className="memory-card-head">
          <h3>All memories</h3>
          <Check label="show archived" checked={archived} onChange={setArchived} />
        </div>
        <MemoryList service={service} names={names} archived={archived} />
      </section>
    </div>
  );
}
