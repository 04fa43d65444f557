export {
  commandNames,
  runtimeSettingsSchema,
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
export { StreamFollower } from './follow.ts';
export { valueOf, type Result } from './result.ts';
export { dispatch, serve } from './serve.ts';
export {
  isStreamMessage,
  PROTOCOL_VERSION,
  resumeSchema,
  StreamHub,
  type StreamBody,
  type StreamMessage,
} from './stream.ts';
export { summarize, type RunSummary } from './summary.ts';
export {
  baseUrlOf,
  presetIds,
  presetList,
  presetOf,
  providerConfigSchema,
  type ListedModel,
  type ModelPrice,
  type PresetId,
  type ProviderConfig,
} from './providers.ts';
