import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { assemble, formFor, problemsOf } from './payloadForm.ts';

const schema = z.object({
  to: z.email(),
  body: z.string().min(1),
  cc: z.array(z.email()).default([]),
  urgent: z.boolean(),
  count: z.number().int(),
});
const subject = { to: 'pat@x.test', body: 'Hello', cc: [], urgent: false, count: 2 };

describe('the payload form', () => {
  it('gives each key the field its value needs', () => {
    const form = formFor(subject);
    expect(form.fields.map((f) => `${f.key}:${f.kind}`)).toEqual([
      'to:text',
      'body:multiline',
      'cc:json',
      'urgent:boolean',
      'count:number',
    ]);
    expect(form.values).toMatchObject({ count: '2', urgent: false, cc: '[]' });
  });

  it('assembles the edited subject and checks it against the schema', () => {
    const form = formFor(subject);
    const edited = { ...form.values, body: 'Edited', urgent: true, count: '3' };
    expect(assemble(form, edited, schema)).toEqual({
      ok: true,
      value: { ...subject, body: 'Edited', urgent: true, count: 3 },
    });
  });

  it('names the field of every problem: JSON, numbers, the schema', () => {
    const form = formFor(subject);
    const broken = assemble(form, { ...form.values, cc: '["a@b.test",', count: 'two' }, schema);
    if (broken.ok) throw new Error('accepted');
    expect(broken.problems.map((p) => p.path)).toEqual(['subject.cc', 'subject.count']);
    expect(broken.problems[0]?.message).toMatch(/not valid JSON/);
    const invalid = assemble(form, { ...form.values, to: 'nope', cc: '["bad"]' }, schema);
    if (invalid.ok) throw new Error('accepted');
    expect(invalid.problems.map((p) => p.path)).toEqual(['subject.to', 'subject.cc[0]']);
    expect(problemsOf(invalid.problems, 'cc')).toHaveLength(1);
    expect(problemsOf(invalid.problems, 'c')).toHaveLength(0);
  });

  it('edits a subject that is not an object as one JSON value', () => {
    const form = formFor(['a', 'b']);
    expect(form.fields).toEqual([{ key: '', kind: 'json' }]);
    expect(assemble(form, { '': '["c"]' })).toEqual({ ok: true, value: ['c'] });
  });
});
