import { sideEffectWords, type Contract } from './contracts.ts';
import { FieldTable } from './FieldTable.tsx';
import { fieldRows } from './schemaFields.ts';
import { TestCall } from './TestCall.tsx';

/** One capability's contract, readable: what it takes and gives, what it touches, how it retries and is undone. */
export function ContractView({ contract, onEdit }: { contract: Contract; onEdit?: () => void }) {
  const c = contract;
  return (
    <article className="contract" aria-label={`Contract of ${c.id}`}>
      <header className="contract-head">
        <div>
          <h3>{c.title}</h3>
          <code>{c.id}</code>
          <span className="contract-origin">
            {c.origin === 'flow' ? 'this flow' : c.origin === 'mcp' ? 'MCP tool' : 'built-in'}
          </span>
        </div>
        {onEdit && (
          <button type="button" className="button" onClick={onEdit}>
            Edit…
          </button>
        )}
      </header>
      {c.description && <p>{c.description}</p>}
      <dl className="contract-facts">
        <dt>Side effect</dt>
        <dd>
          <span className="effect-chip" data-effect={c.sideEffect}>
            {c.sideEffect}
          </span>{' '}
          {sideEffectWords[c.sideEffect]}
        </dd>
        <dt>Needs</dt>
        <dd>{c.auth ?? 'nothing: no secret or connection'}</dd>
        <dt>Idempotency</dt>
        <dd>{c.idempotencyHow}</dd>
        <dt>Retried on</dt>
        <dd>
          {c.retryOn.length > 0
            ? `HTTP ${c.retryOn.join(', ')} and network errors; other errors fail at once`
            : 'never retried'}
        </dd>
        <dt>Undone by</dt>
        <dd>
          {c.compensate ? <code>{c.compensate}</code> : 'nothing (no compensating capability)'}
        </dd>
      </dl>
      <h4>Input</h4>
      <FieldTable rows={fieldRows(c.input)} label="Input fields" />
      <h4>Output</h4>
      <FieldTable rows={fieldRows(c.output)} label="Output fields" />
      <TestCall key={c.id} contract={c} />
    </article>
  );
}
