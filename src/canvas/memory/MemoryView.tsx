import { EntitiesPanel } from './EntitiesPanel.tsx';
import { MemoriesPanel } from './MemoriesPanel.tsx';
import { ModelPanel } from './ModelPanel.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { memoryService, type MemoryService } from './service.ts';
import { StoragePanel } from './StoragePanel.tsx';
import { useServiceState } from './useMemory.ts';
import './memory.css';

/**
 * The Memory view: the context graph, memories, hybrid search, the embedding model and storage.
 * Self-contained: mount it anywhere; it opens the tab's memory on first render.
 * @example <MemoryView />
 */
export function MemoryView({ service = memoryService() }: { service?: MemoryService }) {
  const { error } = useServiceState(service);
  return (
    <div className="memory-view" role="region" aria-label="Memory">
      {error && (
        <p role="alert" className="memory-error">
          {error}
        </p>
      )}
      <div className="memory-columns">
        <div>
          <SearchPanel service={service} />
          <MemoriesPanel service={service} />
        </div>
        <div>
          <EntitiesPanel service={service} />
          <ModelPanel service={service} />
          <StoragePanel service={service} />
        </div>
      </div>
    </div>
  );
}
