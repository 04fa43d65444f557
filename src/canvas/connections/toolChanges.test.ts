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
