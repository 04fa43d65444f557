export type { Answer } from './approvals.ts';
export { ManualClock, systemClock } from './clock.ts';
export { compile } from './compile/compile.ts';
export { CompileError } from './compile/errors.ts';
export type { RunPolicy } from './compile/graph.ts';
export { Engine } from './engine.ts';
export type { EngineOptions, RunLocks } from './engine.ts';
export { EngineError } from './errors.ts';
export type { RunEvent, RunEventBody } from './events.ts';
export { NodeError, toErrorData } from './contract/index.ts';
export type {
  ApprovalDecision,
  ApprovalRequest,
  Clock,
  Connection,
  EffectRecord,
  ErrorData,
  Need,
  Execution,
  Executor,
  LlmClient,
  LlmRequest,
  LlmResponse,
  MemoryPort,
  Services,
} from './contract/index.ts';
export { MemoryStore } from './memoryStore.ts';
export { maskingStore, recordingSecrets } from './maskingStore.ts';
export { SecretMask } from './secretMask.ts';
export { fixFor } from './errorCodes.ts';
export { pathOf, replayRun } from './replay.ts';
export type { ForkEdits, StateAt } from './timeTravel.ts';
export { parseRunEvent } from './eventSchema.ts';
export {
  migrateRunRecord,
  parseRunRecord,
  RUN_RECORD_VERSION,
  runStatusSchema,
} from './records.ts';
export type { Run, RunProgress } from './run.ts';
export type {
  ApprovalRecord,
  Breakpoint,
  Checkpoint,
  RunRecord,
  RunStatus,
  RunStore,
  StepCommit,
} from './store.ts';
export { commitStep } from './store.ts';
