import { useEffect, useRef } from 'react';
import type { ShortcutCommand } from '../keyboard/shortcuts.ts';
import { usePlaceNode } from '../usePlaceNode.ts';
import { useCanvasPointer } from './canvasPointer.ts';
import type { QuickEntry } from './entries.ts';
import { QuickAddPanel } from './QuickAddPanel.tsx';
import './quickadd.css';

interface QuickAddProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onCommand: (command: ShortcutCommand) => void;
}

/**
 * The quick-add menu, a modal dialog: find a node kind or an editor command, add or run it. A node
 * lands where the pointer last was on the canvas, else in the middle of the visible canvas.
 */
export function QuickAdd({ open, onClose, onCommand }: QuickAddProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const pointer = useCanvasPointer();
  const place = usePlaceNode();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const choose = (entry: QuickEntry) => {
    const at = pointer.current;
    onClose();
    if (entry.type === 'node') place(entry.kind, at);
    else onCommand(entry.command);
  };

  return (
    <dialog
      ref={dialog}
      className="quickadd"
      aria-label="Quick add"
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself, outside its box.
        if (event.target === dialog.current) onClose();
      }}
    >
      {/* Mounted only while open, so every opening starts with an empty search. */}
      {open && <QuickAddPanel onChoose={choose} />}
    </dialog>
  );
}
