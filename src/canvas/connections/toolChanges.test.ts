import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { McpToolInfo } from '../../protocol/index.ts';
import { fieldChanges, toolChanges } from './toolChanges.ts';

/** A JSON Schema as an MCP server built with the SDK lists it (zod's). */
const json = (shape: z.ZodRawShape) => z.toJSONSchema(z.object(shape)) as Record<string, unknown>;

const tool = (over: Partial<McpToolInfo>): McpToolInfo => ({
  id: 'mcp.crm.lookupRecord',
  server: 'crm',
  tool: 'lookup_record',
  title: 'Look up a record',
  description: '',
  sideEffect: 'read',
  idempotency: 'naturally-idempotent',
  inputSchema: json({ id: z.string() }),
  schemaHash: 'h2',
  changed: true,
  ...over,
});

describe('fieldChanges', () => {
  it('names a field a new version requires', () => {
    const changes = fieldChanges(
      json({ id: z.string().min(1) }),
      json({ id: z.string().min(1), includeHistory: z.boolean() }),
    );
    expect(changes).toEqual([
      {
        path: 'includeHistory',
        change: 'added',
        after: { path: 'includeHistory', type: 'boolean', required: true, notes: [] },
        what: [],
      },
    ]);
  });

  it('tells removed fields, and what changed in the others, nested ones by their path', () => {
    const before = json({
      to: z.email(),
      cc: z.string().optional(),
      count: z.string().describe('how many'),
      address: z.object({ city: z.string().optional() }),
    });
    const after = json({
      to: z.email().optional(),
      count: z.number().min(1).describe('how many'),
      address: z.object({ city: z.string() }),
    });
    const changes = fieldChanges(before, after);
    expect(changes.map((c) => [c.path, c.change, c.what])).toEqual([
      ['to', 'changed', ['now optional']],
      ['count', 'changed', ['type: text → number', 'adds: at least 1']],
      ['address.city', 'changed', ['now required']],
      ['cc', 'removed', []],
    ]);
    expect(changes.find((c) => c.path === 'cc')?.before).toMatchObject({ type: 'text' });
  });

  it('says a dropped constraint, and ignores notes that only moved', () => {
    const changes = fieldChanges(
      json({ name: z.string().min(2).max(10).describe('who') }),
      json({ name: z.string().max(10).describe('who') }),
    );
    expect(changes.map((c) => c.what)).toEqual([['drops: at least 2 characters']]);
    expect(fieldChanges(json({ a: z.string() }), json({ a: z.string() }))).toEqual([]);
  });

  it('compares against nothing when one side has no schema (an output schema added)', () => {
    expect(fieldChanges(undefined, json({ id: z.string() }))).toMatchObject([
      { path: 'id', change: 'added' },
    ]);
  });
});

describe('fieldChanges inside references, unions and merged parts', () => {
  const addressOf = (address: Record<string, unknown>) => ({
    type: 'object',
    properties: { to: { $ref: '#/$defs/Address' }, from: { $ref: '#/definitions/Address' } },
    required: ['to'],
    $defs: { Address: address },
    definitions: { Address: address },
  });

  it('follows local $refs, telling changes of what they point at by the field’s path', () => {
    const changes = fieldChanges(
      addressOf({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
      addressOf({
        type: 'object',
        properties: { city: { type: 'string' }, postcode: { type: 'string', minLength: 4 } },
        required: ['postcode'],
      }),
    );
    expect(changes.map((c) => [c.path, c.change, c.what])).toEqual([
      ['to.city', 'changed', ['now optional']],
      ['to.postcode', 'added', []],
      ['from.city', 'changed', ['now optional']],
      ['from.postcode', 'added', []],
    ]);
    expect(changes[1]?.after).toMatchObject({ type: 'text', required: true });
  });

  it('names the alternatives a union gained and lost', () => {
    const changes = fieldChanges(
      { type: 'object', properties: { id: { anyOf: [{ type: 'string' }, { type: 'null' }] } } },
      { type: 'object', properties: { id: { anyOf: [{ type: 'string' }, { type: 'integer' }] } } },
    );
    expect(changes.map((c) => [c.path, c.what])).toEqual([
      ['id', ['adds option: whole number; drops option: null']],
    ]);
  });

  it('tells the fields of each shape of a union apart, by the value that picks it', () => {
    const card = z.object({ kind: z.literal('card'), number: z.string() });
    const bank = z.object({ kind: z.literal('bank'), iban: z.string() });
    const changes = fieldChanges(
      json({ payment: z.discriminatedUnion('kind', [card, bank]) }),
      json({
        payment: z.discriminatedUnion('kind', [
          card.extend({ cvc: z.string() }),
          bank,
          z.object({ kind: z.literal('wallet'), wallet: z.string() }),
        ]),
      }),
    );
    expect(changes.map((c) => [c.path, c.change, c.what])).toEqual([
      ['payment', 'changed', ['adds option: wallet']],
      ['payment(card).cvc', 'added', []],
      ['payment(wallet).kind', 'added', []],
      ['payment(wallet).wallet', 'added', []],
    ]);
  });

  it('reads a recursive schema once, and merges allOf parts into one object', () => {
    const tree = (node: Record<string, unknown>) => ({
      type: 'object',
      properties: { tree: { $ref: '#/$defs/Node' } },
      $defs: { Node: node },
    });
    const children = { type: 'array', items: { $ref: '#/$defs/Node' } };
    const changes = fieldChanges(
      tree({ type: 'object', properties: { children } }),
      tree({
        allOf: [
          { type: 'object', properties: { children } },
          { properties: { label: { type: 'string' } }, required: ['label'] },
        ],
      }),
    );
    expect(changes).toMatchObject([
      { path: 'tree.label', change: 'added', after: { required: true } },
    ]);
    expect(fieldChanges(tree({ properties: { children } }), undefined)).toMatchObject([
      { path: 'tree', change: 'removed' },
      { path: 'tree.children', change: 'removed', before: { type: 'list of Node' } },
    ]);
  });
});

describe('toolChanges', () => {
  it('gives input, output and hints of a changed tool against what was accepted', () => {
    const changed = tool({
      inputSchema: json({ id: z.string(), full: z.boolean().optional() }),
      annotations: { readOnlyHint: false, destructiveHint: true },
      previous: {
        inputSchema: json({ id: z.string() }),
        outputSchema: json({ name: z.string() }),
        annotations: { readOnlyHint: true },
      },
    });
    expect(toolChanges(changed)).toMatchObject({
      input: [{ path: 'full', change: 'added', after: { required: false } }],
      output: [{ path: 'name', change: 'removed' }],
      hints: [
        { name: 'readOnlyHint', before: true, after: false },
        { name: 'destructiveHint', before: undefined, after: true },
      ],
    });
  });

  it('has nothing to show for an unchanged tool, or one whose accepted schemas were not kept', () => {
    expect(toolChanges(tool({ changed: false }))).toBeUndefined();
    expect(toolChanges(tool({ changed: true }))).toBeUndefined();
  });
});
