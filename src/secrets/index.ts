export { SecretVault, VaultError } from './vault.ts';
export type { SecretInfo, SecretReader, VaultStatus } from './vault.ts';
