import type { ReactFlowInstance } from '@xyflow/react';
import { autoLayout } from '../commands/autoLayout.ts';
import { FIT_VIEW } from '../commands/fitView.ts';
import { groupIntoSubflow, type SubflowShelf } from '../commands/groupSubflow.ts';
import { toggleSnapToGrid } from '../commands/snapToGrid.ts';
import { copyNodes, parseClip, pasteClip } from '../editor/clipboard.ts';
import type { Clip } from '../editor/clipboard.ts';
import type { EditorActions, EditorStore } from '../editor/editor.ts';
import { removeElements } from '../editor/ops.ts';
import type { ShortcutCommand } from './shortcuts.ts';

const PASTE_STEP = 40;

interface CommandDeps {
  readonly store: EditorStore;
  readonly actions: EditorActions;
  readonly reactFlow: Pick<ReactFlowInstance, 'fitView' | 'setCenter' | 'getZoom'>;
  readonly openHelp: () => void;
  readonly openQuickAdd: () => void;
  /** Pasted text that is not nodes: offered to the importer (a whole flow). */
  readonly pasteText: (text: string) => void;
  /** Where "group into subflow" saves the new flow. */
  readonly flows: SubflowShelf;
}

interface CommandRunner {
  /** Runs a command; `true` when it handled the key fully (the browser should do nothing). */
  readonly run: (command: ShortcutCommand) => boolean;
  /** A paste event: nodes on the clipboard, else a whole flow, else what was copied in this tab. */
  readonly paste: (text: string) => void;
  readonly dispose: () => void;
}

function pasteInto(actions: EditorActions, clip: Clip, round: number) {
  let ids: string[] = [];
  actions.edit((flow) => {
    const result = pasteClip(flow, clip, { x: PASTE_STEP * round, y: PASTE_STEP * round });
    ids = result.ids;
    return result.flow;
  });
  actions.select({ nodes: new Set(ids), edges: new Set() });
}

function focusNode(id: string) {
  const element = document.querySelector<HTMLElement>(
    `.react-flow__node[data-id="${CSS.escape(id)}"]`,
  );
  element?.focus();
}

/**
 * The editor's commands, shared by the key handler and the quick-add menu. Copy keeps the nodes in
 * memory and also puts them on the system clipboard as JSON, so they paste into another flow or tab.
 */
export function createCommandRunner(deps: CommandDeps): CommandRunner {
  const { store, actions, reactFlow } = deps;
  let memory: Clip | undefined;
  let round = 0;
  let pendingPaste: ReturnType<typeof setTimeout> | undefined;

  const copy = () => {
    const { history, selection } = store.get();
    const clip = copyNodes(history.present, selection.nodes);
    if (!clip) return false;
    memory = clip;
    round = 0;
    navigator.clipboard?.writeText(JSON.stringify(clip)).catch(() => {
      // No clipboard permission: the in-memory copy still pastes in this tab.
    });
    return true;
  };

  const selectStep = (step: 1 | -1) => {
    const { history, selection } = store.get();
    const nodes = [...history.present.nodes].sort(
      (a, b) => a.position.x - b.position.x || a.position.y - b.position.y,
    );
    if (nodes.length === 0) return;
    const [current] = selection.nodes;
    const index = nodes.findIndex((n) => n.id === current);
    const next = nodes[(index + step + nodes.length) % nodes.length] ?? nodes[0];
    if (!next) return;
    actions.select({ nodes: new Set([next.id]), edges: new Set() });
    const size = store.get().measured.get(next.id);
    void reactFlow.setCenter(
      next.position.x + (size?.width ?? 0) / 2,
      next.position.y + (size?.height ?? 0) / 2,
      { zoom: reactFlow.getZoom(), duration: 200 },
    );
    requestAnimationFrame(() => focusNode(next.id));
  };

  const run = (command: ShortcutCommand): boolean => {
    const state = store.get();
    switch (command) {
      case 'undo':
        actions.undo();
        return true;
      case 'redo':
        actions.redo();
        return true;
      case 'copy':
        copy();
        return false; // let the browser's copy event run too
      case 'cut':
        if (copy() && !state.readOnly) {
          actions.edit((f) => removeElements(f, state.selection.nodes, new Set()));
          actions.select({ nodes: new Set(), edges: new Set() });
        }
        return true;
      case 'paste':
        // The paste event carries the system clipboard; without one, paste from memory.
        pendingPaste = setTimeout(() => {
          if (memory) pasteInto(actions, memory, ++round);
        }, 50);
        return false;
      case 'duplicate': {
        const clip = copyNodes(state.history.present, state.selection.nodes);
        if (clip) pasteInto(actions, clip, 1);
        return true;
      }
      case 'selectAll':
        actions.select({
          nodes: new Set(state.history.present.nodes.map((n) => n.id)),
          edges: new Set(),
        });
        return true;
      case 'deselect':
        actions.select({ nodes: new Set(), edges: new Set() });
        return false;
      case 'nextNode':
        selectStep(1);
        return true;
      case 'previousNode':
        selectStep(-1);
        return true;
      case 'fitView':
        void reactFlow.fitView({ ...FIT_VIEW, duration: 200 });
        return true;
      case 'quickAdd':
        deps.openQuickAdd();
        return true;
      case 'autoLayout':
        void autoLayout({ store, actions, fitView: reactFlow.fitView });
        return true;
      case 'toggleSnap':
        toggleSnapToGrid();
        return true;
      case 'groupSubflow':
        void groupIntoSubflow({ store, actions, flows: deps.flows });
        return true;
      case 'help':
        deps.openHelp();
        return true;
    }
  };

  const paste = (text: string) => {
    clearTimeout(pendingPaste);
    const clip = parseClip(text);
    if (clip) {
      memory = clip;
      pasteInto(actions, clip, ++round);
    } else if (text.trim().startsWith('{')) deps.pasteText(text);
    else if (memory) pasteInto(actions, memory, ++round);
  };

  return { run, paste, dispose: () => clearTimeout(pendingPaste) };
}
