import { useEffect, useState } from 'react';
import type { StateAt } from '../../engine/index.ts';
import { engine } from '../run/engine.ts';

type Loaded = { state: StateAt } | { error: string } | null;

/**
 * The machine's state and whole context as of a step, from the engine's checkpoints (never a
 * replay from the start). `null` while loading or when there is nothing to ask about.
 */
export function useStateAt(runId: string | null, seq: number | null): Loaded {
  const [loaded, setLoaded] = useState<{ key: string; value: Loaded } | null>(null);
  const key = runId && seq !== null ? `${runId}@${seq}` : null;
  useEffect(() => {
    if (!runId || seq === null) return;
    let live = true;
    void engine()
      .api.stateAt({ runId, seq })
      .then((result) => {
        if (!live) return;
        setLoaded({
          key: `${runId}@${seq}`,
          value: result.ok ? { state: result.value } : { error: result.error.message },
        });
      });
    return () => {
      live = false;
    };
  }, [runId, seq]);
  return loaded && loaded.key === key ? loaded.value : null;
}
