import { describe, expect, it } from 'vitest';
import freelance from '../../../examples/freelance-writer.json';
import { importFile, importShared, importText } from './importText.ts';
import { readShareFragment, shareLink } from './shareLink.ts';

describe('share links', () => {
  it('carry a flow through the fragment unchanged', () => {
    const imported = importText(JSON.stringify(freelance));
    if (!imported.ok) throw new Error('the example must import');
    const link = shareLink(imported.flow, 'https://aios.example/app?x=1#old');
    expect(link.startsWith('https://aios.example/app?x=1#share=')).toBe(true);
    const text = readShareFragment(new URL(link).hash);
    expect(text && JSON.parse(text)).toEqual(imported.flow);
  });

  it('ignore fragments that are not share links, or are damaged', () => {
    expect(readShareFragment('#flow=1')).toBeUndefined();
    expect(readShareFragment('#share=')).toBeUndefined();
  });
});

describe('broken share links and huge files', () => {
  it('says a cut-off share link is broken, and how to get a good one', () => {
    const imported = importText(JSON.stringify(freelance));
    if (!imported.ok) throw new Error('the example must import');
    const link = shareLink(imported.flow, 'https://aios.example/');
    const cut = new URL(link.slice(0, Math.floor(link.length * 0.6))).hash;
    const outcome = importShared(readShareFragment(cut));
    expect(outcome).toMatchObject({
      ok: false,
      issues: [{ code: 'broken-link', message: 'this share link is broken or cut off' }],
    });
    expect(outcome.issues[0]?.hint).toMatch(/copy all of it/);
    expect(JSON.stringify(outcome)).not.toMatch(/JSON/);
    expect(importShared(readShareFragment(new URL(link).hash)).ok).toBe(true);
  });

  it('refuses an oversized file by its size, without reading it', async () => {
    class Huge extends Blob {
      override get size() {
        return 21 * 1024 * 1024;
      }
      override text(): Promise<string> {
        throw new Error('the file was read');
      }
    }
    const outcome = await importFile(new Huge(), importText);
    expect(outcome).toMatchObject({ ok: false, issues: [{ code: 'too-large' }] });
    expect(outcome.issues[0]?.message).toBe('the file is 21.0 MB, too large to be a flow');
    expect((await importFile(new Blob([JSON.stringify(freelance)]), importText)).ok).toBe(true);
  });
});

describe('importText', () => {
  it('refuses what is not a flow, with the reason', () => {
    const bad = importText('{"schemaVersion": 1, "name": 3}');
    expect(bad.ok).toBe(false);
    expect(importText('not json').issues[0]?.code).toBe('not-json');
  });

  it('opens a well-formed flow still being built, listing its problems by node', () => {
    const draft = {
      ...freelance,
      nodes: freelance.nodes.map((n) =>
        n.id === 'draft' ? { ...n, data: { ...n.data, maxRepairs: 9 } } : n,
      ),
    };
    const result = importText(JSON.stringify(draft));
    expect(result.ok).toBe(true);
    expect(result.issues.some((i) => i.nodeId === 'draft' && i.severity === 'error')).toBe(true);
  });
});
