import { StreamLanguage } from '@codemirror/language';
import type { StreamParser, StringStream } from '@codemirror/language';

/**
 * JSONata has no CodeMirror package, so this is a small tokenizer for highlighting only: the
 * `jsonata` package itself parses (see `src/nodes/syntax.ts`), and the lint shows its errors.
 */
interface State {
  /** Inside a `/* … *\/` comment that runs on past the line. */
  inComment: boolean;
  /** The last token ends a value, so `/` divides rather than starting a regular expression. */
  afterValue: boolean;
}

const WORD_OPERATORS = new Set(['and', 'or', 'in']);
const LITERALS: Record<string, string> = { true: 'bool', false: 'bool', null: 'null' };
const OPERATOR = /^(?::=|~>|!=|<=|>=|\.\.|\*\*|[-+*%=<>&?:.!^@#|~])/;
const NAME = /^[\p{L}_][\p{L}\p{N}_]*/u;
const NUMBER = /^\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/;
const BRACKETS: Record<string, string> = {
  '(': 'paren',
  ')': 'paren',
  '[': 'squareBracket',
  ']': 'squareBracket',
  '{': 'brace',
  '}': 'brace',
};

function comment(stream: StringStream, state: State): string {
  state.inComment = !stream.match(/^.*?\*\//);
  if (state.inComment) stream.skipToEnd();
  return 'comment';
}

/** Reads up to and past the closing `quote`, honouring backslash escapes. */
function quoted(stream: StringStream, quote: string) {
  let escaped = false;
  for (let ch = stream.next(); ch !== undefined; ch = stream.next()) {
    if (ch === quote && !escaped) return;
    escaped = !escaped && ch === '\\';
  }
}

function token(stream: StringStream, state: State): string | null {
  if (state.inComment) return comment(stream, state);
  if (stream.eatSpace()) return null;
  if (stream.match('/*')) return comment(stream, state);

  const ch = stream.peek() ?? '';
  const value = (style: string) => ((state.afterValue = true), style);
  const between = (style: string) => ((state.afterValue = false), style);

  if (ch === '"' || ch === "'") {
    stream.next();
    quoted(stream, ch);
    return value('string');
  }
  if (ch === '`') {
    stream.next();
    quoted(stream, '`');
    return value('propertyName');
  }
  if (stream.match(NUMBER)) return value('number');
  if (stream.match(/^\$\$?[\p{L}\p{N}_]*/u)) {
    return value(stream.match(/^\s*\(/, false) ? 'variableName.function' : 'variableName');
  }
  if (ch === 'λ') {
    stream.next();
    return between('keyword');
  }
  const word = stream.match(NAME);
  if (Array.isArray(word)) {
    const name = word[0];
    if (WORD_OPERATORS.has(name)) return between('operatorKeyword');
    if (name === 'function') return between('keyword');
    return value(LITERALS[name] ?? 'propertyName');
  }
  if (ch === '/') {
    stream.next();
    if (state.afterValue) return between('operator');
    quoted(stream, '/');
    stream.match(/^[im]*/);
    return value('regexp');
  }
  const bracket = BRACKETS[ch];
  if (bracket) {
    stream.next();
    return ')]}'.includes(ch) ? value(bracket) : between(bracket);
  }
  if (stream.eat(/[,;]/)) return between('separator');
  if (stream.match(OPERATOR)) return between('operator');
  stream.next();
  return between('invalid');
}

const parser: StreamParser<State> = {
  name: 'jsonata',
  startState: () => ({ inComment: false, afterValue: false }),
  token,
  languageData: { commentTokens: { block: { open: '/*', close: '*/' } } },
};

/**
 * JSONata for CodeMirror: strings, numbers, `$variables` and `$functions(`, the keywords
 * `and or in true false null function`, operators, `/* *\/` comments, field paths and
 * `` `quoted names` ``, and `/regular expressions/`.
 * @example EditorState.create({ doc: 'input.items[price > 10]', extensions: [jsonataLanguage] })
 */
export const jsonataLanguage = StreamLanguage.define(parser);
