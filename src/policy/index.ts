export { decide, safeDefaults } from './decide.ts';
export type { PolicyDecision } from './decide.ts';
