import { useState } from 'react';
import { presetOf, type ProviderConfig } from '../../protocol/index.ts';
import {
  fromPreset,
  freeName,
  issuesAt,
  presetOfConfig,
  renameKey,
  type DraftIssue,
} from './draft.ts';
import { ProviderForm } from './ProviderForm.tsx';

export interface ProvidersTabProps {
  readonly providers: Readonly<Record<string, ProviderConfig>>;
  readonly issues: readonly DraftIssue[];
  readonly onChange: (providers: Record<string, ProviderConfig>) => void;
}

/** The model providers: a list to pick from, and the chosen one's form. */
export function ProvidersTab({ providers, issues, onChange }: ProvidersTabProps) {
  const names = Object.keys(providers);
  const [chosen, setChosen] = useState<string | undefined>(names[0]);
  const current = chosen !== undefined && chosen in providers ? chosen : names[0];
  const config = current === undefined ? undefined : providers[current];
  const add = () => {
    const name = freeName(names);
    onChange({ ...providers, [name]: fromPreset('openai') });
    setChosen(name);
  };
  return (
    <div className="conn-split">
      <div className="conn-side">
        <ul className="conn-list" aria-label="Providers">
          {names.map((name) => {
            const cfg = providers[name] ?? {};
            const broken = issuesAt(issues, `providers.${name}`).length > 0;
            return (
              <li key={name}>
                <button
                  type="button"
                  aria-pressed={name === current}
                  onClick={() => setChosen(name)}
                >
                  <span className="conn-item-title">{name}</span>
                  <span className="conn-item-meta">
                    {presetOf(presetOfConfig(cfg)).title}
                    {broken && <span className="conn-chip-bad"> · needs a fix</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {names.length === 0 && <p className="conn-none">No model provider yet.</p>}
        <button type="button" className="button" onClick={add}>
          Add provider
        </button>
      </div>
      <div className="conn-main">
        {current !== undefined && config ? (
          <ProviderForm
            key={current}
            name={current}
            config={config}
            taken={names}
            issues={issues}
            onChange={(next) => onChange({ ...providers, [current]: next })}
            onRename={(to) => {
              onChange(renameKey(providers, current, to));
              setChosen(to);
            }}
            onRemove={() => {
              const { [current]: _gone, ...rest } = providers;
              onChange(rest);
              setChosen(undefined);
            }}
          />
        ) : (
          <p className="conn-none">
            Add a provider to run agents: OpenAI, Anthropic, Gemini, OpenRouter, Groq, Mistral, or a
            model on this computer with Ollama or LM Studio.
          </p>
        )}
      </div>
    </div>
  );
}
