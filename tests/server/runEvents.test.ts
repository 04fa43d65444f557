import { describe, expect, it } from 'vitest';
import { MemoryStore, type RunEvent } from '../../src/engine/index.ts';
import { StreamHub } from '../../src/protocol/index.ts';
import { runEvents } from '../../src/server/service/runEvents.ts';
import { makeEvent, makeRun } from '../unit/runStore.contract.ts';

/** A store with run `r`'s events 1…n, a hub, and a reader of the run's events from `from`. */
async function world(n: number, from = 1) {
  const store = new MemoryStore();
  await store.putRun(makeRun('r'));
  await store.appendEvents(Array.from({ length: n }, (_, i) => makeEvent('r', i + 1)));
  let reads = 0;
  const counted = {
    events: (runId: string, range?: { from?: number; to?: number }) => {
      reads += 1;
      return store.events(runId, range);
    },
  };
  const hub = new StreamHub();
  const stop = new AbortController();
  const reader = runEvents(counted, hub, 'r', from, stop.signal);
  const seen: number[] = [];
  /** Reads until `count` more events came, or fails if the reader ends first. */
  const take = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const result = await reader.next();
      if (result.done === true) throw new Error(`the reader ended after ${seen.join(',')}`);
      seen.push(result.value.seq);
    }
    return seen;
  };
  const write = async (...seqs: number[]) =>
    store.appendEvents(seqs.map((seq) => makeEvent('r', seq)));
  const publish = (event: RunEvent) => hub.publish({ kind: 'event', event });
  return { hub, stop, reader, take, write, publish, reads: () => reads };
}

describe("one run's events as they are written", () => {
  it('reads the stored ones, then follows the stream without reading again', async () => {
    const w = await world(3);
    expect(await w.take(3)).toEqual([1, 2, 3]);
    const readsCaughtUp = w.reads();
    await w.write(4);
    w.publish(makeEvent('r', 4));
    // Another run's events and the run's repeats are not this reader's.
    w.publish(makeEvent('other', 5));
    w.publish(makeEvent('r', 4));
    await w.write(5);
    w.publish(makeEvent('r', 5));
    expect(await w.take(2)).toEqual([1, 2, 3, 4, 5]);
    expect(w.reads()).toBe(readsCaughtUp);
    w.stop.abort();
    expect((await w.reader.next()).done).toBe(true);
  });

  it('fills from the store what the stream did not carry, in order', async () => {
    const w = await world(2, 2);
    expect(await w.take(1)).toEqual([2]);
    // Written by another process before the feed first heard of this run: only 5 is heard.
    await w.write(3, 4, 5);
    w.publish(makeEvent('r', 5));
    expect(await w.take(3)).toEqual([2, 3, 4, 5]);
  });

  it('reads again after a reset, when the stream may have missed writes', async () => {
    const w = await world(1);
    expect(await w.take(1)).toEqual([1]);
    await w.write(2, 3);
    w.hub.reset('lost the database for a moment');
    expect(await w.take(2)).toEqual([1, 2, 3]);
    w.stop.abort();
    expect((await w.reader.next()).done).toBe(true);
  });
});
