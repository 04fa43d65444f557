import type { NodeKind, PaletteGroup } from '../../nodes/index.ts';
import { shortcuts } from '../keyboard/shortcuts.ts';
import type { ShortcutCommand } from '../keyboard/shortcuts.ts';
import type { Searchable } from './rank.ts';

/** One line of the quick-add menu: a node kind to add, or an editor command to run. */
export type QuickEntry = Searchable & {
  readonly id: string;
  readonly icon: string;
  readonly detail: string;
  /** Keys that run it directly, in the shortcut table's notation. */
  readonly keys: readonly string[];
  /** Changes the document, so it is not offered on a read-only flow. */
  readonly edits: boolean;
} & (
    | { readonly type: 'node'; readonly kind: NodeKind; readonly group: string }
    | { readonly type: 'command'; readonly command: ShortcutCommand }
  );

/** The commands worth offering in the menu, in this order, with words people may search for. */
const MENU_COMMANDS: readonly {
  command: ShortcutCommand;
  title: string;
  icon: string;
  synonyms: string;
  edits: boolean;
}[] = [
  { command: 'autoLayout', title: 'Auto-layout', icon: '⇶', synonyms: 'arrange tidy', edits: true },
  { command: 'fitView', title: 'Fit view', icon: '⤢', synonyms: 'zoom screen', edits: false },
  { command: 'toggleSnap', title: 'Snap to grid', icon: '#', synonyms: 'align', edits: false },
  { command: 'undo', title: 'Undo', icon: '↶', synonyms: 'back revert', edits: true },
  { command: 'redo', title: 'Redo', icon: '↷', synonyms: 'again', edits: true },
  { command: 'selectAll', title: 'Select all', icon: '⬚', synonyms: 'nodes', edits: false },
  { command: 'duplicate', title: 'Duplicate', icon: '⊕', synonyms: 'copy clone', edits: true },
  {
    command: 'groupSubflow',
    title: 'Group into subflow',
    icon: '⊞',
    synonyms: 'group subflow extract collapse playbook',
    edits: true,
  },
  { command: 'help', title: 'Keyboard shortcuts', icon: '?', synonyms: 'help keys', edits: false },
];

/** Every node kind (in palette order), then the editor commands. */
export function quickEntries(groups: readonly PaletteGroup[]): QuickEntry[] {
  const nodes: QuickEntry[] = groups.flatMap((group) =>
    group.items.map((item) => ({
      type: 'node' as const,
      id: `node-${item.kind}`,
      kind: item.kind,
      group: group.name,
      title: item.title,
      icon: item.icon,
      detail: item.description,
      keywords: `${item.description} ${group.name} ${item.kind} node`,
      keys: [],
      edits: true,
    })),
  );
  const commands: QuickEntry[] = MENU_COMMANDS.map((c) => {
    const shortcut = shortcuts.find((s) => s.command === c.command);
    return {
      type: 'command' as const,
      id: `command-${c.command}`,
      command: c.command,
      title: c.title,
      icon: c.icon,
      detail: shortcut?.description ?? '',
      keywords: `${shortcut?.description ?? ''} ${c.synonyms} command`,
      keys: shortcut?.keys ?? [],
      edits: c.edits,
    };
  });
  return [...nodes, ...commands];
}
