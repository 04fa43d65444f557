import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { openCore, type Core, type CoreOptions } from './core.ts';
import { createApp } from './http/app.ts';
import { Scheduler } from './dispatch/scheduler.ts';
import { engineHost, type EngineHost } from './service/engineHost.ts';
import { firstToken } from './service/tokens.ts';
import { WorkspaceService } from './service/workspace.ts';
import { serverKey } from './store/sealed.ts';

interface ServeOptions extends Omit<CoreOptions, 'key'> {
  /** Where the server key lives (when `AIOS_SERVER_KEY` is not set). */
  readonly dataDir: string;
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  readonly appOrigins: readonly string[];
  /** How often schedules are looked at (0: never, for tests that tick by hand). */
  readonly scheduleEverySeconds?: number;
}

export interface RunningServer {
  readonly url: string;
  /** The access token, when this start created it: shown once, stored only hashed. */
  readonly newToken: string | undefined;
  readonly core: Core;
  readonly service: WorkspaceService;
  close(): Promise<void>;
}

/** The workspace server: the core (store, queue, in-process workers) behind the HTTP API. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const key = serverKey(join(options.dataDir, 'server.key'), options.env);
  const core = await openCore({ ...options, key });
  let opened: EngineHost | undefined;
  try {
    const newToken = await firstToken(core.db, core.clock.now());
    const service = new WorkspaceService(core);
    const engine = await engineHost(core, service, options.log);
    opened = engine;
    const app = createApp({
      service,
      engine,
      db: core.db,
      appOrigins: options.appOrigins,
      ...(options.log ? { log: options.log } : {}),
    });
    const { server, address } = await new Promise<{
      server: ReturnType<typeof serve>;
      address: AddressInfo;
    }>((resolve, reject) => {
      const server = serve(
        { fetch: app.fetch, hostname: options.host, port: options.port },
        (address) => resolve({ server, address }),
      );
      server.once('error', reject);
    });
    const scheduler = new Scheduler(core.db, core.boss, core.clock);
    const every = (options.scheduleEverySeconds ?? 15) * 1000;
    let ticking = Promise.resolve();
    const timer =
      every > 0
        ? setInterval(() => {
            ticking = ticking
              .then(() => scheduler.tick())
              .then(
                (runs) => runs.forEach((id) => options.log?.(`schedule started run ${id}`)),
                (error: unknown) => options.log?.(`schedules: ${String(error)}`),
              );
          }, every)
        : undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return {
      url: `http://${host}:${address.port}`,
      newToken,
      core,
      service,
      async close() {
        clearInterval(timer);
        await engine.close();
        await ticking;
        await new Promise<void>((resolve) => {
          if ('closeAllConnections' in server) server.closeAllConnections();
          server.close(() => resolve());
        });
        await core.close();
      },
    };
  } catch (error) {
    await opened?.close();
    await core.close();
    throw error;
  }
}
