export { builtinCapabilities, builtinCapabilityIds } from './builtins.ts';
export type { CapabilitySpec } from './spec.ts';
