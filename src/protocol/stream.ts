import * as z from 'zod';
import type { RunEvent, RunProgress } from '../engine/index.ts';
import type { RunSummary } from './summary.ts';

/** The protocol's version; a client of another version is told to reload, not half-served. */
export const PROTOCOL_VERSION = 1;

/**
 * What the one subscription of a client carries: the runs' events (durable facts, also in the
 * log), running nodes' progress (an agent's text so far: ephemeral, never in the log) and record
 * notices (a run's record was written; the summary is what it now says).
 */
export type StreamBody =
  | { readonly kind: 'event'; readonly event: RunEvent }
  | { readonly kind: 'progress'; readonly progress: RunProgress }
  | { readonly kind: 'record'; readonly run: RunSummary }
  /** The settings changed (saved here or in another tab): this revision is what runs use now. */
  | { readonly kind: 'settings'; readonly revision: number }
  /** The MCP servers' tools changed (listed again, one approved): read `mcpTools` again. */
  | { readonly kind: 'tools' }
  /**
   * Something a person should know that is not a run's fact (storage full, a run stopped).
   * `fault` names a storage fault the page offers a way out of.
   */
  | {
      readonly kind: 'notice';
      readonly runId: string;
      readonly text: string;
      readonly fault?: StorageFault;
    };

/** `full`: the site's quota is used up; `cleared`: the database was deleted or closed under us. */
export type StorageFault = 'full' | 'cleared';

/**
 * Every message has the stream's next `seq`. The first one a subscriber gets says where it stands:
 * `hello` (what it missed follows) or `reset` (it missed more than the host kept, or the stream is
 * another one: read everything again, then fold what follows).
 */
export type StreamMessage =
  | (StreamBody & { readonly seq: number })
  | {
      readonly kind: 'hello' | 'reset';
      readonly seq: number;
      readonly stream: string;
      readonly protocol: number;
      readonly reason?: string;
    };

/** Where a client was: the stream it followed and the last `seq` it saw. */
export const resumeSchema = z.strictObject({
  stream: z.string().min(1).max(100),
  after: z.number().int().nonnegative(),
});
export type ResumeFrom = z.infer<typeof resumeSchema>;

const KINDS = new Set([
  'event',
  'progress',
  'record',
  'settings',
  'tools',
  'notice',
  'hello',
  'reset',
]);

/**
 * Whether a value received from a transport has a stream message's envelope (a kind, a seq).
 * Messages come from the engine the page itself started, so the envelope is what is checked.
 */
export function isStreamMessage(value: unknown): value is StreamMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, seq } = value as { kind?: unknown; seq?: unknown };
  return typeof kind === 'string' && KINDS.has(kind) && typeof seq === 'number';
}

type Listener = (message: StreamMessage) => unknown;

/**
 * The host's side of the stream: numbers each message, sends it to every subscriber once, and
 * keeps the last `capacity` so a subscriber that comes back gets what it missed. Pure: a
 * transport (Comlink, SSE) gives it listeners.
 */
export class StreamHub {
  private seq = 0;
  private readonly kept: (StreamBody & { seq: number })[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly capacity = 2_000,
    /** A new id per host: a client's seq means nothing to another host's stream. */
    readonly id: string = crypto.randomUUID(),
  ) {}

  publish(body: StreamBody): void {
    const message = { ...body, seq: ++this.seq };
    this.kept.push(message);
    if (this.kept.length > this.capacity) this.kept.shift();
    for (const listener of this.listeners) send(listener, message);
  }

  /**
   * Tells every subscriber to read everything again, when the host itself may have missed what
   * changed (its feed of other processes' writes dropped). The reset takes a seq of its own and
   * what was kept is forgotten, so a subscriber that resumes from before it is reset too.
   */
  reset(reason: string): void {
    this.kept.length = 0;
    const message: StreamMessage = {
      kind: 'reset',
      seq: ++this.seq,
      stream: this.id,
      protocol: PROTOCOL_VERSION,
      reason,
    };
    for (const listener of this.listeners) send(listener, message);
  }

  /** Adds a subscriber (resuming after `from` when given); returns its unsubscribe. */
  subscribe(listener: Listener, from?: ResumeFrom): () => void {
    const oldest = this.kept[0]?.seq ?? this.seq + 1;
    const base = { seq: this.seq, stream: this.id, protocol: PROTOCOL_VERSION };
    if (!from) send(listener, { kind: 'reset', ...base, reason: 'new subscriber' });
    else if (from.stream !== this.id)
      send(listener, { kind: 'reset', ...base, reason: 'the engine restarted' });
    else if (from.after > this.seq)
      send(listener, { kind: 'reset', ...base, reason: 'ahead of this stream' });
    else if (from.after + 1 < oldest)
      send(listener, {
        kind: 'reset',
        ...base,
        reason: `missed ${oldest - from.after - 1} messages more than were kept`,
      });
    else {
      send(listener, { kind: 'hello', ...base, seq: from.after });
      for (const message of this.kept) if (message.seq > from.after) send(listener, message);
    }
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}

// A subscriber that fails (a closed page, a dropped connection) must not stop the others.
function send(listener: Listener, message: StreamMessage): void {
  try {
    void Promise.resolve(listener(message)).catch(() => undefined);
  } catch {
    // as above
  }
}
