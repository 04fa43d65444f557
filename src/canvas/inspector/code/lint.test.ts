import { describe, expect, it } from 'vitest';
import { syntaxDiagnostics } from './lint.ts';

describe('syntax diagnostics', () => {
  it('mark where a broken expression stops parsing', () => {
    expect(syntaxDiagnostics('input.total > ', 'expression')).toEqual([
      {
        from: 14,
        to: 14,
        severity: 'error',
        source: 'JSONata',
        message: 'Unexpected end of expression',
      },
    ]);
    const [found] = syntaxDiagnostics('$sum(a b)', 'expression');
    expect(found).toMatchObject({ from: 7, to: 8, source: 'JSONata' });
  });

  it('mark the tag of a broken template', () => {
    const text = 'Hello {{ input.name }}\n{% for x in items %}- {{ x }}';
    const [found] = syntaxDiagnostics(text, 'template');
    expect(found?.severity).toBe('error');
    expect(found?.source).toBe('Liquid');
    expect(found?.message).toMatch(/not closed/);
    expect(text.slice(found?.from, found?.to)).toBe('{% for x in items %}');
  });

  it('say nothing about good code', () => {
    expect(syntaxDiagnostics('input.items[price > 10]', 'expression')).toEqual([]);
    expect(syntaxDiagnostics('Hi {{ input.name | capitalize }}', 'template')).toEqual([]);
    expect(syntaxDiagnostics('', 'template')).toEqual([]);
    // An empty expression is reported under the field (required), not marked in the text.
    expect(syntaxDiagnostics('', 'expression')).toEqual([]);
  });
});
