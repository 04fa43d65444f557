export { runAgent } from './run.ts';
export type { AgentData } from './run.ts';
export { createLlmClient, openAiCompatible } from './llm.ts';
export type { ProviderConfig } from './providers.ts';
export type { AgentToolbox, ToolOutcome } from './toolbox.ts';
export { listModels, ModelListError } from './models.ts';
export type { ListedModel } from './models.ts';
export { presetOf } from './presets.ts';
