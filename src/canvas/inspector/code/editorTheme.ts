import { EditorView } from '@codemirror/view';

/**
 * Makes the editor look like the inspector's other inputs (border, radius, 12px monospace, the
 * focus ring, the red border when invalid) with the app's CSS variables only: `data-theme` on
 * `<html>` switches every colour, so the editor needs no dark theme of its own.
 */
export const editorTheme = EditorView.theme({
  '&': {
    border: '1px solid var(--color-border-strong)',
    borderRadius: 'var(--radius-sm)',
    background: 'color-mix(in srgb, var(--color-accent) 4%, var(--color-surface-raised))',
    color: 'var(--color-text)',
    fontSize: '12px',
  },
  '&.cm-focused': { outline: '2px solid var(--color-focus)', outlineOffset: '2px' },
  '&:has(.cm-content[aria-invalid="true"])': { borderColor: 'var(--color-danger)' },
  '&.cm-code-template': { maxHeight: '20em' },
  '&.cm-code-javascript': { maxHeight: '28em' },
  '&.cm-code-javascript .cm-content': { minHeight: 'calc(6lh + 10px)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.45', overflow: 'auto' },
  '.cm-content': { padding: '5px 0', caretColor: 'var(--color-text)' },
  '&.cm-multiline .cm-content': { minHeight: 'calc(3lh + 10px)' },
  '.cm-line': { padding: '0 8px' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--color-text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { background: 'color-mix(in srgb, var(--color-accent) 22%, transparent)' },
  '.tok-keyword, .tok-tag': { color: 'var(--color-code-keyword)' },
  '.tok-literal': { color: 'var(--color-code-literal)' },
  '.tok-string': { color: 'var(--color-code-string)' },
  '.tok-variable': { color: 'var(--color-code-variable)' },
  '.tok-function': { color: 'var(--color-code-function)' },
  '.tok-property': { color: 'var(--color-code-property)' },
  '.tok-brace': { color: 'var(--color-code-brace)' },
  '.tok-operator, .tok-punctuation': { color: 'var(--color-text-muted)' },
  '.tok-comment': { color: 'var(--color-text-subtle)', fontStyle: 'italic' },
  '.tok-invalid': { color: 'var(--color-danger)' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--color-danger)',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
  '.cm-lintPoint-error:after': { borderBottomColor: 'var(--color-danger)' },
  '.cm-tooltip': {
    border: '1px solid var(--color-border-strong)',
    borderRadius: 'var(--radius-sm)',
    background: 'var(--color-surface-raised)',
    color: 'var(--color-text)',
    boxShadow: 'var(--shadow-md)',
    fontFamily: 'var(--font-sans)',
  },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--color-danger)' },
});
