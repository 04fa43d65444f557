import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly key: string | null;
  readonly body: unknown;
  /** The credential sent (`authorization` or `x-api-key`), to check where secrets went. */
  readonly auth: string | null;
}

/** An OpenAI-style chat request; tool results come as `tool` messages with JSON text content. */
export interface LlmRequestBody {
  model: string;
  messages: { role: string; content: string; tool_call_id?: string }[];
  tools?: { type: 'function'; function: { name: string; parameters: unknown } }[];
  /** Asks for the answer as server-sent events. */
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}
/** An answer: the text, a whole response body (tool calls, errors), or an HTTP error. */
type LlmScript = (
  request: LlmRequestBody,
  call: number,
  /** The credential the request came with (an echoing model repeats it). */
  auth: string | null,
) => string | { status: number; body: unknown };
/** An Anthropic Messages API request (system apart, content as text or blocks). */
export interface AnthropicRequestBody {
  model: string;
  system?: string | { type: 'text'; text: string }[];
  messages: { role: string; content: string | { type: string; [k: string]: unknown }[] }[];
  tools?: { name: string; input_schema: unknown }[];
  stream?: boolean;
}
/** A scripted whole answer, which a streamed request gets as events. */
interface ScriptedMessage {
  content?: string | null;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
}
type AnthropicScript = (request: AnthropicRequestBody, call: number) => string;

/**
 * Stand-ins for the remote services flows call, over real HTTP on 127.0.0.1: a mail API, a billing
 * API and a CRM that honour `Idempotency-Key` the way Stripe does (a repeated key returns the first
 * answer and changes nothing), and an OpenAI-compatible LLM endpoint answering from a script.
 */
export class TestServer {
  readonly requests: Recorded[] = [];
  /** Effects actually applied, by idempotency key (or a generated id when none was sent). */
  readonly applied: Recorded[] = [];
  private readonly answers = new Map<string, { status: number; body: unknown }>();
  private readonly failures: { path: RegExp; status: number; times: number }[] = [];
  private llmCalls = 0;
  private llm: LlmScript = () => JSON.stringify({ text: 'ok', confidence: 0.9 });
  private anthropicCalls = 0;
  private anthropic: AnthropicScript = () => JSON.stringify({ text: 'ok', confidence: 0.9 });
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private ids = 0;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /**
   * How streamed LLM answers (`stream: true`) are cut: `chunks` pieces of text, `delayMs` apart
   * (so a page can watch them arrive).
   */
  streaming = { chunks: 4, delayMs: 0 };

  scriptLlm(script: LlmScript): void {
    this.llm = script;
    this.llmCalls = 0;
  }

  /** Answers `/anthropic/v1/messages` (an Anthropic `baseUrl` of `${url}/anthropic/v1`). */
  scriptAnthropic(script: AnthropicScript): void {
    this.anthropic = script;
    this.anthropicCalls = 0;
  }

  private readonly routes = new Map<string, { status: number; body: unknown }>();

  private readonly holding = new Set<string>();

  /**
   * The next request to `path` is neither answered nor applied: it hangs until the caller gives up
   * (a tab closing while a remote holds its request). Resolves once it arrived.
   */
  holdNext(path: string): Promise<void> {
    this.holding.add(path);
    return new Promise((resolve) => (this.held = resolve));
  }
  private held: (() => void) | undefined;

  /** Answers requests to `path` with `status` and `body` from now on (any method). */
  route(path: string, status: number, body: unknown): void {
    this.routes.set(path, { status, body });
  }

  /** The next `times` requests whose path matches answer `status`. */
  failNext(path: RegExp, status: number, times = 1): void {
    this.failures.push({ path, status, times });
  }

  count(path: RegExp): { requests: number; applied: number } {
    return {
      requests: this.requests.filter((r) => path.test(r.path)).length,
      applied: this.applied.filter((r) => path.test(r.path)).length,
    };
  }

  get connections() {
    return {
      mail: { baseUrl: `${this.url}/mail` },
      billing: { baseUrl: `${this.url}/billing`, secret: 'BILLING_API_KEY' },
      crm: { baseUrl: `${this.url}/crm` },
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Browsers call these stand-ins from the app's origin; answer like a CORS-enabled API.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : null;
    const path = req.url ?? '/';
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const credential = req.headers['authorization'] ?? req.headers['x-api-key'];
    const auth = typeof credential === 'string' ? credential : null;
    const record = { method: req.method ?? 'GET', path, key, body, auth };
    this.requests.push(record);
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const failure = this.failures.find((f) => f.times > 0 && f.path.test(path));
    if (failure) {
      failure.times--;
      return send(failure.status, { error: { message: `injected ${failure.status}` } });
    }
    if (path.startsWith('/llm/')) return this.answerLlm(body as LlmRequestBody, send, res, auth);
    // Debugging endpoints that say back what they received, headers and all (a 401 page
    // quoting the credential it refused, too): remotes that echo secrets.
    if (this.holding.delete(path)) return this.held?.();
    const routed = this.routes.get(path);
    if (routed) return send(routed.status, routed.body);
    if (path.startsWith('/echo/'))
      return path === '/echo/unauthorized'
        ? send(401, {
            error: { message: `invalid credentials: ${auth ?? 'none'}` },
            headers: req.headers,
          })
        : send(200, { received: { headers: req.headers, body } });
    if (path === '/anthropic/v1/messages' && (body as AnthropicRequestBody).stream)
      return this.streamAnthropic(body as AnthropicRequestBody, res);
    if (path === '/anthropic/v1/messages')
      return send(200, {
        id: `msg_${this.anthropicCalls}`,
        type: 'message',
        role: 'assistant',
        model: (body as AnthropicRequestBody).model,
        content: [
          {
            type: 'text',
            text: this.anthropic(body as AnthropicRequestBody, this.anthropicCalls++),
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 200, output_tokens: 50 },
      });
    if (key && this.answers.has(key)) {
      const first = this.answers.get(key)!;
      return send(first.status, first.body);
    }
    const answer = this.apply(record);
    if (key) this.answers.set(key, answer);
    send(answer.status, answer.body);
  }

  private apply(record: Recorded): { status: number; body: unknown } {
    const id = `${++this.ids}`;
    const input = (record.body ?? {}) as Record<string, unknown>;
    const matched = (status: number, body: unknown) => {
      this.applied.push(record);
      return { status, body };
    };
    // A read: looks a contact up and changes nothing.
    const contact = /^\/crm\/contacts\/([^/]+)$/.exec(record.path);
    if (record.method === 'GET' && contact) {
      const email = decodeURIComponent(contact[1] ?? '');
      return { status: 200, body: { id: `ct_${email}`, email, name: 'Pat Customer' } };
    }
    if (record.path === '/mail/messages') return matched(202, { id: `msg_${id}` });
    if (record.path === '/billing/invoices') {
      const lines = (input['lines'] as { quantity: number; unitPrice: number }[] | undefined) ?? [];
      return matched(201, {
        id: `inv_${id}`,
        total: lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0),
      });
    }
    const voided = /^\/billing\/invoices\/([^/]+)\/void$/.exec(record.path);
    if (voided) return matched(200, { id: voided[1], status: 'void' });
    if (record.path.startsWith('/crm/contacts/'))
      return matched(200, { id: `ct_${id}`, created: true });
    if (record.path === '/crm/activities') return matched(201, { id: `act_${id}` });
    if (record.path === '/hook') return matched(200, { received: true });
    if (record.path === '/api/notes') return matched(201, { id: `note_${id}` });
    return { status: 404, body: { error: { message: `no route ${record.path}` } } };
  }

  private async answerLlm(
    request: LlmRequestBody,
    send: (status: number, body: unknown) => void,
    res: ServerResponse,
    auth: string | null,
  ): Promise<void> {
    const out = this.llm(request, this.llmCalls++, auth);
    if (typeof out !== 'string') {
      const message = (out.body as { choices?: { message?: ScriptedMessage }[] } | null)
        ?.choices?.[0]?.message;
      if (request.stream && out.status === 200 && message)
        return this.streamLlm(request, message.content ?? '', res, message.tool_calls);
      return send(out.status, out.body);
    }
    if (request.stream) return this.streamLlm(request, out, res);
    send(200, {
      choices: [{ message: { role: 'assistant', content: out } }],
      usage: { prompt_tokens: 100, completion_tokens: 40 },
    });
  }

  /** An OpenAI-style event stream: the text in pieces, then the finish (and usage when asked). */
  private async streamLlm(
    request: LlmRequestBody,
    text: string,
    res: ServerResponse,
    toolCalls?: ScriptedMessage['tool_calls'],
  ) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const data = (payload: unknown) =>
      res.write(`data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`);
    const base = { id: `chatcmpl-${this.llmCalls}`, object: 'chat.completion.chunk', created: 0 };
    const size = Math.max(1, Math.ceil(text.length / this.streaming.chunks));
    data({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] });
    for (let at = 0; at < text.length; at += size) {
      if (this.streaming.delayMs > 0)
        await new Promise((resolve) => setTimeout(resolve, this.streaming.delayMs));
      data({
        ...base,
        choices: [{ index: 0, delta: { content: text.slice(at, at + size) }, finish_reason: null }],
      });
    }
    if (toolCalls?.length)
      data({
        ...base,
        choices: [
          {
            index: 0,
            delta: { tool_calls: toolCalls.map((call, index) => ({ index, ...call })) },
            finish_reason: null,
          },
        ],
      });
    const finish = toolCalls?.length ? 'tool_calls' : 'stop';
    data({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] });
    if (request.stream_options?.include_usage)
      data({ ...base, choices: [], usage: { prompt_tokens: 100, completion_tokens: 40 } });
    data('[DONE]');
    res.end();
  }

  /** An Anthropic Messages event stream: one text block in pieces, then the stop and usage. */
  private async streamAnthropic(request: AnthropicRequestBody, res: ServerResponse) {
    const text = this.anthropic(request, this.anthropicCalls++);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const event = (type: string, payload: Record<string, unknown>) =>
      res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`);
    event('message_start', {
      message: {
        id: `msg_${this.anthropicCalls}`,
        type: 'message',
        role: 'assistant',
        model: request.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 200, output_tokens: 0 },
      },
    });
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    const size = Math.max(1, Math.ceil(text.length / this.streaming.chunks));
    for (let at = 0; at < text.length; at += size) {
      if (this.streaming.delayMs > 0)
        await new Promise((resolve) => setTimeout(resolve, this.streaming.delayMs));
      event('content_block_delta', {
        index: 0,
        delta: { type: 'text_delta', text: text.slice(at, at + size) },
      });
    }
    event('content_block_stop', { index: 0 });
    event('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 50 },
    });
    event('message_stop', {});
    res.end();
  }
}
