import * as Comlink from 'comlink';
import {
  isStreamMessage,
  StreamFollower,
  type StreamBody,
  type StreamMessage,
} from '../protocol/index.ts';
import type { EngineApi } from '../protocol/index.ts';
import type { WorkerApi } from './protocol.ts';

/** What the page hears from the stream: a message to fold, or "read everything again". */
export type Heard = StreamBody | { readonly kind: 'reset'; readonly reason: string };

export interface EngineClient {
  readonly api: EngineApi;
  /**
   * Hears the engine's stream (events, progress, record notices, resets); returns the
   * unsubscribe. All listeners share the page's one subscription.
   */
  listen(listener: (heard: Heard) => void): () => void;
  dispose(): void;
}

/**
 * Starts the engine worker and wraps it. This is the only main-thread module that imports Comlink.
 * @example const engine = connectEngine(); const result = await engine.api.start({ flow, input });
 */
export function connectEngine(): EngineClient {
  return connectWorker(
    new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'aios-engine',
    }),
  );
}

/** The client over a worker that exposes a `WorkerApi` (the engine's, or a bench's). */
export function connectWorker(worker: Worker): EngineClient {
  const remote = Comlink.wrap<WorkerApi>(worker);
  const listeners = new Set<(heard: Heard) => void>();
  const follower = new StreamFollower();
  const hear = (heard: Heard) => {
    for (const listener of listeners) listener(heard);
  };
  const receive = (message: StreamMessage) => {
    const step = follower.receive(message);
    if (step.type === 'deliver') hear(step.body);
    else if (step.type === 'reset') hear({ kind: 'reset', reason: step.reason });
  };
  let subscription: Promise<number> | undefined;
  return {
    api: remote,
    listen(listener) {
      listeners.add(listener);
      if (!subscription) {
        // The stream comes one way on a port of its own: a callback would cost a reply each.
        const channel = new MessageChannel();
        channel.port1.onmessage = (e: MessageEvent<unknown>) => {
          if (isStreamMessage(e.data)) receive(e.data);
        };
        subscription = remote.subscribe(
          Comlink.transfer(channel.port2, [channel.port2]),
          follower.position(),
        );
      }
      return () => void listeners.delete(listener);
    },
    dispose() {
      void subscription?.then((id) => remote.unsubscribe(id));
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
