import { z } from 'zod';
import type { Field } from '../flow/index.ts';
import { render } from '../engine/expressions.ts';
import { NodeError, type Execution, type LlmMessage } from '../engine/contract/index.ts';
import { answerSchema, checkAnswer } from './answer.ts';
import type { AgentToolbox } from './toolbox.ts';

export interface AgentData {
  role: string;
  prompt: string;
  model: { provider: string; name: string; temperature: number; maxTokens: number };
  tools: string[];
  output: Field[];
  maxRepairs: number;
}

/** Rounds of tool calls an agent gets before it must answer; a model stuck calling tools stops here. */
const maxToolRounds = 8;

/**
 * Asks the model for a typed answer and validates it; an invalid answer is sent back with what is
 * wrong, at most `maxRepairs` times. The model may first call the toolbox's tools, for at most
 * `maxToolRounds` rounds; each result goes back to it. Usage and cost of every call land in the
 * event log.
 */
export async function runAgent(
  x: Execution<AgentData>,
  toolbox?: AgentToolbox,
): Promise<Record<string, unknown>> {
  const { data } = x.node;
  const schema = answerSchema(data.output);
  const jsonSchema = z.toJSONSchema(schema) as Record<string, unknown>;
  const system = await render(data.role, x.scope, 'role');
  const task = await render(data.prompt, x.scope, 'prompt');
  const messages: LlmMessage[] = [
    {
      role: 'user',
      content: `${task}\n\nAnswer with one JSON object only, matching this JSON Schema (confidence is how sure you are, 0 to 1):\n${JSON.stringify(jsonSchema)}`,
    },
  ];
  const tools = toolbox?.tools.length ? toolbox.tools : undefined;
  const budget = x.flow.policies.budgets.tokens;
  let spent = x.usage.tokens;
  let repair = 0;
  let rounds = 0;
  let calls = 0;
  for (;;) {
    if (budget !== undefined && spent >= budget) {
      throw new NodeError(
        'budget-exceeded',
        `this run has used ${spent} of its ${budget} tokens; raise the flow's token budget to go on`,
        { path: 'policies.budgets.tokens' },
      );
    }
    // While the model answers, people watching see its text arrive (not a fact: not logged).
    let sofar = '';
    const progress = x.progress?.bind(x);
    const onText = progress
      ? (delta: string) => {
          sofar += delta;
          progress({ text: sofar });
        }
      : undefined;
    const response = await x.services.llm.complete(
      {
        provider: data.model.provider,
        model: data.model.name,
        system,
        messages,
        temperature: data.model.temperature,
        maxTokens: data.model.maxTokens,
        schema: jsonSchema,
        ...(tools ? { tools } : {}),
      },
      x.signal,
      onText,
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
    const toolCalls = response.toolCalls ?? [];
    if (toolbox && toolCalls.length > 0) {
      if (++rounds > maxToolRounds)
        throw new NodeError(
          'too-many-tool-rounds',
          `the model kept calling tools after ${maxToolRounds} rounds without answering`,
          { path: 'tools' },
        );
      messages.push({ role: 'assistant', content: response.text, toolCalls });
      const results = [];
      for (const call of toolCalls) {
        const outcome = await toolbox.call(call.name, call.input, ++calls);
        results.push(
          outcome.ok
            ? { callId: call.id, name: call.name, output: outcome.output }
            : { callId: call.id, name: call.name, output: outcome.error, isError: true },
        );
      }
      messages.push({ role: 'tool', results });
      continue;
    }
    const checked = checkAnswer(schema, response.text);
    if (checked.ok) return checked.value;
    if (repair >= data.maxRepairs) {
      throw new NodeError(
        'bad-llm-output',
        `the model's answer did not match the output schema after ${repair + 1} tries: ${checked.error}`,
        { path: 'output' },
      );
    }
    repair++;
    messages.push(
      { role: 'assistant', content: response.text },
      {
        role: 'user',
        content: `That answer is invalid: ${checked.error}. Reply with the corrected JSON object only.`,
      },
    );
  }
}
