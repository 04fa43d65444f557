import type { EditorActions, EditorStore } from '../editor/editor.ts';
import { groupSelection } from '../editor/group.ts';
import type { FlowSession } from '../files/session.ts';

const WORKING = 'Grouping…';

/** Where a group's subflow is saved, named and opened: the saved flows of this browser. */
export type SubflowShelf = Pick<FlowSession, 'saveAside' | 'open' | 'state'>;

interface GroupTarget {
  readonly store: EditorStore;
  readonly actions: EditorActions;
  readonly flows: SubflowShelf;
}

/**
 * A name for a group of `parent` that no saved flow has yet.
 * @example groupName('Client article', ['Client article · group']) // 'Client article · group 2'
 */
export function groupName(parent: string, taken: readonly string[]): string {
  const base = `${parent.slice(0, 180)} · group`;
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

/**
 * Groups the selected nodes into a subflow: saves the new flow first, then replaces the nodes with
 * one Subflow node as one undoable edit, and says what it made with a way to open it. A selection
 * that cannot be grouped is left alone and the notice says why. Undo brings the nodes back; the
 * saved subflow stays in the flow list. If the flow changed while the subflow was being saved,
 * nothing is replaced.
 */
export async function groupIntoSubflow({ store, actions, flows }: GroupTarget): Promise<void> {
  const state = store.get();
  if (state.working !== undefined) return;
  if (state.readOnly) {
    actions.notify('This flow is read-only: save a copy to group its nodes.');
    return;
  }
  const before = state.history.present;
  const name = groupName(
    before.name,
    flows.state.get().flows.map((f) => f.name),
  );
  const grouped = groupSelection(before, state.selection.nodes, {
    childId: `flow-${crypto.randomUUID()}`,
    childName: name,
    sizes: state.measured,
  });
  if (!grouped.ok) {
    actions.notify(grouped.reason);
    return;
  }
  actions.setWorking(WORKING);
  try {
    await flows.saveAside(grouped.child);
    if (store.get().history.present !== before) {
      actions.notify(`The flow changed while “${name}” was being saved: nothing was grouped.`);
      return;
    }
    actions.seal();
    actions.edit(() => grouped.parent);
    actions.seal();
    actions.select({ nodes: new Set([grouped.nodeId]), edges: new Set() });
    const count = before.nodes.length - grouped.parent.nodes.length + 1;
    actions.notify(`Grouped ${count} node${count === 1 ? '' : 's'} into the subflow “${name}”.`, {
      tone: 'news',
      action: { label: 'Open it', run: () => void flows.open(grouped.child.id) },
    });
  } catch (error) {
    actions.notify(
      `Could not save the subflow: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    if (store.get().working === WORKING) actions.setWorking(undefined);
  }
}
