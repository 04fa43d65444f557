import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../src/engine/index.ts';
import { validateFlow, type Flow } from '../src/flow/index.ts';
import { catalog } from '../src/nodes/index.ts';
import { openCore, type Core, type Database } from '../src/server/core.ts';
import { queues } from '../src/server/dispatch/queue.ts';
import { startServer } from '../src/server/serve.ts';
import { signBody } from '../src/server/service/webhooks.ts';
import { deployFlow } from '../src/server/store/flows.ts';
import { chainFlow, CountingRemote } from '../tests/server/fixtures.ts';
import { startPostgres } from '../tests/server/postgres.ts';
import { Workers } from '../tests/server/workers.ts';
import { median, round, type Report } from './measure.ts';

/** Start, 18 transforms, output: a 20-node flow with no outside calls, so dispatch is measured. */
function twentyNodes(): Flow {
  const nodes: unknown[] = [
    {
      id: 'start',
      type: 'start',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'Start', inputs: [] },
    },
  ];
  const edges: unknown[] = [];
  let previous = 'start';
  for (let i = 1; i <= 19; i++) {
    const id = i === 19 ? 'end' : `t${i}`;
    nodes.push({
      id,
      type: i === 19 ? 'output' : 'transform',
      position: { x: i * 200, y: 0 },
      data:
        i === 19
          ? { version: 1, label: id, value: '$', status: 'succeeded' }
          : { version: 1, label: id, language: 'jsonata', expression: '$' },
    });
    edges.push({
      id: `e${i}`,
      source: previous,
      sourceHandle: 'out',
      target: id,
      targetHandle: 'in',
    });
    previous = id;
  }
  const checked = validateFlow(
    { schemaVersion: 1, id: 'bench-20', name: 'Bench 20', nodes, edges },
    catalog,
  );
  if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('; '));
  return checked.flow;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => Promise<boolean>, what: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

/** Runs/s of `runs` queued runs of the 20-node flow, driven by `workers` cores (one run each). */
async function throughput(
  database: Database,
  workers: number,
  runs: number,
  tag: string,
): Promise<number> {
  const flow = twentyNodes();
  const cores: Core[] = [];
  const timing = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 };
  // PGlite is one process's: its workers share one core; a server gets one core per worker.
  const count = database.kind === 'pglite' ? 1 : workers;
  for (let i = 0; i < count; i++)
    cores.push(
      await openCore({
        key: randomBytes(32),
        database,
        workers: database.kind === 'pglite' ? workers : 1,
        timing,
      }),
    );
  const [first] = cores;
  try {
    await deployFlow(first!.db, flow, Date.now());
    const ids = Array.from({ length: runs }, (_, i) => `${tag}-${i}`);
    const started = performance.now();
    for (const runId of ids)
      await first!.boss.send(
        queues.run,
        { runId, start: { flowId: flow.id, input: {} } },
        { singletonKey: runId },
      );
    await until(
      async () =>
        (await first!.store.listRuns({ status: ['succeeded'] })).filter((r) =>
          r.id.startsWith(`${tag}-`),
        ).length === runs,
      `${tag} runs`,
    );
    return runs / ((performance.now() - started) / 1000);
  } finally {
    for (const core of cores) await core.close();
  }
}

export async function serverBench(report: Report): Promise<void> {
  const runs = 12;
  const pg = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'aios-bench-'));
  try {
    for (const [label, database] of [
      ['pglite', { kind: 'pglite', dataDir: join(dir, 'pglite') }],
      ['postgres', { kind: 'postgres', url: pg.url }],
    ] as const) {
      let base = 0;
      for (const workers of [1, 2, 4]) {
        report.progress(`  ${label}, ${workers} workers`);
        const perSecond = await throughput(database, workers, runs, `${label}-${workers}`);
        if (workers === 1) base = perSecond;
        report.figure({
          name: `runs of a 20-node flow, ${label}, ${workers} workers`,
          runsPerSecond: round(perSecond),
          vsOneWorker: round(perSecond / base),
          runs,
          // A worker looks for a job every poll once its last one ends early: at a backlog,
          // this bounds runs/s per worker more than the run itself does.
          pollingIntervalSeconds: 0.5,
        });
      }
    }
    await resumeAfterDeath(pg.url, dir, report);
    await webhookLatency(dir, report);
  } finally {
    pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Milliseconds from SIGKILL of the worker holding a run to the run's `run.resumed` elsewhere. */
async function resumeAfterDeath(url: string, dir: string, report: Report): Promise<void> {
  const remote = await new CountingRemote().start();
  remote.delayMs = 300;
  const connections = join(dir, 'connections.json');
  writeFileSync(connections, JSON.stringify({ crm: { baseUrl: `${remote.url}/crm` } }));
  const expiry = 2;
  const timing = { expireInSeconds: expiry, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1 };
  const core = await openCore({
    key: randomBytes(32),
    database: { kind: 'postgres', url },
    workers: 0,
    timing,
  });
  const workers = new Workers([
    '--database',
    url,
    '--workers',
    '1',
    '--connections',
    connections,
    '--job-expiry',
    String(expiry),
  ]);
  const flow = chainFlow('bench-death', 8);
  const gaps: number[] = [];
  try {
    await deployFlow(core.db, flow, Date.now());
    await Promise.all([workers.spawn(), workers.spawn()]);
    for (let i = 0; i < 3; i++) {
      const runId = `death-${i}`;
      await core.boss.send(
        queues.run,
        { runId, start: { flowId: flow.id, input: { contact: 'b' } } },
        { singletonKey: runId },
      );
      await until(async () => (await core.store.effects(runId)).length >= 2, 'two effects');
      const holder = await workers.holder(core.db);
      if (!holder) continue;
      const killed = performance.now();
      const before = await core.store.lastSeq(runId);
      await workers.kill(holder);
      await until(
        async () =>
          (await core.store.events(runId, { from: before + 1 })).some(
            (e: RunEvent) => e.type === 'run.resumed',
          ),
        'the resume',
      );
      gaps.push(performance.now() - killed);
      void workers.spawn();
      await until(async () => (await core.store.getRun(runId))?.status === 'succeeded', 'the run');
    }
    if (gaps.length > 0)
      report.figure({
        name: 'worker death to run resumed, PostgreSQL',
        medianMs: round(median(gaps)),
        maxMs: round(Math.max(...gaps)),
        jobExpirySeconds: expiry,
        samples: gaps.length,
      });
  } finally {
    await workers.stopAll();
    await core.close();
    await remote.stop();
  }
}

/** Milliseconds from a webhook POST to its run's first node after Start, with aios serve (PGlite). */
async function webhookLatency(dir: string, report: Report): Promise<void> {
  const server = await startServer({
    database: { kind: 'pglite', dataDir: join(dir, 'hook-db') },
    dataDir: join(dir, 'hook'),
    workers: 1,
    timing: { pollingIntervalSeconds: 0.5 },
    host: '127.0.0.1',
    port: 0,
    appOrigins: [],
    env: {},
    scheduleEverySeconds: 0,
  });
  const secret = 'bench-webhook-secret';
  const flow = twentyNodes();
  const hooked: Flow = {
    ...flow,
    id: 'bench-hook',
    nodes: flow.nodes.map((n) =>
      n.type === 'start'
        ? {
            ...n,
            data: {
              ...n.data,
              triggers: [
                {
                  type: 'webhook',
                  secret: 'HOOK',
                  auth: 'hmac-sha256',
                  signatureHeader: 'X-Signature-256',
                  deliveryHeader: 'Idempotency-Key',
                },
              ],
            },
          }
        : n,
    ),
  };
  const latencies: number[] = [];
  try {
    await deployFlow(server.core.db, hooked, Date.now());
    await server.core.secrets.put('HOOK', secret, Date.now());
    for (let i = 0; i < 8; i++) {
      const body = JSON.stringify({});
      let firstStep: (() => void) | undefined;
      const stepped = new Promise<void>((resolve) => (firstStep = resolve));
      const off = server.core.engine.onEvent(
        (e) => e.type === 'node.succeeded' && e.node === 't1' && firstStep?.(),
      );
      const sent = performance.now();
      const response = await fetch(`${server.url}/hooks/${hooked.id}`, {
        method: 'POST',
        body,
        headers: { 'x-signature-256': signBody(secret, body), 'idempotency-key': `d${i}` },
      });
      if (response.status !== 202) throw new Error(`webhook answered ${response.status}`);
      await stepped;
      latencies.push(performance.now() - sent);
      off();
    }
    report.figure({
      name: 'webhook to first step, aios serve (PGlite)',
      medianMs: round(median(latencies)),
      maxMs: round(Math.max(...latencies)),
      pollingIntervalSeconds: 0.5,
      samples: latencies.length,
    });
  } finally {
    await server.close();
  }
}
