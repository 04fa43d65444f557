// Which model services the workspace knows by name: their documented endpoints, how they sign
// in, where they list models, and starting prices. Pure data (no AI SDK), so the page, the
// protocol and the settings schema share it.

/** How a provider is spoken to: an OpenAI-compatible API, or Anthropic's Messages API. */
export type ProviderKind = 'openai-compatible' | 'anthropic';

/** USD per million tokens. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
}

export interface ProviderPreset {
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

// Base URLs as each provider documents them for OpenAI-compatible clients (Gemini's
// compatibility endpoint, Groq's `/openai/v1`, OpenRouter's `/api/v1`); Anthropic's own API.
// Prices are starting points (the providers' list prices when this was written): the person
// edits them, and OpenRouter's model list brings its own.
const data: Record<PresetId, Omit<ProviderPreset, 'id'>> = {
  openai: {
    title: 'OpenAI',
    kind: 'openai-compatible',
    baseUrl: 'https://api.openai.com/v1',
    baseUrlVaries: false,
    needsKey: true,
    listsModels: true,
    models: {
      'gpt-4o-mini': { input: 0.15, output: 0.6 },
      'gpt-4o': { input: 2.5, output: 10 },
      'gpt-4.1-mini': { input: 0.4, output: 1.6 },
      'gpt-4.1': { input: 2, output: 8 },
    },
    help: 'A key from platform.openai.com → API keys.',
  },
  anthropic: {
    title: 'Anthropic',
    kind: 'anthropic',
    baseUrl: 'https://api.anthropic.com/v1',
    baseUrlVaries: false,
    needsKey: true,
    listsModels: true,
    models: {
      'claude-haiku-4-5': { input: 1, output: 5 },
      'claude-sonnet-4-5': { input: 3, output: 15 },
      'claude-opus-4-1': { input: 15, output: 75 },
    },
    help: 'A key from console.anthropic.com → API keys.',
  },
  gemini: {
    title: 'Google Gemini',
    kind: 'openai-compatible',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
    baseUrlVaries: false,
    needsKey: true,
    listsModels: true,
    models: {
      'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
      'gemini-2.5-flash': { input: 0.3, output: 2.5 },
      'gemini-2.5-pro': { input: 1.25, output: 10 },
    },
    help: 'A key from Google AI Studio; calls go through Gemini’s OpenAI-compatible endpoint.',
  },
  openrouter: {
    title: 'OpenRouter',
    kind: 'openai-compatible',
    baseUrl: 'https://openrouter.ai/api/v1',
    baseUrlVaries: false,
    needsKey: true,
    listsModels: true,
    models: { 'openai/gpt-4o-mini': { input: 0.15, output: 0.6 } },
    help: 'A key from openrouter.ai → Keys; its model list carries each model’s price.',
  },
  groq: {
    title: 'Groq',
    kind: 'openai-compatible',
    baseUrl: 'https://api.groq.com/openai/v1',
    baseUrlVaries: false,
    needsKey: true,
    listsModels: true,
    models: {
      'llama-3.1-8b-instant': { input: 0.05, output: 0.08 },
      'llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
    },
    help: 'A key from console.groq.com → API keys.',
  },
  mistral: {
    title: 'Mistral',
    kind: 'openai-compatible',
    baseUrl: 'https://api.mistral.ai/v1',
    baseUrlVaries: false,
    needsKey: true,
    listsModels: true,
    models: {
      'mistral-small-latest': { input: 0.1, output: 0.3 },
      'mistral-large-latest': { input: 2, output: 6 },
    },
    help: 'A key from console.mistral.ai → API keys.',
  },
  ollama: {
    title: 'Ollama',
    kind: 'openai-compatible',
    baseUrl: 'http://localhost:11434/v1',
    baseUrlVaries: true,
    needsKey: false,
    listsModels: true,
    models: {},
    help: 'Models on this computer; start Ollama and pull a model first (no key).',
  },
  lmstudio: {
    title: 'LM Studio',
    kind: 'openai-compatible',
    baseUrl: 'http://localhost:1234/v1',
    baseUrlVaries: true,
    needsKey: false,
    listsModels: true,
    models: {},
    help: 'Start the server in LM Studio’s Developer tab (no key unless you turned one on).',
  },
  custom: {
    title: 'Other OpenAI-compatible URL',
    kind: 'openai-compatible',
    baseUrl: '',
    baseUrlVaries: true,
    needsKey: false,
    listsModels: true,
    models: {},
    help: 'Any server speaking the OpenAI API: vLLM, llama.cpp, a gateway. Give its URL up to /v1.',
  },
};

/** Presets in the order the form offers them. */
export const presetList: readonly ProviderPreset[] = presetIds.map((id) => ({ id, ...data[id] }));

/** One preset by id. */
export const presetOf = (id: PresetId): ProviderPreset => ({ id, ...data[id] });
