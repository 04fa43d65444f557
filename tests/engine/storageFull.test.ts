import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ManualClock,
  MemoryStore,
  type Checkpoint,
  type RunEvent,
} from '../../src/engine/index.ts';
import { createHost } from '../../src/worker/host.ts';
import type { StreamMessage } from '../../src/protocol/index.ts';
import { MemorySettings } from '../../src/worker/settings.ts';
import { billFlow, billInput } from './harness/billFlow.ts';
import { TestServer } from './harness/testServer.ts';
import { until } from './harness/world.ts';

/**
 * A store on a disk that fills up: while `full`, every write fails as `DexieStore`'s does, its own
 * message with IndexedDB's QuotaExceededError as the cause.
 */
class FillingStore extends MemoryStore {
  full = false;
  private check() {
    if (this.full)
      throw new Error('storage is full while saving events: free space', {
        cause: new DOMException('the quota has been exceeded', 'QuotaExceededError'),
      });
  }
  override appendEvents(events: readonly RunEvent[]) {
    this.check();
    return super.appendEvents(events);
  }
  override putCheckpoint(checkpoint: Checkpoint) {
    this.check();
    return super.putCheckpoint(checkpoint);
  }
}

describe('a run on a full disk', () => {
  let server: TestServer;
  beforeEach(async () => (server = await new TestServer().start()));
  afterEach(() => server.stop());

  it('stops at a clean point, says what to free, and continues once there is room', async () => {
    const store = new FillingStore();
    const clock = new ManualClock();
    const settings = new MemorySettings();
    await settings.save({ providers: {}, connections: server.connections }, 1);
    const secrets = { get: () => Promise.resolve('sk_test_123') };
    const host = createHost({ store, fetch, clock, secrets, settings });
    const seen: StreamMessage[] = [];
    await host.subscribe((m) => void seen.push(m));
    // The disk fills up as soon as the invoice is created.
    const original = store.putEffect.bind(store);
    store.putEffect = async (effect) => {
      await original(effect);
      if (effect.status === 'completed') store.full = true;
    };
    const started = await host.start({ flow: billFlow, input: billInput });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value;
    const notice = await until(() => seen.find((m) => m.kind === 'notice'), 'the storage notice');
    expect(notice).toMatchObject({
      runId,
      text: expect.stringMatching(/storage is full.*Free space/) as unknown,
    });
    const events = await store.events(runId);
    // The log up to the failed write is whole: gapless, nothing after it.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect((await store.getRun(runId))?.status).toBe('running');

    store.full = false;
    clock.advance(2_000);
    const record = await until(async () => {
      const r = await store.getRun(runId);
      return r?.status === 'succeeded' ? r : undefined;
    }, 'the run to finish once there is room');
    expect(record.status).toBe('succeeded');
    expect(server.count(/^\/billing\/invoices$/).applied).toBe(1);
    expect(seen.filter((m) => m.kind === 'notice')).toHaveLength(1);
  });

  it('says once that the database was cleared under it, and retries nothing', async () => {
    const store = new FillingStore();
    const clock = new ManualClock();
    const host = createHost({ store, fetch, clock, settings: new MemorySettings() });
    const seen: StreamMessage[] = [];
    await host.subscribe((m) => void seen.push(m));
    const closed = Object.assign(new Error('Database has been closed'), {
      name: 'DatabaseClosedError',
    });
    store.appendEvents = () => Promise.reject(closed);
    for (const id of ['a', 'b']) {
      const started = await host.start({ flow: billFlow, input: billInput });
      if (!started.ok) throw new Error(`${id}: ${started.error.message}`);
    }
    await until(() => seen.find((m) => m.kind === 'notice'), 'the notice');
    clock.advance(120_000);
    const notices = seen.filter((m) => m.kind === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      text: expect.stringMatching(/storage was cleared or closed.*Reload the page/) as unknown,
    });
  });
});
