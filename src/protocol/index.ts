export {
  commandNames,
  commandParams,
  isCommand,
  runtimeSettingsSchema,
  type Answers,
  type CommandName,
  type ConnectionTested,
  type EngineApi,
  type Handlers,
  type Params,
  type RuntimeSettings,
  type SavedSettings,
  type SettingsSaved,
} from './commands.ts';
export {
  mcpServerNameSchema,
  mcpServerSchema,
  type McpCatalog,
  type McpServerConfig,
  type McpServerStatus,
  type McpTested,
  type McpToolInfo,
  type McpToolSchemas,
} from './mcp.ts';
export { StreamFollower, type Step } from './follow.ts';
export { invalid, valueOf, type Result } from './result.ts';
export { dispatch, serve } from './serve.ts';
export {
  isStreamMessage,
  PROTOCOL_VERSION,
  resumeSchema,
  StreamHub,
  type ResumeFrom,
  type StreamBody,
  type StreamMessage,
} from './stream.ts';
export { summarize, type RunSummary } from './summary.ts';
export {
  baseUrlOf,
  presetIds,
  presetList,
  presetOf,
  priceOf,
  providerConfigSchema,
  type ListedModel,
  type ModelListFailure,
  type ModelPrice,
  type PresetId,
  type ProviderConfig,
  type ProviderPreset,
} from './providers.ts';
