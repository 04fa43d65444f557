import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import './memoryBrowserShims.ts';
import { IndexedMemory } from '../../src/memory/store.ts';
import {
  deleteEntityChange,
  linkChange,
  saveEntityChange,
  unlinkChange,
} from '../../src/canvas/memory/changes.ts';
import { MemoryHistory } from '../../src/canvas/memory/history.ts';

const opened: IndexedMemory[] = [];
function open() {
  const memory = new IndexedMemory({
    name: `aios-memory-undo-${crypto.randomUUID()}`,
    deps: { indexedDB, IDBKeyRange },
  });
  opened.push(memory);
  return memory;
}
afterEach(() => {
  for (const m of opened.splice(0)) m.close();
});

async function apply(
  memory: IndexedMemory,
  history: MemoryHistory,
  change: Parameters<MemoryHistory['record']>[0],
) {
  await change.redo(memory);
  history.record(change);
}

describe('undo in the memory view', () => {
  it('takes back a link, an unlink, an add and an edit, and does them again', async () => {
    const memory = open();
    const history = new MemoryHistory();
    const acme = await memory.putEntity({ type: 'client', name: 'Acme' });
    const site = await memory.putEntity({ type: 'project', name: 'Site' });
    await apply(memory, history, linkChange(acme, site, 'has-project'));
    expect(history.undoLabel).toBe('link Acme → Site');
    await history.undo(memory);
    expect(await memory.relations()).toEqual([]);
    expect(history.redoLabel).toBe('link Acme → Site');
    await history.redo(memory);
    const [relation] = await memory.relations();
    if (!relation) throw new Error('the redo should link again');

    await apply(
      memory,
      history,
      unlinkChange(relation, (id) => (id === acme.id ? 'Acme' : 'Site')),
    );
    expect(await memory.relations()).toEqual([]);
    await history.undo(memory);
    expect((await memory.relations()).map((r) => r.type)).toEqual(['has-project']);

    await apply(memory, history, saveEntityChange({ type: 'person', name: 'Ana' }));
    await apply(memory, history, saveEntityChange({ ...acme, name: 'Acme Ltd' }, acme));
    expect((await memory.entities()).map((e) => e.name)).toEqual(['Acme Ltd', 'Ana', 'Site']);
    await history.undo(memory);
    await history.undo(memory);
    expect((await memory.entities()).map((e) => e.name)).toEqual(['Acme', 'Site']);
    await history.redo(memory);
    expect((await memory.entities()).map((e) => e.name)).toEqual(['Acme', 'Ana', 'Site']);
  });

  it('brings a deleted entity back with its relations and its place in memories', async () => {
    const memory = open();
    const history = new MemoryHistory();
    const acme = await memory.putEntity({
      type: 'client',
      name: 'Acme',
      properties: { tier: 'gold' },
    });
    const site = await memory.putEntity({ type: 'project', name: 'Site' });
    await memory.link(acme.id, site.id, 'has-project');
    const note = await memory.add({
      text: 'Acme pays late',
      kind: 'fact',
      entities: [acme.id, site.id],
      source: { type: 'user' },
    });
    await apply(memory, history, await deleteEntityChange(memory, acme));
    expect((await memory.get(note.id))?.entities).toEqual([site.id]);
    await history.undo(memory);
    const back = (await memory.entities()).find((e) => e.id === acme.id);
    expect(back?.properties).toEqual({ tier: 'gold' });
    expect((await memory.neighbourhood(acme.id)).relations.map((r) => r.type)).toEqual([
      'has-project',
    ]);
    expect((await memory.get(note.id))?.entities.sort()).toEqual([acme.id, site.id].sort());
  });

  it('keeps a failed undo on the undo side', async () => {
    const memory = open();
    const history = new MemoryHistory();
    history.record({
      label: 'something',
      redo: () => Promise.resolve(),
      undo: () => Promise.reject(new Error('the disk is full')),
    });
    await expect(history.undo(memory)).rejects.toThrow('the disk is full');
    expect(history.undoLabel).toBe('something');
    expect(history.redoLabel).toBeUndefined();
  });
});
