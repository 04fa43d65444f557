import {
  history,
  historyKeymap,
  insertNewlineKeepIndent,
  standardKeymap,
} from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { liquid } from '@codemirror/lang-liquid';
import { EditorState, Prec } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import type { KeyBinding } from '@codemirror/view';
import { commandFor } from '../../keyboard/shortcuts.ts';
import type { ShortcutCommand } from '../../keyboard/shortcuts.ts';
import { editorTheme } from './editorTheme.ts';
import { codeHighlighting } from './highlight.ts';
import { jsonataLanguage } from './jsonata.ts';
import { syntaxLinter } from './lint.ts';
import type { CodeLanguage } from './lint.ts';
import { fromFlow } from './sync.ts';

/** What the editor reports to the form; read when called, so the latest callbacks are used. */
export interface EditorHooks {
  onChange(text: string): void;
  /**
   * The app's undo and redo, when it has them: the editor then keeps no history of its own.
   * Without them (a form with no app history) the field undoes its own typing.
   */
  onUndo?(): void;
  onRedo?(): void;
}

/** The attributes of the editable element: what the field's label and messages point at. */
export interface ContentAttributes {
  readonly id: string;
  readonly labelledBy?: string;
  readonly label?: string;
  readonly invalid: boolean;
  readonly describedBy?: string;
  readonly multiline: boolean;
}

/**
 * Keys that differ from a code editor's usual ones. Escape leaves the field, and Tab is not
 * bound, so it moves focus as in any other input.
 */
const appKeys: KeyBinding[] = [{ key: 'Escape', run: (view) => (view.contentDOM.blur(), true) }];

/** Enter adds a line in a multi-line field (a prompt, a body); a one-line field (a URL, an expression) stays on one line. */
function lines(multiline: boolean): Extension {
  const enter = multiline ? insertNewlineKeepIndent : () => true;
  return [
    Prec.high(keymap.of([{ key: 'Enter', run: enter, shift: enter }])),
    EditorView.editorAttributes.of({ class: multiline ? 'cm-multiline' : 'cm-one-line' }),
  ];
}

/**
 * Undo and redo are the app's (as the header buttons), read from the app's own shortcut table so
 * the keys are the same inside the field as on the canvas; the browser's Edit menu too.
 */
function appHistory(hooks: () => EditorHooks): Extension {
  const perform = (command: ShortcutCommand | undefined, event: Event) => {
    if (command === 'undo') hooks().onUndo?.();
    else if (command === 'redo') hooks().onRedo?.();
    else return false;
    event.preventDefault();
    return true;
  };
  const fromMenu = (inputType: string) =>
    inputType === 'historyUndo' ? 'undo' : inputType === 'historyRedo' ? 'redo' : undefined;
  return Prec.highest(
    EditorView.domEventHandlers({
      keydown: (event) => perform(commandFor(event), event),
      beforeinput: (event) => perform(fromMenu(event.inputType), event),
    }),
  );
}

/** Everything but the per-field attributes and the read-only switch. */
export function codeExtensions(language: CodeLanguage, hooks: () => EditorHooks): Extension {
  return [
    language === 'template' ? liquid() : language === 'javascript' ? javascript() : jsonataLanguage,
    codeHighlighting,
    syntaxLinter(language),
    EditorView.lineWrapping,
    EditorView.editorAttributes.of({ class: `cm-code-${language}` }),
    editorTheme,
    hooks().onUndo ? appHistory(hooks) : [history(), keymap.of(historyKeymap)],
    Prec.high(keymap.of(appKeys)),
    keymap.of(standardKeymap),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromFlow)))
        hooks().onChange(update.state.doc.toString());
    }),
  ];
}

/** The per-field parts: the editable element's attributes, and whether it takes several lines. */
export function contentAttributes(a: ContentAttributes): Extension {
  return [lines(a.multiline), attributesOf(a)];
}

function attributesOf(a: ContentAttributes): Extension {
  return EditorView.contentAttributes.of({
    id: a.id,
    ...(a.labelledBy ? { 'aria-labelledby': a.labelledBy } : {}),
    ...(a.label ? { 'aria-label': a.label } : {}),
    ...(a.invalid ? { 'aria-invalid': 'true' } : {}),
    ...(a.describedBy ? { 'aria-describedby': a.describedBy } : {}),
    'aria-multiline': String(a.multiline),
  });
}

/** Read-only flows: nothing can be typed, and the field leaves the tab order like a disabled input. */
export function editable(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
}
