import { NodeError, type Execution } from '../engine/contract/index.ts';

/**
 * A vault secret's value for a call. A vault that cannot be read (locked) stops the call before
 * anything is sent; a secret that is not there makes the run wait until a person adds it.
 */
export async function secretValue(name: string, x: Execution<unknown>): Promise<string> {
  const secret = await x.services.secrets.get(name).catch((error: unknown) => {
    if (error instanceof NodeError) throw error;
    throw new NodeError(
      'secret-unavailable',
      error instanceof Error ? error.message : String(error),
      { path: `secrets.${name}`, unsent: true },
    );
  });
  if (secret === undefined)
    throw new NodeError('no-secret', `the secret "${name}" is not in the vault`, {
      path: `secrets.${name}`,
      needs: { kind: 'secret', name },
    });
  return secret;
}

/** The header a secret travels in: bearer (default), basic, or a header of its own. */
export async function authHeaders(
  secretName: string | undefined,
  x: Execution<unknown>,
  scheme = 'bearer',
  header?: string,
): Promise<Record<string, string>> {
  if (!secretName) return {};
  const secret = await secretValue(secretName, x);
  if (scheme === 'header') return { [header ?? 'x-api-key']: secret };
  if (scheme === 'basic') return { authorization: `Basic ${btoa(secret)}` };
  return { authorization: `Bearer ${secret}` };
}
