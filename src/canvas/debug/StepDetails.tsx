import { fixFor, type RunEvent } from '../../engine/index.ts';
import { Json } from './Json.tsx';
import { isExternal, stepAt } from './step.ts';
import { useStateAt } from './useStateAt.ts';

/**
 * The selected step as it was then: the node's input and output, the machine's state value and
 * whole context (from checkpoints), and the approvals and policy decisions so far.
 */
export function StepDetails({
  runId,
  events,
  seq,
}: {
  /** `null` for an imported run: it has a log but no checkpoints in this browser. */
  runId: string | null;
  events: readonly RunEvent[];
  seq: number | null;
}) {
  const facts = seq === null ? null : stepAt(events, seq);
  const loaded = useStateAt(runId, seq);
  if (!facts) return <p className="panel-empty">Pick a step in the timeline</p>;
  const { event, node } = facts;
  // A node paused before it runs has been handed its input already; the checkpoint holds it.
  const state = loaded && 'state' in loaded ? loaded.state : null;
  const input = facts.input ?? (node && state ? state.context.inputs[node] : undefined);
  const failure =
    event.type === 'node.failed' || event.type === 'run.failed' ? event.error : undefined;
  const fix = failure ? fixFor(failure.code) : undefined;
  return (
    <div className="step-details" aria-label="Step details" role="region">
      <p className="step-head">
        Step {event.seq}: <strong>{event.type}</strong>
        {node && <> at {node}</>}
        {isExternal(event) && <span className="external-mark"> ⇄ touched the outside world</span>}
      </p>
      {failure && (
        <div className="step-error" role="note" aria-label="What went wrong">
          <p>
            <code>{failure.code}</code> {failure.message}
          </p>
          {fix && <p>What to do: {fix}</p>}
        </div>
      )}
      {node && (
        <>
          <Json label="Input" value={input} empty="Not handed anything yet at this step" />
          <Json label="Output" value={facts.output} empty="No output yet at this step" />
        </>
      )}
      {loaded && 'state' in loaded ? (
        <>
          <Json label="State value" value={loaded.state.value} empty="" />
          <Json label="Context" value={loaded.state.context} empty="" />
        </>
      ) : loaded && 'error' in loaded ? (
        <p className="panel-empty">{loaded.error}</p>
      ) : (
        <Json label="Node outputs so far" value={facts.outputs} empty="" />
      )}
      <section aria-label="Approvals and policy so far">
        <h3>Approvals and policy so far</h3>
        {facts.approvals.length + facts.policies.length === 0 ? (
          <p className="panel-empty">None yet</p>
        ) : (
          <ul className="decisions">
            {facts.policies.map((p) => (
              <li key={p.seq}>
                {p.seq}: policy {p.decision} {p.capability} ({p.reason})
              </li>
            ))}
            {facts.approvals.map((a) => (
              <li key={a.seq}>
                {a.seq}:{' '}
                {a.type === 'approval.requested'
                  ? `asked: ${a.request.title}`
                  : `${a.decision.decision} by ${a.decision.by}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
