import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { flow, link, node } from './build.ts';

const dir = mkdtempSync(join(tmpdir(), 'aios-kept-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return {
    code,
    out,
    err,
    json: () => out.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

// start → a review someone must approve → a transform → the end.
const reviewed = flow(
  'kept-review',
  [
    node('start', 'start'),
    node('review', 'approval', { title: 'Check the numbers' }),
    node('sum', 'transform', { expression: "{ 'total': 42 }" }),
    node('end', 'output', { value: '$nodes.sum.total' }),
  ],
  [link('start', 'review'), link('review', 'sum', 'approved'), link('sum', 'end')],
);

describe('headless runs kept with --data', () => {
  const file = join(dir, 'flow.json');
  writeFileSync(file, JSON.stringify(reviewed));
  const data = join(dir, 'store');

  it('keeps a run that waits, lists it, resumes it to its end, and prints its whole log', async () => {
    const first = await cli(['run', file, '--data', data]);
    expect(first.code).toBe(3);
    const runId = String(first.json()[0]?.['runId']);
    expect(first.err.join('\n')).toContain(`aios resume ${runId} --data ${data} --approve`);

    const listed = await cli(['runs', '--data', data]);
    expect(listed.code).toBe(0);
    expect(listed.json()).toEqual([
      expect.objectContaining({ id: runId, flow: 'kept-review', status: 'waiting' }),
    ]);

    // Without --approve it says it still waits, and changes nothing.
    expect((await cli(['resume', runId, '--data', data])).code).toBe(3);
    const resumed = await cli(['resume', runId, '--data', data, '--approve']);
    expect(resumed.code).toBe(0);
    expect(resumed.json().at(-1)).toEqual({
      result: 'succeeded',
      output: { node: 'end', status: 'succeeded', value: 42 },
    });

    const log = await cli(['events', runId, '--data', data]);
    const events = log.json();
    expect(events.map((e) => e['seq'])).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.['type']).toBe('run.succeeded');
    expect(events.filter((e) => e['type'] === 'approval.decided')).toHaveLength(1);
  }, 90_000); // four CLI processes, each opening PGlite: slow on a loaded machine

  it('says what is missing or unknown', async () => {
    expect((await cli(['runs'])).err[0]).toMatch(/needs --data DIR or --database URL/);
    const unknown = await cli(['events', 'no-such-run', '--data', data]);
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toMatch(/there is no run "no-such-run"/);
    expect((await cli(['run', file, '--data', data, '--database', 'postgres://x'])).code).not.toBe(
      0,
    );
  });
});
