import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/nodes/index.ts';
import { loadExamples } from '../helpers.ts';
import { importFlowText, validateFlow } from '../../../src/flow/validate.ts';

const examples = loadExamples().map((e) => e.doc);

/** Replaces the value at a pseudo-random path of a JSON value with `replacement`. */
function mutate(doc: unknown, pick: readonly number[], replacement: unknown): unknown {
  const [step, ...rest] = pick;
  if (step === undefined || doc === null || typeof doc !== 'object') return replacement;
  if (Array.isArray(doc)) {
    if (doc.length === 0) return replacement;
    const copy: unknown[] = [...(doc as unknown[])];
    copy[step % copy.length] = mutate(copy[step % copy.length], rest, replacement);
    return copy;
  }
  const record = doc as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return replacement;
  const key = keys[step % keys.length]!;
  return { ...record, [key]: mutate(record[key], rest, replacement) };
}

describe('the importer never throws and always explains', () => {
  it('for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateFlow(value, catalog);
        expect(result.ok).toBe(false);
        expect(result.issues.length).toBeGreaterThan(0);
      }),
    );
  });

  it('for arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string(),
        (text) => !importFlowText(text, catalog).ok || text.trim().startsWith('{'),
      ),
    );
  });

  it('for examples with one value replaced anywhere', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...examples),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.oneof(fc.jsonValue(), fc.constant('__proto__')),
        (doc, pick, replacement) => {
          const result = validateFlow(mutate(doc, pick, replacement), catalog);
          if (!result.ok) {
            expect(result.issues.length).toBeGreaterThan(0);
            for (const issue of result.issues) {
              expect(typeof issue.path).toBe('string');
              expect(issue.message.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not change its input', () => {
    for (const doc of examples) {
      const before = JSON.stringify(doc);
      validateFlow(doc, catalog);
      expect(JSON.stringify(doc)).toBe(before);
    }
  });

  it('is idempotent: a validated flow validates to itself', () => {
    for (const doc of examples) {
      const once = validateFlow(doc, catalog);
      if (!once.ok) throw new Error('example invalid');
      const twice = validateFlow(JSON.parse(JSON.stringify(once.flow)), catalog);
      expect(twice.ok && twice.flow).toEqual(once.flow);
    }
  });
});
