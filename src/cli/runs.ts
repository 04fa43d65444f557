import { parseArgs } from 'node:util';
import { cliEngine, drive, readConnections, readMcpServers } from './drive.ts';
import type { CliIo } from './io.ts';
import { storeOptions, storeUsage, withRunStore } from './runStore.ts';

export const runsUsage = `aios runs (--data DIR | --database URL)        the kept runs, one JSON line each
aios events RUN (--data DIR | --database URL)  a run's event log, one JSON line per event
aios resume RUN (--data DIR | --database URL) [--approve] [--connections FILE] [--mcp FILE]
                                               go on with a kept run from its last checkpoint
${storeUsage}`;

type Command = 'runs' | 'events' | 'resume';

/** `aios runs`, `aios events RUN`, `aios resume RUN`: headless runs kept with `--data`/`--database`. */
export async function runsCommand(
  command: Command,
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
        ...storeOptions,
        approve: { type: 'boolean' },
        connections: { type: 'string' },
        mcp: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${runsUsage}`);
    return 2;
  }
  const { data, database } = parsed.values;
  const runId = parsed.positionals[0];
  if ((!data && !database) || (command !== 'runs' && !runId)) {
    io.err(
      `aios ${command} needs ${command === 'runs' ? '' : 'a run id and '}--data DIR or --database URL\n\n${runsUsage}`,
    );
    return 2;
  }
  return withRunStore(parsed.values, io, async (opened) => {
    const { store } = opened;
    if (command === 'runs') {
      for (const run of await store.listRuns())
        io.out(
          JSON.stringify({
            id: run.id,
            flow: run.flowName,
            status: run.status,
            startedAt: new Date(run.startedAt).toISOString(),
          }),
        );
      return 0;
    }
    const id = runId ?? '';
    if (!(await store.getRun(id))) {
      io.err(`there is no run "${id}" in ${opened.where}; aios runs ${opened.where} lists them`);
      return 1;
    }
    if (command === 'events') {
      for (const event of await store.events(id)) io.out(JSON.stringify(event));
      return 0;
    }
    const connections = await readConnections(parsed.values.connections, io);
    if (!connections) return 2;
    const mcpServers = await readMcpServers(parsed.values.mcp, io);
    if (!mcpServers) return 2;
    const { engine, io: shown, mcp } = cliEngine(store, connections, env, io, mcpServers);
    try {
      engine.onEvent((event) => shown.out(JSON.stringify(event)));
      await mcp.ready;
      const run = await engine.resume(id, 'resumed from the command line');
      return await drive(
        engine,
        run,
        parsed.values.approve === true,
        shown,
        ` (aios resume ${id} ${opened.where} --approve approves it)`,
      );
    } finally {
      await mcp.close();
    }
  });
}
