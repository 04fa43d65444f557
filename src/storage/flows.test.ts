import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyFlow } from '../canvas/editor/ops.ts';
import { FlowLibrary } from './flows.ts';

const opened: FlowLibrary[] = [];
const open = (name = `aios-flows-test-${crypto.randomUUID()}`) => {
  const library = new FlowLibrary(name, { indexedDB, IDBKeyRange });
  opened.push(library);
  return library;
};
afterEach(() => {
  for (const library of opened.splice(0)) library.close();
});

describe('FlowLibrary', () => {
  it('saves and loads a flow exactly, and lists newest first', async () => {
    const library = open();
    const a = { ...emptyFlow('a', 'First'), viewport: { x: 12, y: -40, zoom: 0.5 } };
    const b = emptyFlow('b', 'Second');
    await library.save(a, 1_000);
    await library.save(b, 2_000);
    expect(await library.load('a')).toEqual({ ok: true, flow: a });
    expect((await library.list()).map((s) => s.name)).toEqual(['Second', 'First']);
    await library.save({ ...a, name: 'First, renamed' }, 3_000);
    expect((await library.list()).map((s) => s.name)).toEqual(['First, renamed', 'Second']);
  });

  it('survives reopening the database', async () => {
    const name = `aios-flows-test-${crypto.randomUUID()}`;
    const first = open(name);
    await first.save(emptyFlow('kept', 'Kept'));
    first.close();
    const loaded = await open(name).load('kept');
    expect(loaded.ok && loaded.flow.name).toBe('Kept');
  });

  it('reports a missing or damaged flow instead of returning it', async () => {
    const library = open();
    expect(await library.load('nope')).toMatchObject({ ok: false });
    // A document from a newer workspace: the library must not hand it to this one.
    await library.save(Object.assign(emptyFlow('bad', 'Bad'), { schemaVersion: 99 }));
    const loaded = await library.load('bad');
    expect(loaded.ok).toBe(false);
  });

  it('deletes', async () => {
    const library = open();
    await library.save(emptyFlow('gone', 'Gone'));
    await library.remove('gone');
    expect(await library.list()).toEqual([]);
  });
});
