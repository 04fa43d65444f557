/**
 * A stand-in model that answers in the shape the agent asked for: it reads the JSON Schema from
 * the prompt and fills each field, taking values from `overrides` where given.
 */
export function schemaAnswer(
  messages: { role: string; content: string }[],
  overrides: Record<string, unknown> = {},
): string {
  const prompt = messages.find((m) => m.role === 'user')?.content ?? '';
  const at = prompt.lastIndexOf('JSON Schema');
  const schemaText = prompt.slice(prompt.indexOf('{', at));
  const schema = JSON.parse(schemaText) as { properties: Record<string, { type?: string }> };
  const answer: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    if (name in overrides) answer[name] = overrides[name];
    else if (property.type === 'number') answer[name] = name === 'confidence' ? 0.9 : 1;
    else if (property.type === 'boolean') answer[name] = true;
    else if (property.type === 'array') answer[name] = [];
    else if (property.type === 'object') answer[name] = {};
    else answer[name] = `${name} text`;
  }
  return JSON.stringify(answer);
}

/** Which agent (by its role text) a request comes from. */
export const systemOf = (messages: { role: string; content: string }[]): string =>
  messages.find((m) => m.role === 'system')?.content ?? '';

/**
 * The support triage playbook's models: the triage agent answers `triage`, every other agent
 * (the reply) answers `reply`, the rest of each answer filled from the schema asked for.
 * @example server.scriptLlm(triageAnswers({ category: 'bug' }, { confidence: 0.95 }))
 */
export const triageAnswers =
  (triage: Record<string, unknown>, reply: Record<string, unknown>) =>
  (request: { messages: { role: string; content: string }[] }): string =>
    systemOf(request.messages).startsWith('You triage')
      ? schemaAnswer(request.messages, triage)
      : schemaAnswer(request.messages, reply);

/**
 * An OpenAI-style answer that calls tools instead of answering. `args` that are a string go out
 * as they are (for malformed-argument tests); anything else as its JSON.
 */
export function toolCalls(...calls: { name: string; args: unknown }[]): {
  status: number;
  body: unknown;
} {
  return {
    status: 200,
    body: {
      choices: [
        {
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: null,
            tool_calls: calls.map((c, i) => ({
              id: `call_${i + 1}`,
              type: 'function',
              function: {
                name: c.name,
                arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args),
              },
            })),
          },
        },
      ],
      usage: { prompt_tokens: 120, completion_tokens: 20 },
    },
  };
}

/** The tool results the model has been sent so far, parsed. */
export const toolResultsOf = (messages: { role: string; content: string }[]): unknown[] =>
  messages
    .filter((m) => m.role === 'tool')
    .map((m) => {
      try {
        return JSON.parse(m.content) as unknown;
      } catch {
        return m.content;
      }
    });

/** A small model request (no provider: tests pick one), for calling an `LlmClient` directly. */
export const helloRequest = {
  model: 'test-model',
  system: 'Be brief.',
  messages: [{ role: 'user' as const, content: 'Say hi as JSON' }],
  temperature: 0,
  maxTokens: 100,
  schema: {},
};
