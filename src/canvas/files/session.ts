import type { Flow } from '../../flow/index.ts';
import { FlowLibrary } from '../../storage/flows.ts';
import type { FlowSummary } from '../../storage/flows.ts';
import { documentOf } from '../editor/editor.ts';
import type { EditorActions, EditorState, EditorStore } from '../editor/editor.ts';
import { createStore } from '../editor/store.ts';
import type { Store } from '../editor/store.ts';

export type SaveStatus =
  | { readonly kind: 'loading' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'read-only' }
  | { readonly kind: 'failed'; readonly message: string };

export interface SessionState {
  readonly status: SaveStatus;
  readonly flows: readonly FlowSummary[];
}

const LAST_FLOW_KEY = 'aios-last-flow';
const SAVE_DELAY_MS = 300;

/**
 * Keeps the open flow saved: watches the editor, writes the document to IndexedDB shortly after
 * each change, and opens, creates, renames, duplicates and deletes saved flows.
 */
export class FlowSession {
  readonly state: Store<SessionState> = createStore<SessionState>({
    status: { kind: 'loading' },
    flows: [],
  });
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saved: { flow: Flow; viewport: Flow['viewport'] } | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly editor: EditorStore,
    private readonly actions: EditorActions,
    private readonly library: FlowLibrary = new FlowLibrary(),
  ) {}

  /** Starts watching the editor; returns the function that stops it. */
  watch(): () => void {
    const unsubscribe = this.editor.subscribe(() => this.changed(this.editor.get()));
    const flushNow = () => void this.flush();
    window.addEventListener('pagehide', flushNow);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flushNow);
      clearTimeout(this.timer);
    };
  }

  /** Opens the flow worked on last, or a fresh one when there is none. */
  async boot(fresh: () => Flow): Promise<void> {
    const last = localStorage.getItem(LAST_FLOW_KEY);
    const loaded = last ? await this.library.load(last) : undefined;
    await this.show(loaded?.ok ? loaded.flow : fresh(), !loaded?.ok);
  }

  /** Shows a flow that is not to be saved (a shared link) until the user saves a copy. */
  showReadOnly(flow: Flow): void {
    this.saved = undefined;
    this.actions.load(flow, { readOnly: true });
    this.setStatus({ kind: 'read-only' });
    // The saved flows are listed all the same (the flow list; the names its Subflow nodes run).
    void this.refresh();
  }

  async open(id: string): Promise<void> {
    await this.flush();
    const loaded = await this.library.load(id);
    if (loaded.ok) await this.show(loaded.flow, false);
    else this.setStatus({ kind: 'failed', message: loaded.message });
  }

  /** Opens `flow` as a new saved flow (a blank one, a template, an import, a copy). */
  async create(flow: Flow): Promise<void> {
    await this.flush();
    await this.show(flow, true);
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    if (id === this.editor.get().history.present.id) {
      this.actions.edit((f) => ({ ...f, name: trimmed }), 'name');
      return this.flush();
    }
    const loaded = await this.library.load(id);
    if (loaded.ok) await this.library.save({ ...loaded.flow, name: trimmed });
    await this.refresh();
  }

  async remove(id: string, fresh: () => Flow): Promise<void> {
    await this.library.remove(id);
    if (id === this.editor.get().history.present.id) {
      this.saved = undefined;
      const [next] = (await this.library.list()).filter((f) => f.id !== id);
      if (next) await this.open(next.id);
      else await this.show(fresh(), true);
    }
    await this.refresh();
  }

  /** Saves a flow other than the open one (a subflow made by grouping) and lists it. */
  async saveAside(flow: Flow): Promise<void> {
    await this.library.save(flow);
    await this.refresh();
  }

  async load(id: string) {
    return this.library.load(id);
  }

  /** Saves now if anything is waiting. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const state = this.editor.get();
    if (state.readOnly || !this.dirty(state)) return this.saving;
    const doc = documentOf(state);
    this.saved = { flow: state.history.present, viewport: state.viewport };
    this.saving = this.saving
      .then(() => this.library.save(doc))
      .then(
        () => {
          if (!this.dirty(this.editor.get())) this.setStatus({ kind: 'saved' });
          return this.refresh();
        },
        (error: unknown) => this.setStatus({ kind: 'failed', message: String(error) }),
      );
    return this.saving;
  }

  private async show(flow: Flow, isNew: boolean): Promise<void> {
    this.saved = isNew ? undefined : { flow, viewport: flow.viewport };
    this.actions.load(flow);
    localStorage.setItem(LAST_FLOW_KEY, flow.id);
    this.setStatus({ kind: 'saved' });
    if (isNew) await this.flush();
    else await this.refresh();
  }

  private dirty(state: EditorState): boolean {
    return (
      !this.saved ||
      this.saved.flow !== state.history.present ||
      this.saved.viewport !== state.viewport
    );
  }

  private changed(state: EditorState) {
    const status = this.state.get().status.kind;
    if (state.readOnly || status === 'loading' || status === 'read-only') return;
    if (!this.dirty(state)) {
      // Back to what was saved (undo then redo): nothing left to write.
      clearTimeout(this.timer);
      if (status === 'pending') this.setStatus({ kind: 'saved' });
      return;
    }
    this.setStatus({ kind: 'pending' });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  private async refresh() {
    const flows = await this.library.list();
    this.state.set({ ...this.state.get(), flows });
  }

  private setStatus(status: SaveStatus) {
    const current = this.state.get();
    if (current.status.kind !== status.kind || status.kind === 'failed')
      this.state.set({ ...current, status });
  }
}
