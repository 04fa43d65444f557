import { createStore, useStore } from '../editor/store.ts';
import { emptyView, type NodeRun, type RunView } from './runView.ts';

/**
 * The run as the canvas shows it (the watched run, as of the selected step). One store for the
 * tab, written by the debugger and read by node cards and edges through narrow selectors, so a
 * new event re-renders only the cards whose state changed.
 */
const overlay = createStore<RunView>(emptyView);

export function useNodeRun(node: string): NodeRun | undefined {
  return useStore(overlay, (view) => view.nodes.get(node));
}

export function useIsActive(node: string): boolean {
  return useStore(overlay, (view) => view.active === node);
}

export function useRunView(): RunView {
  return useStore(overlay, (view) => view);
}

const same = (a: NodeRun, b: NodeRun) =>
  a.status === b.status &&
  a.ms === b.ms &&
  a.costUsd === b.costUsd &&
  a.visits === b.visits &&
  a.external === b.external;

/** Shows a view, keeping the previous object of every node whose state did not change. */
export function showView(next: RunView): void {
  const previous = overlay.get().nodes;
  const nodes = new Map(
    [...next.nodes].map(([id, run]) => {
      const before = previous.get(id);
      return [id, before && same(before, run) ? before : run] as const;
    }),
  );
  overlay.set({ ...next, nodes });
}
