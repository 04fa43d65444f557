import { describe, expect, it } from 'vitest';
import { validateFlow } from '../flow/index.ts';
import { catalog, indexKinds, nodeKinds, paletteGroups } from './index.ts';
import { defineKind } from './kind.ts';
import { placeholder } from './placeholder/schema.ts';
import { start } from './start/schema.ts';
import { z } from 'zod';

describe('node registry', () => {
  it('refuses a kind registered twice', () => {
    expect(() => indexKinds([start, start])).toThrow(/registered twice/);
  });

  it('declares every kind the product needs', () => {
    expect(nodeKinds.map((k) => k.kind).sort()).toEqual([
      'agent',
      'approval',
      'capability',
      'code',
      'condition',
      'join',
      'loop',
      'output',
      'parallel',
      'placeholder',
      'recall',
      'remember',
      'start',
      'subflow',
      'transform',
    ]);
  });

  it('puts every kind in the palette exactly once', () => {
    const listed = paletteGroups.flatMap((g) => g.items.map((i) => i.kind));
    const offered = nodeKinds.filter((k) => !k.importOnly).map((k) => k.kind);
    expect(listed.sort()).toEqual(offered.sort());
    expect(listed).not.toContain('placeholder');
  });

  it('never lets an imported placeholder validate, and says what it stands for', () => {
    const data = { ...placeholder.defaults(), source: 'n8n', originalType: 'n8n-nodes-base.slack' };
    const parsed = placeholder.config.safeParse(data);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('(n8n-nodes-base.slack)');
    expect(placeholder.ports(data as never).outputs.map((p) => p.id)).toEqual(['out']);
  });

  it.each(nodeKinds.filter((k) => !k.importOnly).map((k) => [k.kind, k] as const))(
    '%s: a freshly added node is valid on its own terms',
    (_, kind) => {
      const data = kind.defaults();
      expect(kind.config.safeParse(data).success).toBe(true);
      const ports = kind.ports(data as never);
      expect(new Set(ports.outputs.map((p) => p.id)).size).toBe(ports.outputs.length);
      expect(kind.summary(data as never, { flow: () => undefined }).length).toBeGreaterThan(0);
    },
  );

  it.each(nodeKinds.filter((k) => !k.importOnly).map((k) => [k.kind, k] as const))(
    '%s: declares the engine hooks its config and role call for',
    (_, kind) => {
      // A kind whose config takes a retry must tell the engine how to read it.
      const retried = { ...kind.defaults(), retry: { attempts: 2 }, timeout: '5s' };
      const takesRetry = kind.config.safeParse(retried).success;
      expect(kind.runPolicy !== undefined).toBe(takesRetry);
      if (kind.runPolicy && takesRetry) {
        const policy = kind.runPolicy(kind.config.parse(retried) as never);
        expect(policy).toMatchObject({ attempts: 2, timeoutMs: 5_000, timeout: '5s' });
      }
      expect(kind.joinNeed !== undefined).toBe(kind.role === 'join');
      expect(kind.loopMax !== undefined).toBe(kind.role === 'loop');
    },
  );

  it("names a Subflow's saved flow on its card, or shows the id when the flow is not known", () => {
    const subflow = nodeKinds.find((k) => k.kind === 'subflow')!;
    const data = subflow.config.parse({ version: 1, label: 'Bill', flow: 'flow-1b2c' });
    const names = new Map([['flow-1b2c', 'Invoice the client']]);
    expect(subflow.summary(data, { flow: (id) => names.get(id) })).toBe(
      'runs “Invoice the client”',
    );
    expect(subflow.summary(data, { flow: () => undefined })).toBe('runs flow-1b2c');
  });

  it('gives the approval a draft output only when timeouts keep drafts', () => {
    const approval = nodeKinds.find((k) => k.kind === 'approval')!;
    const hold = approval.ports(
      approval.config.parse({ version: 1, label: 'a', onTimeout: 'hold' }),
    );
    const draft = approval.ports(
      approval.config.parse({ version: 1, label: 'a', onTimeout: 'draft' }),
    );
    expect(hold.outputs.map((p) => p.id)).toEqual(['approved', 'rejected']);
    expect(draft.outputs.map((p) => p.id)).toEqual(['approved', 'rejected', 'draft']);
  });

  it("migrates old node configs through the kind's chain", () => {
    const v2 = defineKind({
      kind: 'greet',
      version: 2,
      title: 'Greet',
      description: 'test kind',
      group: 'Logic',
      role: 'task',
      icon: 'g',
      config: z.strictObject({ version: z.number(), label: z.string(), greeting: z.string() }),
      ports: () => ({ inputs: [], outputs: [] }),
      summary: (d) => d.greeting,
      migrations: { 1: ({ text, ...rest }) => ({ ...rest, greeting: text }) },
    });
    expect(v2.migrate({ version: 1, label: 'g', text: 'hi' })).toEqual({
      version: 2,
      label: 'g',
      greeting: 'hi',
    });
    expect(() => v2.migrate({ version: 3 })).toThrow(/newer than this workspace knows/);
  });

  it('validates a flow through the catalog derived from the list', () => {
    expect(catalog.kindNames).toEqual(nodeKinds.map((k) => k.kind));
    expect(
      validateFlow({ schemaVersion: 1, id: 'x', name: 'x', nodes: [], edges: [] }, catalog).ok,
    ).toBe(true);
  });
});
