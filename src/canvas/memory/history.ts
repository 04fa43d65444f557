import type { IndexedMemory } from '../../memory/store.ts';

/** One change to the memory that can be taken back: what to do again, and how to undo it. */
export interface MemoryChange {
  /** Says what it did, as in "link Acme → Website". */
  readonly label: string;
  undo(memory: IndexedMemory): Promise<void>;
  redo(memory: IndexedMemory): Promise<void>;
}

/**
 * The Memory view's undo and redo: changes the person made to the context graph, newest last.
 * The memory is a database another tab or a run may also write, so an undo is itself a change
 * (a delete re-creates, a link unlinks), never a restore of an old copy.
 */
export class MemoryHistory {
  private past: MemoryChange[] = [];
  private future: MemoryChange[] = [];

  constructor(private readonly limit = 100) {}

  record(change: MemoryChange): void {
    this.past = [...this.past, change].slice(-this.limit);
    this.future = [];
  }

  get undoLabel(): string | undefined {
    return this.past.at(-1)?.label;
  }
  get redoLabel(): string | undefined {
    return this.future.at(-1)?.label;
  }

  /** Undoes the newest change; it moves to redo only once the undo succeeded. */
  async undo(memory: IndexedMemory): Promise<void> {
    const change = this.past.at(-1);
    if (!change) return;
    await change.undo(memory);
    this.past = this.past.slice(0, -1);
    this.future = [...this.future, change];
  }

  async redo(memory: IndexedMemory): Promise<void> {
    const change = this.future.at(-1);
    if (!change) return;
    await change.redo(memory);
    this.future = this.future.slice(0, -1);
    this.past = [...this.past, change];
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}
