import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/engine/index.ts';
import type { StreamBody } from '../../src/protocol/index.ts';
import { RunFeed } from '../../src/server/service/runFeed.ts';
import { makeEvent, makeRun } from '../unit/runStore.contract.ts';

/** A store with run `r`'s events 1…n written (as another process would have), and a feed. */
async function world(n: number) {
  const store = new MemoryStore();
  await store.putRun(makeRun('r'));
  await store.appendEvents(Array.from({ length: n }, (_, i) => makeEvent('r', i + 1)));
  const published: StreamBody[] = [];
  const feed = new RunFeed(store, (body) => published.push(body));
  const seqs = () => published.flatMap((b) => (b.kind === 'event' ? [b.event.seq] : []));
  return { store, feed, published, seqs };
}

describe("the server stream's feed of runs", () => {
  it('reads what another process committed, once however often it is announced', async () => {
    const { feed, seqs } = await world(5);
    feed.heard({ runId: 'r', from: 1, to: 3 });
    feed.heard({ runId: 'r', from: 1, to: 3 });
    feed.heard({ runId: 'r', from: 4, to: 5 });
    await feed.settled();
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
  });

  it("publishes this process's events at once, and its own announcements add nothing", async () => {
    const { store, feed, seqs } = await world(2);
    feed.heard({ runId: 'r', from: 1, to: 2 });
    await feed.settled();
    await store.appendEvents([makeEvent('r', 3)]);
    feed.local(makeEvent('r', 3));
    expect(seqs()).toEqual([1, 2, 3]);
    feed.heard({ runId: 'r', from: 3, to: 3 });
    await feed.settled();
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it('fills in what another process wrote before a run moved here, in order', async () => {
    const { store, feed, seqs } = await world(2);
    feed.heard({ runId: 'r', from: 1, to: 2 });
    await feed.settled();
    // Events 3 and 4 were committed elsewhere and not yet heard; this engine writes 5.
    await store.appendEvents([makeEvent('r', 3), makeEvent('r', 4), makeEvent('r', 5)]);
    feed.local(makeEvent('r', 5));
    expect(seqs()).toEqual([1, 2]);
    await feed.settled();
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
  });

  it('publishes a record once per write, never an older one after a newer', async () => {
    const { store, feed, published } = await world(0);
    const statuses = () => published.flatMap((b) => (b.kind === 'record' ? [b.run.status] : []));
    await store.putRun(makeRun('r', { status: 'waiting', updatedAt: 2000 }));
    feed.heard({ runId: 'r', updatedAt: 2000, status: 'waiting' });
    feed.heard({ runId: 'r', updatedAt: 2000, status: 'waiting' });
    await feed.settled();
    feed.localRecord(makeRun('r', { status: 'running', updatedAt: 1500 }));
    feed.localRecord(makeRun('r', { status: 'waiting', updatedAt: 3000 }));
    // Two writes in one millisecond: the second status is news all the same.
    feed.localRecord(makeRun('r', { status: 'succeeded', updatedAt: 3000 }));
    feed.localRecord(makeRun('r', { status: 'succeeded', updatedAt: 3000 }));
    expect(statuses()).toEqual(['waiting', 'waiting', 'succeeded']);
  });
});
