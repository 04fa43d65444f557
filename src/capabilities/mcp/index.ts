export { withMcpTools } from './catalog.ts';
export type { KnownTool } from './listing.ts';
export { MemoryToolPins } from './pins.ts';
export type { ToolPins } from './pins.ts';
export { McpTools, testMcpServer } from './servers.ts';
export type { McpToolsOptions } from './servers.ts';
export type { McpServerSettings, StdioSettings, StdioStarter } from './session.ts';
export { contractOf, idPartOf } from './tool.ts';
export type { McpTool } from './tool.ts';
