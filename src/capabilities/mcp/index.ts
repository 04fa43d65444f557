export { withMcpTools } from './catalog.ts';
export type { KnownTool, McpToolInfo } from './listing.ts';
export { MemoryToolPins, pinnedSchemasSchema } from './pins.ts';
export type { PinnedSchemas, ToolPins } from './pins.ts';
export { McpTools, testMcpServer } from './servers.ts';
export type { McpServerStatus, McpToolsOptions } from './servers.ts';
export type { McpServerSettings, StdioSettings, StdioStarter } from './session.ts';
export { contractOf, idPartOf } from './tool.ts';
export type { McpTool } from './tool.ts';
