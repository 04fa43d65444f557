/** The editor's shortcuts: one table drives both the key handler and the help dialog. */
export const shortcutCommands = [
  'undo',
  'redo',
  'copy',
  'cut',
  'paste',
  'duplicate',
  'selectAll',
  'deselect',
  'nextNode',
  'previousNode',
  'fitView',
  'quickAdd',
  'autoLayout',
  'toggleSnap',
  'groupSubflow',
  'help',
] as const;
export type ShortcutCommand = (typeof shortcutCommands)[number];

interface Shortcut {
  readonly command: ShortcutCommand;
  /** Keys as shown in the help dialog; "Mod" is Ctrl, or Cmd on a Mac. */
  readonly keys: readonly string[];
  readonly description: string;
}

export const shortcuts: readonly Shortcut[] = [
  { command: 'undo', keys: ['Mod+Z'], description: 'Undo' },
  { command: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo' },
  { command: 'copy', keys: ['Mod+C'], description: 'Copy selected nodes' },
  { command: 'cut', keys: ['Mod+X'], description: 'Cut selected nodes' },
  { command: 'paste', keys: ['Mod+V'], description: 'Paste nodes (also into another flow)' },
  { command: 'duplicate', keys: ['Mod+D'], description: 'Duplicate selected nodes' },
  { command: 'selectAll', keys: ['Mod+A'], description: 'Select all nodes' },
  { command: 'deselect', keys: ['Escape'], description: 'Clear the selection' },
  { command: 'nextNode', keys: ['Alt+ArrowRight'], description: 'Select the next node' },
  { command: 'previousNode', keys: ['Alt+ArrowLeft'], description: 'Select the previous node' },
  { command: 'fitView', keys: ['Shift+1'], description: 'Fit the flow to the screen' },
  { command: 'quickAdd', keys: ['/', 'Mod+K'], description: 'Add a node or run a command' },
  {
    command: 'autoLayout',
    keys: ['Shift+L'],
    description: 'Auto-layout left to right (selected nodes, if several)',
  },
  { command: 'toggleSnap', keys: ['Shift+G'], description: 'Snap to grid on or off' },
  {
    command: 'groupSubflow',
    keys: ['Mod+G'],
    description: 'Group selected nodes into a subflow',
  },
  { command: 'help', keys: ['?'], description: 'Show these shortcuts' },
];

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** Reads a key press as a combination in the table's notation, e.g. "Mod+Shift+Z". */
function comboOf(press: KeyPress): string {
  const parts: string[] = [];
  if (press.ctrlKey || press.metaKey) parts.push('Mod');
  if (press.altKey) parts.push('Alt');
  const key = press.key.length === 1 ? press.key.toUpperCase() : press.key;
  // Shift is part of printable characters ("?" is Shift+/), so it only counts for letters and named keys.
  if (press.shiftKey && (key.length > 1 || /[A-Z]/.test(key) || /\d/.test(key) || key === '!'))
    parts.push('Shift');
  parts.push(key === '!' ? '1' : key);
  return parts.join('+');
}

/**
 * The command a key press asks for, if any.
 * @example commandFor({ key: 'z', ctrlKey: true, shiftKey: true, metaKey: false, altKey: false }) // 'redo'
 */
export function commandFor(press: KeyPress): ShortcutCommand | undefined {
  const combo = comboOf(press);
  return shortcuts.find((s) => s.keys.includes(combo))?.command;
}
