import {
  EngineError,
  NodeError,
  type Clock,
  type Connection,
  type Engine,
  type Need,
} from '../engine/index.ts';
import { VaultError, type SecretReader } from '../secrets/index.ts';
import type { Channel } from './channel.ts';
import {
  runtimeSettingsSchema,
  type RuntimeSettings,
  type SavedSettings,
  type SettingsSaved,
} from '../protocol/index.ts';
import { noSettings, type SettingsStore } from './settings.ts';

/** Tells the other tabs' workers the revision just saved. */
export type SettingsChannel = Channel<number>;

function parseSettings(value: unknown): RuntimeSettings {
  const parsed = runtimeSettingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new EngineError(
    'invalid-settings',
    `${first?.path.join('.') || '(settings)'}: ${first?.message ?? 'invalid'}`,
  );
}

/**
 * The settings one worker runs with. They are read from the store at start (before any run
 * resumes) and replaced whole, never merged, so a run never sees half of one save and half of
 * another; a newer revision (from another tab) always wins over an older one.
 */
export function settingsKeeper(store: SettingsStore, clock: Clock, channel?: SettingsChannel) {
  let current: SavedSettings = noSettings;
  // The engine keeps this object; it is refilled in place.
  const connections: Record<string, Connection> = {};
  const changed = new Set<(revision: number) => void>();
  const apply = (saved: SavedSettings) => {
    if (saved.revision < current.revision) return;
    current = saved;
    for (const name of Object.keys(connections)) delete connections[name];
    Object.assign(connections, saved.settings.connections);
    for (const listener of changed) listener(saved.revision);
  };
  const reload = async () => apply(await store.load());
  channel?.listen(() => void reload().catch(() => undefined));
  return {
    connections,
    current: () => current,
    /** Called with each revision applied (here, or from another tab). */
    onChange: (listener: (revision: number) => void) => void changed.add(listener),
    load: reload,
    async save(value: unknown, basedOn?: number): Promise<SettingsSaved> {
      const { saved, replaced } = await store.save(parseSettings(value), clock.now());
      apply(saved);
      channel?.post(saved.revision);
      const other = basedOn !== undefined && replaced.revision !== basedOn;
      return { saved, replacedOther: other ? replaced : null };
    },
    async adopt(value: unknown): Promise<boolean> {
      const adopted = await store.adopt(parseSettings(value), clock.now());
      if (adopted) {
        await reload();
        channel?.post(current.revision);
      }
      return adopted;
    },
  };
}

/**
 * The vault as runs read it: a locked vault (its passphrase not given since the worker started, as
 * after every reload) is something to set up, so the run waits for the unlock instead of failing.
 */
export function waitingForUnlock(secrets: SecretReader): SecretReader {
  return {
    get: (name) =>
      secrets.get(name).catch((error: unknown) => {
        if (error instanceof VaultError && error.code === 'locked')
          throw new NodeError('vault-locked', error.message, {
            path: `secrets.${name}`,
            needs: { kind: 'unlock', name },
          });
        throw error;
      }),
  };
}

/** Whether what a waiting run needs is there now. */
async function isSetUp(need: Need, settings: RuntimeSettings, secrets: SecretReader) {
  switch (need.kind) {
    case 'connection':
      return need.name in settings.connections;
    case 'provider':
      return need.name in settings.providers;
    case 'secret':
    case 'unlock':
      return (await secrets.get(need.name).catch(() => undefined)) !== undefined;
  }
}

/**
 * Lets every run waiting for a connection, secret or provider continue once it is set up: called
 * at start and after each settings save, secret change or unlock.
 */
export async function continueWaitingRuns(
  engine: Engine,
  settings: RuntimeSettings,
  secrets: SecretReader,
): Promise<void> {
  for (const waiting of await engine.pendingApprovals()) {
    const need = waiting.request.reason === 'setup' ? waiting.request.need : undefined;
    if (need && (await isSetUp(need, settings, secrets)))
      await engine.decide(waiting.key, { decision: 'approved' }).catch(() => undefined);
  }
}
