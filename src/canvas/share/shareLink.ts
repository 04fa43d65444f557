import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { Flow } from '../../flow/index.ts';

const PREFIX = '#share=';

/**
 * A link that carries the whole flow, compressed, in the URL fragment: the fragment never reaches
 * a server. Flows name secrets and never hold their values, so the link holds no secret.
 * @example shareLink(flow, 'https://app.example/') // 'https://app.example/#share=N4Ig…'
 */
export function shareLink(flow: Flow, base: string): string {
  const url = new URL(base);
  url.hash = '';
  return `${url.toString()}${PREFIX}${compressToEncodedURIComponent(JSON.stringify(flow))}`;
}

/** The flow text a share fragment carries, or `undefined` when the fragment is not a share link. */
export function readShareFragment(hash: string): string | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  return decompressFromEncodedURIComponent(hash.slice(PREFIX.length)) || undefined;
}
