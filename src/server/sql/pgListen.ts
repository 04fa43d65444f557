import pg from 'pg';
import { channelName } from './client.ts';

/** Pauses before opening a dropped listening connection again, growing to the last. */
const retryMs = [250, 500, 1_000, 2_000, 5_000];

/**
 * `LISTEN` on a connection of its own: a pooled one would go back to the pool and stop hearing.
 * When it drops (the server restarted, a failover) it is opened again after growing pauses, and
 * `onMissed` is called once it listens again, since what was sent meanwhile is gone.
 */
export async function listenOn(
  config: pg.ClientConfig,
  channel: string,
  onPayload: (payload: string) => void,
  onMissed: () => void,
): Promise<() => Promise<void>> {
  const name = channelName(channel);
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const open = async (): Promise<pg.Client> => {
    const next = new pg.Client(config);
    next.on('error', () => undefined);
    next.on('notification', (message) => {
      if (message.channel === name && message.payload !== undefined) onPayload(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${name}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    next.once('end', () => lost(0));
    return next;
  };
  const lost = (attempt: number) => {
    client = undefined;
    if (stopped) return;
    retry = setTimeout(
      () => {
        open().then(
          (next) => {
            if (stopped) return void next.end().catch(() => undefined);
            client = next;
            onMissed();
          },
          () => lost(attempt + 1),
        );
      },
      retryMs[Math.min(attempt, retryMs.length - 1)],
    );
  };

  client = await open();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
