import type { EngineWhere } from '../../worker/switchClient.ts';

export type Tone = 'embedded' | 'connected' | 'connecting' | 'disconnected';

/** Where the app's runs go, as the header and connected views say it. */
export function describeWhere(where: EngineWhere): { tone: Tone; label: string; detail: string } {
  if (where.kind === 'embedded')
    return {
      tone: 'embedded',
      label: 'This browser',
      detail: 'Runs stay in this browser (works offline).',
    };
  const { link } = where;
  if (link.state === 'connected')
    return { tone: 'connected', label: 'Server', detail: `Connected to ${where.url}` };
  if (link.state === 'connecting')
    return { tone: 'connecting', label: 'Server', detail: `Connecting to ${where.url}…` };
  return {
    tone: 'disconnected',
    label: 'Server',
    detail: `Disconnected from ${where.url}: ${link.reason}. Retrying…`,
  };
}
