import { describe, expect, it } from 'vitest';
import { expressionSchema, templateSchema } from './common.ts';
import { expressionProblem, templateProblem } from './syntax.ts';

describe('template syntax', () => {
  it('accepts templates the engine renders', () => {
    expect(templateProblem('Hello {{ input.name | upcase }}')).toBeUndefined();
    expect(
      templateProblem('{% for m in input.items %}- {{ m.text }}\n{% endfor %}'),
    ).toBeUndefined();
    expect(templateProblem('')).toBeUndefined();
  });

  it('points at the unclosed output', () => {
    const text = 'Hi {{ name ';
    expect(templateProblem(text)).toEqual({
      message: 'output "{{ name " not closed, line:1, col:4',
      from: 3,
      to: text.length,
    });
  });

  it('points at the tag that is not closed, on its own line', () => {
    const text = 'Dear client,\n{% if urgent %}Soon';
    const problem = templateProblem(text);
    expect(problem?.message).toMatch(/^tag \{% if urgent %\} not closed/);
    expect(text.slice(problem?.from, problem?.to)).toBe('{% if urgent %}');
  });

  it('refuses filters that do not exist, as the engine does', () => {
    const text = 'x {{ name | shout }}';
    const problem = templateProblem(text);
    expect(problem?.message).toMatch(/undefined filter: shout/);
    expect(text.slice(problem?.from, problem?.to)).toBe('{{ name | shout }}');
  });
});

describe('expression syntax', () => {
  it('accepts expressions the engine evaluates', () => {
    expect(expressionProblem('input.items[price > 10].name')).toBeUndefined();
    expect(expressionProblem('$sum(input.lines.(qty * price))')).toBeUndefined();
  });

  it('marks the token it stopped at', () => {
    expect(expressionProblem('a b')).toEqual({
      message: 'Syntax error: "b"',
      from: 2,
      to: 3,
      position: 3,
    });
  });

  it('marks the whole token, as written, however JSONata names it', () => {
    const marked = (text: string) => {
      const problem = expressionProblem(text);
      return text.slice(problem?.from, problem?.to);
    };
    expect(marked('input.total > 10 10')).toBe('10');
    expect(marked('a 1.50')).toBe('1.50');
    expect(marked('a $b')).toBe('$b');
    expect(marked('a "x y"')).toBe('"x y"');
    expect(marked('a `b c`')).toBe('`b c`');
    expect(marked('a ]')).toBe(']');
  });

  it('marks the end when the text runs out', () => {
    const problem = expressionProblem('price > ');
    expect(problem).toMatchObject({ from: 8, to: 8, position: 8 });
    expect(problem?.message).toMatch(/end of expression/);
  });

  it('is what the schemas report', () => {
    const expression = expressionSchema.safeParse('a b');
    expect(expression.error?.issues[0]?.message).toBe(
      'expression syntax at character 3: Syntax error: "b"',
    );
    const template = templateSchema.safeParse('{% if x %}');
    expect(template.error?.issues[0]?.message).toMatch(/^template syntax: tag \{% if x %\}/);
  });
});
