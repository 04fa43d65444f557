/// <reference lib="webworker" />
// The engine worker of the protocol bench: the real host over real IndexedDB, plus the listing
// the page read before the protocol (whole run records, flows included), and a count of the
// messages this side posts.
import * as Comlink from 'comlink';
import { DexieStore } from '../src/storage/runs/dexieStore.ts';
import { createHost } from '../src/worker/host.ts';
import { overPorts } from '../src/worker/protocol.ts';

let posted = 0;
// eslint-disable-next-line @typescript-eslint/unbound-method -- applied to its instance below
const portPost = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (this: MessagePort, ...args: never[]) {
  posted++;
  return Reflect.apply(portPost, this, args) as void;
};
const scope: { postMessage(...args: unknown[]): void } = self;
const selfPost = scope.postMessage.bind(scope);
scope.postMessage = (...args: unknown[]) => {
  posted++;
  selfPost(...args);
};

// The worker's name is its database's: each measurement starts from an empty one.
const store = new DexieStore(self.name);
const host = createHost({ store, fetch: (input, init) => fetch(input, init) });

Comlink.expose({
  ...overPorts(host),
  /** What `runs(flowId)` answered before the protocol: every record with its flow. */
  legacyRuns: (flowId: string) => store.listRuns({ flowId }),
  /** How listeners subscribed before: a Comlink callback each (every message costs a reply). */
  legacySubscribe: (listener: () => void) => host.subscribe(listener),
  posted: () => posted,
  resetCount: () => void (posted = 0),
});
