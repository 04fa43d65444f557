import type { ELK } from 'elkjs/lib/elk-api';

let elk: Promise<ELK> | undefined;

/** ELK is large: it is fetched the first time something is laid out, then kept. */
export const loadElk = (): Promise<ELK> =>
  (elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK()));
