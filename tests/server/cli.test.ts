import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'aios.mjs');
const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aios-cli-'));
  dirs.push(dir);
  return dir;
};
const children: ChildProcess[] = [];
afterAll(() => {
  // A test that failed half-way leaves no server behind.
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Starts `aios serve` as a user would, and resolves with its output once it listens. */
function serve(args: string[]) {
  const child = spawn(process.execPath, [bin, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (/workers: \d+ in this process[\s\S]*access token/.test(text)) resolve(text);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`aios serve exited: ${text}`)));
  });
  return { child, listening, exited, output: () => text };
}

describe('aios serve and aios worker on the command line', () => {
  it('refuses bad flags, naming them', async () => {
    const bare = await cli(['worker']);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain('needs --database postgres://');
    expect((await cli(['worker', '--database', 'mysql://x'])).err).toContain(
      '--database must be a postgres:// URL',
    );
    expect((await cli(['serve', '--workers', 'many'])).err).toContain(
      '--workers must be a whole number',
    );
    expect((await cli(['serve', '--port', 'http'])).err).toContain('--port must be a port number');
    const file = join(temp(), 'connections.json');
    writeFileSync(file, JSON.stringify({ crm: { baseUrl: 'not a url' } }));
    expect((await cli(['serve', '--connections', file])).err).toContain(
      `--connections: ${file} at crm.baseUrl`,
    );
    const mcp = join(temp(), 'mcp.json');
    writeFileSync(mcp, JSON.stringify({ crm: { transport: 'stdio', args: ['x'] } }));
    expect((await cli(['serve', '--mcp', mcp])).err).toContain(`--mcp: ${mcp} at crm.command`);
    writeFileSync(mcp, JSON.stringify({ 'my-crm': { transport: 'http', url: 'http://x.test' } }));
    // A name that cannot be the middle of a capability id is refused, naming it.
    expect((await cli(['worker', '--database', 'postgres://x', '--mcp', mcp])).err).toMatch(
      new RegExp(`--mcp: ${mcp} at my-crm: use a name such as "files"`),
    );
  });

  it('starts with its data folder, prints the token once, serves, and stops on SIGTERM', async () => {
    const data = temp();
    const first = serve(['--data', data, '--port', '0', '--workers', '1']);
    const text = await first.listening;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    const token = /access token \(shown once[^:]*: (aios_\S+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    expect(token).toBeDefined();
    expect(text).toContain(`PGlite) in ${join(data, 'db')}`);
    expect(statSync(join(data, 'server.key')).mode & 0o777).toBe(0o600);
    const flows = await fetch(`${url!}/api/flows`, {
      headers: { authorization: `Bearer ${token!}` },
    });
    expect(await flows.json()).toEqual([]);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // A second start on the same folder keeps the token and does not show it again.
    const second = serve(['--data', data, '--port', '0', '--workers', '0']);
    const again = await second.listening;
    expect(again).not.toContain('aios_');
    const url2 = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(again)?.[1];
    const still = await fetch(`${url2!}/api/runs`, {
      headers: { authorization: `Bearer ${token!}` },
    });
    expect(still.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);
});
