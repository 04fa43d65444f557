import { useState } from 'react';
import { pathOf } from '../../engine/index.ts';
import { engine } from '../run/engine.ts';
import { downloadBundle, makeBundle, readBundle, type RunBundle } from './bundle.ts';
import { fact, isFact, withoutRestarts } from './facts.ts';
import { isExternal } from './step.ts';
import type { Debugger } from './useDebugger.ts';

interface Replayed {
  /** The run it is about: another run opened hides it. */
  readonly runId: string;
  readonly events: number;
  readonly identical: boolean;
  readonly external: number;
}

/** Replay the open run from its log, export it as a bundle, or import a bundle to inspect. */
export function RunTools({ debug }: { debug: Debugger }) {
  const { record, events, fromBundle, snapshot } = debug;
  const [replayed, setReplayed] = useState<Replayed | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const finished = snapshot.matches('finished') || snapshot.matches('viewingHistory');

  const replay = async () => {
    if (!record) return;
    setReplayed(null);
    const result = await engine().api.replay({ runId: record.id });
    if (!result.ok) return setProblem(result.error.message);
    const again = result.value.events.filter(isFact).map(fact);
    // A rewound run is compared along the path it took.
    const before = withoutRestarts(pathOf(events)).filter(isFact).map(fact);
    setProblem(null);
    setReplayed({
      runId: record.id,
      events: again.length,
      identical: again.length === before.length && again.every((f, i) => f === before[i]),
      external: events.filter(isExternal).length,
    });
  };
  // A detached file input: the page keeps one file input, the flow importer's.
  const pick = () => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.onchange = () => {
      const picked = input.files?.[0];
      if (picked) void load(picked);
    };
    input.click();
  };
  const load = async (picked: File) => {
    const read = readBundle(await picked.text());
    if (!read.ok) return setProblem(read.error);
    setProblem(null);
    debug.openBundle(read.bundle satisfies RunBundle);
  };

  return (
    <div className="run-tools">
      <button
        type="button"
        disabled={!record || fromBundle || !finished}
        title="Run it again from its log: recorded outputs are reused, nothing external is called"
        onClick={() => void replay()}
      >
        Replay
      </button>
      <button
        type="button"
        disabled={!record}
        onClick={() => record && downloadBundle(makeBundle(record, events))}
      >
        Download run
      </button>
      <button type="button" onClick={pick}>
        Open run file…
      </button>
      {replayed && replayed.runId === record?.id && (
        <p className="replay-result" role="status">
          Replayed {replayed.events} events from the log:{' '}
          {replayed.identical ? 'the same sequence as the original' : 'the sequence differs'};
          nothing outside was called ({replayed.external} external steps answered from the record).
        </p>
      )}
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
