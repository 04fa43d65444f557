// The contract node kinds, capabilities, agents and memory implement, and the engine calls.
export type {
  ApprovalDecision,
  ApprovalDesk,
  ApprovalRequest,
  OutgoingRequest,
} from './approvals.ts';
export type { CapabilitySource, Connection, EffectRecord, SmtpTransport } from './effects.ts';
export { NodeError, toErrorData } from './errors.ts';
export type { ErrorData, Need } from './errors.ts';
export type {
  Execution,
  Executor,
  ExecutorEvent,
  NodeProgress,
  Scope,
  TaskResult,
} from './execution.ts';
export type {
  LlmClient,
  LlmMessage,
  LlmRequest,
  LlmResponse,
  LlmTool,
  LlmToolResult,
} from './llm.ts';
export type { MemoryHit, MemoryPort } from './memory.ts';
export type { Clock, Services } from './services.ts';
export { addUsage, noUsage } from './usage.ts';
export type { Usage } from './usage.ts';
