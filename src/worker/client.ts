import * as Comlink from 'comlink';
import type { RunEvent } from '../engine/index.ts';
import type { EngineApi } from './protocol.ts';

export interface EngineClient {
  readonly api: Comlink.Remote<EngineApi>;
  /** Subscribes to live events; returns the unsubscribe function. */
  onEvent(listener: (event: RunEvent) => void): () => void;
  dispose(): void;
}

/**
 * Starts the engine worker and wraps it. This is the only main-thread module that imports Comlink.
 * @example const engine = connectEngine(); const result = await engine.api.start(flow, input);
 */
export function connectEngine(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'aios-engine',
  });
  const api = Comlink.wrap<EngineApi>(worker);
  return {
    api,
    onEvent(listener) {
      const id = api.subscribe(Comlink.proxy(listener));
      return () => {
        void id.then((n) => api.unsubscribe(n));
      };
    },
    dispose() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
