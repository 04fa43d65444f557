import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import MiniSearch from 'minisearch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MemoryItem } from '../../src/memory/schema.ts';
import { memoryRow } from './memoryRow.ts';
import { SearchIndex } from '../../src/memory/searchIndex.ts';
import { IndexedMemory } from '../../src/memory/store.ts';
import './memoryBrowserShims.ts';

const deps = { indexedDB, IDBKeyRange };
const opened: IndexedMemory[] = [];
function open(name: string) {
  const memory = new IndexedMemory({ name, deps });
  opened.push(memory);
  return memory;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const m of opened.splice(0)) m.close();
});

const found = async (memory: IndexedMemory, text: string) =>
  (await memory.search({ text, topK: 20 })).map((h) => h.item.id).sort();

const item = memoryRow;

describe('the saved keyword index', () => {
  it('is restored on open, and what changed since it was saved is indexed again, nothing else', async () => {
    const name = `aios-memory-test-${crypto.randomUUID()}`;
    const first = open(name);
    const acme = await first.putEntity({ type: 'client', name: 'Acme' });
    const add = (id: string, text: string, entities: string[] = []) =>
      first.add({ id, text, kind: 'fact', entities, source: { type: 'user' } });
    for (let i = 0; i < 20; i++) await add(`old-${i}`, `Routine note number ${i} about lemons`);
    await add('edited', 'Invoices go out on Fridays');
    await add('deleted', 'The kiwi campaign is cancelled');
    await add('linked', 'Prefers the mango palette', [acme.id]);
    await first.saveIndex();
    // Changes after the save: the saved copy no longer matches them.
    await add('edited', 'Invoices go out on Mondays');
    await first.deleteMemory('deleted');
    await add('new', 'The papaya launch moved to June');
    await first.deleteEntity(acme.id); // drops the link: the memory's entities change

    const added = vi.spyOn(MiniSearch.prototype, 'add');
    const second = open(name);
    expect(await found(second, 'papaya')).toEqual(['new']);
    // Only the changed memories were indexed again, not the 21 others.
    expect(added.mock.calls.map(([m]) => (m as MemoryItem).id).sort()).toEqual([
      'edited',
      'linked',
      'new',
    ]);
    expect(await found(second, 'Fridays')).toEqual([]);
    expect(await found(second, 'Mondays')).toEqual(['edited']);
    expect(await found(second, 'kiwi')).toEqual([]);
    expect(await second.search({ text: 'mango', topK: 5, entities: [acme.id] })).toEqual([]);
    expect(await found(second, 'lemons')).toHaveLength(20);
  });

  it('is ignored when it cannot be read: every memory is indexed again', async () => {
    const name = `aios-memory-test-${crypto.randomUUID()}`;
    const first = open(name);
    await first.add({ id: 'a', text: 'Plums in spring', kind: 'fact', source: { type: 'user' } });
    await first.db.snapshots.put({
      name: 'keyword',
      parts: ['{"version":2,"keyword":'],
      savedAt: 0,
    });
    const second = open(name);
    expect(await found(second, 'plums')).toEqual(['a']);
  });

  it('is saved by itself after a large first indexing, and left out of backups', async () => {
    const name = `aios-memory-test-${crypto.randomUUID()}`;
    const first = open(name);
    await first.db.memories.bulkPut(
      Array.from({ length: 1200 }, (_, i) => item(`m${i}`, `Bulk note ${i} on pears`)),
    );
    expect(await found(first, 'pears')).toHaveLength(20);
    await vi.waitFor(async () => expect(await first.db.snapshots.count()).toBe(1));
    const backup = await new Response(await first.backup()).text();
    expect(backup).toContain('Bulk note 7 on pears');
    expect(backup).not.toContain('"snapshots"');
  });

  it('ignores a saved index of an older build (one JSON text) and indexes everything again', async () => {
    const name = `aios-memory-test-${crypto.randomUUID()}`;
    const first = open(name);
    await first.add({ id: 'a', text: 'Quinces in autumn', kind: 'fact', source: { type: 'user' } });
    const old = { name: 'keyword', json: '{"version":1,"keyword":{},"docs":[]}', savedAt: 0 };
    await first.db.snapshots.put(old as never);
    const added = vi.spyOn(MiniSearch.prototype, 'add');
    expect(await found(open(name), 'quinces')).toEqual(['a']);
    expect(added).toHaveBeenCalledTimes(1);
  });

  it('loads more memories than one page holds, and hands the save to the saver it was given', async () => {
    const name = `aios-memory-test-${crypto.randomUUID()}`;
    const writer = open(name);
    await writer.db.memories.bulkPut(
      Array.from({ length: 12_001 }, (_, i) =>
        item(`m${String(i).padStart(5, '0')}`, `Note ${i} on figs`),
      ),
    );
    const saves: string[] = [];
    const page = new IndexedMemory({
      name,
      deps,
      indexSaver: () => {
        saves.push('aside');
        return Promise.resolve();
      },
    });
    opened.push(page);
    expect(await found(page, 'Note 12000')).toContain('m12000');
    expect(await found(page, 'Note 5000')).toContain('m05000');
    await vi.waitFor(() => expect(saves).toEqual(['aside']));
    // The saver was handed the save: this instance wrote none itself.
    expect(await page.db.snapshots.count()).toBe(0);

    const never = new IndexedMemory({ name, deps, indexSaver: null });
    opened.push(never);
    expect(await found(never, 'Note 7')).toContain('m00007');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await never.db.snapshots.count()).toBe(0);
  });

  it('sees another instance’s writes without indexing everything again', async () => {
    const name = `aios-memory-test-${crypto.randomUUID()}`;
    const view = open(name);
    const worker = open(name);
    for (let i = 0; i < 10; i++)
      await view.add({ text: `Fig order ${i}`, kind: 'fact', source: { type: 'user' } });
    expect(await found(worker, 'fig')).toHaveLength(10);
    const added = vi.spyOn(MiniSearch.prototype, 'add');
    await view.add({ id: 'late', text: 'Fig order late', kind: 'fact', source: { type: 'user' } });
    added.mockClear();
    expect(await found(worker, 'late')).toEqual(['late']);
    expect(added).toHaveBeenCalledTimes(1);
  });
});

describe('SearchIndex.sync from a snapshot', () => {
  it('finds exactly what a fresh index finds, whatever changed since the snapshot', async () => {
    const words = ['apple', 'pear', 'plum', 'fig', 'kiwi', 'lime', 'date', 'grape'];
    let seed = 3;
    const rnd = (n: number) => (((seed = (seed * 16807) % 2147483647) % n) + n) % n;
    const text = () => Array.from({ length: 4 }, () => words[rnd(words.length)]).join(' ');
    const before = Array.from({ length: 200 }, (_, i) =>
      item(`m${i}`, text(), { tags: i % 3 ? [] : ['tagged'] }),
    );
    const saved = new SearchIndex();
    for (const m of before) saved.upsert(m);
    const snapshot = saved.keywordSnapshot();
    // Some memories edited, some gone, some new; the rest as they were.
    const after = before
      .filter((_, i) => i % 7 !== 0)
      .map((m, i) => (i % 5 === 0 ? { ...m, text: text(), tags: ['edited'] } : m))
      .concat(Array.from({ length: 30 }, (_, i) => item(`n${i}`, text())));
    const restored = new SearchIndex();
    await restored.restoreKeywords(snapshot);
    await restored.sync(after);
    const fresh = new SearchIndex();
    for (const m of after) fresh.upsert(m);
    for (const query of [...words, 'edited', 'tagged', 'pear fig']) {
      const ids = (index: SearchIndex) =>
        index
          .search({ text: query, topK: 500 })
          .map((h) => h.item.id)
          .sort();
      expect(ids(restored)).toEqual(ids(fresh));
    }
    expect(restored.size).toBe(after.length);
  });
});

describe('a saved keyword index in parts', () => {
  it('restores a many-part snapshot to what a fresh index finds, giving the thread back between parts', async () => {
    const words = ['apple', 'pear', 'plum', 'fig', 'kiwi', 'lime', 'date', 'grape'];
    // More memories and words than one part holds, so every kind of part comes in several.
    const rows = Array.from({ length: 12_000 }, (_, i) =>
      item(`m${i}`, `${words[i % words.length]} w${i} ${words[(i * 7) % words.length]}`),
    );
    const saved = new SearchIndex();
    for (const m of rows) saved.upsert(m);
    const parts = saved.keywordSnapshot();
    expect(parts.length).toBeGreaterThan(6);
    const restored = new SearchIndex();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await restored.restoreKeywords(parts);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    await restored.sync(rows);
    const ids = (index: SearchIndex, query: string) =>
      index
        .search({ text: query, topK: 12_000 })
        .map((h) => `${h.item.id} ${h.score.toFixed(6)}`)
        .sort();
    for (const query of ['pear', 'w11999', 'w4', 'kiwi lime'])
      expect(ids(restored, query)).toEqual(ids(saved, query));
  });
});

describe('SearchIndex.sync in slices', () => {
  it('gives the thread back, and keeps what a write made meanwhile over its older rows', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => item(`r${i}`, `plain note ${i}`));
    const index = new SearchIndex();
    let done = false;
    const syncing = index.sync(rows).then(() => (done = true));
    // Written while the sync runs: an edit of a row it has not reached and a removal of one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(false);
    index.upsert(item('r19999', 'quince edited meanwhile'));
    index.upsert(item('late', 'quince written meanwhile'));
    index.remove('r19998');
    await syncing;
    const ids = index
      .search({ text: 'quince', topK: 10 })
      .map((h) => h.item.id)
      .sort();
    expect(ids).toEqual(['late', 'r19999']);
    expect(index.has('r19998')).toBe(false);
    expect(index.size).toBe(rows.length);
  });
});
