import { listModels, ModelListError, presetOf, type ListedModel } from '../agents/index.ts';
import type { ProviderConfig } from '../agents/index.ts';
import type { Clock } from '../engine/index.ts';
import type { SecretReader } from '../secrets/index.ts';
import type { ConnectionTested } from '../protocol/index.ts';
import { services } from '../capabilities/registry.ts';

const TIMEOUT_MS = 20_000;

interface Deps {
  readonly fetch: typeof fetch;
  readonly secrets: SecretReader;
  readonly clock: Clock;
}

async function keyOf(secrets: SecretReader, name: string | undefined, what: string) {
  if (!name) return undefined;
  const value = await secrets.get(name);
  if (value === undefined)
    throw new ModelListError(
      'key-refused',
      `the key "${name}" of ${what} is not in this browser's vault: add it under that name`,
    );
  return value;
}

/**
 * A provider's model list through the engine, which holds the key (the page never sees it):
 * the Test connection of the Providers form. A preset that needs a key and has none is refused
 * before anything is sent.
 */
export async function providerModels(
  deps: Deps,
  name: string,
  provider: ProviderConfig,
): Promise<{ models: ListedModel[]; ms: number }> {
  const title = provider.preset ? presetOf(provider.preset).title : `provider "${name}"`;
  if (provider.preset && presetOf(provider.preset).needsKey && !provider.secret && !provider.apiKey)
    throw new ModelListError('key-refused', `${title} needs an API key: pick or add one`);
  const key = (await keyOf(deps.secrets, provider.secret, title)) ?? provider.apiKey;
  const started = deps.clock.now();
  const models = await listModels(
    provider,
    key,
    deps.fetch,
    AbortSignal.timeout(TIMEOUT_MS),
    title,
  );
  return { models, ms: deps.clock.now() - started };
}

/**
 * One harmless read of a connection: the service's own test read (its auth scheme, headers and
 * default base URL) when the registry knows it, else `GET baseUrl + path` with the secret as a
 * bearer token. Any answer but 401/403 means the service is there and took (or did not need) the
 * key. A service that refuses web pages is not tried from here: it needs the workspace server.
 */
export async function testConnection(
  deps: Deps,
  params: { service?: string; baseUrl?: string; secret?: string | undefined; path: string },
): Promise<ConnectionTested> {
  const service = services.find((s) => s.id === params.service);
  const title = service?.title ?? 'this connection';
  if (service?.runsOn === 'server')
    throw new ModelListError(
      'unreachable',
      `${service.title} does not take calls from a web page: test it, and run the flows that use it, on the workspace server (npx aios serve)`,
    );
  const base = params.baseUrl ?? service?.baseUrl;
  if (!base) throw new ModelListError('unreachable', `${title} has no base URL: give one`);
  const key = await keyOf(deps.secrets, params.secret, title);
  const url = `${base.replace(/\/+$/, '')}${service?.test?.path ?? params.path}`;
  const auth: Record<string, string> = !key
    ? {}
    : service?.auth.scheme === 'header'
      ? { [service.auth.header]: key }
      : { authorization: `Bearer ${key}` };
  const started = deps.clock.now();
  let response: Response;
  try {
    response = await deps.fetch(url, {
      method: 'GET',
      headers: { ...service?.headers, ...auth },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ModelListError(
      'unreachable',
      `the browser could not reach ${url}: the service is not running there, or it refuses calls from a web page (CORS); this service may need the workspace server`,
    );
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status === 401 || response.status === 403)
    throw new ModelListError(
      'key-refused',
      `the key was refused: ${url} answered ${response.status}`,
      response.status,
    );
  return { status: response.status, ms: deps.clock.now() - started };
}
