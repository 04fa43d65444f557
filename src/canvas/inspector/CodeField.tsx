import { Component, lazy, Suspense, useRef } from 'react';
import type { ReactElement, ReactNode } from 'react';
import type { CodeEditorProps, Handoff } from './code/CodeEditor.tsx';

// CodeMirror stays out of the main bundle: it loads with the first template or expression shown.
const CodeEditor = lazy(() =>
  import('./code/CodeEditor.tsx').then((module) => ({ default: module.CodeEditor })),
);

/** If the editor cannot load (offline, a stale deploy), the plain field stays. */
class PlainOnError extends Component<
  { plain: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.plain : this.props.children;
  }
}

interface CodeFieldProps extends Omit<CodeEditorProps, 'handoff'> {
  /** The plain `<textarea>` or `<input>`, shown (and working) until the editor has loaded. */
  readonly plain: ReactElement;
}

/**
 * A template or expression field: the highlighting, linting editor once CodeMirror has loaded,
 * the plain field until then. Focus and cursor move over if the user was already typing.
 */
export function CodeField({ plain, ...props }: CodeFieldProps) {
  const handoff = useRef<Handoff>({ focused: false, anchor: 0, head: 0 });
  const track = (event: { target: EventTarget }) => {
    const field = event.target;
    if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)) return;
    handoff.current = {
      focused: document.activeElement === field,
      anchor: field.selectionStart ?? 0,
      head: field.selectionEnd ?? 0,
    };
  };
  const tracked = (
    <div className="code-plain" onFocus={track} onBlur={track} onSelect={track} onInput={track}>
      {plain}
    </div>
  );
  return (
    <PlainOnError plain={tracked}>
      <Suspense fallback={tracked}>
        <CodeEditor {...props} handoff={handoff} />
      </Suspense>
    </PlainOnError>
  );
}
