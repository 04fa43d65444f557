import { useMemo, useState } from 'react';
import type { ErrorData } from '../../engine/index.ts';
import { engine } from '../run/engine.ts';
import { checkAgainst, parseJson } from './checkInput.ts';
import { sideEffectWords, type Contract } from './contracts.ts';
import { sampleOf } from './schemaFields.ts';

type Outcome =
  | { readonly status: 'idle' }
  | { readonly status: 'calling' }
  | { readonly status: 'done'; readonly output: unknown; readonly ms: number }
  | { readonly status: 'failed'; readonly error: ErrorData };

/**
 * Calls a capability once with sample input, through the engine worker, outside any run. The
 * input starts from a sample of the schema and is checked as it is typed; anything but a read
 * asks for confirmation first, since the call really happens.
 */
export function TestCall({ contract }: { contract: Contract }) {
  const [text, setText] = useState(() => JSON.stringify(sampleOf(contract.input), null, 2));
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  const checked = useMemo(() => {
    const parsed = parseJson(text, 'input');
    return parsed.ok ? checkAgainst(contract.input, parsed.value, 'input') : parsed;
  }, [text, contract.input]);

  const call = async () => {
    if (!checked.ok) return;
    setConfirming(false);
    setOutcome({ status: 'calling' });
    const result = await engine().api.testCapability({
      id: contract.id,
      input: checked.value,
      definition: contract.definition,
    });
    setOutcome(
      result.ok
        ? { status: 'done', output: result.value.output, ms: result.value.ms }
        : { status: 'failed', error: result.error },
    );
  };

  return (
    <section className="test-call" aria-label="Test call">
      <h4>Test call</h4>
      <label className="test-call-input">
        <span>Sample input (JSON)</span>
        <textarea
          value={text}
          rows={Math.min(14, Math.max(4, text.split('\n').length + 1))}
          spellCheck={false}
          aria-invalid={!checked.ok}
          onChange={(e) => {
            setText(e.target.value);
            setConfirming(false);
          }}
        />
      </label>
      {!checked.ok && (
        <ul className="payload-problems" aria-label="Input problems">
          {checked.problems.map((p) => (
            <li key={`${p.path}:${p.message}`}>
              <code>{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
      )}
      {confirming ? (
        <div className="test-call-confirm" role="group" aria-label="Confirm the test call">
          <p>
            <strong>{contract.id}</strong> {sideEffectWords[contract.sideEffect]}. This test call
            really happens (it is not part of a run, so nothing dedupes it). Call it?
          </p>
          <button type="button" className="button button-primary" onClick={() => void call()}>
            Call it for real
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button-primary"
          disabled={!checked.ok || outcome.status === 'calling'}
          onClick={() => (contract.sideEffect === 'read' ? void call() : setConfirming(true))}
        >
          {outcome.status === 'calling' ? 'Calling…' : 'Test call'}
        </button>
      )}
      {outcome.status === 'done' && (
        <div className="test-call-result" role="status" aria-label="Test call result">
          <p>Answered in {Math.round(outcome.ms)} ms:</p>
          <pre className="subject-code">{JSON.stringify(outcome.output, null, 2)}</pre>
        </div>
      )}
      {outcome.status === 'failed' && (
        <p className="test-call-error" role="alert">
          {outcome.error.code}
          {outcome.error.path ? ` at ${outcome.error.path}` : ''}: {outcome.error.message}
        </p>
      )}
    </section>
  );
}
