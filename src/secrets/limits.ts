/**
 * The shortest value the vault keeps. The engine masks every secret value it hands out wherever it
 * would be recorded, but not values this short (they would mangle ordinary text), so the vault
 * refuses them rather than keep a secret it cannot keep out of the logs.
 */
export const MIN_SECRET_LENGTH = 6;
