import { Loopback, type Answer, type Received } from './loopback.ts';

/** The port Ollama serves on unless told otherwise (`OLLAMA_HOST`). */
export const OLLAMA_PORT = 11434;

/**
 * Ollama's OpenAI-compatible API (docs: "OpenAI compatibility"): `GET /v1/models` lists the pulled
 * models, `POST /v1/chat/completions` answers in OpenAI's shape (streamed as server-sent events
 * when asked), an unknown model is a 404 with OpenAI's error body, and no key is needed. Like
 * Ollama it lets pages on localhost and 127.0.0.1 call it (CORS). Its answers fill the JSON
 * Schema the prompt asks for, so an agent's typed answer validates; the words mean nothing.
 */
export function ollamaStandIn(models: readonly string[]): Loopback {
  return new Loopback((request) => withCors(request, answer(request, models)));
}

function answer(request: Received, models: readonly string[]): Answer {
  if (request.method === 'OPTIONS') return { status: 204 };
  if (request.method === 'GET' && request.path === '/v1/models')
    return {
      status: 200,
      body: {
        object: 'list',
        data: models.map((id) => ({
          id,
          object: 'model',
          created: 1_733_000_000,
          owned_by: 'library',
        })),
      },
    };
  if (request.method === 'POST' && request.path === '/v1/chat/completions') {
    const body = request.json as ChatRequest | undefined;
    if (!body || !Array.isArray(body.messages))
      return openAiError(400, 'invalid request: messages are required');
    if (!models.includes(body.model))
      return openAiError(404, `model "${body.model}" not found, try pulling it first`);
    const content = JSON.stringify(fill(schemaAskedFor(body.messages)));
    return body.stream ? streamed(body, content) : whole(body, content);
  }
  return { status: 404, body: '404 page not found' };
}

interface ChatRequest {
  model: string;
  messages: { role: string; content: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

const usage = (content: string) => ({
  prompt_tokens: 120,
  completion_tokens: Math.ceil(content.length / 4),
  total_tokens: 120 + Math.ceil(content.length / 4),
});

function whole(body: ChatRequest, content: string): Answer {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1_733_000_000,
      model: body.model,
      system_fingerprint: 'fp_ollama',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: usage(content),
    },
  };
}

function streamed(body: ChatRequest, content: string): Answer {
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1_733_000_000,
      model: body.model,
      system_fingerprint: 'fp_ollama',
      choices,
      ...extra,
    })}\n\n`;
  const half = Math.ceil(content.length / 2);
  const events = [
    chunk([
      {
        index: 0,
        delta: { role: 'assistant', content: content.slice(0, half) },
        finish_reason: null,
      },
    ]),
    chunk([
      { index: 0, delta: { role: 'assistant', content: content.slice(half) }, finish_reason: null },
    ]),
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: 'stop' }]),
    ...(body.stream_options?.include_usage ? [chunk([], { usage: usage(content) })] : []),
    'data: [DONE]\n\n',
  ];
  return { status: 200, body: events.join(''), type: 'text/event-stream' };
}

const openAiError = (status: number, message: string): Answer => ({
  status,
  body: { error: { message, type: 'api_error', param: null, code: null } },
});

/** The JSON Schema the last user message asks the answer to match, if it gives one. */
function schemaAskedFor(messages: ChatRequest['messages']): unknown {
  const last = [...messages].reverse().find((m) => m.role === 'user');
  const text = typeof last?.content === 'string' ? last.content : '';
  const start = text.indexOf('{', text.indexOf('JSON Schema'));
  if (start < 0) return undefined;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return undefined;
  }
}

/** A value that meets `schema`: what a model that follows instructions would send. */
function fill(schema: unknown): unknown {
  const s = (schema ?? {}) as {
    type?: string | string[];
    properties?: Record<string, unknown>;
    enum?: unknown[];
    minimum?: number;
    maximum?: number;
  };
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, fill(v)]));
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return s.maximum !== undefined && s.maximum <= 1 ? 0.8 : (s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      return 'Written by the local model.';
    default:
      return schema === undefined ? { text: 'Written by the local model.', confidence: 0.8 } : null;
  }
}

/** Ollama's default CORS: any port of localhost, 127.0.0.1 and 0.0.0.0. */
function withCors(request: Received, answer: Answer): Answer {
  const origin = request.headers.origin;
  if (
    typeof origin !== 'string' ||
    !/^https?:\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0)(:\d+)?$/.test(origin)
  )
    return answer;
  return {
    ...answer,
    headers: {
      ...answer.headers,
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
      'access-control-allow-headers':
        'Authorization, Content-Type, User-Agent, Accept, X-Requested-With, X-Stainless-Lang, X-Stainless-Package-Version, X-Stainless-OS, X-Stainless-Arch, X-Stainless-Runtime, X-Stainless-Runtime-Version, X-Stainless-Async',
    },
  };
}
