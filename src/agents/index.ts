export { answerSchema, checkAnswer, extractJson } from './answer.ts';
export { runAgent } from './run.ts';
export type { AgentData } from './run.ts';
export { openAiCompatible } from './openai.ts';
