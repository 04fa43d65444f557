import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { copyNodes, parseClip, pasteClip } from '../editor/clipboard.ts';
import type { Clip } from '../editor/clipboard.ts';
import { useEditor } from '../editor/context.ts';
import type { EditorActions, EditorStore } from '../editor/editor.ts';
import { removeElements } from '../editor/ops.ts';
import { commandFor } from './shortcuts.ts';
import type { ShortcutCommand } from './shortcuts.ts';

const PASTE_STEP = 40;

/** Keys typed into a field belong to the field (its own undo, copy and paste). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
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

export interface ShortcutOptions {
  readonly openHelp: () => void;
  /** Pasted text that is not nodes: offered to the importer (a whole flow). */
  readonly pasteText: (text: string) => void;
}

/**
 * Handles the editor's keyboard shortcuts and the clipboard. Copy keeps the nodes in memory and
 * also puts them on the system clipboard as JSON, so they paste into another flow or tab.
 */
export function useShortcuts({ openHelp, pasteText }: ShortcutOptions) {
  const { store, actions } = useEditor();
  const reactFlow = useReactFlow();

  useEffect(() => {
    let memory: Clip | undefined;
    let round = 0;
    let pendingPaste: ReturnType<typeof setTimeout> | undefined;

    const copy = (s: EditorStore) => {
      const { history, selection } = s.get();
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
        {
          zoom: reactFlow.getZoom(),
          duration: 200,
        },
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
          copy(store);
          return false; // let the browser's copy event run too
        case 'cut':
          if (copy(store) && !state.readOnly) {
            actions.edit((f) => removeElements(f, state.selection.nodes, new Set()));
            actions.select({ nodes: new Set(), edges: new Set() });
          }
          return true;
        case 'paste':
          // The paste event below carries the system clipboard; without one, paste from memory.
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
          void reactFlow.fitView({ padding: 0.2, duration: 200 });
          return true;
        case 'help':
          openHelp();
          return true;
      }
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const command = commandFor(event);
      if (command && run(command)) {
        // Ours, not React Flow's (which would move a focused node on Alt+Arrow).
        event.preventDefault();
        event.stopPropagation();
      }
    };

    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      clearTimeout(pendingPaste);
      const text = event.clipboardData?.getData('text/plain') ?? '';
      const clip = parseClip(text);
      if (clip) {
        memory = clip;
        pasteInto(actions, clip, ++round);
      } else if (text.trim().startsWith('{')) pasteText(text);
      else if (memory) pasteInto(actions, memory, ++round);
      event.preventDefault();
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('paste', onPaste);
    return () => {
      clearTimeout(pendingPaste);
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('paste', onPaste);
    };
  }, [store, actions, reactFlow, openHelp, pasteText]);
}
