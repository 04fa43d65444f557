import { IDBKeyRange, IDBObjectStore, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserMemory } from '../../src/memory/browser.ts';
import { openMemoryDb } from '../../src/memory/db.ts';
import type { Embedder } from '../../src/memory/embed.ts';
import { requestPersistence } from '../../src/memory/persistence.ts';
import './memoryBrowserShims.ts';
import { normalize } from '../../src/memory/quantize.ts';
import { RECALLS_KEPT, type MemoryItem } from '../../src/memory/schema.ts';
import { runStepsOf } from '../../src/canvas/memory/runSteps.ts';
import { IndexedMemory, type IndexedMemoryOptions } from '../../src/memory/store.ts';

const deps = { indexedDB, IDBKeyRange };

const uniqueName = () => `aios-memory-test-${crypto.randomUUID()}`;
const DAY = 24 * 3600 * 1000;

/** Concepts → axes, so the test knows which texts are close in meaning. */
const concepts: [RegExp, number][] = [
  [/colou?r|blue|navy|teal|palette|brand/i, 0],
  [/invoice|pay|money|billing|budget/i, 1],
  [/launch|deadline|date|schedule/i, 2],
];
const conceptEmbedder = (model = 'concepts'): Embedder & { calls: number } => ({
  model,
  calls: 0,
  embed(texts) {
    this.calls++;
    return Promise.resolve(
      texts.map((t) => {
        const v = new Float32Array(8).fill(0.01);
        for (const [re, axis] of concepts) if (re.test(t)) v[axis] = 1;
        return normalize(v);
      }),
    );
  },
});

const opened: IndexedMemory[] = [];
function open(options: Partial<IndexedMemoryOptions> = {}) {
  const memory = new IndexedMemory({ name: uniqueName(), deps, ...options });
  opened.push(memory);
  return memory;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const m of opened.splice(0)) m.close();
});

describe('memory database schema', () => {
  it('upgrades a v1 database to the latest version with every row intact', async () => {
    const name = uniqueName();
    const v1 = openMemoryDb(name, deps, 1);
    const legacy = {
      id: 'm1',
      text: 'Acme prefers navy',
      kind: 'preference',
      entities: ['e1'],
      tags: ['brand'],
      source: { type: 'user' },
      createdAt: 1,
      updatedAt: 1,
      archived: 0,
      summaryId: null,
    } as unknown as MemoryItem; // a v1 row without recall bookkeeping
    await v1.entities.put({
      id: 'e1',
      type: 'client',
      name: 'Acme',
      properties: { site: 'acme.test' },
      createdAt: 1,
      updatedAt: 1,
    });
    await v1.relations.put({ id: 'e1|has|e2', from: 'e1', to: 'e2', type: 'has', createdAt: 1 });
    await v1.memories.put(legacy);
    await v1.vectors.put({
      id: 'm1',
      model: 'concepts',
      scale: 0.01,
      data: new Int8Array([1, -2, 3]),
    });
    expect(v1.verno).toBe(1);
    v1.close();

    const latest = openMemoryDb(name, deps);
    await latest.open();
    expect(latest.verno).toBe(3);
    expect(await latest.entities.get('e1')).toMatchObject({
      name: 'Acme',
      properties: { site: 'acme.test' },
    });
    expect(await latest.relations.count()).toBe(1);
    expect(await latest.memories.get('m1')).toMatchObject({
      text: 'Acme prefers navy',
      recallCount: 0,
      lastRecalledAt: null,
    });
    const vector = await latest.vectors.get('m1');
    expect(vector?.data).toBeInstanceOf(Int8Array);
    expect(Array.from(vector!.data)).toEqual([1, -2, 3]);
    // The index v2 added works on upgraded rows.
    expect(
      await latest.memories.where('[archived+createdAt]').between([0, 0], [0, 10]).count(),
    ).toBe(1);
    // v3's saved search index starts empty: the first open indexes and saves it.
    expect(await latest.snapshots.count()).toBe(0);
    latest.close();
  });

  it('says another tab blocks the upgrade, then opens once it lets go, losing nothing', async () => {
    const name = uniqueName();
    const v1 = openMemoryDb(name, deps, 1);
    await v1.entities.put({
      id: 'e1',
      type: 'client',
      name: 'Acme',
      properties: {},
      createdAt: 1,
      updatedAt: 1,
    });
    v1.close();
    // An old tab holding the v1 database open and ignoring requests to close it.
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 10); // Dexie stores version n as n × 10
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error(request.error?.message ?? 'open failed'));
    });
    const blocked: string[] = [];
    const memory = new IndexedMemory({ name, deps, onBlocked: (e) => blocked.push(e.message) });
    opened.push(memory);
    const listing = memory.entities();
    await vi.waitFor(() => expect(blocked).toHaveLength(1));
    expect(blocked[0]).toBe(
      'open the memory database: another tab of the workspace holds the memory database open with an older version: close or reload it',
    );
    old.close();
    expect((await listing).map((e) => e.name)).toEqual(['Acme']);
  });
});

describe('IndexedMemory', () => {
  it('keeps a context graph: entities, typed relations, neighbourhood, delete', async () => {
    const memory = open();
    const acme = await memory.putEntity({
      type: 'client',
      name: 'Acme',
      properties: { tier: 'gold' },
    });
    const site = await memory.putEntity({ type: 'project', name: 'Website' });
    const ana = await memory.putEntity({ type: 'person', name: 'Ana' });
    await memory.link(acme.id, site.id, 'has-project');
    await memory.link(ana.id, acme.id, 'works-at');
    await expect(memory.link(acme.id, 'missing', 'has-project')).rejects.toThrow(
      /entity is missing/,
    );
    await expect(memory.putEntity({ type: 'client', name: '  ' })).rejects.toThrow(
      /entity at name/,
    );

    const around = await memory.neighbourhood(acme.id);
    expect(around.entity?.properties).toEqual({ tier: 'gold' });
    expect(around.relations.map((r) => r.type).sort()).toEqual(['has-project', 'works-at']);
    expect(around.neighbours.map((e) => e.name).sort()).toEqual(['Ana', 'Website']);

    const renamed = await memory.putEntity({ id: acme.id, type: 'client', name: 'Acme Ltd' });
    expect(renamed.createdAt).toBe(acme.createdAt);
    expect(renamed.properties).toEqual({ tier: 'gold' });

    await memory.add({
      text: 'Acme pays late',
      kind: 'fact',
      entities: [acme.id],
      source: { type: 'user' },
    });
    await memory.deleteEntity(acme.id);
    expect((await memory.entities()).map((e) => e.name)).toEqual(['Ana', 'Website']);
    expect((await memory.neighbourhood(site.id)).relations).toEqual([]);
    expect((await memory.recent())[0]?.entities).toEqual([]);
  });

  it('lists relations, memories about an entity (by id or name) and windows of memories', async () => {
    let now = 1_000;
    const memory = open({ now: () => now++ });
    const acme = await memory.putEntity({ type: 'client', name: 'Acme' });
    const site = await memory.putEntity({ type: 'project', name: 'Website' });
    await memory.link(acme.id, site.id, 'has-project');
    expect((await memory.relations()).map((r) => `${r.from} ${r.type} ${r.to}`)).toEqual([
      `${acme.id} has-project ${site.id}`,
    ]);
    const texts = ['by id', 'by name', 'unrelated', 'by id again'];
    await memory.add({
      text: texts[0]!,
      kind: 'fact',
      entities: [acme.id],
      source: { type: 'user' },
    });
    // A flow's remember node links by name.
    await memory.add({
      text: texts[1]!,
      kind: 'fact',
      entities: ['Acme'],
      source: { type: 'user' },
    });
    await memory.add({
      text: texts[2]!,
      kind: 'fact',
      entities: [site.id],
      source: { type: 'user' },
    });
    await memory.add({
      text: texts[3]!,
      kind: 'fact',
      entities: [acme.id, 'Acme'],
      source: { type: 'user' },
    });
    expect((await memory.about(acme.id)).map((m) => m.text)).toEqual([
      'by id again',
      'by name',
      'by id',
    ]);
    expect(await memory.count()).toBe(4);
    expect((await memory.page({ offset: 1, limit: 2 })).map((m) => m.text)).toEqual([
      'unrelated',
      'by name',
    ]);
  });

  it('searches by meaning and words, filtered by entity name or id', async () => {
    const embedder = conceptEmbedder();
    const memory = open({ embedder });
    const acme = await memory.putEntity({ type: 'client', name: 'Acme' });
    await memory.add({
      text: 'Prefers navy and teal',
      kind: 'preference',
      entities: [acme.id],
      source: { type: 'user' },
    });
    await memory.add({
      text: 'Invoices are paid after 60 days',
      kind: 'fact',
      entities: [acme.id],
      source: { type: 'user' },
    });
    await memory.add({
      text: 'Globex wants a bright palette at launch',
      kind: 'preference',
      entities: ['Globex'],
      source: { type: 'user' },
    });
    expect(await memory.backlog()).toBe(0);

    const byMeaning = await memory.search({ text: 'colour scheme', topK: 2 });
    expect(byMeaning.map((h) => h.item.text)).toEqual([
      'Prefers navy and teal',
      'Globex wants a bright palette at launch',
    ]);
    expect(byMeaning[0]!.why).toMatch(/meaning: 1\.00/);

    const forAcme = await memory.search({ text: 'colour', topK: 5, entities: ['acme'] });
    expect(forAcme.map((h) => h.item.text)[0]).toBe('Prefers navy and teal');
    expect(forAcme.every((h) => h.item.entities.includes(acme.id))).toBe(true);
    const forGlobex = await memory.search({ text: 'palette', topK: 5, entities: ['globex'] });
    expect(forGlobex.map((h) => h.item.text)).toEqual(['Globex wants a bright palette at launch']);
  });

  it('serves the engine: remember is idempotent by id, recall counts what it returned', async () => {
    let now = 10_000;
    const embedder = conceptEmbedder();
    const memory = open({ embedder, now: () => now });
    const source = { runId: 'r1', nodeId: 'n1' };
    await memory.remember({
      id: 'r1/n1/0',
      text: 'Launch date is 3 May',
      kind: 'decision',
      entities: ['Acme'],
      tags: ['launch'],
      source,
    });
    now += 5;
    await memory.remember({
      id: 'r1/n1/0',
      text: 'Launch date moved to 10 May',
      kind: 'decision',
      entities: ['Acme'],
      tags: ['launch'],
      source,
    });
    const calls = embedder.calls;
    await memory.remember({
      id: 'r1/n1/0',
      text: 'Launch date moved to 10 May',
      kind: 'decision',
      entities: ['Acme'],
      tags: ['launch'],
      source,
    });
    expect(embedder.calls).toBe(calls); // same text again: the stored vector is kept
    const hits = await memory.recall({
      text: 'when is the deadline',
      topK: 3,
      threshold: 0.1,
      entity: 'acme',
      kinds: ['decision'],
      tags: [],
    });
    expect(hits).toEqual([
      {
        id: 'r1/n1/0',
        text: 'Launch date moved to 10 May',
        score: expect.any(Number) as number,
        entities: ['Acme'],
        tags: ['launch'],
      },
    ]);
    const stored = await memory.get('r1/n1/0');
    expect(stored).toMatchObject({
      createdAt: 10_000,
      updatedAt: 10_005,
      recallCount: 1,
      lastRecalledAt: 10_005,
      source: { type: 'run', runId: 'r1', nodeId: 'n1' },
    });
    expect(
      await memory.recall({ text: 'deadline', topK: 3, threshold: 0, kinds: ['fact'], tags: [] }),
    ).toEqual([]);
  });

  it('notes which run steps recalled a memory: one line per step, the latest kept', async () => {
    let now = 1_000;
    const memory = open({ embedder: conceptEmbedder(), now: () => now });
    await memory.remember({
      id: 'w/n/1',
      text: 'Launch date is 3 May',
      kind: 'decision',
      entities: ['Acme'],
      tags: [],
      source: { runId: 'w', nodeId: 'n' },
    });
    const query = { text: 'deadline', topK: 1, threshold: 0, kinds: [], tags: [] };
    await memory.recall({ ...query, by: { runId: 'r1', nodeId: 'recall' } });
    now = 2_000;
    await memory.recall({ ...query, by: { runId: 'r2', nodeId: 'recall' } });
    now = 3_000;
    // The same step again (a loop) moves to the end instead of adding a line.
    await memory.recall({ ...query, by: { runId: 'r1', nodeId: 'recall' } });
    await memory.recall(query); // no step named: counted, not listed
    const stored = await memory.get('w/n/1');
    expect(stored?.recallCount).toBe(4);
    expect(stored?.recalledBy).toEqual([
      { runId: 'r2', nodeId: 'recall', at: 2_000 },
      { runId: 'r1', nodeId: 'recall', at: 3_000 },
    ]);
    for (let i = 0; i < RECALLS_KEPT + 5; i++)
      await memory.recall({ ...query, by: { runId: `many-${i}`, nodeId: 'recall' } });
    const recalledBy = (await memory.get('w/n/1'))?.recalledBy ?? [];
    expect(recalledBy).toHaveLength(RECALLS_KEPT);
    expect(recalledBy.at(-1)?.runId).toBe(`many-${RECALLS_KEPT + 4}`);
    // The view's list of runs: the step that wrote it, then the ones that recalled it.
    const steps = runStepsOf([(await memory.get('w/n/1'))!]);
    expect(steps.filter((s) => s.did === 'wrote')).toEqual([
      { runId: 'w', nodeId: 'n', did: 'wrote', at: 1_000, count: 1 },
    ]);
    expect(steps.filter((s) => s.did === 'recalled')).toHaveLength(RECALLS_KEPT);
  });

  it('works by words while no model loads, and indexes the backlog once one does', async () => {
    const name = uniqueName();
    const offline = open({ name, embedder: () => Promise.reject(new Error('hub unreachable')) });
    await offline.add({ text: 'Budget is 5000 euros', kind: 'fact', source: { type: 'user' } });
    await offline.add({ text: 'Brand colour is navy', kind: 'fact', source: { type: 'user' } });
    expect(offline.modelError).toBe('hub unreachable');
    expect((await offline.search({ text: 'budget', topK: 5 })).map((h) => h.item.text)).toEqual([
      'Budget is 5000 euros',
    ]);
    expect(await offline.backlog()).toBe(2);

    const embedder = conceptEmbedder();
    const online = open({ name, embedder });
    const progress: { done: number; total: number }[] = [];
    expect(await online.indexBacklog((p) => progress.push(p), 1)).toBe(2);
    expect(progress).toEqual([
      { done: 0, total: 2 },
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
    expect(await online.backlog()).toBe(0);
    expect((await online.search({ text: 'money', topK: 1 }))[0]?.item.text).toBe(
      'Budget is 5000 euros',
    );
  });

  it('follows model settings another instance saved (the engine worker follows the view)', async () => {
    const name = uniqueName();
    const view = open({ name });
    const loads: string[] = [];
    const worker = open({
      name,
      embedder: async () => {
        const { modelId } = await worker.settings();
        loads.push(modelId);
        if (modelId === 'broken') throw new Error('no such model');
        return conceptEmbedder(modelId);
      },
    });
    await view.saveSettings({ modelId: 'broken', localModelUrl: null });
    await worker.add({ text: 'Brand colour is navy', kind: 'fact', source: { type: 'user' } });
    expect(worker.model).toBeNull();
    expect(worker.modelError).toBe('no such model');
    await view.saveSettings({ modelId: 'model-a', localModelUrl: null });
    // The failure is retried at once (not after a minute) because the settings changed.
    await worker.search({ text: 'colour', topK: 1 });
    expect(worker.model).toBe('model-a');
    await view.saveSettings({ modelId: 'model-b', localModelUrl: '/models/' });
    await worker.search({ text: 'colour', topK: 1 });
    expect(worker.model).toBe('model-b');
    expect(loads).toEqual(['broken', 'model-a', 'model-b']);
    expect(await worker.backlog()).toBe(1);
  });

  it('in the engine worker, never starts the first model download: words until the view sets one up', async () => {
    const memory = browserMemory({ name: uniqueName(), deps, onlyOnceUsed: true });
    opened.push(memory);
    await memory.remember({
      id: 'r/n/0',
      text: 'Invoice sent to Acme',
      kind: 'fact',
      entities: [],
      tags: [],
      source: { runId: 'r', nodeId: 'n' },
    });
    expect(memory.modelError).toBe('no embedding model set up yet: open Memory to load one');
    expect(await memory.backlog()).toBe(1);
    const hits = await memory.recall({
      text: 'invoice',
      topK: 5,
      threshold: 0,
      kinds: [],
      tags: [],
    });
    expect(hits.map((h) => h.id)).toEqual(['r/n/0']);
  });

  it('re-embeds when the model changes: vectors of another model are backlog', async () => {
    const name = uniqueName();
    const first = open({ name, embedder: conceptEmbedder('model-a') });
    await first.add({ text: 'Brand colour is navy', kind: 'fact', source: { type: 'user' } });
    expect(await first.backlog()).toBe(0);
    const second = open({ name, embedder: conceptEmbedder('model-b') });
    expect(await second.backlog()).toBe(1);
    await second.indexBacklog();
    expect(await second.backlog()).toBe(0);
  });

  it('sees writes made by another instance (the engine worker and the view share the database)', async () => {
    const name = uniqueName();
    const view = open({ name, embedder: conceptEmbedder() });
    const worker = open({ name, embedder: conceptEmbedder() });
    expect(await worker.search({ text: 'navy', topK: 5 })).toEqual([]);
    await view.add({ text: 'Brand colour is navy', kind: 'fact', source: { type: 'user' } });
    expect((await worker.search({ text: 'navy', topK: 5 })).map((h) => h.item.text)).toEqual([
      'Brand colour is navy',
    ]);
    await worker.remember({
      id: 'r/n/0',
      text: 'Invoice sent',
      kind: 'fact',
      entities: [],
      tags: [],
      source: { runId: 'r', nodeId: 'n' },
    });
    expect(
      (await view.search({ text: 'invoice', topK: 5, threshold: 0.5 })).map((h) => h.item.id),
    ).toEqual(['r/n/0']);
  });

  it('reports a full disk clearly and loses nothing already stored', async () => {
    const memory = open({ embedder: conceptEmbedder() });
    await memory.add({
      id: 'keep',
      text: 'Brand colour is navy',
      kind: 'fact',
      source: { type: 'user' },
    });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    await expect(
      memory.add({ text: 'Budget is 5000', kind: 'fact', source: { type: 'user' } }),
    ).rejects.toThrow(
      /^save memory "Budget is 5000": the browser has no storage left for this site: free disk space or delete old memories; nothing was changed$/,
    );
    await expect(memory.putEntity({ type: 'client', name: 'Acme' })).rejects.toMatchObject({
      code: 'storage-full',
    });
    vi.restoreAllMocks();
    const again = open({ name: memory.db.name, embedder: conceptEmbedder() });
    expect((await again.recent()).map((m) => m.id)).toEqual(['keep']);
    expect(await again.entities()).toEqual([]);
  });

  it('backs up, wipes and restores everything, vectors included', async () => {
    const embedder = conceptEmbedder();
    const memory = open({ embedder });
    const acme = await memory.putEntity({ type: 'client', name: 'Acme' });
    const site = await memory.putEntity({ type: 'project', name: 'Website' });
    await memory.link(acme.id, site.id, 'has-project');
    await memory.add({
      text: 'Brand colour is navy',
      kind: 'fact',
      entities: [acme.id],
      tags: ['brand'],
      source: { type: 'user' },
    });
    await memory.saveSettings({ modelId: 'local/model', localModelUrl: 'http://x/models/' });
    expect(await memory.lastBackup()).toBeUndefined();
    const before = Date.now();
    const backup = await memory.backup();
    expect(backup.size).toBeGreaterThan(100);
    // The backup's time is noted for the Memory view's reminder.
    expect(await memory.lastBackup()).toBeGreaterThanOrEqual(before);

    await memory.wipe();
    expect(await memory.entities()).toEqual([]);
    expect(await memory.search({ text: 'navy', topK: 5 })).toEqual([]);
    expect((await memory.settings()).modelId).toBe('local/model');

    await memory.restore(backup);
    expect((await memory.entities()).map((e) => e.name)).toEqual(['Acme', 'Website']);
    expect((await memory.neighbourhood(acme.id)).neighbours.map((e) => e.name)).toEqual([
      'Website',
    ]);
    const hits = await memory.search({ text: 'colour', topK: 5 });
    expect(hits.map((h) => h.item.text)).toEqual(['Brand colour is navy']);
    expect(hits[0]!.meaning).toBeCloseTo(1, 1);
    expect(await memory.backlog()).toBe(0);
    const vector = await memory.db.vectors.toArray();
    expect(vector[0]?.data).toBeInstanceOf(Int8Array);
    const calls = embedder.calls;
    await memory.search({ text: 'navy', topK: 1 });
    expect(embedder.calls).toBe(calls + 1); // only the query: restored vectors were not recomputed
  });

  it('refuses a file that is not a memory backup, and puts the memory back if an import fails', async () => {
    const memory = open({ embedder: conceptEmbedder() });
    await memory.putEntity({ type: 'client', name: 'Acme' });
    await memory.add({ text: 'Brand colour is navy', kind: 'fact', source: { type: 'user' } });
    await expect(memory.restore(new Blob(['{"hello": 1}']))).rejects.toThrow(
      /^restore memory: the file is not a memory backup: fix the value/,
    );
    const good = await memory.backup();
    const other = open({ embedder: conceptEmbedder() });
    await other.putEntity({ type: 'person', name: 'Ana' });
    // The import adds rows (bulkAdd); the first add fails as on a full disk.
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementationOnce(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    await expect(other.restore(good)).rejects.toMatchObject({ code: 'storage-full' });
    vi.restoreAllMocks();
    expect((await other.entities()).map((e) => e.name)).toEqual(['Ana']);
    expect((await memory.entities()).map((e) => e.name)).toEqual(['Acme']);
    // Without the failure, a backup of another database restores.
    await other.restore(good);
    expect((await other.entities()).map((e) => e.name)).toEqual(['Acme']);
    expect((await other.search({ text: 'navy', topK: 1 }))[0]?.item.text).toBe(
      'Brand colour is navy',
    );
  });

  it('compacts old, rarely recalled memories behind a summary that still reaches them', async () => {
    let now = 0;
    const memory = open({ embedder: conceptEmbedder(), now: () => now });
    for (const text of [
      'Acme liked the navy logo.',
      'Acme asked for teal accents.',
      'Acme approved the navy palette.',
    ])
      await memory
        .add({ text, kind: 'feedback', entities: ['Acme'], source: { type: 'user' } })
        .then(() => now++);
    await memory.add({
      text: 'Acme wants navy everywhere.',
      kind: 'feedback',
      entities: ['Acme'],
      source: { type: 'user' },
    });
    now = 200 * DAY;
    await memory.recall({ text: 'navy everywhere', topK: 1, threshold: 0, kinds: [], tags: [] });
    await memory.recall({ text: 'navy everywhere', topK: 1, threshold: 0, kinds: [], tags: [] });
    await memory.add({
      text: 'Recent: Acme wants a navy banner.',
      kind: 'feedback',
      entities: ['Acme'],
      source: { type: 'user' },
    });

    const { summaries, byAgent, fallback } = await memory.compact();
    expect(summaries).toHaveLength(1);
    expect(byAgent).toBe(0);
    expect(fallback).toMatch(/no summary agent/);
    const summary = summaries[0]!;
    expect(summary.kind).toBe('summary');
    expect(summary.summarizes).toHaveLength(3);
    expect(summary.text).toMatch(/^Summary of 3 feedback memories \(1970-01-01 to 1970-01-01\): /);
    expect(summary.text).toContain('navy');
    const behind = await memory.summarized(summary.id);
    expect(behind.map((m) => m.text)).toEqual([
      'Acme liked the navy logo.',
      'Acme asked for teal accents.',
      'Acme approved the navy palette.',
    ]);

    const visible = (await memory.search({ text: 'navy', topK: 10 })).map((h) => h.item.kind);
    expect(visible.filter((k) => k === 'summary')).toHaveLength(1);
    expect(visible).toHaveLength(3); // summary, the twice-recalled one, the recent one
    expect(
      await memory.search({ text: 'teal accents', topK: 10, includeArchived: true }),
    ).not.toHaveLength(0);
    expect((await memory.compact()).summaries).toEqual([]);
  });
});

describe('persistent storage', () => {
  it('reports whether the browser granted it', async () => {
    const refused = await requestPersistence({
      persisted: () => Promise.resolve(false),
      persist: () => Promise.resolve(false),
    });
    expect(refused.persisted).toBe(false);
    expect(refused.message).toMatch(/refused persistent storage.*back up/);
    const granted = await requestPersistence({
      persisted: () => Promise.resolve(false),
      persist: () => Promise.resolve(true),
    });
    expect(granted).toEqual({ persisted: true, message: 'Storage is persistent.' });
    expect((await requestPersistence(undefined)).persisted).toBe(false);
  });
});
