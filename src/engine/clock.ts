import type { Clock } from './contract/index.ts';

/** Why a signal aborted, as an Error (promises reject with errors only). */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
}

/** Real time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const handle = setTimeout(fn, Math.min(ms, 2 ** 31 - 1));
    return () => clearTimeout(handle);
  },
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const handle = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(handle), reject(abortReason(signal))), {
        once: true,
      });
    });
  },
};

/**
 * Time that moves only when told: `advance(ms)` fires due timers in order. `sleep` waits for the
 * clock like a timer does, unless `autoSleep` is set, in which case it moves the clock itself
 * (so retries with backoff finish at once in tests).
 */
export class ManualClock implements Clock {
  private time: number;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(
    start = Date.UTC(2026, 0, 5, 9),
    private readonly autoSleep = true,
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.autoSleep) {
      this.time += ms;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const cancel = this.setTimer(ms, resolve);
      signal?.addEventListener('abort', () => (cancel(), reject(abortReason(signal))), {
        once: true,
      });
    });
  }

  /** Moves time forward, firing every timer that falls due, earliest first. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => t.at <= until)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = until;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}
