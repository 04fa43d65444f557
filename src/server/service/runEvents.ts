import type { RunEvent, RunStore } from '../../engine/index.ts';
import type { StreamHub } from '../../protocol/index.ts';

/** How soon a gap the store did not hold yet is read again, if the stream says nothing first. */
const GAP_RETRY_MS = 200;

/**
 * One run's events from `from` on, in seq order without gaps, as any process writes them, until
 * `signal` aborts: what the store holds, then what the host's stream hears of the run (its feed
 * publishes each event once committed). What the stream did not carry — events before it first
 * heard of the run, or anything around a `reset` — is read from the store; nothing polls.
 */
export async function* runEvents(
  store: Pick<RunStore, 'events'>,
  hub: StreamHub,
  runId: string,
  from: number,
  signal: AbortSignal,
): AsyncGenerator<RunEvent, void> {
  let next = from;
  let readStore = true;
  const heard: RunEvent[] = [];
  let wake: (() => void) | undefined;
  const nudge = () => wake?.();
  // Subscribed before the first read, so nothing committed in between is missed.
  const off = hub.subscribe((message) => {
    if (message.kind === 'event' && message.event.runId === runId) heard.push(message.event);
    else if (message.kind === 'reset') readStore = true;
    else return;
    nudge();
  });
  signal.addEventListener('abort', nudge);
  try {
    while (!signal.aborted) {
      const upTo = heard.find((e) => e.seq >= next)?.seq;
      let short = false;
      if (readStore || (upTo !== undefined && upTo > next)) {
        // The store up to the first event heard (or all of it after a reset): the gap before it.
        readStore = false;
        const range = upTo !== undefined ? { from: next, to: upTo } : { from: next };
        for (const event of await store.events(runId, range)) {
          if (event.seq !== next) break;
          next += 1;
          yield event;
        }
        short = upTo !== undefined && next < upTo;
      }
      while (heard.length > 0 && !signal.aborted) {
        const event = heard[0];
        if (event && event.seq > next) break;
        heard.shift();
        if (event && event.seq === next) {
          next += 1;
          yield event;
        }
      }
      // Nothing to do until the stream says more; a gap the store could not fill yet is tried
      // again then, or after a moment.
      if ((heard.length === 0 || short) && !readStore && !signal.aborted)
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (short) setTimeout(resolve, GAP_RETRY_MS);
        });
      wake = undefined;
    }
  } finally {
    off();
    signal.removeEventListener('abort', nudge);
  }
}
