// Which model services the workspace knows by name: their documented endpoints, how they sign
// in, where they list models, and starting prices. Pure data (no AI SDK), so the page, the
// protocol and the settings schema share it.

/** How a provider is spoken to: an OpenAI-compatible API, or Anthropic's Messages API. */
type ProviderKind = 'openai-compatible' | 'anthropic';

/** USD per million tokens. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
}

interface ProviderPreset {
  readonly id: PresetId;
  readonly title: string;
  readonly kind: ProviderKind;
  /** Up to the API version; what the model list and calls are relative to. */
  readonly baseUrl: string;
  /** The base URL is the person's own (a local server, another host): the form asks for it. */
  readonly baseUrlVaries: boolean;
  /** An API key is required (local servers run without one). */
  readonly needsKey: boolean;
  /** The provider lists its models at `GET {baseUrl}/models` (both kinds do, in their shapes). */
  readonly listsModels: boolean;
  /** Models offered before the list is fetched, with list prices to start cost tracking from. */
  readonly models: Readonly<Record<string, ModelPrice>>;
  /** Where the person gets a key or reads about the endpoint. */
  readonly help: string;
}

export const presetIds = [
  'openai',
  'anthropic',
  'gemini',
  'openrouter',
  'groq',
  'mistral',
  'ollama',
  'lmstudio',
  'custom',
] as const;
export type PresetId = (typeof presetIds)[number];

type PresetData = Omit<ProviderPreset, 'id'>;

/** A hosted service: a fixed URL, a key, a model list. */
const hosted = (
  title: string,
  baseUrl: string,
  models: PresetData['models'],
  help: string,
  kind: ProviderKind = 'openai-compatible',
): PresetData => ({
  title,
  kind,
  baseUrl,
  baseUrlVaries: false,
  needsKey: true,
  listsModels: true,
  models,
  help,
});

/** A server the person runs: its URL is theirs, it lists its own models, no key. */
const ownServer = (title: string, baseUrl: string, help: string): PresetData => ({
  title,
  kind: 'openai-compatible',
  baseUrl,
  baseUrlVaries: true,
  needsKey: false,
  listsModels: true,
  models: {},
  help,
});

// Base URLs as each provider documents them for OpenAI-compatible clients (Gemini's
// compatibility endpoint, Groq's `/openai/v1`, OpenRouter's `/api/v1`); Anthropic's own API.
// Prices are starting points (the providers' list prices when this was written): the person
// edits them, and OpenRouter's model list brings its own.
const data: Record<PresetId, PresetData> = {
  openai: hosted(
    'OpenAI',
    'https://api.openai.com/v1',
    {
      'gpt-4o-mini': { input: 0.15, output: 0.6 },
      'gpt-4o': { input: 2.5, output: 10 },
      'gpt-4.1-mini': { input: 0.4, output: 1.6 },
      'gpt-4.1': { input: 2, output: 8 },
    },
    'A key from platform.openai.com → API keys.',
  ),
  anthropic: hosted(
    'Anthropic',
    'https://api.anthropic.com/v1',
    {
      'claude-haiku-4-5': { input: 1, output: 5 },
      'claude-sonnet-4-5': { input: 3, output: 15 },
      'claude-opus-4-1': { input: 15, output: 75 },
    },
    'A key from console.anthropic.com → API keys.',
    'anthropic',
  ),
  gemini: hosted(
    'Google Gemini',
    'https://generativelanguage.googleapis.com/v1beta/openai',
    {
      'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
      'gemini-2.5-flash': { input: 0.3, output: 2.5 },
      'gemini-2.5-pro': { input: 1.25, output: 10 },
    },
    'A key from Google AI Studio; calls go through Gemini’s OpenAI-compatible endpoint.',
  ),
  openrouter: hosted(
    'OpenRouter',
    'https://openrouter.ai/api/v1',
    { 'openai/gpt-4o-mini': { input: 0.15, output: 0.6 } },
    'A key from openrouter.ai → Keys; its model list carries each model’s price.',
  ),
  groq: hosted(
    'Groq',
    'https://api.groq.com/openai/v1',
    {
      'llama-3.1-8b-instant': { input: 0.05, output: 0.08 },
      'llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
    },
    'A key from console.groq.com → API keys.',
  ),
  mistral: hosted(
    'Mistral',
    'https://api.mistral.ai/v1',
    {
      'mistral-small-latest': { input: 0.1, output: 0.3 },
      'mistral-large-latest': { input: 2, output: 6 },
    },
    'A key from console.mistral.ai → API keys.',
  ),
  ollama: ownServer(
    'Ollama',
    'http://localhost:11434/v1',
    'Models on this computer; start Ollama and pull a model first (no key).',
  ),
  lmstudio: ownServer(
    'LM Studio',
    'http://localhost:1234/v1',
    'Start the server in LM Studio’s Developer tab (no key unless you turned one on).',
  ),
  custom: ownServer(
    'Other OpenAI-compatible URL',
    '',
    'Any server speaking the OpenAI API: vLLM, llama.cpp, a gateway. Give its URL up to /v1.',
  ),
};

/** Presets in the order the form offers them. */
export const presetList: readonly ProviderPreset[] = presetIds.map((id) => ({ id, ...data[id] }));

/** One preset by id. */
export const presetOf = (id: PresetId): ProviderPreset => ({ id, ...data[id] });
