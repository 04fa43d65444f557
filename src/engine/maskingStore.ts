import type { SecretMask } from './secretMask.ts';
import { commitStep, type RunStore } from './store.ts';

/**
 * A store that masks every secret value handed out this session in everything written to it:
 * events, checkpoints, the ledger, run records and approvals. It is the one boundary every
 * recorded fact passes, whatever the connector, model or tool that produced it, and it works
 * over any `RunStore`.
 * @example const store = maskingStore(new DexieStore(), mask);
 */
export function maskingStore(store: RunStore, mask: SecretMask): RunStore {
  return {
    putRun: (run) => store.putRun(mask.value(run)),
    getRun: (id) => store.getRun(id),
    listRuns: (filter) => store.listRuns(filter),
    appendEvents: (events) => store.appendEvents(mask.value(events)),
    events: (runId, range) => store.events(runId, range),
    lastSeq: (runId) => store.lastSeq(runId),
    putCheckpoint: (checkpoint) => store.putCheckpoint(mask.value(checkpoint)),
    checkpoint: (runId, atOrBefore) => store.checkpoint(runId, atOrBefore),
    checkpoints: (runId, range) => store.checkpoints(runId, range),
    getEffect: (key) => store.getEffect(key),
    putEffect: (effect) => store.putEffect(mask.value(effect)),
    effects: (runId) => store.effects(runId),
    getApproval: (key) => store.getApproval(key),
    putApproval: (approval) => store.putApproval(mask.value(approval)),
    approvals: (filter) => store.approvals(filter),
    commit: (step) => commitStep(store, mask.value(step)),
  };
}

/** A secret reader that tells the mask every value it hands out. */
export function recordingSecrets(
  secrets: { get(name: string): Promise<string | undefined> },
  mask: SecretMask,
): { get(name: string): Promise<string | undefined> } {
  return {
    async get(name) {
      const value = await secrets.get(name);
      if (value !== undefined) mask.add(name, value);
      return value;
    },
  };
}
