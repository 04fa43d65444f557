import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { runCommand } from '../../src/cli/run.ts';
import { schemaAnswer, systemOf } from './harness/llmScript.ts';
import { TestServer } from './harness/testServer.ts';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const ticket = JSON.stringify({
  ticketId: 'T-1',
  customerEmail: 'pat@customer.test',
  subject: 'Export',
  message: 'How?',
});

describe('aios run', () => {
  let server: TestServer;
  let connections: string;
  beforeEach(async () => {
    server = await new TestServer().start();
    connections = join(mkdtempSync(join(tmpdir(), 'aios-')), 'connections.json');
    writeFileSync(connections, JSON.stringify(server.connections));
  });
  afterEach(() => server.stop());

  const cli = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCommand(
      args,
      { out: (t) => out.push(t), err: (t) => err.push(t) },
      { AIOS_LLM_BASE_URL: `${server.url}/llm` },
    );
    return {
      code,
      events: out.slice(0, -1).map((l) => JSON.parse(l) as { type: string; seq: number }),
      last: JSON.parse(out.at(-1) ?? 'null') as unknown,
      err,
    };
  };

  it('prints the event log as JSON lines and the result', async () => {
    server.scriptLlm((req) =>
      systemOf(req.messages).startsWith('You triage')
        ? schemaAnswer(req.messages, { category: 'bug', urgency: 'normal', summary: 'Export' })
        : schemaAnswer(req.messages, { subject: 'Re', body: 'Here', confidence: 0.97 }),
    );
    const { code, events, last } = await cli([
      join(examples, 'saas-support-triage.json'),
      '--input',
      ticket,
      '--connections',
      connections,
    ]);
    expect(code).toBe(0);
    expect(events[0]).toMatchObject({ type: 'run.started', seq: 1 });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(last).toMatchObject({ result: 'succeeded', output: { node: 'answered' } });
    expect(server.count(/^\/mail\//).applied).toBe(1);
  });

  it('stops at an approval with exit 3 unless told to approve', async () => {
    server.scriptLlm((req) =>
      systemOf(req.messages).startsWith('You triage')
        ? schemaAnswer(req.messages, { category: 'bug', urgency: 'normal', summary: 'Export' })
        : schemaAnswer(req.messages, { subject: 'Re', body: 'Here', confidence: 0.2 }),
    );
    const waiting = await cli([
      join(examples, 'saas-support-triage.json'),
      '--input',
      ticket,
      '--connections',
      connections,
    ]);
    expect(waiting.code).toBe(3);
    expect(waiting.err.join('\n')).toMatch(
      /waiting for approval: Send an email: needs your approval/,
    );
    expect(server.count(/^\/mail\//).requests).toBe(0);
    const approved = await cli([
      join(examples, 'saas-support-triage.json'),
      '--input',
      ticket,
      '--connections',
      connections,
      '--approve',
    ]);
    expect(approved.code).toBe(0);
    expect(server.count(/^\/mail\//).applied).toBe(1);
  });

  it('names a bad input clearly', async () => {
    const { code, err } = await cli([
      join(examples, 'saas-support-triage.json'),
      '--input',
      '{nope',
    ]);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/cannot read --input/);
  });
});

describe('aios compile', () => {
  it('prints a machine config that is plain JSON', async () => {
    const out: string[] = [];
    const code = await main(['compile', join(examples, 'freelance-writer.json')], {
      out: (t) => out.push(t),
      err: () => undefined,
    });
    expect(code).toBe(0);
    const machine = JSON.parse(out.join('\n')) as {
      id: string;
      initial: string;
      states: Record<string, unknown>;
    };
    expect(machine).toMatchObject({ id: 'flow:freelance-writer-article', initial: 'brief' });
    expect(Object.keys(machine.states)).toContain('revise:check');
  });
});
