import { useId, useState } from 'react';
import {
  baseUrlOf,
  presetList,
  presetOf,
  type ListedModel,
  type ProviderConfig,
} from '../../protocol/index.ts';
import { engine } from '../run/engine.ts';
import { SecretPicker } from '../secrets/SecretPicker.tsx';
import { issuesAt, presetOfConfig, fromPreset, type DraftIssue } from './draft.ts';
import { FieldIssue } from './FieldIssue.tsx';
import { ModelPrices } from './ModelPrices.tsx';
import { TestConnection, type Tested } from './TestConnection.tsx';

interface ProviderFormProps {
  readonly name: string;
  readonly config: ProviderConfig;
  readonly taken: readonly string[];
  readonly issues: readonly DraftIssue[];
  readonly onChange: (config: ProviderConfig) => void;
  readonly onRename: (name: string) => void;
  readonly onRemove: () => void;
}

/**
 * One model provider: which service, its key (a secret by name), its base URL where that
 * varies, the models used and their prices. Test connection lists the models through the
 * worker, which holds the key.
 */
export function ProviderForm(props: ProviderFormProps) {
  const { name, config, issues, onChange } = props;
  const id = useId();
  const presetId = presetOfConfig(config);
  const preset = presetOf(presetId);
  const [listed, setListed] = useState<readonly ListedModel[]>([]);
  const [tested, setTested] = useState<Tested>({ state: 'idle' });
  const [nameText, setNameText] = useState(name);
  const at = (field: string) => issuesAt(issues, `providers.${name}.${field}`);
  const nameProblem =
    nameText.trim() === ''
      ? 'give the provider a name'
      : nameText !== name && props.taken.includes(nameText)
        ? `another provider is called "${nameText}"`
        : null;

  const test = async () => {
    setTested({ state: 'testing' });
    const result = await engine().api.providerModels({
      name,
      provider: { ...config, preset: presetId },
    });
    if (!result.ok) return setTested({ state: 'failed', text: result.error.message });
    setListed(result.value.models);
    const count = result.value.models.length;
    setTested({
      state: 'ok',
      text: `Connected to ${preset.title}: the key works and ${count} model${count === 1 ? ' is' : 's are'} listed (${Math.round(result.value.ms)} ms).`,
    });
  };

  return (
    <form
      className="conn-form"
      aria-label={`Provider ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void test();
      }}
    >
      <div className="conn-field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={nameText}
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={`${id}-name-hint`}
          onChange={(e) => setNameText(e.target.value.replace(/\s/g, '-'))}
          onBlur={() => {
            if (!nameProblem && nameText !== name) props.onRename(nameText);
          }}
        />
        <small id={`${id}-name-hint`} className="conn-hint">
          Agents use the provider called <code>default</code> unless they name another.
        </small>
        {nameProblem && (
          <small className="conn-issue" role="alert">
            Name: {nameProblem}
          </small>
        )}
      </div>

      <div className="conn-field">
        <label htmlFor={`${id}-preset`}>Service</label>
        <select
          id={`${id}-preset`}
          value={presetId}
          onChange={(e) => {
            const next = presetList.find((p) => p.id === e.target.value);
            if (!next) return;
            setListed([]);
            setTested({ state: 'idle' });
            onChange(fromPreset(next.id, config.secret ? { secret: config.secret } : {}));
          }}
        >
          {presetList.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
        <small className="conn-hint">{preset.help}</small>
      </div>

      {preset.baseUrlVaries ? (
        <div className="conn-field">
          <label htmlFor={`${id}-base`}>Base URL</label>
          <input
            id={`${id}-base`}
            type="url"
            inputMode="url"
            placeholder={preset.baseUrl || 'https://my-server.example/v1'}
            value={config.baseUrl ?? ''}
            aria-invalid={at('baseUrl').length > 0 || undefined}
            onChange={(e) => {
              const { baseUrl: _old, ...rest } = config;
              onChange(e.target.value ? { ...rest, baseUrl: e.target.value } : rest);
            }}
          />
          <FieldIssue label="Base URL" issues={at('baseUrl')} />
        </div>
      ) : (
        <p className="conn-endpoint">
          Endpoint <code>{baseUrlOf({ ...config, preset: presetId })}</code>
        </p>
      )}

      <div className="conn-field">
        <label htmlFor={`${id}-key`}>API key</label>
        <SecretPicker
          id={`${id}-key`}
          value={config.secret}
          allowNone={!preset.needsKey}
          invalid={at('secret').length > 0}
          describedBy={`${id}-key-hint`}
          onChange={(secret) => {
            const { secret: _old, ...rest } = config;
            onChange(secret ? { ...rest, secret } : rest);
          }}
        />
        <small id={`${id}-key-hint`} className="conn-hint">
          {preset.needsKey
            ? 'Kept in this browser’s vault; only its name is saved here.'
            : 'Not needed for a local server unless you turned authentication on.'}
        </small>
        <FieldIssue label="API key" issues={at('secret')} />
      </div>

      <TestConnection tested={tested} />

      <ModelPrices
        models={config.models ?? {}}
        listed={listed}
        suggested={preset.models}
        issues={at('models')}
        issuePrefix={`providers.${name}.models`}
        onChange={(models) => onChange({ ...config, models })}
      />

      <div className="conn-danger">
        <button type="button" className="button-small button-danger" onClick={props.onRemove}>
          Remove provider {name}
        </button>
      </div>
    </form>
  );
}
