interface PersistenceResult {
  readonly persisted: boolean;
  /** What to tell the user. */
  readonly message: string;
}

/**
 * Asks the browser to keep this site's storage under pressure instead of evicting it, and says
 * what it answered. Browsers may refuse (Chromium grants it to bookmarked or installed sites).
 */
export async function requestPersistence(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator
    ?.storage,
): Promise<PersistenceResult> {
  if (!storage?.persist)
    return {
      persisted: false,
      message: 'This browser cannot keep storage persistent: back up memory regularly.',
    };
  try {
    if (await storage.persisted()) return { persisted: true, message: 'Storage is persistent.' };
    const granted = await storage.persist();
    return granted
      ? { persisted: true, message: 'Storage is persistent.' }
      : {
          persisted: false,
          message:
            'The browser refused persistent storage, so it may evict memory when disk runs low: back up regularly (installing or bookmarking the app helps).',
        };
  } catch (error) {
    return {
      persisted: false,
      message: `Asking for persistent storage failed (${error instanceof Error ? error.message : String(error)}): back up regularly.`,
    };
  }
}
