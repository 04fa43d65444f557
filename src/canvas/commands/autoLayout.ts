import type { FitViewOptions } from '@xyflow/react';
import type { EditorActions, EditorStore } from '../editor/editor.ts';
import { layoutFlow } from '../editor/layout.ts';
import { moveNodes } from '../editor/ops.ts';
import { loadElk } from '../elk.ts';
import { FIT_VIEW } from './fitView.ts';

const WORKING = 'Laying out…';

interface AutoLayoutTarget {
  readonly store: EditorStore;
  readonly actions: EditorActions;
  readonly fitView: (options?: FitViewOptions) => Promise<boolean>;
}

/**
 * Lays out the flow, or the selection when more than one node is selected, left to right, as one
 * undoable edit, then fits the view to what moved. The layout runs asynchronously; if the document
 * changed meanwhile (an edit, another flow opened) the result is dropped rather than undoing the
 * user's work.
 */
export async function autoLayout({ store, actions, fitView }: AutoLayoutTarget): Promise<void> {
  const state = store.get();
  if (state.readOnly || state.working !== undefined || state.history.present.nodes.length === 0)
    return;
  const before = state.history.present;
  const only = state.selection.nodes.size > 1 ? state.selection.nodes : undefined;
  actions.setWorking(WORKING);
  try {
    const positions = await layoutFlow(await loadElk(), before, state.measured, only);
    if (store.get().history.present !== before) {
      actions.notify('The flow changed while it was being laid out: nothing was moved.');
      return;
    }
    actions.seal();
    actions.edit((flow) => moveNodes(flow, positions));
    actions.seal();
    // Fit once React Flow has the new positions.
    requestAnimationFrame(() => {
      const nodes = only ? [...only].map((id) => ({ id })) : undefined;
      void fitView({ ...FIT_VIEW, maxZoom: 1, duration: 300, ...(nodes ? { nodes } : {}) });
    });
  } catch (error) {
    actions.notify(`Auto-layout failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (store.get().working === WORKING) actions.setWorking(undefined);
  }
}
