import { useState, type FormEvent } from 'react';
import type { MemorySettings } from '../../memory/schema.ts';
import type { MemoryService } from './service.ts';
import { useMemoryQuery, useServiceState } from './useMemory.ts';

/** Where the embedding model comes from, its loading progress and the indexing backlog. */
export function ModelPanel({ service }: { service: MemoryService }) {
  const { model, indexing } = useServiceState(service);
  const saved = useMemoryQuery(service, (m) => m.settings(), null);
  const backlog = useMemoryQuery(service, (m) => m.backlog(), 0);
  return (
    <section className="memory-panel" aria-label="Embedding model">
      <h2>Model</h2>
      {saved && (
        <SettingsForm
          key={`${saved.modelId}|${saved.localModelUrl}`}
          service={service}
          saved={saved}
        />
      )}
      <p role="status" aria-label="Model status">
        {model.state === 'idle' && 'Model not loaded: it loads the first time memory needs it.'}
        {model.state === 'loading' && 'Loading the model…'}
        {model.state === 'ready' &&
          `Model ready: ${model.model}${model.ms ? ` (loaded in ${(model.ms / 1000).toFixed(1)} s)` : ''}`}
        {model.state === 'error' && `Model unavailable, searching by words only: ${model.message}`}
      </p>
      {model.state === 'loading' && (
        <progress
          aria-label="Model download"
          max={model.total || 1}
          value={model.total ? model.loaded : undefined}
        />
      )}
      {indexing && (
        <p>
          Indexing {indexing.done} / {indexing.total}{' '}
          <progress
            aria-label="Indexing progress"
            max={indexing.total || 1}
            value={indexing.done}
          />
        </p>
      )}
      <p>
        <span aria-label="Backlog">{backlog}</span> memories wait for embedding.{' '}
        {backlog > 0 && model.state === 'ready' && !indexing && (
          <button type="button" onClick={() => void service.indexBacklog()}>
            Index now
          </button>
        )}
      </p>
    </section>
  );
}

function SettingsForm({ service, saved }: { service: MemoryService; saved: MemorySettings }) {
  const [modelId, setModelId] = useState(saved.modelId);
  const [folder, setFolder] = useState(saved.localModelUrl ?? '');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await service.act(async (m) => {
      await m.saveSettings({ modelId: modelId.trim(), localModelUrl: folder.trim() || null });
      return true;
    });
    if (ok) await service.loadModel();
  };
  return (
    <form onSubmit={(e) => void save(e)} className="memory-row" aria-label="Model settings">
      <input
        aria-label="Model id"
        value={modelId}
        onChange={(e) => setModelId(e.target.value)}
        required
      />
      <input
        aria-label="Local model folder URL"
        placeholder="folder URL (empty: Hugging Face hub)"
        value={folder}
        onChange={(e) => setFolder(e.target.value)}
      />
      <button type="submit">Save and load model</button>
    </form>
  );
}
