import { useState } from 'react';
import { useStateAt } from './useStateAt.ts';

/** Parses JSON, saying where it is wrong. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * "What if the draft had said X": pick a node finished by the selected step, edit its output as
 * JSON (checked as you type), and start a new run from that step's checkpoint. The original run's
 * log is untouched and effects before the fork point are never sent again.
 */
export function ForkEditor({
  runId,
  seq,
  onFork,
}: {
  runId: string | null;
  seq: number | null;
  onFork: (seq: number, outputs: Record<string, unknown>) => Promise<void>;
}) {
  // The fork starts from a checkpoint, so what can be edited is what that checkpoint holds.
  const loaded = useStateAt(runId, seq);
  const state = loaded && 'state' in loaded ? loaded.state : null;
  const outputs = state?.context.nodes ?? {};
  const finished = Object.keys(outputs);
  const [node, setNode] = useState<string>('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (seq === null) return <p className="panel-empty">Pick a step to fork from</p>;
  if (loaded && 'error' in loaded) return <p className="panel-empty">{loaded.error}</p>;
  if (!state) return <p className="panel-empty">Loading the checkpoint…</p>;

  const chosen = finished.includes(node) ? node : '';
  const check = text.trim() === '' ? null : parseJson(text);
  const choose = (id: string) => {
    setNode(id);
    setText(id ? JSON.stringify(outputs[id], null, 2) : '');
    setProblem(null);
  };
  const fork = async () => {
    try {
      await onFork(seq, chosen && check?.ok ? { [chosen]: check.value } : {});
      setProblem(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form
      className="fork-editor"
      aria-label="Fork"
      onSubmit={(e) => {
        e.preventDefault();
        void fork();
      }}
    >
      <p className="panel-empty">
        From the checkpoint after event {state.seq}
        {state.status === 'done' ? ': the run had ended there, pick an earlier step' : ''}
      </p>
      <label>
        Edit the output of
        <select value={chosen} onChange={(e) => choose(e.target.value)} aria-label="Node to edit">
          <option value="">(nothing: fork as it was)</option>
          {finished.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <>
          <textarea
            aria-label="Edited output"
            aria-invalid={check?.ok === false || undefined}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={8}
            spellCheck={false}
          />
          {check && !check.ok && <p className="fork-invalid">Not valid JSON: {check.error}</p>}
        </>
      )}
      <button type="submit" disabled={Boolean(chosen) && check?.ok !== true}>
        Fork from step {seq}
      </button>
      {problem && <p role="alert">{problem}</p>}
    </form>
  );
}
