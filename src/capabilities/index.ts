export {
  builtinCapabilities,
  builtinCapabilityIds,
  capabilitiesById,
  runsOn,
  services,
} from './registry.ts';
export { callCapability } from './call.ts';
export type { CallOptions } from './call.ts';
export { compensateEffect, settleEffect } from './compensate.ts';
export { defineCapability } from './define.ts';
export type { AnyCapability, CapabilityDef, Idempotency, RunsOn } from './define.ts';
export { performEffect } from './perform.ts';
export { previewOf } from './previewOf.ts';
export type { Preview } from './preview.ts';
export { resolveCapability } from './resolve.ts';
export type { Resolved } from './resolve.ts';
export type { ServiceDef } from './service.ts';
