import { useState, type FormEvent } from 'react';
import type { MemorySettings } from '../../memory/schema.ts';
import type { MemoryService } from './service.ts';
import { useMemoryQuery } from './useMemory.ts';

/** Where the embedding model comes from. */
export function ModelPanel({ service }: { service: MemoryService }) {
  const saved = useMemoryQuery(service, (m) => m.settings(), null);
  return (
    <section className="memory-card" aria-label="Embedding model">
      <h3>Embedding model</h3>
      <p className="memory-help">
        Memories are searched by meaning with a small sentence model that runs in this browser. It
        comes from the Hugging Face hub, or from a folder you serve (then nothing leaves this
        machine). Its status is in the bar below.
      </p>
      {saved && (
        <SettingsForm
          key={`${saved.modelId}|${saved.localModelUrl}`}
          service={service}
          saved={saved}
        />
      )}
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
    <form onSubmit={(e) => void save(e)} className="memory-form" aria-label="Model settings">
      <label className="memory-field">
        <span>Model</span>
        <input
          aria-label="Model id"
          value={modelId}
          onChange={(e) => setModelId(e.target.value)}
          required
        />
      </label>
      <label className="memory-field">
        <span>Folder URL</span>
        <input
          aria-label="Local model folder URL"
          placeholder="empty: the Hugging Face hub"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
        />
      </label>
      <div className="memory-actions">
        <button type="submit" className="button-small primary">
          Save and load model
        </button>
      </div>
    </form>
  );
}
