import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { examplesDir, tinyFlow } from './helpers.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', '..', 'bin', 'aios.mjs');

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aios-')), name);
  writeFileSync(file, content);
  return file;
}

describe('aios validate', () => {
  it('says ok for each example and exits 0 (as a real process)', async () => {
    const files = [
      'freelance-writer.json',
      'saas-support-triage.json',
      'consultant-engagement.json',
    ].map((f) => join(examplesDir, f));
    const { stdout } = await run(process.execPath, [bin, 'validate', ...files]);
    expect(stdout.trim().split('\n')).toEqual(files.map((f) => `${f}: ok`));
  });

  it('lists precise errors and exits 1 when one file is broken', async () => {
    const broken = tinyFlow();
    broken.nodes[1]!.type = 'transfrom';
    const bad = tempFile('bad.json', JSON.stringify(broken));
    const good = tempFile('good.json', JSON.stringify(tinyFlow()));
    const { code, out } = await cli(['validate', good, bad]);
    expect(code).toBe(1);
    expect(out).toEqual([
      `${good}: ok`,
      `${bad}: 1 error`,
      '  error nodes[1].type: unknown node kind "transfrom" (did you mean "transform"?)',
    ]);
  });

  it('reports unreadable files and bad JSON without a stack trace', async () => {
    const notJson = tempFile('x.json', '{ nope');
    const { code, out } = await cli(['validate', '/no/such/file.json', notJson]);
    expect(code).toBe(1);
    expect(out[0]).toBe('/no/such/file.json: cannot read: ENOENT');
    expect(out[2]).toMatch(/^ {2}error \(document\): not valid JSON/);
  });

  it('exits 2 with usage on a wrong command', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['validate'])).code).toBe(2);
  });
});
