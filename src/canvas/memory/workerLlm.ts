import type { LlmClient } from '../../engine/index.ts';
import { engine } from '../run/engine.ts';

/**
 * The language models as the engine worker reaches them: with the providers saved in the run
 * settings and API keys from the vault, which never leave the worker.
 * @example await memory.compact({ llm: workerLlm() })
 */
export function workerLlm(): LlmClient {
  return {
    async complete(request) {
      const answer = await engine().api.complete({ request });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value;
    },
  };
}
