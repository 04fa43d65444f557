export type { Answer } from './approvals.ts';
export { ManualClock, systemClock } from './clock.ts';
export { compile } from './compile/compile.ts';
export type { CompiledFlow } from './compile/compile.ts';
export { CompileError } from './compile/errors.ts';
export type { EngineKind, EngineKinds, RunPolicy } from './compile/graph.ts';
export type { RunContext, RunResult } from './context.ts';
export { Engine } from './engine.ts';
export type { Compensator, EngineOptions, RunLocks, Settler } from './engine.ts';
export { EngineError } from './errors.ts';
export type { DebugCommand, RunEvent, RunEventBody, RunEventType } from './events.ts';
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
  MemoryHit,
  MemoryPort,
  NodeProgress,
  Scope,
  Services,
  TaskResult,
} from './contract/index.ts';
export { MemoryStore } from './memoryStore.ts';
export { maskingStore, recordingSecrets } from './maskingStore.ts';
export { SecretMask } from './secretMask.ts';
export { fixFor, nodeErrorFixes } from './errorCodes.ts';
export type { NodeErrorCode } from './errorCodes.ts';
export { pathOf, replayRun } from './replay.ts';
export type { ForkEdits, StateAt } from './timeTravel.ts';
export {
  approvalDecisionSchema,
  approvalRequestSchema,
  errorDataSchema,
  parseRunEvent,
  runEventBodySchema,
  runEventEnvelopeSchema,
} from './eventSchema.ts';
export {
  breakpointSchema,
  checkpointSchema,
  parseCheckpoint,
  debugStateSchema,
  migrateRunRecord,
  parseRunRecord,
  RUN_RECORD_VERSION,
  runRecordSchema,
  runStatusSchema,
  usageSchema,
} from './records.ts';
export type { Run, RunProgress } from './run.ts';
export type {
  ApprovalRecord,
  Breakpoint,
  Checkpoint,
  DebugState,
  RunRecord,
  RunStatus,
  RunStore,
  StepCommit,
} from './store.ts';
export { commitStep } from './store.ts';
