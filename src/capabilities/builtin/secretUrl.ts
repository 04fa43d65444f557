import { NodeError } from '../../engine/contract/index.ts';
import type { Remote } from '../remote.ts';
import type { ServiceDef } from '../service.ts';

/**
 * The webhook URL a `url` service's secret holds, with `query` set on it. A secret that is not an
 * http(s) URL stops the call before anything is sent, without repeating the secret.
 * @example await secretUrl(remote, discordWebhookService, { wait: 'true' })
 */
export async function secretUrl(
  remote: Remote,
  service: ServiceDef,
  query: Readonly<Record<string, string>> = {},
): Promise<string> {
  const secret = (await remote.secret()).trim();
  const url = URL.canParse(secret) ? new URL(secret) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new NodeError(
      'bad-secret',
      `the "${service.id}" connection's secret is not a webhook URL (${service.secretLabel})`,
      { path: `connections.${service.id}.secret`, unsent: true },
    );
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}
