/** Where the inbox is: which item is selected, and whether it is being edited or rejected. */
export interface InboxState {
  readonly index: number;
  readonly mode: 'browse' | 'edit' | 'reject';
}

/** A key press as the reducer sees it: where it happened matters (typing is not a command). */
export interface KeyPress {
  readonly key: string;
  /** Ctrl or ⌘ held. */
  readonly mod: boolean;
  /** `feedback`: the rejection box; `editor`: the payload form; `field`: any other input. */
  readonly target: 'feedback' | 'editor' | 'field' | 'none';
}

/** What the view must do after a key. */
export type InboxCommand =
  | 'approve'
  | 'approve-edited'
  | 'reject'
  | 'focus-editor'
  | 'focus-feedback'
  | 'focus-list'
  | 'close';

interface KeyOutcome {
  readonly state: InboxState;
  readonly command: InboxCommand | null;
  /** Whether the key was a command (the view then prevents its default). */
  readonly handled: boolean;
}

/** The keys, in the order the view lists them. */
export const inboxKeys: readonly { keys: readonly string[]; does: string }[] = [
  { keys: ['j', '↓'], does: 'next' },
  { keys: ['k', '↑'], does: 'previous' },
  { keys: ['a'], does: 'approve' },
  { keys: ['e'], does: 'edit, then Ctrl+Enter to approve the edit' },
  { keys: ['r'], does: 'reject: type feedback, Enter to send' },
  { keys: ['Esc'], does: 'cancel the edit or rejection; close the inbox' },
];

const unhandled = (state: InboxState): KeyOutcome => ({ state, command: null, handled: false });
const to = (state: InboxState, command: InboxCommand | null): KeyOutcome => ({
  state,
  command,
  handled: true,
});

/** Keeps the selection on an item after the list changed (a decided item leaves it). */
export function clampIndex(state: InboxState, count: number): InboxState {
  const index = Math.max(0, Math.min(state.index, count - 1));
  return index === state.index ? state : { index, mode: 'browse' };
}

/**
 * The inbox's keyboard: a pure reducer from a key press to the next state and a command, so the
 * view only performs commands. Typing in a field is never a command, except Enter in the
 * feedback box (reject), Ctrl+Enter in the editor (approve the edit) and Escape (back).
 * @example onKey({ index: 0, mode: 'browse' }, { key: 'j', mod: false, target: 'none' }, 3, true).state.index // 1
 */
export function onKey(
  state: InboxState,
  press: KeyPress,
  count: number,
  canEdit: boolean,
): KeyOutcome {
  const browse = (command: InboxCommand | null) => to({ ...state, mode: 'browse' }, command);
  if (press.key === 'Escape') {
    if (state.mode !== 'browse' || press.target === 'feedback' || press.target === 'editor')
      return browse('focus-list');
    return to(state, 'close');
  }
  if (press.target === 'feedback')
    return press.key === 'Enter' && !press.mod ? browse('reject') : unhandled(state);
  if (press.target === 'editor')
    return press.key === 'Enter' && press.mod ? browse('approve-edited') : unhandled(state);
  if (press.target === 'field' || press.mod || count === 0) return unhandled(state);
  switch (press.key) {
    case 'j':
    case 'ArrowDown':
      return to({ index: Math.min(state.index + 1, count - 1), mode: 'browse' }, null);
    case 'k':
    case 'ArrowUp':
      return to({ index: Math.max(state.index - 1, 0), mode: 'browse' }, null);
    case 'Home':
      return to({ index: 0, mode: 'browse' }, null);
    case 'End':
      return to({ index: count - 1, mode: 'browse' }, null);
    case 'a':
      // With an edit under way, `a` approves the edit, never the original behind it.
      return browse(state.mode === 'edit' ? 'approve-edited' : 'approve');
    case 'e':
      return canEdit ? to({ ...state, mode: 'edit' }, 'focus-editor') : unhandled(state);
    case 'r':
      return to({ ...state, mode: 'reject' }, 'focus-feedback');
    default:
      return unhandled(state);
  }
}
