import { runtimeSettingsSchema } from '../../protocol/index.ts';
import { ServerConnectionStore } from '../../storage/serverConnection.ts';
import { connectEngine, type EngineClient } from '../../worker/client.ts';
import { connectServer } from '../../worker/serverClient.ts';
import { switchingClient, type SwitchingClient } from '../../worker/switchClient.ts';

/** Where an older version kept the settings; the worker's IndexedDB holds them now. */
const LEGACY_KEY = 'aios.runtime-settings';

let client: SwitchingClient | undefined;
let connections: ServerConnectionStore | undefined;

/** Where the remembered workspace server is kept (IndexedDB). */
export function serverConnections(): ServerConnectionStore {
  return (connections ??= new ServerConnectionStore());
}

/**
 * The one engine of this tab, started on first use: the embedded worker, with runs sent to the
 * remembered workspace server when there is one. The worker reads its settings itself; settings
 * an older version left in localStorage are handed to it once and then removed.
 */
export function engine(): SwitchingClient {
  if (!client) {
    const worker = connectEngine();
    client = switchingClient(worker, (address) => connectServer(address));
    void moveLegacySettings(worker);
    const started = client;
    void serverConnections()
      .get()
      .then((saved) => {
        if (saved && started.where().kind === 'embedded') started.use(saved);
      })
      .catch(() => undefined);
  }
  return client;
}

async function moveLegacySettings(to: EngineClient): Promise<void> {
  const text = localStorage.getItem(LEGACY_KEY);
  if (text === null) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Unreadable text never reached a run either; nothing to move.
    localStorage.removeItem(LEGACY_KEY);
    return;
  }
  const parsed = runtimeSettingsSchema.safeParse(value);
  // Settings the engine could never take are dropped, as the old code ignored them.
  if (!parsed.success) return localStorage.removeItem(LEGACY_KEY);
  const result = await to.api.adoptSettings({ settings: parsed.data });
  // Kept when the worker refused it, so nothing is lost without a trace.
  if (result.ok) localStorage.removeItem(LEGACY_KEY);
}
