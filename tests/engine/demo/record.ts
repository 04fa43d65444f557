import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent, RunRecord } from '../../../src/engine/index.ts';
import { schemaAnswer } from '../harness/llmScript.ts';
import { createWorld, loadFlow, until } from '../harness/world.ts';
import { writerDemo } from './writerScript.ts';

export const RECORDINGS = join(import.meta.dirname, '..', '..', '..', 'examples', 'recordings');

/** A recorded run as the debugger opens it (the "Download run" format). */
export interface Recording {
  readonly format: 'aios-run';
  readonly version: 1;
  readonly run: RunRecord;
  readonly events: readonly RunEvent[];
}

/**
 * Runs the freelance-writer template in the real engine against the loopback stand-ins, with the
 * model's answers scripted and the review decided as a person would (changes asked once, then
 * approved), and returns the run as a recording. Nothing of the machine it ran on is kept: the
 * stand-ins' addresses never reach the log, and the run's id names it a recording.
 */
export async function recordWriterDemo(): Promise<Recording> {
  const world = await createWorld();
  try {
    let draft = 0;
    world.server.scriptLlm((req) =>
      schemaAnswer(req.messages, writerDemo.drafts[Math.min(draft++, 1)] ?? {}),
    );
    for (const [i, text] of writerDemo.memories.entries())
      await world.memory.remember({
        id: `demo-memory-${i}`,
        text,
        kind: 'preference',
        entities: [writerDemo.input.client],
        tags: [],
        source: { runId: 'earlier-run', nodeId: 'rememberFeedback' },
      });
    const engine = world.engine();
    const run = await engine.start(loadFlow('freelance-writer.json'), writerDemo.input);
    const first = await until(async () => (await engine.pendingApprovals(run.runId))[0], 'review');
    await engine.decide(first.key, { decision: 'rejected', feedback: writerDemo.feedback });
    const second = await until(
      async () => (await engine.pendingApprovals(run.runId)).find((a) => a.key !== first.key),
      'second review',
    );
    await engine.decide(second.key, { decision: 'approved' });
    const record = await run.done;
    const events = await world.store.events(run.runId);
    const text = JSON.stringify({ format: 'aios-run', version: 1, run: record, events });
    // The recording names no machine: the stand-ins' address becomes the example domain.
    const clean = text
      .replaceAll(world.server.url, 'https://api.example.com')
      .replaceAll(run.runId, 'recording-freelance-writer');
    return JSON.parse(clean) as Recording;
  } finally {
    await world.server.stop();
  }
}

/** `npm run demos`: writes the recordings the welcome's demo opens. */
if (process.argv[1] === import.meta.filename) {
  const recording = await recordWriterDemo();
  writeFileSync(
    join(RECORDINGS, 'freelance-writer.aios-run.json'),
    `${JSON.stringify(recording, null, 1)}\n`,
  );
  process.stdout.write(
    `wrote freelance-writer: ${recording.events.length} events, ${recording.run.status}\n`,
  );
}
