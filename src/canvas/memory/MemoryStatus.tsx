import type { MemoryService } from './service.ts';
import { useMemoryQuery, useServiceState } from './useMemory.ts';

/** The bar under every tab: the model, the embedding backlog, the totals, undo and redo. */
export function MemoryStatus({ service }: { service: MemoryService }) {
  const { model, indexing, undo, redo, job } = useServiceState(service);
  const backlog = useMemoryQuery(service, (m) => m.backlog(), 0);
  const stats = useMemoryQuery(service, (m) => m.stats(), null);
  return (
    <footer className="memory-status">
      <span role="status" aria-label="Model status" className={`model-state ${model.state}`}>
        {model.state === 'idle' && 'Model not loaded: it loads the first time memory needs it.'}
        {model.state === 'loading' && 'Loading the model…'}
        {model.state === 'ready' &&
          `Model ready: ${model.model}${model.ms ? ` (loaded in ${(model.ms / 1000).toFixed(1)} s)` : ''}`}
        {model.state === 'error' && `Model unavailable, searching by words only: ${model.message}`}
      </span>
      {model.state === 'loading' && (
        <progress
          aria-label="Model download"
          max={model.total || 1}
          value={model.total ? model.loaded : undefined}
        />
      )}
      {indexing && (
        <span>
          Embedding {indexing.done} / {indexing.total}{' '}
          <progress
            aria-label="Indexing progress"
            max={indexing.total || 1}
            value={indexing.done}
          />
        </span>
      )}
      {job && (
        <span className="memory-job" role="status" aria-label="Progress">
          {job.label}: {job.done} of {job.total}
          <progress aria-label={job.label} value={job.done} max={job.total || 1} />
          {job.stop && (
            <button type="button" className="button-small" onClick={job.stop}>
              Stop
            </button>
          )}
        </span>
      )}
      <span>
        <span aria-label="Backlog">{backlog}</span> waiting for embedding
        {backlog > 0 && model.state === 'ready' && !indexing && (
          <>
            {' '}
            <button
              type="button"
              className="button-small"
              onClick={() => void service.indexBacklog()}
            >
              Embed now
            </button>
          </>
        )}
      </span>
      {stats && (
        <span aria-label="Memory totals">
          {count(stats.memories, 'memory', 'memories')}, {stats.vectors} embedded,{' '}
          {count(stats.entities, 'entity', 'entities')}
        </span>
      )}
      <span className="memory-status-end">
        <button
          type="button"
          className="button-small"
          disabled={!undo}
          title={undo ? `Undo ${undo}` : 'Nothing to undo'}
          aria-label={undo ? `Undo ${undo}` : 'Undo'}
          onClick={() => void service.undo()}
        >
          ↶ Undo
        </button>
        <button
          type="button"
          className="button-small"
          disabled={!redo}
          title={redo ? `Redo ${redo}` : 'Nothing to redo'}
          aria-label={redo ? `Redo ${redo}` : 'Redo'}
          onClick={() => void service.redo()}
        >
          ↷ Redo
        </button>
      </span>
    </footer>
  );
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
