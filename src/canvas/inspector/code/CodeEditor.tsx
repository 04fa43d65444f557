import { Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { codeExtensions, contentAttributes, editable } from './extensions.ts';
import type { ContentAttributes, EditorHooks } from './extensions.ts';
import type { CodeLanguage } from './lint.ts';
import { changeBetween, fromFlow } from './sync.ts';

/** Where the plain field stood when the editor replaced it, so typing goes on where it was. */
export interface Handoff {
  focused: boolean;
  anchor: number;
  head: number;
}

export interface CodeEditorProps extends ContentAttributes, EditorHooks {
  readonly language: CodeLanguage;
  readonly value: string;
  readonly readOnly: boolean;
  readonly handoff?: RefObject<Handoff>;
}

/**
 * A CodeMirror editor for a template or an expression, kept in step with the flow: each change
 * goes out through `onChange` (one undoable edit), and a new `value` from outside (undo, redo)
 * comes in as the smallest change, so the cursor stays put. Loaded lazily by `CodeField`.
 */
export function CodeEditor(props: CodeEditorProps) {
  const { language, value, readOnly, handoff } = props;
  const { id, labelledBy, label, invalid, describedBy, multiline } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef<CodeEditorProps>(props);
  const [slots] = useState(() => ({ attributes: new Compartment(), editable: new Compartment() }));
  useLayoutEffect(() => {
    latest.current = props;
  });

  useLayoutEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const initial = latest.current;
    const created = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial.value,
        extensions: [
          codeExtensions(language, () => latest.current),
          slots.attributes.of(contentAttributes(initial)),
          slots.editable.of(editable(initial.readOnly)),
        ],
      }),
    });
    view.current = created;
    const from = handoff?.current;
    if (from?.focused) {
      const end = created.state.doc.length;
      created.dispatch({
        selection: EditorSelection.single(Math.min(from.anchor, end), Math.min(from.head, end)),
      });
      created.focus();
    }
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [language, slots, handoff]);

  useEffect(() => {
    const attributes = { id, labelledBy, label, invalid, describedBy, multiline };
    view.current?.dispatch({
      effects: slots.attributes.reconfigure(contentAttributes(attributes)),
    });
  }, [slots, id, labelledBy, label, invalid, describedBy, multiline]);

  useEffect(() => {
    view.current?.dispatch({ effects: slots.editable.reconfigure(editable(readOnly)) });
  }, [slots, readOnly]);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    const text = current.state.doc.toString();
    // What the editor itself just sent comes back unchanged: nothing to do, the cursor stays.
    if (text === value) return;
    current.dispatch({ changes: changeBetween(text, value), annotations: fromFlow.of(true) });
  }, [value]);

  return <div ref={host} className="code-editor" />;
}
