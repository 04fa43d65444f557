import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { llmFromEnv, secretsFromEnv } from '../server/env.ts';
import { CompileError, MemoryStore, systemClock, type Connection } from '../engine/index.ts';
import { VolatileMemory } from '../memory/volatile.ts';
import { createEngine } from '../nodes/runtime.ts';
import type { CliIo } from './io.ts';
import { loadFlowFile } from './load.ts';

export const runUsage = `aios run FLOW.json [--input JSON] [--connections FILE] [--approve]
  --input JSON         the run's input (default {})
  --connections FILE   JSON like {"mail":{"baseUrl":"http://…"},"billing":{…},"crm":{…}}
  --approve            approve every approval request (otherwise the run stops at the first one)
  LLM: AIOS_LLM_BASE_URL (OpenAI-compatible, e.g. http://127.0.0.1:11434/v1) and AIOS_LLM_API_KEY
  Secrets: AIOS_SECRET_<NAME>, e.g. AIOS_SECRET_BILLING_API_KEY`;

/**
 * `aios run FLOW`: runs a flow headless with the same engine as the app, printing each event as a
 * JSON line and then the result. Exit 0 when it succeeded, 3 when it waits for a person, 1 otherwise.
 */
export async function runCommand(
  args: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        input: { type: 'string' },
        connections: { type: 'string' },
        approve: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${runUsage}`);
    return 2;
  }
  const flow = await loadFlowFile(parsed.positionals[0], io);
  if (!flow) return 1;
  let input: unknown = {};
  let connections: Record<string, Connection> = {};
  try {
    if (parsed.values.input) input = JSON.parse(parsed.values.input);
    if (parsed.values.connections)
      connections = JSON.parse(await readFile(parsed.values.connections, 'utf8')) as Record<
        string,
        Connection
      >;
  } catch (error) {
    io.err(
      `cannot read ${parsed.values.input !== undefined ? '--input or ' : ''}--connections: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
  const engine = createEngine({
    store: new MemoryStore(),
    services: {
      clock: systemClock,
      fetch,
      llm: llmFromEnv(env),
      memory: new VolatileMemory(),
      connections,
      secrets: secretsFromEnv(env),
    },
  });
  engine.onEvent((event) => io.out(JSON.stringify(event)));
  let run;
  try {
    run = await engine.start(flow, input);
  } catch (error) {
    if (error instanceof CompileError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  for (;;) {
    const waiting = new Promise<'waiting'>((resolve) => {
      const off = engine.onEvent(
        (e) => e.type === 'approval.requested' && (off(), resolve('waiting')),
      );
    });
    const outcome = await Promise.race([run.done, waiting]);
    if (outcome !== 'waiting') {
      io.out(
        JSON.stringify({
          result: outcome.status,
          ...(outcome.result !== undefined ? { output: outcome.result } : {}),
          ...(outcome.error ? { error: outcome.error } : {}),
        }),
      );
      return outcome.status === 'succeeded' ? 0 : 1;
    }
    const [pending] = await engine.pendingApprovals(run.runId);
    if (!pending) continue;
    if (!parsed.values.approve) {
      io.err(
        `waiting for approval: ${pending.request.title} (run again with --approve to approve everything)`,
      );
      engine.halt();
      return 3;
    }
    await engine.decide(pending.key, { decision: 'approved' });
  }
}
