import type { Flow } from '../../flow/index.ts';
import { record, redo, seal, startHistory, undo } from './history.ts';
import type { History } from './history.ts';
import { createStore } from './store.ts';
import type { Store } from './store.ts';

export interface Selection {
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<string>;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export type Viewport = Flow['viewport'];

/** Everything the editor shows. Only `history` is undoable; the rest is view state. */
export interface EditorState {
  readonly history: History<Flow>;
  readonly selection: Selection;
  /** Card sizes React Flow measured; it needs them back on every node it is given. */
  readonly measured: ReadonlyMap<string, Size>;
  readonly viewport: Viewport;
  readonly readOnly: boolean;
  /** Counts documents loaded, so views that keep their own state can start afresh. */
  readonly epoch: number;
  /**
   * The flow opened without a view of its own (a template, an import, never panned): fit it to
   * the screen, without writing that view into the document. Fixed at load, so the first node
   * dropped on an empty flow stays where it was dropped.
   */
  readonly fitOnOpen: boolean;
  /** A short message for the user, e.g. why a connection was refused. */
  readonly notice: Notice | undefined;
  /** A command still at work before it edits the document (e.g. "Laying out…"). */
  readonly working: string | undefined;
}

/**
 * A message over the canvas: a problem (why a connection was refused) unless it says it is news,
 * with at most one thing to do about it (open what a command made).
 */
export interface Notice extends NoticeOptions {
  readonly text: string;
  readonly id: number;
}

export interface NoticeOptions {
  readonly tone?: 'problem' | 'news';
  readonly action?: { readonly label: string; readonly run: () => void };
  /** Stays until dismissed or acted on: what it says keeps holding (storage was cleared). */
  readonly sticky?: boolean;
}

export const NO_SELECTION: Selection = { nodes: new Set(), edges: new Set() };

const isDefaultViewport = (v: Viewport) => v.x === 0 && v.y === 0 && v.zoom === 1;

function initialState(flow: Flow, readOnly = false, epoch = 0): EditorState {
  return {
    history: startHistory(flow),
    selection: NO_SELECTION,
    measured: new Map(),
    viewport: flow.viewport,
    readOnly,
    epoch,
    fitOnOpen: flow.nodes.length > 0 && isDefaultViewport(flow.viewport),
    notice: undefined,
    working: undefined,
  };
}

/** The document as it should be saved or exported: the present flow with the current viewport. */
export function documentOf(state: EditorState): Flow {
  return { ...state.history.present, viewport: state.viewport };
}

export type EditorStore = Store<EditorState>;

/** The editor's commands. All document changes go through `edit`, so all of them can be undone. */
export interface EditorActions {
  readonly edit: (change: (flow: Flow) => Flow, key?: string) => void;
  readonly seal: () => void;
  readonly undo: () => void;
  readonly redo: () => void;
  readonly select: (selection: Selection) => void;
  readonly measure: (sizes: ReadonlyMap<string, Size>) => void;
  readonly setViewport: (viewport: Viewport) => void;
  readonly load: (flow: Flow, options?: { readOnly?: boolean }) => void;
  readonly notify: (text: string | undefined, options?: NoticeOptions) => void;
  readonly setWorking: (text: string | undefined) => void;
}

let noticeId = 0;

/**
 * The selection without what `flow` no longer has. Undo and redo remove nodes and edges behind
 * React Flow's back, so it never reports them deselected.
 */
function within(selection: Selection, flow: Flow): Selection {
  const nodes = new Set(flow.nodes.map((n) => n.id));
  const edges = new Set(flow.edges.map((e) => e.id));
  const keptNodes = [...selection.nodes].filter((id) => nodes.has(id));
  const keptEdges = [...selection.edges].filter((id) => edges.has(id));
  return keptNodes.length === selection.nodes.size && keptEdges.length === selection.edges.size
    ? selection
    : { nodes: new Set(keptNodes), edges: new Set(keptEdges) };
}

const travel = (s: EditorState, history: History<Flow>): EditorState =>
  s.readOnly ? s : { ...s, history, selection: within(s.selection, history.present) };

export function createEditor(flow: Flow): { store: EditorStore; actions: EditorActions } {
  const store = createStore(initialState(flow));
  const update = (change: (s: EditorState) => EditorState) => store.set(change(store.get()));
  const actions: EditorActions = {
    edit: (change, key) => {
      update((s) => {
        if (s.readOnly) return s;
        const next = change(s.history.present);
        return next === s.history.present ? s : { ...s, history: record(s.history, next, key) };
      });
    },
    seal: () => update((s) => ({ ...s, history: seal(s.history) })),
    undo: () => update((s) => travel(s, undo(s.history))),
    redo: () => update((s) => travel(s, redo(s.history))),
    select: (selection) => update((s) => ({ ...s, selection })),
    measure: (sizes) =>
      update((s) => {
        const measured = new Map(s.measured);
        for (const [id, size] of sizes) measured.set(id, size);
        return { ...s, measured };
      }),
    setViewport: (viewport) => update((s) => ({ ...s, viewport })),
    load: (next, options) =>
      store.set(initialState(next, options?.readOnly ?? false, store.get().epoch + 1)),
    notify: (text, options) =>
      update((s) => ({
        ...s,
        notice: text === undefined ? undefined : { ...options, text, id: ++noticeId },
      })),
    setWorking: (working) => update((s) => (s.working === working ? s : { ...s, working })),
  };
  return { store, actions };
}
