import { readFile } from 'node:fs/promises';
import {
  maskingStore,
  recordingSecrets,
  SecretMask,
  systemClock,
  type Connection,
  type Engine,
  type RunStore,
} from '../engine/index.ts';
import { VolatileMemory } from '../memory/volatile.ts';
import { createEngine } from '../nodes/runtime.ts';
import { llmFromEnv, secretsFromEnv } from '../server/env.ts';
import { nodemailerSmtp } from '../server/smtp.ts';
import type { CliIo } from './io.ts';
import type { McpServerSettings } from '../capabilities/mcp/index.ts';
import { mcpServerNameSchema, mcpServerSchema } from '../protocol/index.ts';
import { serverMcp, type ServerMcp } from '../server/mcp.ts';
import { z } from 'zod';
import { jsonFile } from './serverOptions.ts';

/**
 * The engine a headless command runs (models and secrets from the environment), and the output to
 * print through: every secret value handed out is masked in the run's record and in what is printed.
 * MCP servers' tools are listed before `mcp.ready`; their schemas are pinned for this process only.
 */
export function cliEngine(
  store: RunStore,
  connections: Record<string, Connection>,
  env: NodeJS.ProcessEnv,
  io: CliIo,
  mcpServers: Readonly<Record<string, McpServerSettings>> = {},
): { engine: Engine; io: CliIo; mcp: ServerMcp } {
  const mask = new SecretMask();
  const secrets = recordingSecrets(secretsFromEnv(env), mask);
  const mcp = serverMcp({
    servers: mcpServers,
    secrets,
    mask,
    log: (line) => io.err(mask.text(line)),
  });
  const engine = createEngine({
    store: maskingStore(store, mask),
    services: {
      place: 'server',
      clock: systemClock,
      fetch,
      llm: llmFromEnv(env),
      memory: new VolatileMemory(),
      connections,
      secrets,
      smtp: nodemailerSmtp,
      capabilities: mcp.tools,
    },
  });
  return {
    engine,
    mcp,
    io: { out: (text) => io.out(mask.text(text)), err: (text) => io.err(mask.text(text)) },
  };
}

/**
 * Drives a started or resumed run to its end, printing its events as JSON lines and then the
 * result. Exit 0 when it succeeded, 3 when it waits for a person (unless `approve`), 1 otherwise.
 */
export async function drive(
  engine: Engine,
  run: {
    readonly runId: string;
    readonly done: Promise<{ status: string; result?: unknown; error?: unknown }>;
  },
  approve: boolean,
  io: CliIo,
  hint: string,
): Promise<number> {
  for (;;) {
    const waiting = new Promise<'waiting'>((resolve) => {
      const off = engine.onEvent(
        (e) => e.type === 'approval.requested' && (off(), resolve('waiting')),
      );
    });
    const [pending] = await engine.pendingApprovals(run.runId);
    const outcome = pending ? 'waiting' : await Promise.race([run.done, waiting]);
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
    const [asked] = await engine.pendingApprovals(run.runId);
    if (!asked) continue;
    if (!approve) {
      io.err(`waiting for approval: ${asked.request.title}${hint}`);
      engine.halt();
      return 3;
    }
    await engine.decide(asked.key, { decision: 'approved' });
  }
}

/** The `--connections` file, or undefined after saying why it cannot be read. */
export async function readConnections(
  file: string | undefined,
  io: CliIo,
): Promise<Record<string, Connection> | undefined> {
  if (!file) return {};
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, Connection>;
  } catch (error) {
    io.err(`cannot read --connections: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The `--mcp` file (MCP servers by name), or undefined after saying why it cannot be read. */
export async function readMcpServers(
  file: string | undefined,
  io: CliIo,
): Promise<Record<string, McpServerSettings> | undefined> {
  if (!file) return {};
  try {
    return await jsonFile('--mcp', file, z.record(mcpServerNameSchema, mcpServerSchema));
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}
