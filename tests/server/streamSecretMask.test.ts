import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import type { Heard } from '../../src/worker/client.ts';
import { connectServer, type ServerClient } from '../../src/worker/serverClient.ts';
import { TestServer } from '../engine/harness/testServer.ts';
import { echoFlow } from '../engine/harness/echoFlow.ts';
import { eventually } from './poll.ts';

const CANARY = 'stream-canary-9f8e7d6c5b4a3';

let remote: TestServer;
let server: RunningServer;
let dir: string;
let app: ServerClient;

beforeAll(async () => {
  remote = await new TestServer().start();
  dir = mkdtempSync(join(tmpdir(), 'aios-stream-mask-'));
  server = await startServer({
    database: { kind: 'pglite', dataDir: 'memory://' },
    dataDir: dir,
    workers: 1,
    timing: { pollingIntervalSeconds: 0.5 },
    host: '127.0.0.1',
    port: 0,
    appOrigins: [],
    env: { AIOS_SECRET_ECHO_API_KEY: CANARY },
    scheduleEverySeconds: 0,
  });
  app = connectServer({ url: server.url, token: server.newToken ?? '' });
}, 120_000);
afterAll(async () => {
  app?.dispose();
  await server?.close();
  await remote?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the server's live stream", () => {
  it('masks a secret the remote echoed, as the stored log does', async () => {
    const heard: Heard[] = [];
    app.listen((h) => heard.push(h));
    await eventually(() => app.link().state === 'connected' || undefined, 'the stream to open');
    const started = await app.api.start({ flow: echoFlow(remote.url), input: {} });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value;
    await eventually(
      () =>
        heard.some(
          (h) => h.kind === 'event' && h.event.runId === runId && h.event.type === 'run.succeeded',
        ) || undefined,
      'the run to finish on the stream',
    );
    // The remote did get the secret and did say it back.
    expect(remote.requests.at(-1)?.auth).toBe(`Bearer ${CANARY}`);
    const streamed = JSON.stringify(heard);
    expect(streamed).toContain('[secret ECHO_API_KEY]');
    expect(streamed).not.toContain(CANARY);
  });
});
