import { syntaxHighlighting } from '@codemirror/language';
import { tagHighlighter, tags as t } from '@lezer/highlight';

/**
 * Syntax tags → stable `tok-*` classes, shared by Liquid (lang-liquid) and JSONata (ours). The
 * colours are CSS variables keyed on the app's theme (`--color-code-*` in `theme.css`), so the
 * editor follows light and dark without a CodeMirror theme of its own.
 */
export const codeHighlighter = tagHighlighter([
  { tag: t.keyword, class: 'tok-keyword' },
  { tag: [t.bool, t.null, t.atom, t.number], class: 'tok-literal' },
  { tag: [t.string, t.regexp], class: 'tok-string' },
  { tag: t.variableName, class: 'tok-variable' },
  { tag: t.function(t.variableName), class: 'tok-function' },
  { tag: [t.propertyName, t.attributeName], class: 'tok-property' },
  { tag: t.operator, class: 'tok-operator' },
  { tag: t.brace, class: 'tok-brace' },
  { tag: t.punctuation, class: 'tok-punctuation' },
  { tag: t.comment, class: 'tok-comment' },
  { tag: [t.tagName, t.angleBracket], class: 'tok-tag' },
  { tag: t.invalid, class: 'tok-invalid' },
]);

export const codeHighlighting = syntaxHighlighting(codeHighlighter);
