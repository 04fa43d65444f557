import { z } from 'zod';
import { baseUrlOf, type ProviderConfig } from './providerConfig.ts';
import type { ModelPrice } from './presets.ts';

/** One model a provider offers, and its price when the provider says (OpenRouter does). */
export interface ListedModel {
  readonly id: string;
  readonly name?: string;
  readonly price?: ModelPrice;
}

/** Why a model list could not be had, in words a person acts on. */
type ModelListFailure =
  'key-refused' | 'unreachable' | 'no-model-list' | 'provider-error' | 'unreadable-answer';

export class ModelListError extends Error {
  constructor(
    readonly code: ModelListFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelListError';
  }
}

// `GET /v1/models` as OpenAI documents it (`{ object: 'list', data: [{ id, object, created,
// owned_by }] }`), which the OpenAI-compatible services share; OpenRouter adds `name` and
// `pricing` (USD per token, as text).
const openAiList = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().optional(),
      pricing: z.object({ prompt: z.string(), completion: z.string() }).partial().optional(),
    }),
  ),
});

// Anthropic's `GET /v1/models`: `{ data: [{ id, display_name, type, created_at }], has_more,
// last_id }`, newest first, paged with `after_id`.
const anthropicList = z.object({
  data: z.array(z.object({ id: z.string().min(1), display_name: z.string().optional() })),
  has_more: z.boolean().optional(),
  last_id: z.string().nullable().optional(),
});

// OpenAI: `{ error: { message, type, code } }`; Anthropic: `{ type: 'error', error: { type,
// message } }`; others send one of these or plain text.
const errorBody = z.object({
  error: z.union([z.object({ message: z.string() }), z.string()]),
});

const MAX_PAGES = 10;

function perMillion(perToken: string | undefined): number | undefined {
  if (perToken === undefined) return undefined;
  const n = Number(perToken);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1e6 * 1e6) / 1e6 : undefined;
}

function headersFor(config: ProviderConfig, apiKey: string | undefined): Record<string, string> {
  if (config.kind === 'anthropic')
    return {
      'anthropic-version': '2023-06-01',
      // Anthropic refuses calls from a page (CORS) unless the caller says it means it.
      'anthropic-dangerous-direct-browser-access': 'true',
      ...(apiKey ? { 'x-api-key': apiKey } : {}),
    };
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

async function reasonOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = errorBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { error } = parsed.data;
      return typeof error === 'string' ? error : error.message;
    }
  } catch {
    // Not JSON: the text itself, shortened, says what there is to say.
  }
  return text.slice(0, 200);
}

async function failure(response: Response, url: string, title: string): Promise<ModelListError> {
  const status = response.status;
  const reason = await reasonOf(response);
  const said = reason ? `: ${reason}` : '';
  if (status === 401 || status === 403)
    return new ModelListError(
      'key-refused',
      `the key was refused: ${title} answered ${status}${said}`,
      status,
    );
  if (status === 404)
    return new ModelListError(
      'no-model-list',
      `${title} has no model list at ${url} (404): check the base URL (it ends at the API version, e.g. /v1)`,
      status,
    );
  return new ModelListError('provider-error', `${title} answered ${status}${said}`, status);
}

async function getJson(
  url: string,
  headers: Record<string, string>,
  fetchFn: typeof fetch,
  signal: AbortSignal,
  title: string,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchFn(url, { method: 'GET', headers, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ModelListError(
      'unreachable',
      `the browser could not reach ${url}: the service is not running there, or it refuses calls from a web page (CORS); this service may need the workspace server`,
    );
  }
  if (!response.ok) throw await failure(response, url, title);
  try {
    return await response.json();
  } catch {
    throw new ModelListError(
      'unreadable-answer',
      `${title} answered ${url} with something not JSON`,
    );
  }
}

function unreadable(title: string, url: string, error: z.ZodError): ModelListError {
  const first = error.issues[0];
  return new ModelListError(
    'unreadable-answer',
    `${title}'s model list at ${url} is not in the expected shape: ${first?.path.join('.') || '(answer)'}: ${first?.message ?? 'invalid'}`,
  );
}

/**
 * The models a provider offers, from its own list (`GET {baseUrl}/models`): a harmless read that
 * also proves the key works. Failures are `ModelListError`s that say plainly what went wrong.
 * @example await listModels({ preset: 'groq', secret: 'GROQ' }, key, fetch, signal, 'Groq')
 */
export async function listModels(
  config: ProviderConfig,
  apiKey: string | undefined,
  fetchFn: typeof fetch,
  signal: AbortSignal,
  title = 'the provider',
): Promise<ListedModel[]> {
  const base = baseUrlOf(config);
  const headers = headersFor(config, apiKey);
  if (config.kind !== 'anthropic') {
    const url = `${base}/models`;
    const parsed = openAiList.safeParse(await getJson(url, headers, fetchFn, signal, title));
    if (!parsed.success) throw unreadable(title, url, parsed.error);
    return parsed.data.data.map((m) => {
      const input = perMillion(m.pricing?.prompt);
      const output = perMillion(m.pricing?.completion);
      return {
        id: m.id,
        ...(m.name ? { name: m.name } : {}),
        ...(input !== undefined && output !== undefined ? { price: { input, output } } : {}),
      };
    });
  }
  const models: ListedModel[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = `${base}/models?limit=1000${after ? `&after_id=${encodeURIComponent(after)}` : ''}`;
    const parsed = anthropicList.safeParse(await getJson(url, headers, fetchFn, signal, title));
    if (!parsed.success) throw unreadable(title, url, parsed.error);
    for (const m of parsed.data.data)
      models.push({ id: m.id, ...(m.display_name ? { name: m.display_name } : {}) });
    if (!parsed.data.has_more || !parsed.data.last_id) break;
    after = parsed.data.last_id;
  }
  return models;
}
