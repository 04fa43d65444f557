import { connectEngine, type EngineClient } from '../../worker/client.ts';
import type { RuntimeSettings } from '../../worker/protocol.ts';
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

export function applySettings(settings: RuntimeSettings): Promise<void> {
  return engine().api.configure(settings);
}
