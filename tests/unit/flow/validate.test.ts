import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/nodes/index.ts';
import { loadExamples, tinyFlow } from '../helpers.ts';
import { importFlowText, validateFlow } from '../../../src/flow/validate.ts';
import type { FlowIssue } from '../../../src/flow/issues.ts';

const errorsOf = (value: unknown): FlowIssue[] => {
  const result = validateFlow(value, catalog);
  return result.issues.filter((i) => i.severity === 'error');
};

describe('validateFlow on the examples', () => {
  it.each(loadExamples())('$file is valid with no warnings', ({ doc }) => {
    const result = validateFlow(doc, catalog);
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fills defaults and keeps what was written', () => {
    const result = validateFlow(tinyFlow(), catalog);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const shape = result.flow.nodes[1]!;
    expect(shape.data).toMatchObject({ expression: '$.a', language: 'jsonata' });
    expect(result.flow.viewport).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});

describe('untrusted input', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'rejects a "%s" key deep inside node data',
    (key) => {
      const text = JSON.stringify(tinyFlow()).replace(
        '"expression":"$.a"',
        `"expression":"$.a","nested":{"${key}":{"polluted":true}}`,
      );
      const result = importFlowText(text, catalog);
      expect(result.ok).toBe(false);
      expect(result.issues).toContainEqual(
        expect.objectContaining({ code: 'forbidden-key', path: `nodes[1].data.nested.${key}` }),
      );
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  );

  it('rejects nesting deeper than the limit without overflowing', () => {
    const deep = tinyFlow();
    let inner: Record<string, unknown> = {};
    deep.nodes[0]!.data['notes'] = inner;
    for (let i = 0; i < 10_000; i++) inner = inner['x'] = {};
    expect(errorsOf(deep)[0]).toMatchObject({ code: 'too-deep' });
  });

  it('rejects oversized strings, naming where they are', () => {
    const big = tinyFlow();
    big.nodes[1]!.data['notes'] = 'x'.repeat(200_000);
    expect(errorsOf(big)).toContainEqual(
      expect.objectContaining({ code: 'string-too-long', path: 'nodes[1].data.notes' }),
    );
  });

  it('reports JSON syntax errors instead of throwing', () => {
    const result = importFlowText('{"schemaVersion": 1,', catalog);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'not-json' });
  });

  it('rejects unknown fields instead of dropping them', () => {
    const flow = tinyFlow();
    flow.nodes[1]!.data['expresion'] = '$';
    expect(errorsOf(flow)).toContainEqual(
      expect.objectContaining({ code: 'unknown-field', path: 'nodes[1].data', nodeId: 'shape' }),
    );
  });

  it('reports bad expression syntax at the field', () => {
    const flow = tinyFlow();
    flow.nodes[1]!.data['expression'] = '$.a[';
    const [first] = errorsOf(flow);
    expect(first).toMatchObject({ path: 'nodes[1].data.expression', nodeId: 'shape' });
    expect(first?.message).toMatch(/expression syntax/);
  });

  it('names missing required fields', () => {
    const flow: Record<string, unknown> = tinyFlow();
    delete flow['name'];
    expect(errorsOf(flow)).toContainEqual(
      expect.objectContaining({ code: 'missing-field', path: 'name' }),
    );
  });
});

describe('versions', () => {
  it('asks for schemaVersion when it is missing', () => {
    const flow: Record<string, unknown> = tinyFlow();
    delete flow['schemaVersion'];
    expect(errorsOf(flow)[0]).toMatchObject({ code: 'version', path: 'schemaVersion' });
  });

  it('refuses documents from a newer workspace with a clear reason', () => {
    const [first] = errorsOf({ ...tinyFlow(), schemaVersion: 9 });
    expect(first?.message).toMatch(/newer AIOS Workspace/);
  });

  it('refuses node configs newer than their kind', () => {
    const flow = tinyFlow();
    flow.nodes[1]!.data['version'] = 7;
    expect(errorsOf(flow)[0]).toMatchObject({
      code: 'kind-version',
      path: 'nodes[1].data.version',
    });
  });
});

describe('names with suggestions', () => {
  it('suggests the kind meant', () => {
    const flow = tinyFlow();
    flow.nodes[1]!.type = 'transfrom';
    expect(errorsOf(flow)[0]).toMatchObject({
      code: 'unknown-kind',
      hint: 'did you mean "transform"?',
    });
  });

  it('suggests the capability meant', () => {
    const flow = tinyFlow();
    flow.nodes[1] = {
      id: 'shape',
      type: 'capability',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'Send', capability: 'emial.send' },
    };
    expect(errorsOf(flow)[0]).toMatchObject({
      code: 'unknown-capability',
      path: 'nodes[1].data.capability',
      hint: 'did you mean "email.send"?',
    });
  });

  it('warns in a browser of a capability that runs on the workspace server only', () => {
    const flow = tinyFlow();
    flow.nodes[1] = {
      id: 'shape',
      type: 'capability',
      position: { x: 0, y: 0 },
      data: {
        version: 1,
        label: 'Send',
        capability: 'email.send',
        input: { to: 'a@b.test', subject: 'Hi', body: 'Hello' },
      },
    };
    const serverOnly = (id: string): 'anywhere' | 'server' =>
      id === 'email.send' ? 'server' : 'anywhere';
    const browser = validateFlow(flow, {
      ...catalog,
      capabilityRunsOn: serverOnly,
      place: 'browser',
    });
    expect(browser.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'needs-server',
        path: 'nodes[1].data.capability',
        nodeId: 'shape',
      }),
    ]);
    expect(browser.ok).toBe(true);
    const server = validateFlow(flow, {
      ...catalog,
      capabilityRunsOn: serverOnly,
      place: 'server',
    });
    expect(server.issues).toEqual([]);
  });

  it('accepts capabilities the flow defines itself', () => {
    const flow = tinyFlow();
    flow['capabilities'] = [
      {
        id: 'acme.ticket',
        title: 'Open a ticket',
        sideEffect: 'write',
        url: 'https://acme.test/tickets',
      },
    ];
    flow.nodes[1] = {
      id: 'shape',
      type: 'capability',
      position: { x: 0, y: 0 },
      data: { version: 1, label: 'Ticket', capability: 'acme.ticket' },
    };
    expect(errorsOf(flow)).toEqual([]);
  });
});
