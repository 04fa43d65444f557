import type { z } from 'zod';
import { checkAgainst, parseJson, type Checked, type Problem } from '../capabilities/checkInput.ts';

/** One field of the form an approver edits a payload in. */
export interface PayloadField {
  /** The subject's key; `''` when the whole subject is edited as one JSON value. */
  readonly key: string;
  readonly kind: 'text' | 'multiline' | 'number' | 'boolean' | 'json';
}
export type PayloadValues = Readonly<Record<string, string | boolean>>;
export interface PayloadForm {
  readonly fields: readonly PayloadField[];
  readonly values: PayloadValues;
}

const LONG_KEYS = new Set(['body', 'text', 'message', 'content', 'notes', 'description']);

/**
 * The form for editing a subject: one field per key of an object (text, long text, number,
 * checkbox, or JSON for lists and objects); anything else is one JSON field.
 * @example formFor({ to: 'a@b.test', body: 'Hi' }).fields // [{ key: 'to', kind: 'text' }, { key: 'body', kind: 'multiline' }]
 */
export function formFor(subject: unknown): PayloadForm {
  if (subject === null || typeof subject !== 'object' || Array.isArray(subject)) {
    return {
      fields: [{ key: '', kind: 'json' }],
      values: { '': JSON.stringify(subject, null, 2) ?? '' },
    };
  }
  const fields: PayloadField[] = [];
  const values: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(subject)) {
    if (typeof value === 'string') {
      const long = LONG_KEYS.has(key) || value.includes('\n') || value.length > 80;
      fields.push({ key, kind: long ? 'multiline' : 'text' });
      values[key] = value;
    } else if (typeof value === 'number') {
      fields.push({ key, kind: 'number' });
      values[key] = String(value);
    } else if (typeof value === 'boolean') {
      fields.push({ key, kind: 'boolean' });
      values[key] = value;
    } else {
      fields.push({ key, kind: 'json' });
      values[key] = JSON.stringify(value, null, 2) ?? 'null';
    }
  }
  return { fields, values };
}

/**
 * Builds the edited subject from the form and checks it: JSON fields must parse, numbers must be
 * numbers, and the whole must satisfy the capability's input schema when there is one. Each
 * problem's path starts with the field it belongs to (`subject.lines[0].quantity`).
 */
export function assemble(form: PayloadForm, values: PayloadValues, schema?: z.ZodType): Checked {
  const problems: Problem[] = [];
  const read = (field: PayloadField): unknown => {
    const raw = values[field.key];
    const path = field.key ? `subject.${field.key}` : 'subject';
    switch (field.kind) {
      case 'boolean':
        return raw === true;
      case 'number': {
        const n = Number(raw);
        if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n))
          problems.push({ path, message: 'enter a number' });
        return n;
      }
      case 'json': {
        const parsed = parseJson(typeof raw === 'string' ? raw : '', path);
        if (!parsed.ok) problems.push(...parsed.problems);
        return parsed.ok ? parsed.value : undefined;
      }
      default:
        return typeof raw === 'string' ? raw : '';
    }
  };
  const whole = form.fields.length === 1 && form.fields[0]?.key === '';
  const value = whole
    ? read(form.fields[0]!)
    : Object.fromEntries(form.fields.map((f) => [f.key, read(f)]));
  if (problems.length > 0) return { ok: false, problems };
  return schema ? checkAgainst(schema, value, 'subject') : { ok: true, value };
}

/** The problems that belong to one field of the form. */
export function problemsOf(problems: readonly Problem[], key: string): Problem[] {
  const at = key ? `subject.${key}` : 'subject';
  return problems.filter(
    (p) => p.path === at || p.path.startsWith(`${at}.`) || p.path.startsWith(`${at}[`),
  );
}
