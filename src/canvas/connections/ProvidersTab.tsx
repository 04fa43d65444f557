import { presetOf, type ProviderConfig } from '../../protocol/index.ts';
import { ConnItem } from './ConnItem.tsx';
import { fromPreset, freeName, issuesAt, presetOfConfig, type DraftIssue } from './draft.ts';
import { ProviderForm } from './ProviderForm.tsx';
import { useNamedEntry } from './useNamedEntry.ts';

interface ProvidersTabProps {
  readonly providers: Readonly<Record<string, ProviderConfig>>;
  readonly issues: readonly DraftIssue[];
  readonly onChange: (providers: Record<string, ProviderConfig>) => void;
}

/** The model providers: a list to pick from, and the chosen one's form. */
export function ProvidersTab({ providers, issues, onChange }: ProvidersTabProps) {
  const entry = useNamedEntry(providers, onChange);
  const { names, current, value: config } = entry;
  return (
    <div className="conn-split">
      <div className="conn-side">
        <ul className="conn-list" aria-label="Providers">
          {names.map((name) => (
            <ConnItem
              key={name}
              title={name}
              meta={presetOf(presetOfConfig(providers[name] ?? {})).title}
              chosen={name === current}
              broken={issuesAt(issues, `providers.${name}`).length > 0}
              onChoose={() => entry.choose(name)}
            />
          ))}
        </ul>
        {names.length === 0 && <p className="conn-none">No model provider yet.</p>}
        <button
          type="button"
          className="button"
          onClick={() => entry.add(freeName(names), fromPreset('openai'))}
        >
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
            onChange={entry.change}
            onRename={entry.rename}
            onRemove={entry.remove}
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
