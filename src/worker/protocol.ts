import type { EngineApi, StreamMessage } from '../protocol/index.ts';

export type { StreamMessage } from '../protocol/index.ts';

/** The host as code in the same thread uses it (tests, the worker's entry): listeners are functions. */
export interface HostApi extends EngineApi {
  /** `from` resumes after the last message seen; the returned id unsubscribes. */
  subscribe(listener: (message: StreamMessage) => void, from?: unknown): Promise<number>;
  unsubscribe(id: number): Promise<void>;
}

/**
 * The engine worker as the page sees it through Comlink: the protocol's commands, and its stream
 * posted one way on a port the page hands over (one message per stream message; a Comlink
 * callback would cost a reply for each).
 */
export interface WorkerApi extends EngineApi {
  subscribe(port: MessagePort, from?: unknown): Promise<number>;
  unsubscribe(id: number): Promise<void>;
}

/** The host's stream onto ports, for exposing it from a worker. */
export function overPorts(host: HostApi): WorkerApi {
  return {
    ...host,
    subscribe: (port, from) => host.subscribe((message) => port.postMessage(message), from),
  };
}
