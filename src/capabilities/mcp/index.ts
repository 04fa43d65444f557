export { withMcpTools } from './catalog.ts';
export { MemoryToolPins } from './pins.ts';
export type { ToolPins } from './pins.ts';
export { McpTools, testMcpServer } from './servers.ts';
export type { McpServerSettings, StdioStarter } from './session.ts';
