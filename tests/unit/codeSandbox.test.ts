import { describe, expect, it } from 'vitest';
import { runSandboxed } from '../../src/nodes/code/sandbox.ts';

const limits = { timeMs: 300, memoryBytes: 16 * 1024 * 1024 };
const run = (source: string, input: unknown = {}) => runSandboxed(source, input, limits);

describe('the Code node sandbox (QuickJS in WebAssembly)', () => {
  it('hands the input in and the returned JSON out, with console output captured', async () => {
    const outcome = await run(
      'console.log("seen", { n: input.n }); return { twice: input.n * 2 };',
      {
        n: 21,
      },
    );
    expect(outcome).toEqual({ ok: true, json: '{"twice":42}', logs: ['seen {"n":21}'] });
  });

  it('waits for an async result, and says when a promise can never settle', async () => {
    const later = await run('return (async () => { await null; return input.a + 1; })();', {
      a: 1,
    });
    expect(later).toMatchObject({ ok: true, json: '2' });
    expect(await run('return new Promise(() => {});')).toMatchObject({
      ok: false,
      reason: 'result',
      message: expect.stringContaining('never settles') as unknown,
    });
  });

  it.each([
    ['an endless loop', 'while (true) {}', 'timeout', limits],
    [
      'a memory bomb',
      'const a = [];\nfor (;;) a.push({ n: a.length, s: "x" + a.length });',
      'memory',
      // Time enough that the memory limit, not the clock, is what stops it on a busy machine.
      { ...limits, timeMs: 20_000 },
    ],
    ['deep recursion', 'function f(n) { return f(n + 1) + 1; }\nreturn f(0);', 'stack', limits],
  ])(
    'stops %s and reports it',
    async (_, source, reason, bounds) => {
      const outcome = await runSandboxed(source, {}, bounds);
      expect(outcome).toMatchObject({ ok: false, reason });
      // The host's module survives: the next call works.
      expect(await run('return 1 + 1;')).toMatchObject({ ok: true, json: '2' });
    },
    30_000,
  );

  it('offers nothing of the host: no fetch, IndexedDB, timers, page or modules', async () => {
    const seen = await run(
      'return [typeof fetch, typeof globalThis.fetch, typeof indexedDB, typeof setTimeout, typeof window, typeof document, typeof process, typeof require, typeof XMLHttpRequest, typeof WebAssembly];',
    );
    expect(seen.ok && (JSON.parse(seen.json) as string[]).every((t) => t === 'undefined')).toBe(
      true,
    );
    expect(await run('return import("node:fs");')).toMatchObject({
      ok: false,
      message: expect.stringContaining('could not load module') as unknown,
    });
  });

  it('keeps constructor.constructor inside the sandbox', async () => {
    const escaped = await run(
      'const F = input.constructor.constructor; return F("return [typeof fetch, typeof globalThis.process, typeof indexedDB]")();',
    );
    expect(escaped).toEqual({ ok: true, json: '["undefined","undefined","undefined"]', logs: [] });
  });

  it('lets the code tamper with its copy of the input and prototypes, never the host', async () => {
    const input = { a: 1, nested: { b: 2 } };
    const outcome = await run(
      'Object.prototype.polluted = "yes"; Array.prototype.push = null; input.__proto__.x = 1; input.nested.b = 99; return { a: input.a, b: input.nested.b };',
      input,
    );
    expect(outcome).toMatchObject({ ok: true, json: '{"a":1,"b":99}' });
    expect(input.nested.b).toBe(2);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(typeof [].push).toBe('function');
    // Every call starts from fresh globals: what one call changed, the next does not see.
    expect(await run('return [({}).polluted ?? null, typeof [].push];')).toMatchObject({
      json: '[null,"function"]',
    });
  });

  it('names the line of a thrown error and of a syntax error', async () => {
    expect(await run('const a = 1;\n\nthrow new Error("boom " + a);')).toMatchObject({
      ok: false,
      reason: 'thrown',
      message: 'Error: boom 1',
      line: 3,
    });
    expect(await run('const a = 1;\nlet b = ;')).toMatchObject({
      ok: false,
      reason: 'syntax',
      line: 2,
    });
  });

  it('refuses results that are not JSON', async () => {
    expect(await run('return () => 1;')).toMatchObject({ ok: false, reason: 'result' });
    expect(await run('const o = {}; o.o = o; return o;')).toMatchObject({
      ok: false,
      reason: 'result',
      message: expect.stringContaining('circular') as unknown,
    });
    expect(await run('return undefined;')).toMatchObject({ ok: true, json: 'null' });
  });

  it('bounds what console.log keeps', async () => {
    const outcome = await run(
      'for (let i = 0; i < 1000; i++) console.log("x".repeat(5000)); return 0;',
    );
    expect(outcome.logs).toHaveLength(201);
    expect(outcome.logs[0]?.length).toBeLessThan(2_100);
    expect(outcome.logs.at(-1)).toContain('stopped after 200 lines');
  });
});
