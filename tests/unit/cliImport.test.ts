import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { validateFlow } from '../../src/flow/index.ts';
import { catalog } from '../../src/nodes/index.ts';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const fixture = (name: string) => join('tests', 'fixtures', 'import', name);
const target = () => join(mkdtempSync(join(tmpdir(), 'aios-import-')), 'flow.json');

describe('aios import', () => {
  it('writes a flow that validates, prints the report and exits 0', async () => {
    const output = target();
    const { code, out } = await cli(['import', fixture('n8n-greet-contact.json'), '-o', output]);
    expect(code).toBe(0);
    expect(out).toContain('n8n “Greet a CRM contact”: 6 mapped, 1 approximated');
    expect(out).toContain('The flow validates and is ready to run.');
    expect(validateFlow(JSON.parse(readFileSync(output, 'utf8')), catalog).ok).toBe(true);
  });

  it('writes a flow that needs fixing, says what, and exits 1', async () => {
    const output = target();
    const { code, out } = await cli([
      'import',
      fixture('dify-support.yml'),
      '--from',
      'dify',
      '-o',
      output,
    ]);
    expect(code).toBe(1);
    expect(out).toContain('placeholder  Translate (tool)');
    expect(out).toContain('To fix before it runs:');
    expect(out).toContain('Credentials (never imported');
    expect(existsSync(output)).toBe(true);
  });

  it('writes nothing for a file it cannot import, and exits 2', async () => {
    const output = target();
    const { code, err } = await cli([
      'import',
      fixture('dify-support.yml'),
      '--from',
      'n8n',
      '-o',
      output,
    ]);
    expect(code).toBe(2);
    expect(err).toContain('this n8n file does not have the expected shape: nodes');
    expect(err).toContain('Nothing was written.');
    expect(existsSync(output)).toBe(false);
    expect((await cli(['import', fixture('dify-support.yml')])).err).toContain('-o FLOW.json');
    expect((await cli(['import', 'x', '--from', 'zapier', '-o', output])).err).toContain(
      '--from takes one of n8n, node-red, dify, flowise',
    );
  });
});
