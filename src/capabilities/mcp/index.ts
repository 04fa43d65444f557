export { pinToolSchemas, withMcpTools } from './catalog.ts';
export { McpTools } from './servers.ts';
export type { KnownTool, McpServerSettings, McpToolsOptions } from './servers.ts';
export { contractOf, idPartOf } from './tool.ts';
export type { McpTool } from './tool.ts';
