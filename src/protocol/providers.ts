// The model-provider presets and settings helpers the page draws its forms from, without the AI
// SDK (the protocol may not import it).
export type { ListedModel } from '../agents/models.ts';
export { baseUrlOf, providerConfigSchema } from '../agents/providerConfig.ts';
export type { ProviderConfig } from '../agents/providerConfig.ts';
export { presetIds, presetList, presetOf } from '../agents/presets.ts';
export type { ModelPrice, PresetId } from '../agents/presets.ts';
