import * as Comlink from 'comlink';
import type { RunEvent, RunProgress, RunStatus } from '../engine/index.ts';
import type { EngineApi, LiveMessage } from './protocol.ts';

export interface EngineClient {
  readonly api: Comlink.Remote<EngineApi>;
  /** Subscribes to live events; returns the unsubscribe function. */
  onEvent(listener: (event: RunEvent) => void): () => void;
  /** Subscribes to running nodes' progress (an agent's text so far); returns the unsubscribe. */
  onProgress(listener: (progress: RunProgress) => void): () => void;
  /** Subscribes to runs' records being written (a new status); returns the unsubscribe. */
  onRecord(listener: (runId: string, status: RunStatus) => void): () => void;
  /** Subscribes to settings saves (here or in another tab); returns the unsubscribe. */
  onSettings(listener: (revision: number) => void): () => void;
  /** Subscribes to the worker's notices for people (storage full…); returns the unsubscribe. */
  onNotice(listener: (text: string, runId: string) => void): () => void;
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
  const live = (listener: (message: LiveMessage) => void) => {
    const id = api.subscribe(Comlink.proxy(listener));
    return () => {
      void id.then((n) => api.unsubscribe(n));
    };
  };
  return {
    api,
    onEvent: (listener) => live((m) => m.kind === 'event' && listener(m.event)),
    onProgress: (listener) => live((m) => m.kind === 'progress' && listener(m.progress)),
    onRecord: (listener) => live((m) => m.kind === 'record' && listener(m.runId, m.status)),
    onSettings: (listener) => live((m) => m.kind === 'settings' && listener(m.revision)),
    onNotice: (listener) => live((m) => m.kind === 'notice' && listener(m.text, m.runId)),
    dispose() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
