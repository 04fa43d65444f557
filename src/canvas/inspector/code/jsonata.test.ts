import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { highlightTree } from '@lezer/highlight';
import { describe, expect, it } from 'vitest';
import { codeHighlighter } from './highlight.ts';
import { jsonataLanguage } from './jsonata.ts';

/** The text of each highlighted token with its class, in order. */
function tokens(doc: string): [string, string][] {
  const state = EditorState.create({ doc, extensions: [jsonataLanguage] });
  const tree = ensureSyntaxTree(state, doc.length, 5_000);
  if (!tree) throw new Error('no syntax tree');
  const out: [string, string][] = [];
  highlightTree(tree, codeHighlighter, (from, to, cls) => out.push([doc.slice(from, to), cls]));
  return out;
}

const classOf = (doc: string, text: string) => tokens(doc).find(([t]) => t === text)?.[1];

describe('the JSONata tokenizer', () => {
  it('reads a path with a filter', () => {
    expect(tokens('input.items[price > 10].name')).toEqual([
      ['input', 'tok-property'],
      ['.', 'tok-operator'],
      ['items', 'tok-property'],
      ['[', 'tok-punctuation'],
      ['price', 'tok-property'],
      ['>', 'tok-operator'],
      ['10', 'tok-literal'],
      [']', 'tok-punctuation'],
      ['.', 'tok-operator'],
      ['name', 'tok-property'],
    ]);
  });

  it('tells functions from variables and reads strings with escapes', () => {
    expect(tokens('$sum($run.lines) & "a \\" b"')).toEqual([
      ['$sum', 'tok-function'],
      ['(', 'tok-punctuation'],
      ['$run', 'tok-variable'],
      ['.', 'tok-operator'],
      ['lines', 'tok-property'],
      [')', 'tok-punctuation'],
      ['&', 'tok-operator'],
      ['"a \\" b"', 'tok-string'],
    ]);
    expect(classOf("'single'", "'single'")).toBe('tok-string');
    expect(classOf('$', '$')).toBe('tok-variable');
  });

  it('knows the keywords and literals', () => {
    const doc = 'a and b or c in [true, false, null] ? function($x) { $x }';
    expect(classOf(doc, 'and')).toBe('tok-keyword');
    expect(classOf(doc, 'or')).toBe('tok-keyword');
    expect(classOf(doc, 'in')).toBe('tok-keyword');
    expect(classOf(doc, 'function')).toBe('tok-keyword');
    expect(classOf('λ($y) { $y }', 'λ')).toBe('tok-keyword');
    expect(classOf(doc, 'true')).toBe('tok-literal');
    expect(classOf(doc, 'null')).toBe('tok-literal');
    expect(classOf(doc, '{')).toBe('tok-brace');
    expect(classOf(doc, ',')).toBe('tok-punctuation');
  });

  it('reads operators whole', () => {
    const ops = tokens('$x := a ~> $f; b != c; d <= e; [1..3]; **')
      .filter(([, cls]) => cls === 'tok-operator')
      .map(([text]) => text);
    expect(ops).toEqual([':=', '~>', '!=', '<=', '..', '**']);
  });

  it('reads comments, also across lines', () => {
    expect(tokens('a /* one */ + b')).toContainEqual(['/* one */', 'tok-comment']);
    const multi = tokens('/* starts\nends */ x');
    expect(multi.slice(0, 2)).toEqual([
      ['/* starts', 'tok-comment'],
      ['ends */', 'tok-comment'],
    ]);
    expect(multi.at(-1)).toEqual(['x', 'tok-property']);
  });

  it('reads backtick names as field names', () => {
    expect(tokens('`first name` & x')).toEqual([
      ['`first name`', 'tok-property'],
      ['&', 'tok-operator'],
      ['x', 'tok-property'],
    ]);
  });

  it('tells division from a regular expression by what comes before', () => {
    expect(tokens('total / 2').map(([, cls]) => cls)).toEqual([
      'tok-property',
      'tok-operator',
      'tok-literal',
    ]);
    expect(classOf('$match(email, /@acme\\.test$/i)', '/@acme\\.test$/i')).toBe('tok-string');
  });
});
