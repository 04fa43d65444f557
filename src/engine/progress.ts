import type { NodeRunner } from './execute.ts';
import type { NodeProgress } from './contract/index.ts';

/** At most this many progress updates a second leave a node; the latest one always does. */
const PROGRESS_PER_SECOND = 20;

const unwatched = { close: () => undefined };

/**
 * A node attempt's progress channel, throttled on the clock: an update goes out at once when the
 * last went out long enough ago, otherwise the latest waits for its turn. `close` drops what
 * waits, so nothing arrives after the node has finished.
 */
export function throttledProgress(
  runner: Pick<NodeRunner, 'progress' | 'watched' | 'services'>,
  nodeId: string,
): { progress?: (update: NodeProgress) => void; close: () => void } {
  const send = runner.progress?.bind(runner);
  if (!send || runner.watched?.() === false) return unwatched;
  const gap = 1_000 / PROGRESS_PER_SECOND;
  const clock = runner.services.clock;
  let last = -Infinity;
  let waiting: NodeProgress | undefined;
  let cancel: (() => void) | undefined;
  let closed = false;
  const flush = () => {
    cancel = undefined;
    if (closed || !waiting) return;
    last = clock.now();
    const update = waiting;
    waiting = undefined;
    send(nodeId, update);
  };
  return {
    progress: (update) => {
      if (closed) return;
      waiting = update;
      const wait = last + gap - clock.now();
      if (wait <= 0) flush();
      else cancel ??= clock.setTimer(wait, flush);
    },
    close: () => {
      closed = true;
      cancel?.();
    },
  };
}
