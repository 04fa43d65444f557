import {
  PROTOCOL_VERSION,
  type ResumeFrom,
  type StreamBody,
  type StreamMessage,
} from './stream.ts';

/** What a client does with one message it received. */
type Step =
  | { readonly type: 'deliver'; readonly body: StreamBody }
  /** Read everything again: what was missed is not coming. */
  | { readonly type: 'reset'; readonly reason: string }
  /** Seen already (a resumed stream may repeat), or a greeting that changes nothing. */
  | { readonly type: 'skip' };

/**
 * The client's side of the stream: knows the last `seq` it saw, so a transport that reconnects
 * resumes from there (`position`), and turns a gap or another stream into a reset.
 */
export class StreamFollower {
  private stream: string | null = null;
  private last = 0;

  /** Where to resume from after a reconnect; none before the first greeting. */
  position(): ResumeFrom | undefined {
    return this.stream === null ? undefined : { stream: this.stream, after: this.last };
  }

  receive(message: StreamMessage): Step {
    switch (message.kind) {
      case 'hello':
      case 'reset': {
        if (message.protocol !== PROTOCOL_VERSION)
          return this.lose(
            `the engine speaks protocol ${message.protocol}, this page ${PROTOCOL_VERSION}: reload the page`,
          );
        const again = message.kind === 'hello' && message.stream === this.stream;
        this.stream = message.stream;
        this.last = message.seq;
        return again ? { type: 'skip' } : { type: 'reset', reason: message.reason ?? 'new stream' };
      }
      case 'event':
      case 'progress':
      case 'record':
      case 'settings':
      case 'tools':
      case 'notice': {
        if (this.stream === null) return { type: 'skip' };
        if (message.seq <= this.last) return { type: 'skip' };
        if (message.seq !== this.last + 1) {
          const missed = message.seq - this.last - 1;
          this.last = message.seq;
          return { type: 'reset', reason: `${missed} messages went missing` };
        }
        this.last = message.seq;
        return { type: 'deliver', body: message };
      }
    }
  }

  private lose(reason: string): Step {
    this.stream = null;
    return { type: 'reset', reason };
  }
}
