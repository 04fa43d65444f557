import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import type { SubflowShelf } from '../commands/groupSubflow.ts';
import { useEditor } from '../editor/context.ts';
import { createCommandRunner } from './commandRunner.ts';
import { commandFor } from './shortcuts.ts';
import type { ShortcutCommand } from './shortcuts.ts';

/** Keys typed into a field belong to the field (its own undo, copy and paste). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** A dialog has the keys while it is open. */
const dialogOpen = () => document.querySelector('dialog[open]') !== null;

interface ShortcutOptions {
  readonly openHelp: () => void;
  readonly openQuickAdd: () => void;
  /** Pasted text that is not nodes: offered to the importer (a whole flow). */
  readonly pasteText: (text: string) => void;
  /** Where "group into subflow" saves the new flow. */
  readonly flows: SubflowShelf;
}

/**
 * Handles the editor's keyboard shortcuts and the clipboard, and returns the command runner so
 * menus (the quick-add) run exactly what the keys run.
 */
export function useShortcuts({
  openHelp,
  openQuickAdd,
  pasteText,
  flows,
}: ShortcutOptions): (command: ShortcutCommand) => void {
  const { store, actions } = useEditor();
  const reactFlow = useReactFlow();
  const runner = useMemo(
    () =>
      createCommandRunner({ store, actions, reactFlow, openHelp, openQuickAdd, pasteText, flows }),
    [store, actions, reactFlow, openHelp, openQuickAdd, pasteText, flows],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || dialogOpen()) return;
      const command = commandFor(event);
      if (command && runner.run(command)) {
        // Ours, not React Flow's (which would move a focused node on Alt+Arrow).
        event.preventDefault();
        event.stopPropagation();
      }
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || dialogOpen()) return;
      runner.paste(event.clipboardData?.getData('text/plain') ?? '');
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('paste', onPaste);
    return () => {
      runner.dispose();
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('paste', onPaste);
    };
  }, [runner]);

  return useMemo(
    () => (command: ShortcutCommand) => {
      runner.run(command);
    },
    [runner],
  );
}
