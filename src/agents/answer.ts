import { z } from 'zod';
import type { Field } from '../flow/index.ts';

const typeOf: Record<Field['type'], z.ZodType> = {
  text: z.string(),
  number: z.number(),
  boolean: z.boolean(),
  object: z.record(z.string(), z.unknown()),
  list: z.array(z.unknown()),
};

/** The schema an agent's answer must meet: its declared fields plus `confidence` in 0..1. */
export function answerSchema(fields: readonly Field[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) shape[f.name] = f.required ? typeOf[f.type] : typeOf[f.type].optional();
  shape['confidence'] = z.number().min(0).max(1);
  return z.object(shape);
}

/**
 * Reads a model's text as JSON: the whole text, or the first fenced or braced block in it.
 * @example extractJson('Sure! ```json\n{"a":1}\n```') // { ok: true, value: { a: 1 } }
 */
function extractJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const candidates = [text.trim()];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch {
      // try the next candidate
    }
  }
  return { ok: false, error: 'the answer is not JSON' };
}

/** Describes what is wrong with an answer, field by field, so the model can repair it. */
export function checkAnswer(
  schema: z.ZodObject,
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const json = extractJson(text);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: parsed.error.issues
      .map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`)
      .join('; '),
  };
}
