import { useEffect } from 'react';
import { useEditorState } from '../editor/context.ts';
import { setCondition, toggleBreakpoint, useBreakpoints } from './breakpoints.ts';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** F9 toggles a breakpoint on each selected node, as in most debuggers. */
function useBreakpointKey(): void {
  const selected = useEditorState((s) => s.selection.nodes);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F9' || typing(event.target) || selected.size === 0) return;
      event.preventDefault();
      for (const node of selected) toggleBreakpoint(node);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected]);
}

/** The flow's breakpoints, each with an optional condition over the node's input (JSONata). */
export function BreakpointList() {
  const list = useBreakpoints();
  useBreakpointKey();
  if (list.length === 0)
    return (
      <p className="panel-empty">
        No breakpoints: click a node's left edge, or select it and press F9
      </p>
    );
  return (
    <ul className="breakpoints" aria-label="Breakpoints">
      {list.map((b) => (
        <li key={b.node}>
          <span className="bp-dot" data-set={b.condition ? 'conditional' : 'always'} />
          <span className="bp-node">{b.node}</span>
          <input
            aria-label={`Condition for ${b.node}`}
            placeholder="when… e.g. urgency = 'high'"
            defaultValue={b.condition ?? ''}
            onBlur={(e) => setCondition(b.node, e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          />
          <button
            type="button"
            aria-label={`Remove breakpoint on ${b.node}`}
            onClick={() => toggleBreakpoint(b.node)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
