import { useMemo, useState, type KeyboardEvent } from 'react';
import type { Entity, Relation } from '../../memory/schema.ts';
import { GraphTab } from './GraphTab.tsx';
import { MemoryLinksContext } from './links.ts';
import { MemoriesTab } from './MemoriesTab.tsx';
import { MemoryStatus } from './MemoryStatus.tsx';
import { ModelPanel } from './ModelPanel.tsx';
import { memoryService, type MemoryService } from './service.ts';
import { CompactionPanel } from './CompactionPanel.tsx';
import { StoragePanel } from './StoragePanel.tsx';
import { useMemoryQuery, useServiceState } from './useMemory.ts';
import './memory.css';

const TABS = [
  { id: 'graph', label: 'Context graph' },
  { id: 'memories', label: 'Memories' },
  { id: 'setup', label: 'Model & storage' },
] as const;
type Tab = (typeof TABS)[number]['id'];

const isTyping = (target: EventTarget) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The Memory view: the context graph, memories with search, the embedding model and storage.
 * Self-contained: mount it anywhere; it opens the tab's memory on first render.
 * @example <MemoryView />
 */
export function MemoryView({
  service = memoryService(),
  onOpenRun,
}: {
  service?: MemoryService;
  /** Opens a run at a step (a memory's source); the view's host closes it first. */
  onOpenRun?: (runId: string, nodeId: string) => void;
}) {
  const { error } = useServiceState(service);
  const [tab, setTab] = useState<Tab>('graph');
  const entities = useMemoryQuery(service, (m) => m.entities(), [] as Entity[]);
  const relations = useMemoryQuery(service, (m) => m.relations(), [] as Relation[]);
  const names = (id: string) => entities.find((e) => e.id === id)?.name ?? id;
  const links = useMemo(() => (onOpenRun ? { openRun: onOpenRun } : {}), [onOpenRun]);

  // Mod+Z outside a text field undoes the last change to the graph; Mod+Shift+Z redoes it.
  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.metaKey || event.ctrlKey) || event.key.toLowerCase() !== 'z') return;
    if (isTyping(event.target)) return;
    event.preventDefault();
    event.stopPropagation();
    void (event.shiftKey ? service.redo() : service.undo());
  };

  return (
    <MemoryLinksContext.Provider value={links}>
      <div className="memory-view" role="region" aria-label="Memory" onKeyDown={onKeyDown}>
        <nav className="memory-tabs" role="tablist" aria-label="Memory sections">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`memory-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`memory-panel-${t.id}`}
              className="memory-tab"
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </nav>
        {error && (
          <p role="alert" className="memory-error">
            {error}
          </p>
        )}
        {/* Every tab stays mounted (hidden when not chosen), so nothing typed is lost on a switch. */}
        {TABS.map((t) => (
          <div
            key={t.id}
            className="memory-tab-panel"
            role="tabpanel"
            id={`memory-panel-${t.id}`}
            aria-labelledby={`memory-tab-${t.id}`}
            hidden={tab !== t.id}
          >
            {t.id === 'graph' && (
              <GraphTab
                service={service}
                entities={entities}
                relations={relations}
                visible={tab === 'graph'}
              />
            )}
            {t.id === 'memories' && (
              <MemoriesTab service={service} entities={entities} names={names} />
            )}
            {t.id === 'setup' && (
              <div className="memory-setup-tab">
                <ModelPanel service={service} />
                <StoragePanel service={service} />
                <CompactionPanel service={service} names={names} />
              </div>
            )}
          </div>
        ))}
        <MemoryStatus service={service} />
      </div>
    </MemoryLinksContext.Provider>
  );
}
