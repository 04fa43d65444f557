import type { RuntimeSettings } from '../../protocol/index.ts';
import { connectEngine, type EngineClient } from '../../worker/client.ts';
import { loadSettings } from './settings.ts';

let client: EngineClient | undefined;

/** The one engine worker of this tab, started on first use and configured from saved settings. */
export function engine(): EngineClient {
  if (!client) {
    client = connectEngine();
    void client.api.configure(loadSettings());
  }
  return client;
}

/** Hands the engine new settings; answers why it refused them, or null. */
export async function applySettings(settings: RuntimeSettings): Promise<string | null> {
  const result = await engine().api.configure(settings);
  return result.ok
    ? null
    : `${result.error.path ? `${result.error.path}: ` : ''}${result.error.message}`;
}
