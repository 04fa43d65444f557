export { callCapability } from './call.ts';
export { compensateEffect, settleEffect } from './compensate.ts';
export { resolveCapability } from './resolve.ts';
export type { Resolved } from './resolve.ts';
