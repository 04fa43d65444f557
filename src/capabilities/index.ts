export { builtinCapabilities, builtinCapabilityIds } from './builtins.ts';
export { callCapability } from './call.ts';
export type { CallOptions } from './call.ts';
export { compensateEffect, settleEffect } from './compensate.ts';
export { performEffect } from './perform.ts';
export { resolveCapability } from './resolve.ts';
export type { Resolved } from './resolve.ts';
export type { CapabilitySpec } from './spec.ts';
