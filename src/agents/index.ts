export { answerSchema, checkAnswer, extractJson } from './answer.ts';
export { maxToolRounds, runAgent } from './run.ts';
export type { AgentData } from './run.ts';
export { createLlmClient, openAiCompatible } from './llm.ts';
export type { LlmClientOptions } from './llm.ts';
export { providerConfigSchema } from './providers.ts';
export type { ProviderConfig } from './providers.ts';
export type { AgentToolbox, ToolOutcome } from './toolbox.ts';
