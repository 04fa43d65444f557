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
