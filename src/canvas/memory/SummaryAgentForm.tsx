import { useState, type FormEvent } from 'react';
import type { MemoryService } from './service.ts';
import { useMemoryQuery } from './useMemory.ts';

/**
 * Which model writes compaction summaries: a provider of the run settings (Connections) and a
 * model name. Empty model: summaries are extractive.
 */
export function SummaryAgentForm({ service }: { service: MemoryService }) {
  const saved = useMemoryQuery(service, (m) => m.settings(), null);
  if (!saved) return null;
  const agent = saved.summaryAgent;
  return <Form key={`${agent?.provider}|${agent?.model}`} service={service} initial={agent} />;
}

function Form({
  service,
  initial,
}: {
  service: MemoryService;
  initial: { provider: string; model: string } | null;
}) {
  const [provider, setProvider] = useState(initial?.provider ?? 'default');
  const [model, setModel] = useState(initial?.model ?? '');
  const [saved, setSaved] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const summaryAgent = model.trim()
      ? { provider: provider.trim() || 'default', model: model.trim() }
      : null;
    setSaved(Boolean(await service.act((m) => m.saveSettings({ summaryAgent }).then(() => true))));
  };
  return (
    <form onSubmit={(e) => void save(e)} className="memory-form-row" aria-label="Summary agent">
      <input
        aria-label="Summary provider"
        placeholder="provider"
        value={provider}
        onChange={(e) => setProvider(e.target.value)}
      />
      <input
        aria-label="Summary model"
        placeholder="model (empty: extractive summaries)"
        value={model}
        onChange={(e) => setModel(e.target.value)}
      />
      <button type="submit" className="button-small">
        Save
      </button>
      {saved && <span role="status">Saved</span>}
    </form>
  );
}
