import { describe, expect, it } from 'vitest';
import freelance from '../../../examples/freelance-writer.json';
import { importText } from './importText.ts';
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
