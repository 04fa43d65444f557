import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/engine/index.ts';
import { replay } from '../../src/nodes/runtime.ts';
import { flow as doc, link, node } from '../unit/build.ts';
import { offlineEngine } from './harness/world.ts';

const offline = {
  clock: { now: () => 0, setTimer: () => () => {}, sleep: () => Promise.resolve() },
  fetch: () => Promise.reject(new Error('no network in a replay')),
  llm: { complete: () => Promise.reject(new Error('no model in a replay')) },
  memory: {
    recall: () => Promise.resolve([]),
    remember: (m: { id: string }) => Promise.resolve({ id: m.id }),
  },
  connections: {},
  secrets: { get: () => Promise.resolve(undefined) },
};

/** start → code → output, with the code's failures going to an "escalated" output. */
const codeFlow = (source: string, extra: Record<string, unknown> = {}) =>
  doc(
    'code',
    [
      node('s', 'start'),
      node('c', 'code', { source, ...extra }),
      node('ok', 'output', { value: '$' }),
      node('failed', 'output', { status: 'escalated', value: '$.error' }),
    ],
    [link('s', 'c'), link('c', 'ok'), link('c', 'failed', 'error')],
  );

describe('the Code node in a run', () => {
  it('turns the input into the output and logs what the script printed', async () => {
    const store = new MemoryStore();
    const engine = offlineEngine([], { store });
    const flow = codeFlow(
      'console.log("total", input.items.length);\nreturn { total: input.items.reduce((a, b) => a + b, 0) };',
    );
    const record = await (await engine.start(flow, { items: [1, 2, 3] })).done;
    expect(record.status).toBe('succeeded');
    expect(record.result).toMatchObject({ value: { total: 6 } });
    const events = await store.events(record.id);
    expect(events.find((e) => e.type === 'code.logged')).toMatchObject({
      node: 'c',
      lines: ['total 3'],
    });
  });

  it('takes the error edge with the line when the script throws, and when it loops for ever', async () => {
    const engine = offlineEngine([]);
    const thrown = await (
      await engine.start(codeFlow('const x = input.missing;\nreturn x.field;'), {})
    ).done;
    expect(thrown.result).toMatchObject({
      status: 'escalated',
      value: { code: 'code-thrown', message: expect.stringContaining('at line 2') as unknown },
    });
    const looped = await (
      await engine.start(codeFlow('for (;;) {}', { timeLimit: '200ms' }), {})
    ).done;
    expect(looped.result).toMatchObject({ value: { code: 'code-timeout' } });
  });

  it('fails the run cleanly when there is no error edge', async () => {
    const flow = doc(
      'bare',
      [
        node('s', 'start'),
        node('c', 'code', { source: 'function f() { return f(); }\nreturn f();' }),
        node('o', 'output'),
      ],
      [link('s', 'c'), link('c', 'o')],
    );
    const record = await (await offlineEngine([]).start(flow, {})).done;
    expect(record.status).toBe('failed');
    expect(record.error).toMatchObject({ code: 'code-stack' });
  });

  it('replays the recorded output instead of running the script again', async () => {
    const store = new MemoryStore();
    // Math.random makes each execution differ: a replay that ran the script would not match.
    const flow = codeFlow('console.log("rolled");\nreturn { roll: Math.random() };');
    const original = await (await offlineEngine([], { store }).start(flow, {})).done;
    const replayed = await replay({ store, services: offline }, original.id);
    expect(replayed.record.result).toEqual(original.result);
    expect(replayed.events.filter((e) => e.type === 'code.logged')).toHaveLength(1);
  });
});
