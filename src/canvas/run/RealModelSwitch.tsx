import { useState } from 'react';
import { presetOf, type ProviderConfig } from '../../protocol/index.ts';
import { ConnectionsButton } from '../connections/ConnectionsButton.tsx';
import { useEditor, useEditorState } from '../editor/context.ts';
import { pointAgentsAt } from '../../nodes/agent/models.ts';
import { engine } from './engine.ts';
import { saveSettings, useSavedSettings } from './settings.ts';

/** The provider templates' agents ask for. */
const PROVIDER = 'default';
const OLLAMA = presetOf('ollama');

type Found =
  | { readonly state: 'idle' }
  | { readonly state: 'looking' }
  | { readonly state: 'found'; readonly models: readonly string[] }
  | { readonly state: 'none'; readonly why: string };

/**
 * From a demo recording to a real run. With a provider set up, one click runs the flow with the
 * recording's input. Without one, it looks for Ollama on this computer (only when asked: the demo
 * itself sends nothing), and one click saves it as the provider, points the flow's agents at the
 * chosen model (one undoable edit; the prompts stay as the template wrote them) and runs.
 */
export function RealModelSwitch({ onRun }: { onRun: (model?: string) => void }) {
  const saved = useSavedSettings();
  const { actions } = useEditor();
  const readOnly = useEditorState((s) => s.readOnly);
  const [found, setFound] = useState<Found>({ state: 'idle' });
  const [model, setModel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!saved) return null;
  const provider = saved.settings.providers[PROVIDER];

  if (provider)
    return (
      <div className="real-model">
        <button type="button" className="button-small primary" onClick={() => onRun()}>
          Run it with your “{PROVIDER}” provider
        </button>
      </div>
    );

  const look = async () => {
    setFound({ state: 'looking' });
    const config: ProviderConfig = { preset: 'ollama', kind: OLLAMA.kind };
    const result = await engine().api.providerModels({ name: PROVIDER, provider: config });
    if (!result.ok) return setFound({ state: 'none', why: result.error.message });
    const models = result.value.models.map((m) => m.id);
    if (models.length === 0)
      return setFound({ state: 'none', why: 'Ollama answers but has no model: pull one first' });
    setModel(models[0]!);
    setFound({ state: 'found', models });
  };

  const switchAndRun = async () => {
    setProblem(null);
    const config: ProviderConfig = {
      preset: 'ollama',
      kind: OLLAMA.kind,
      baseUrl: OLLAMA.baseUrl,
      models: { [model]: { input: 0, output: 0 } },
    };
    const result = await saveSettings(
      { ...saved.settings, providers: { ...saved.settings.providers, [PROVIDER]: config } },
      saved.revision,
    );
    if (!result.ok) return setProblem(result.error);
    actions.edit((flow) => pointAgentsAt(flow, PROVIDER, model).flow, 'use-model');
    onRun(model);
  };

  return (
    <div className="real-model" aria-label="Run with a real model" role="group">
      {found.state === 'found' ? (
        <>
          <label htmlFor="real-model-pick">Ollama on this computer serves</label>
          <select id="real-model-pick" value={model} onChange={(e) => setModel(e.target.value)}>
            {found.models.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <button
            type="button"
            className="button-small primary"
            disabled={readOnly}
            onClick={() => void switchAndRun()}
          >
            Use it and run
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="button-small"
            disabled={found.state === 'looking'}
            onClick={() => void look()}
          >
            {found.state === 'looking' ? 'Looking…' : 'Use a model on this computer (Ollama)'}
          </button>
          <span>or add a key:</span>
          <ConnectionsButton className="button-small" />
        </>
      )}
      {found.state === 'none' && (
        <p role="alert">
          No model found at {OLLAMA.baseUrl}: {found.why}. Start Ollama and pull a model, or add a
          provider’s key under Connections.
        </p>
      )}
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
