import { useState } from 'react';
import type { ForkEdits, StateAt } from '../../engine/index.ts';
import { useStateAt } from './useStateAt.ts';

/** Parses JSON, saying where it is wrong. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** What a fork can change, as `<select>` values: `out:<node>`, `in:<node>` or `run`. */
interface Editable {
  readonly value: string;
  readonly label: string;
  readonly current: unknown;
}

/** The names in a state value's leaves: the nodes the machine is in (running or waiting). */
function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [];
}

/** Finished nodes' outputs, the inputs of nodes in flight at that step, and the run's input. */
function editables(state: StateAt): Editable[] {
  const { nodes, inputs, input } = state.context;
  const waiting = leaves(state.value).filter((id) => id in inputs);
  return [
    ...Object.keys(nodes).map((id) => ({
      value: `out:${id}`,
      label: `Output of ${id}`,
      current: nodes[id],
    })),
    ...waiting.map((id) => ({
      value: `in:${id}`,
      label: `Input waiting at ${id}`,
      current: inputs[id],
    })),
    { value: 'run', label: 'The run’s input', current: input },
  ];
}

function editsFor(choice: string, value: unknown): ForkEdits {
  if (choice === 'run') return { runInput: value };
  const node = choice.slice(choice.indexOf(':') + 1);
  return choice.startsWith('in:') ? { inputs: { [node]: value } } : { outputs: { [node]: value } };
}

/**
 * "What if the draft had said X": pick what to change at the selected step (a finished node's
 * output, the input waiting at a node, or the run's input), edit it as JSON (checked as you type),
 * and start a new run from that step's checkpoint. The original run's log is untouched and effects
 * before the fork point are never sent again. A paused run can also be rewound there, in place.
 */
export function ForkEditor({
  runId,
  seq,
  onFork,
  onRewind,
}: {
  runId: string | null;
  seq: number | null;
  onFork: (seq: number, edits: ForkEdits) => Promise<void>;
  /** Given while the run is paused: take it back to this step and pause there. */
  onRewind?: ((seq: number) => Promise<void>) | undefined;
}) {
  // The fork starts from a checkpoint, so what can be edited is what that checkpoint holds.
  const loaded = useStateAt(runId, seq);
  const state = loaded && 'state' in loaded ? loaded.state : null;
  const [choice, setChoice] = useState<string>('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (seq === null) return <p className="panel-empty">Pick a step to fork from</p>;
  if (loaded && 'error' in loaded) return <p className="panel-empty">{loaded.error}</p>;
  if (!state) return <p className="panel-empty">Loading the checkpoint…</p>;

  const options = editables(state);
  const chosen = options.find((o) => o.value === choice);
  const check = text.trim() === '' ? null : parseJson(text);
  const ended = state.status === 'done';
  const choose = (value: string) => {
    setChoice(value);
    const option = options.find((o) => o.value === value);
    setText(option ? JSON.stringify(option.current ?? null, null, 2) : '');
    setProblem(null);
  };
  const act = async (work: () => Promise<void>) => {
    try {
      await work();
      setProblem(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const fork = () =>
    act(() => onFork(seq, chosen && check?.ok ? editsFor(chosen.value, check.value) : {}));

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
        {ended ? ': the run had ended there, pick an earlier step' : ''}
      </p>
      <label>
        Change
        <select
          value={chosen?.value ?? ''}
          onChange={(e) => choose(e.target.value)}
          aria-label="What to change"
        >
          <option value="">(nothing: fork as it was)</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <>
          <textarea
            aria-label="Edited value"
            aria-invalid={check?.ok === false || undefined}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={8}
            spellCheck={false}
          />
          {check && !check.ok && <p className="fork-invalid">Not valid JSON: {check.error}</p>}
        </>
      )}
      <div className="fork-actions">
        <button type="submit" disabled={Boolean(chosen) && check?.ok !== true}>
          Fork from step {seq}
        </button>
        {onRewind && (
          <button
            type="button"
            disabled={ended}
            title="Take this paused run back to this step, in place; it pauses there. Nothing sent is sent again."
            onClick={() => void act(() => onRewind(seq))}
          >
            Rewind the run here
          </button>
        )}
      </div>
      {problem && <p role="alert">{problem}</p>}
    </form>
  );
}
