import { useId, useState } from 'react';
import type { ListedModel, ModelPrice } from '../../protocol/index.ts';
import { issuesAt, type DraftIssue } from './draft.ts';
import { FieldIssue } from './FieldIssue.tsx';

interface ModelPricesProps {
  readonly models: Readonly<Record<string, ModelPrice>>;
  /** What the provider listed when tested (with prices, where it gives them). */
  readonly listed: readonly ListedModel[];
  /** The preset's models and list prices. */
  readonly suggested: Readonly<Record<string, ModelPrice>>;
  readonly issues: readonly DraftIssue[];
  readonly issuePrefix: string;
  readonly onChange: (models: Record<string, ModelPrice>) => void;
}

/** The models a provider is used with and their prices (USD per million tokens), editable. */
export function ModelPrices(props: ModelPricesProps) {
  const { models, listed, suggested, onChange } = props;
  const id = useId();
  const [adding, setAdding] = useState('');
  const offered = [
    ...listed.map((m) => m.id),
    ...Object.keys(suggested).filter((m) => !listed.some((l) => l.id === m)),
  ].filter((m) => !(m in models));
  const priceFor = (model: string): ModelPrice =>
    listed.find((m) => m.id === model)?.price ?? suggested[model] ?? { input: 0, output: 0 };
  const add = () => {
    const model = adding.trim();
    if (!model || model in models) return;
    onChange({ ...models, [model]: priceFor(model) });
    setAdding('');
  };
  const set = (model: string, side: keyof ModelPrice, text: string) =>
    onChange({
      ...models,
      [model]: { ...(models[model] ?? priceFor(model)), [side]: Number(text) },
    });
  const entries = Object.entries(models);

  return (
    <fieldset className="conn-models">
      <legend>Models and prices</legend>
      <p className="conn-hint">
        Prices are USD per million tokens, used for the cost of each call in the run log. They start
        at the provider’s list prices; change them to what you pay.
      </p>
      {entries.length > 0 ? (
        <table className="conn-price-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Input $/M</th>
              <th scope="col">Output $/M</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([model, price]) => (
              <tr key={model}>
                <th scope="row">
                  <code>{model}</code>
                </th>
                {(['input', 'output'] as const).map((side) => {
                  const problems = issuesAt(props.issues, `${props.issuePrefix}.${model}.${side}`);
                  return (
                    <td key={side}>
                      <input
                        type="number"
                        min={0}
                        step="any"
                        aria-label={`${model} ${side} price, USD per million tokens`}
                        aria-invalid={problems.length > 0 || undefined}
                        value={Number.isFinite(price[side]) ? price[side] : ''}
                        onChange={(e) => set(model, side, e.target.value)}
                      />
                      <FieldIssue label={`${model} ${side} price`} issues={problems} />
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove model ${model}`}
                    onClick={() => {
                      const { [model]: _gone, ...rest } = models;
                      onChange(rest);
                    }}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="conn-none">
          No models chosen yet{listed.length ? '' : ': test the connection to list them'}.
        </p>
      )}
      <div className="conn-add-model">
        <label htmlFor={`${id}-add`}>Add a model</label>
        <input
          id={`${id}-add`}
          list={`${id}-offered`}
          value={adding}
          placeholder={offered[0] ?? 'model id'}
          onChange={(e) => setAdding(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <datalist id={`${id}-offered`}>
          {offered.map((m) => (
            <option key={m} value={m}>
              {listed.find((l) => l.id === m)?.name}
            </option>
          ))}
        </datalist>
        <button type="button" className="button-small" disabled={!adding.trim()} onClick={add}>
          Add model
        </button>
      </div>
      {listed.length > 0 && (
        <p className="conn-hint">
          {listed.length} models listed by the provider; type to pick one.
        </p>
      )}
    </fieldset>
  );
}
