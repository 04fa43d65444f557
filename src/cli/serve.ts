import { parseArgs } from 'node:util';
import { startServer } from '../server/serve.ts';
import type { CliIo } from './io.ts';
import {
  serverArgs,
  serverOptionsUsage,
  serverSettings,
  showDatabase,
  stopSignal,
} from './serverOptions.ts';

export const serveUsage = `aios serve [--port N] [--host H] [--app-origin URL] [--data DIR | --database URL]
  The workspace server: HTTP API, live event streams, webhooks and in-process workers.
  --port N             default 4280 (0 for any free port)
  --host H             default 127.0.0.1 (only this machine can connect)
  --app-origin URL     the app's origin allowed to call from a browser (repeatable;
                       default http://127.0.0.1:4173 and http://localhost:5173)
${serverOptionsUsage}`;

/** `aios serve`: runs until stopped (Ctrl-C). */
export async function serveCommand(
  args: readonly string[],
  io: CliIo,
  stopped: Promise<string> = stopSignal(),
): Promise<number> {
  let settings;
  let values;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        ...serverArgs,
        port: { type: 'string' },
        host: { type: 'string' },
        'app-origin': { type: 'string', multiple: true },
      },
    }).values;
    settings = await serverSettings(values);
    if (values.port !== undefined && !/^\d{1,5}$/.test(values.port))
      throw new Error(`--port must be a port number, not "${values.port}"`);
    for (const origin of values['app-origin'] ?? [])
      if (!/^https?:\/\/[^/]+$/.test(origin))
        throw new Error(
          `--app-origin must be an origin like http://127.0.0.1:4173, not "${origin}"`,
        );
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${serveUsage}`);
    return 2;
  }
  const server = await startServer({
    database: settings.database,
    dataDir: settings.dataDir,
    workers: settings.workers,
    timing: settings.timing,
    connections: settings.connections,
    mcpServers: settings.mcpServers,
    host: values.host ?? '127.0.0.1',
    port: Number(values.port ?? 4280),
    appOrigins: values['app-origin'] ?? ['http://127.0.0.1:4173', 'http://localhost:5173'],
    log: (line) => io.out(line),
  });
  io.out(`aios serve: listening on ${server.url}`);
  io.out(`  data: ${showDatabase(settings.database)}`);
  io.out(`  workers: ${settings.workers} in this process`);
  if (server.newToken)
    io.out(
      `  access token (shown once, stored hashed; keep it): ${server.newToken}\n  connect the app with ${server.url} and this token`,
    );
  else io.out('  access token: the one printed when this server first started');
  const signal = await stopped;
  io.out(`aios serve: ${signal}, stopping`);
  await server.close();
  return 0;
}
