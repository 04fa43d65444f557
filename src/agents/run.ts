import { z } from 'zod';
import type { Field } from '../flow/index.ts';
import { render } from '../engine/expressions.ts';
import { NodeError, type Execution } from '../engine/executor.ts';
import { answerSchema, checkAnswer } from './answer.ts';

export interface AgentData {
  role: string;
  prompt: string;
  model: { provider: string; name: string; temperature: number; maxTokens: number };
  tools: string[];
  output: Field[];
  maxRepairs: number;
}

/**
 * Asks the model for a typed answer and validates it; an invalid answer is sent back with what is
 * wrong, at most `maxRepairs` times. Usage and cost of every call land in the event log.
 */
export async function runAgent(x: Execution<AgentData>): Promise<Record<string, unknown>> {
  const { data } = x.node;
  const schema = answerSchema(data.output);
  const jsonSchema = z.toJSONSchema(schema) as Record<string, unknown>;
  const system = await render(data.role, x.scope, 'role');
  const task = await render(data.prompt, x.scope, 'prompt');
  const messages: { role: 'user' | 'assistant'; content: string }[] = [
    {
      role: 'user',
      content: `${task}\n\nAnswer with one JSON object only, matching this JSON Schema (confidence is how sure you are, 0 to 1):\n${JSON.stringify(jsonSchema)}`,
    },
  ];
  const budget = x.flow.policies.budgets.tokens;
  let spent = x.usage.tokens;
  for (let repair = 0; ; repair++) {
    if (budget !== undefined && spent >= budget) {
      throw new NodeError(
        'budget-exceeded',
        `this run has used ${spent} of its ${budget} tokens; raise the flow's token budget to go on`,
        { path: 'policies.budgets.tokens' },
      );
    }
    const response = await x.services.llm.complete(
      {
        provider: data.model.provider,
        model: data.model.name,
        system,
        messages,
        temperature: data.model.temperature,
        maxTokens: data.model.maxTokens,
        schema: jsonSchema,
      },
      x.signal,
    );
    x.log({
      type: 'llm.called',
      node: x.node.id,
      model: data.model.name,
      inputTokens: response.usage?.inputTokens ?? 0,
      outputTokens: response.usage?.outputTokens ?? 0,
      costUsd: response.costUsd ?? 0,
      repair,
    });
    spent += (response.usage?.inputTokens ?? 0) + (response.usage?.outputTokens ?? 0);
    const checked = checkAnswer(schema, response.text);
    if (checked.ok) return checked.value;
    if (repair >= data.maxRepairs) {
      throw new NodeError(
        'bad-llm-output',
        `the model's answer did not match the output schema after ${repair + 1} tries: ${checked.error}`,
        { path: 'output' },
      );
    }
    messages.push(
      { role: 'assistant', content: response.text },
      {
        role: 'user',
        content: `That answer is invalid: ${checked.error}. Reply with the corrected JSON object only.`,
      },
    );
  }
}
