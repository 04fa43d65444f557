import { IDBKeyRange, IDBObjectStore, indexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLlmClient } from '../../src/agents/index.ts';
import { MemoryStore, type LlmClient } from '../../src/engine/index.ts';
import type { MemoryItem } from '../../src/memory/schema.ts';
import { IndexedMemory } from '../../src/memory/store.ts';
import { createHost } from '../../src/worker/host.ts';
import { TestServer, type LlmRequestBody } from '../engine/harness/testServer.ts';

const DAY = 24 * 3600 * 1000;
const AGENT = { provider: 'default', model: 'summarizer-1' };

let server: TestServer;
beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(() => server.stop());

const opened: IndexedMemory[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const m of opened.splice(0)) m.close();
});

/** Three old Acme notes and two old Globex ones (two topics), then time moves on 200 days. */
async function oldMemories() {
  let now = 0;
  const memory = new IndexedMemory({
    name: `aios-memory-test-${crypto.randomUUID()}`,
    deps: { indexedDB, IDBKeyRange },
    now: () => now,
  });
  opened.push(memory);
  const notes: [string, string][] = [
    ['Acme', 'Acme liked the navy logo.'],
    ['Acme', 'Acme asked for teal accents.'],
    ['Acme', 'Acme approved the navy palette on 3 March.'],
    ['Globex', 'Globex pays on net 30.'],
    ['Globex', 'Globex wants invoices in euros.'],
    ['Globex', 'Globex asked for a PO number on every invoice.'],
  ];
  for (const [entity, text] of notes) {
    await memory.add({ text, kind: 'note', entities: [entity], source: { type: 'user' } });
    now += 1000;
  }
  now = 200 * DAY;
  return memory;
}

const llm = () => createLlmClient({ default: { baseUrl: `${server.url}/llm` } });
const userText = (req: LlmRequestBody) =>
  req.messages.find((m) => m.role === 'user')?.content ?? '';

/** Every archived memory points at a summary that exists and lists it; nothing else changed. */
async function expectConsistent(memory: IndexedMemory) {
  const all = await memory.db.memories.toArray();
  const byId = new Map(all.map((m) => [m.id, m]));
  for (const m of all.filter((x) => x.archived === 1)) {
    const summary = byId.get(m.summaryId ?? '');
    expect(summary?.kind).toBe('summary');
    expect(summary?.summarizes).toContain(m.id);
  }
  for (const s of all.filter((x) => x.kind === 'summary'))
    for (const id of s.summarizes ?? []) expect(byId.get(id)?.summaryId).toBe(s.id);
  return all;
}

describe('compaction summaries written by an agent', () => {
  it('stores the summary the model wrote, one call per topic, and says who wrote it', async () => {
    const memory = await oldMemories();
    await memory.saveSettings({ summaryAgent: AGENT });
    // The model's summary names how many notes it was shown, so the test knows it read them.
    server.scriptLlm((req) => {
      const notes = userText(req).match(/^\d+\. /gm)?.length ?? 0;
      const who = /Acme/.test(userText(req)) ? 'Acme' : 'Globex';
      return JSON.stringify({ summary: `${who}: digest of ${notes} notes by ${req.model}.` });
    });
    const before = server.requests.length;

    const result = await memory.compact({ llm: llm() });

    const calls = server.requests.slice(before).map((r) => r.body as LlmRequestBody);
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.model)).toEqual(['summarizer-1', 'summarizer-1']);
    const acmeCall = calls.map(userText).find((t) => t.includes('Acme'));
    expect(acmeCall).toContain('Acme approved the navy palette on 3 March.');
    expect(acmeCall).not.toContain('Globex');
    expect(result.byAgent).toBe(2);
    expect(result.fallback).toBeNull();
    const texts = result.summaries.map((s) => s.text).sort();
    expect(texts[0]).toMatch(
      /^Summary of 3 note memories \(1970-01-01 to 1970-01-01\): Acme: digest of 3 notes by summarizer-1\.$/,
    );
    expect(texts[1]).toMatch(/: Globex: digest of 3 notes by summarizer-1\.$/);
    expect(result.summaries.map((s) => s.source)).toEqual([
      { type: 'compaction', by: 'default/summarizer-1' },
      { type: 'compaction', by: 'default/summarizer-1' },
    ]);
    const all = await expectConsistent(memory);
    expect(all.filter((m) => m.archived === 1)).toHaveLength(6);
    // The archived notes stay reachable from the summary.
    const acme = result.summaries.find((s) => s.text.includes('Acme'))!;
    expect((await memory.summarized(acme.id)).map((m) => m.text)).toContain(
      'Acme asked for teal accents.',
    );
  });

  it('falls back to extractive summaries when the model fails, asks it once, loses nothing', async () => {
    const memory = await oldMemories();
    await memory.saveSettings({ summaryAgent: AGENT });
    server.scriptLlm(() => ({ status: 500, body: { error: { message: 'model crashed' } } }));
    const before = server.requests.length;

    const result = await memory.compact({ llm: llm() });

    expect(server.requests.length - before).toBe(1); // not again for the second topic
    expect(result.byAgent).toBe(0);
    expect(result.fallback).toMatch(/^default\/summarizer-1 could not write a summary: .*500/);
    expect(result.summaries).toHaveLength(2);
    for (const s of result.summaries) {
      expect(s.source).toEqual({ type: 'compaction', by: 'extractive' });
      expect(s.text).not.toContain('model crashed');
    }
    const acme = result.summaries.find((s) => s.entities[0] === 'Acme')!;
    expect(acme.text).toContain('navy');
    const all = await expectConsistent(memory);
    expect(all).toHaveLength(8);
    expect(all.filter((m) => m.archived === 1)).toHaveLength(6);
  });

  it('refuses an answer that is not a summary and uses the extractive one', async () => {
    for (const answer of [
      'Here is your summary: Acme likes navy',
      '{"summary": "   "}',
      '{"text": "x"}',
    ]) {
      const memory = await oldMemories();
      await memory.saveSettings({ summaryAgent: AGENT });
      server.scriptLlm(() => answer);
      const result = await memory.compact({ llm: llm() });
      expect(result.byAgent).toBe(0);
      expect(result.fallback).toMatch(/not JSON|not a summary/);
      expect(result.summaries.every((s) => !s.text.includes(answer))).toBe(true);
      await expectConsistent(memory);
    }
  });

  it('reaches the model through the engine worker, as the Memory view does', async () => {
    const memory = await oldMemories();
    await memory.saveSettings({ summaryAgent: AGENT });
    const host = createHost({ store: new MemoryStore(), fetch });
    await host.configure({
      settings: { providers: { default: { baseUrl: `${server.url}/llm` } }, connections: {} },
    });
    // What the view's `workerLlm` does over Comlink: one `complete` call, errors as data.
    const viaWorker: LlmClient = {
      async complete(request) {
        const answer = await host.complete({ request });
        if (!answer.ok) throw new Error(answer.error.message);
        return answer.value;
      },
    };
    server.scriptLlm(() => JSON.stringify({ summary: 'Written in the worker.' }));
    const result = await memory.compact({ llm: viaWorker });
    expect(result.byAgent).toBe(2);
    expect(result.summaries.every((s) => s.text.endsWith(': Written in the worker.'))).toBe(true);

    // The provider the settings name is gone from the run settings: extractive, and why.
    await host.configure({ settings: { providers: {}, connections: {} } });
    const other = await oldMemories();
    await other.saveSettings({ summaryAgent: AGENT });
    const fallback = await other.compact({ llm: viaWorker });
    expect(fallback.byAgent).toBe(0);
    expect(fallback.fallback).toMatch(/no LLM provider "default" is configured/);
  });

  it('writes extractive summaries without asking anyone when no agent is set', async () => {
    const memory = await oldMemories();
    const before = server.requests.length;
    const result = await memory.compact({ llm: llm() });
    expect(server.requests.length).toBe(before);
    expect(result.fallback).toBe('no summary agent is set in the memory settings');
    expect(result.summaries).toHaveLength(2);
  });

  it('previews what it would archive without changing anything, then lists what it wrote', async () => {
    const memory = await oldMemories();
    const before = await memory.db.memories.toArray();
    const plan = await memory.compactionPlan();
    expect(plan.map((p) => [p.kind, p.count, p.from, p.to])).toEqual([
      ['note', 3, 0, 2000],
      ['note', 3, 3000, 5000],
    ]);
    expect(await memory.db.memories.toArray()).toEqual(before);
    expect(await memory.summaries()).toEqual([]);

    const made = await memory.compact();
    const listed = await memory.summaries();
    expect(listed.map((s) => s.id).sort()).toEqual(made.summaries.map((s) => s.id).sort());
    expect(listed.every((s) => s.kind === 'summary')).toBe(true);
    expect(await memory.compactionPlan()).toEqual([]);
  });

  it('brings a summary’s originals back when the summary is deleted', async () => {
    const memory = await oldMemories();
    const { summaries } = await memory.compact();
    const summary = summaries[0]!;
    const originals = await memory.summarized(summary.id);
    expect(originals).toHaveLength(3);
    await memory.deleteMemory(summary.id);
    await expectConsistent(memory);
    const back = await memory.db.memories.bulkGet(originals.map((m) => m.id));
    expect(back.map((m) => [m?.archived, m?.summaryId])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
    // Recall finds them again as ordinary memories.
    const found = (await memory.search({ text: originals[0]!.text, topK: 3 })).map(
      (h) => h.item.id,
    );
    expect(found).toContain(originals[0]!.id);
  });

  it('archives nothing when the summary cannot be stored', async () => {
    const memory = await oldMemories();
    await memory.saveSettings({ summaryAgent: AGENT });
    server.scriptLlm(() => JSON.stringify({ summary: 'A fine summary.' }));
    const before: MemoryItem[] = await memory.db.memories.toArray();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    await expect(memory.compact({ llm: llm() })).rejects.toMatchObject({ code: 'storage-full' });
    vi.restoreAllMocks();
    expect(await memory.db.memories.toArray()).toEqual(before);
  });
});
