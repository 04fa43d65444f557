import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { openCore } from '../server/core.ts';
import { serverKey } from '../server/store/sealed.ts';
import type { CliIo } from './io.ts';
import {
  serverArgs,
  serverOptionsUsage,
  serverSettings,
  showDatabase,
  stopSignal,
} from './serverOptions.ts';

export const workerUsage = `aios worker --database postgres://… [--workers N] [--connections FILE]
  Takes runs from the server's queue and drives them; start as many as wanted, on any machines.
${serverOptionsUsage}`;

/** `aios worker`: workers only (no HTTP), against a PostgreSQL server; runs until stopped. */
export async function workerCommand(
  args: readonly string[],
  io: CliIo,
  stopped: Promise<string> = stopSignal(),
): Promise<number> {
  let settings;
  try {
    const { values } = parseArgs({ args: [...args], options: serverArgs });
    settings = await serverSettings(values);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${workerUsage}`);
    return 2;
  }
  if (settings.database.kind !== 'postgres') {
    io.err(
      `aios worker needs --database postgres://…: the embedded database belongs to one process (use aios serve)\n\n${workerUsage}`,
    );
    return 2;
  }
  const core = await openCore({
    // Secrets set through a server are sealed with its key: give workers the same AIOS_SERVER_KEY.
    key: serverKey(join(settings.dataDir, 'server.key')),
    database: settings.database,
    workers: Math.max(1, settings.workers),
    timing: settings.timing,
    connections: settings.connections,
    mcpServers: settings.mcpServers,
    log: (line) => io.out(line),
  });
  io.out(
    `aios worker ${process.pid}: ${Math.max(1, settings.workers)} workers on ${showDatabase(settings.database)}`,
  );
  const signal = await stopped;
  io.out(`aios worker ${process.pid}: ${signal}, stopping`);
  await core.close();
  return 0;
}
