import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/canvas/debug/bundle.ts';
import { fact, isFact } from '../../../src/canvas/debug/facts.ts';
import { MemoryStore } from '../../../src/engine/index.ts';
import { replay } from '../../../src/nodes/runtime.ts';
import { loadFlow, offlineEngineServices } from '../harness/world.ts';
import { RECORDINGS, recordWriterDemo } from './record.ts';

const shipped = () => {
  const read = readBundle(readFileSync(join(RECORDINGS, 'freelance-writer.aios-run.json'), 'utf8'));
  if (!read.ok) throw new Error(`the shipped recording does not open: ${read.error}`);
  return read.bundle;
};
const facts = (events: Parameters<typeof fact>[0][]) => events.filter(isFact).map(fact);

describe('the demo recording shipped with the freelance-writer template', () => {
  it('is a run of the template as it is now: same flow, same prompts', () => {
    expect(shipped().run.flow).toEqual(loadFlow('freelance-writer.json'));
  });

  it('is what the engine does today; if not, `npm run demos` records it again', async () => {
    const fresh = await recordWriterDemo();
    expect(facts([...fresh.events])).toEqual(facts([...shipped().events]));
  });

  it('replays through the normal replay path with nothing external called', async () => {
    const { run, events } = shipped();
    const store = new MemoryStore();
    await store.putRun(run);
    await store.appendEvents(events);
    const again = await replay({ store, services: offlineEngineServices() }, run.id);
    expect(again.record.status).toBe('succeeded');
    expect(facts(again.events)).toEqual(facts([...events]));
  });
});
