import { describe, expect, it } from 'vitest';
import { getKind } from '../../nodes/index.ts';
import { commandFor } from '../keyboard/shortcuts.ts';
import { getIn, setIn } from './paths.ts';
import { blankOption, blankValue, formOf, humanize, singular } from './schemaForm.ts';

const fieldsOf = (kind: string) => {
  const def = getKind(kind);
  if (!def) throw new Error(kind);
  return formOf(def.config);
};

describe('forms from kind schemas', () => {
  it('reads every field kind the inspector draws', () => {
    const agent = fieldsOf('agent');
    expect(agent[0]?.key).toBe('label');
    expect(agent.at(-1)?.key).toBe('notes');
    expect(agent.find((f) => f.key === 'version')).toBeUndefined();
    const byKey = Object.fromEntries(agent.map((f) => [f.key, f]));
    expect(byKey['prompt']?.spec).toEqual({ kind: 'text', code: 'template', multiline: true });
    expect(byKey['maxRepairs']?.spec).toEqual({ kind: 'number', integer: true, min: 0, max: 3 });
    expect(byKey['timeout']?.optional).toBe(true);
    expect(byKey['tools']?.spec).toMatchObject({ kind: 'list', item: { kind: 'text' } });
    expect(byKey['model']?.spec.kind).toBe('object');
    expect(byKey['output']?.spec).toMatchObject({ kind: 'list', item: { kind: 'object' } });
    const approval = Object.fromEntries(fieldsOf('approval').map((f) => [f.key, f.spec]));
    expect(approval['onTimeout']).toEqual({ kind: 'enum', options: ['hold', 'reject', 'draft'] });
    expect(approval['allowEdit']).toEqual({ kind: 'boolean' });
    expect(fieldsOf('capability').find((f) => f.key === 'input')?.spec.kind).toBe('record');
    // Join's schema is refined; its fields are still found.
    expect(fieldsOf('join').map((f) => f.key)).toContain('count');
  });

  it('draws fields as the widgets their schemas declare, not by kind or field name', () => {
    const agent = Object.fromEntries(fieldsOf('agent').map((f) => [f.key, f.spec]));
    expect(agent['tools']).toEqual({
      kind: 'list',
      item: { kind: 'text', multiline: false, suggest: 'capabilities' },
    });
    expect(agent['notes']).toEqual({ kind: 'text', multiline: true });
    const output = agent['output'];
    const outputFields =
      output?.kind === 'list' && output.item.kind === 'object' ? output.item.fields : [];
    expect(outputFields.find((f) => f.key === 'description')?.spec).toEqual({
      kind: 'text',
      multiline: true,
    });
    const capability = fieldsOf('capability').find((f) => f.key === 'capability');
    expect(capability?.spec).toEqual({ kind: 'text', multiline: false, suggest: 'capabilities' });
    expect(fieldsOf('subflow').find((f) => f.key === 'flow')?.spec).toEqual({ kind: 'flow' });
    expect(fieldsOf('code').find((f) => f.key === 'source')?.spec).toMatchObject({
      code: 'javascript',
    });
    expect(fieldsOf('approval').find((f) => f.key === 'title')?.spec).toMatchObject({
      code: 'template',
    });
    const model = agent['model'];
    const modelFields = model?.kind === 'object' ? model.fields : [];
    expect(modelFields.find((f) => f.key === 'provider')?.spec).toEqual({
      kind: 'text',
      multiline: false,
    });
  });

  it('names one item of a list', () => {
    expect(
      ['Rules', 'Entities', 'Branches', 'Tags', 'Boxes', 'Address', 'Output'].map(singular),
    ).toEqual(['Rule', 'Entity', 'Branch', 'Tag', 'Box', 'Address', 'Output']);
  });

  it('gives new list items values that pass the schema', () => {
    const condition = getKind('condition');
    const branches = fieldsOf('condition').find((f) => f.key === 'branches');
    if (!condition || branches?.spec.kind !== 'list') throw new Error('condition branches');
    const data = { ...condition.defaults() };
    const next = setIn(data, ['branches', 1], blankValue(branches.spec.item, 'branch', 1));
    expect(condition.config.safeParse(next).success).toBe(true);
  });

  it('writes through new objects', () => {
    const data = { model: { name: 'a', temperature: 1 }, tools: ['x'] };
    const next = setIn(data, ['model', 'name'], 'b');
    expect(getIn(next, ['model', 'name'])).toBe('b');
    expect(data.model.name).toBe('a');
    expect(getIn(next, ['tools'])).toBe(data.tools);
    expect(setIn(data, ['model', 'temperature'], undefined)).toEqual({
      model: { name: 'a' },
      tools: ['x'],
    });
    expect(humanize('maxTokens')).toBe('Max tokens');
  });
});

describe('shortcuts', () => {
  it('maps key presses to commands', () => {
    const press = (
      key: string,
      mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
    ) =>
      commandFor({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    expect(press('z', { ctrlKey: true })).toBe('undo');
    expect(press('Z', { metaKey: true, shiftKey: true })).toBe('redo');
    expect(press('?', { shiftKey: true })).toBe('help');
    expect(press('d', { ctrlKey: true })).toBe('duplicate');
    expect(press('z')).toBeUndefined();
  });
});

describe('variants (discriminated unions)', () => {
  const triggers = () => {
    const field = fieldsOf('start').find((f) => f.key === 'triggers');
    if (field?.spec.kind !== 'list' || field.spec.item.kind !== 'variant')
      throw new Error('start triggers should be a list of variants');
    return field.spec.item;
  };

  it('reads each option with its own fields, the tag left out', () => {
    const spec = triggers();
    expect(spec.discriminator).toBe('type');
    expect(spec.options.map((o) => o.value)).toEqual(['manual', 'schedule', 'webhook']);
    const schedule = spec.options.find((o) => o.value === 'schedule');
    expect(schedule?.fields.map((f) => f.key)).toEqual(['cron', 'timezone', 'missed', 'input']);
    expect(schedule?.fields.find((f) => f.key === 'timezone')?.default).toBe('UTC');
  });

  it('starts a chosen option with its tag and the schema defaults', () => {
    const spec = triggers();
    const start = getKind('start');
    if (!start) throw new Error('start');
    const webhook = spec.options.find((o) => o.value === 'webhook');
    if (!webhook) throw new Error('webhook');
    const blank = blankOption('type', webhook, 0);
    expect(blank).toMatchObject({ type: 'webhook', auth: 'hmac-sha256' });
    // The secret's name is the one thing the person must supply.
    const parsed = start.config.safeParse({ ...start.defaults(), triggers: [blank] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['triggers.0.secret']);
    const named = { ...blank, secret: 'STRIPE_WEBHOOK' };
    expect(start.config.safeParse({ ...start.defaults(), triggers: [named] }).success).toBe(true);
    expect(blankValue(spec, 'trigger', 0)).toEqual({ type: 'manual' });
  });
});
