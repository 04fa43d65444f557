import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAiCompatible } from '../../src/agents/index.ts';
import { ManualClock, MemoryStore } from '../../src/engine/index.ts';
import { VolatileMemory } from '../../src/memory/volatile.ts';
import { createEngine } from '../../src/nodes/runtime.ts';
import { SecretVault } from '../../src/secrets/index.ts';
import { createHost, type HostOptions } from '../../src/worker/host.ts';
import type { SettingsChannel } from '../../src/worker/hostSettings.ts';
import { DexieSettings } from '../../src/worker/settings.ts';
import { billFlow, billInput } from './harness/billFlow.ts';
import { TestServer } from './harness/testServer.ts';
import { until } from './harness/world.ts';
import { valueOf } from '../../src/protocol/index.ts';

const secrets = {
  get: (name: string) => Promise.resolve(name === 'BILLING_API_KEY' ? 'sk_test_123' : undefined),
};
const deps = { indexedDB, IDBKeyRange };

/** Channels between hosts in one process, as a BroadcastChannel links tabs' workers. */
function channels() {
  const all: ((revision: number) => void)[] = [];
  return (): SettingsChannel => {
    let own: ((revision: number) => void) | undefined;
    return {
      post: (revision) => {
        for (const listener of all) if (listener !== own) listener(revision);
      },
      listen: (listener) => void all.push((own = listener)),
    };
  };
}

describe('the worker keeps its settings in IndexedDB and reads them itself', () => {
  let server: TestServer;
  let store: MemoryStore;
  let dbName: string;
  beforeEach(async () => {
    server = await new TestServer().start();
    store = new MemoryStore();
    dbName = `aios-settings-${crypto.randomUUID()}`;
  });
  afterEach(() => server.stop());

  const hostOn = (extra: Partial<HostOptions> = {}) =>
    createHost({
      store,
      fetch,
      clock: new ManualClock(),
      settings: new DexieSettings(dbName, deps),
      ...extra,
    });
  /** Starts the bill flow and resolves with the notice it waits on. */
  const startAndWait = async (host: ReturnType<typeof createHost>) => {
    const started = await host.start({ flow: billFlow, input: billInput });
    if (!started.ok) throw new Error(started.error.message);
    const [ask] = await until(async () => {
      const pending = await valueOf(host.pending());
      return pending.length ? pending : undefined;
    }, 'the notice');
    return { runId: started.value.runId, ask };
  };
  const runStatus = (runId: string, status: string) =>
    until(() => store.getRun(runId).then((r) => (r?.status === status ? r : undefined)), status);

  it('resumes an interrupted run with the saved settings, before the page says anything', async () => {
    const saved = new DexieSettings(dbName, deps);
    await saved.save({ providers: {}, connections: server.connections }, 1);
    // A session that sent the invoice and died before it heard the answer.
    let sent = false;
    const first = createEngine({
      store,
      services: {
        clock: new ManualClock(),
        fetch: (input, init) => {
          void fetch(input, init).then(() => (sent = true));
          return new Promise<Response>(() => undefined);
        },
        llm: openAiCompatible({}),
        memory: new VolatileMemory(),
        connections: server.connections,
        secrets,
      },
    });
    const run = await first.start(billFlow, billInput);
    await until(() => (sent ? true : undefined), 'the invoice to reach the remote');
    first.halt();
    await expect(run.done).rejects.toThrow();
    expect((await store.effects(run.runId)).map((e) => e.status)).toEqual(['started']);

    // The new worker: no `configure` call at all.
    const host = hostOn({ secrets });
    expect(await host.ready()).toEqual({ ok: true, value: { resumed: [run.runId] } });
    const record = await runStatus(run.runId, 'succeeded');
    expect(record.status).toBe('succeeded');
    // Retried with its key, which the remote deduplicated: one invoice.
    expect(server.count(/^\/billing\/invoices$/)).toEqual({ requests: 2, applied: 1 });
    // It never had to wait for them.
    const events = await store.events(run.runId);
    expect(events.filter((e) => e.type === 'approval.requested')).toEqual([]);
  });

  it('lets a waiting run continue as soon as the missing connection is saved', async () => {
    const host = hostOn({ secrets });
    await host.ready();
    const { runId, ask } = await startAndWait(host);
    expect(ask?.request.title).toBe('billing is not connected — connect it to continue');
    const result = await host.configure({
      settings: { connections: server.connections },
      basedOn: 0,
    });
    expect(result).toMatchObject({
      ok: true,
      value: { saved: { revision: 1 }, replacedOther: null },
    });
    await runStatus(runId, 'succeeded');
    expect(server.count(/^\/billing\/invoices$/).applied).toBe(1);
    // Durable: a new worker on the same database reads them back.
    const again = await new DexieSettings(dbName, deps).load();
    expect(again.settings.connections['billing']?.baseUrl).toBe(server.connections.billing.baseUrl);
  });

  it('refuses settings that do not parse, naming the field, and keeps the saved ones', async () => {
    const host = hostOn();
    await host.configure({ settings: { connections: server.connections } });
    const bad = await host.configure({
      settings: { connections: { billing: { baseUrl: 'ftp://x' } } },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid', path: 'settings.connections.billing.baseUrl' },
    });
    const now = await host.settings();
    expect(now).toMatchObject({ ok: true, value: { revision: 1 } });
  });

  it('moves settings from localStorage once, never over saved ones', async () => {
    const host = hostOn();
    expect(
      await host.adoptSettings({ settings: { providers: {}, connections: server.connections } }),
    ).toEqual({
      ok: true,
      value: { adopted: true },
    });
    expect(await host.adoptSettings({ settings: { providers: {}, connections: {} } })).toEqual({
      ok: true,
      value: { adopted: false },
    });
    const now = await host.settings();
    expect(now.ok && Object.keys(now.value.settings.connections)).toEqual([
      'mail',
      'billing',
      'crm',
    ]);
  });

  it('with two tabs, the last save wins in both, and the tab that replaced another is told', async () => {
    const link = channels();
    const open = () => hostOn({ store: new MemoryStore(), settingsChannel: link() });
    const a = open();
    const b = open();
    await Promise.all([a.ready(), b.ready()]);
    const fromA = await a.configure({
      settings: { connections: { billing: { baseUrl: 'http://a.test' } } },
      basedOn: 0,
    });
    expect(fromA).toMatchObject({ ok: true, value: { replacedOther: null } });
    const fromB = await b.configure({
      settings: { connections: { crm: { baseUrl: 'http://b.test' } } },
      basedOn: 0,
    });
    expect(fromB).toMatchObject({
      ok: true,
      value: { saved: { revision: 2 }, replacedOther: { revision: 1 } },
    });
    const inA = await until(async () => {
      const s = await a.settings();
      return s.ok && s.value.revision === 2 ? s.value : undefined;
    }, "tab A to take tab B's save");
    // Whole, never merged: A no longer has its own billing connection.
    expect(inA.settings.connections).toEqual({ crm: { baseUrl: 'http://b.test' } });
  });

  it('waits for a locked vault to be unlocked, and continues then', async () => {
    const vault = new SecretVault(`aios-secrets-${crypto.randomUUID()}`, deps, undefined, 1_000);
    await vault.set('BILLING_API_KEY', 'sk_test_123');
    await vault.protect('a long passphrase');
    vault.lock();
    const host = hostOn({ vault });
    await host.configure({ settings: { connections: server.connections } });
    const { runId, ask } = await startAndWait(host);
    expect(ask?.request.need).toEqual({ kind: 'unlock', name: 'BILLING_API_KEY' });
    expect(server.count(/^\/billing/).requests).toBe(0);
    await host.vaultUnlock({ passphrase: 'a long passphrase' });
    await runStatus(runId, 'succeeded');
    expect(server.count(/^\/billing\/invoices$/).applied).toBe(1);
    vault.close();
  });
});
