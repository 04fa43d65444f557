import type { EngineApi, StreamMessage } from '../protocol/index.ts';

export type { EngineApi, Result, RuntimeSettings, StreamMessage } from '../protocol/index.ts';

/**
 * The engine worker as the page sees it through Comlink: the protocol's commands, and its stream
 * as one subscription per page (`from` resumes after the last message seen).
 */
export interface WorkerApi extends EngineApi {
  /** The returned id unsubscribes. */
  subscribe(listener: (message: StreamMessage) => void, from?: unknown): Promise<number>;
  unsubscribe(id: number): Promise<void>;
}
