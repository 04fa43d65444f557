import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.ts';
import { runsCommand } from '../../src/cli/runs.ts';
import { echoFlow } from './harness/echoFlow.ts';
import { TestServer } from './harness/testServer.ts';

const CANARY = 'cli-canary-7a6b5c4d3e2f1';

describe('aios run and aios events mask secrets from the environment', () => {
  let server: TestServer;
  let dir: string;
  beforeEach(async () => {
    server = await new TestServer().start();
    dir = mkdtempSync(join(tmpdir(), 'aios-mask-'));
  });
  afterEach(() => server.stop());

  // Opens the embedded PostgreSQL (PGlite) twice, which is slow on a busy machine.
  it(
    'keeps an echoed secret out of the printed events and the stored run',
    { timeout: 120_000 },
    async () => {
      const file = join(dir, 'flow.json');
      writeFileSync(file, JSON.stringify(echoFlow(server.url)));
      const env = { AIOS_SECRET_ECHO_API_KEY: CANARY };
      const out: string[] = [];
      const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
      const data = join(dir, 'data');
      expect(await runCommand([file, '--data', data], io, env)).toBe(0);
      // The remote did get the secret and did say it back.
      expect(server.requests.at(-1)?.auth).toBe(`Bearer ${CANARY}`);
      const printed = out.join('\n');
      expect(printed).toContain('[secret ECHO_API_KEY]');
      expect(printed).not.toContain(CANARY);

      const runId = (JSON.parse(out[0] ?? '{}') as { runId?: string }).runId;
      expect(runId).toBeTruthy();
      const stored: string[] = [];
      const code = await runsCommand('events', [String(runId), '--data', data], {
        out: (t) => stored.push(t),
        err: (t) => stored.push(t),
      });
      expect(code).toBe(0);
      expect(stored.join('\n')).toContain('[secret ECHO_API_KEY]');
      expect(stored.join('\n')).not.toContain(CANARY);
    },
  );
});
