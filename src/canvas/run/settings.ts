import { useSyncExternalStore } from 'react';
import {
  runtimeSettingsSchema,
  type SavedSettings,
  type SettingsSaved,
} from '../../protocol/index.ts';
import { engine } from './engine.ts';

let cached: SavedSettings | undefined;
const listeners = new Set<() => void>();
let watching = false;

function publish(saved: SavedSettings): void {
  if (cached && saved.revision < cached.revision) return;
  cached = saved;
  for (const listener of listeners) listener();
}

/** Reads the settings the worker uses now (it keeps them in IndexedDB). */
export async function readSettings(): Promise<SavedSettings | undefined> {
  const result = await engine().api.settings();
  if (result.ok) publish(result.value);
  return result.ok ? result.value : undefined;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!watching) {
    watching = true;
    engine().listen((heard) => {
      if (heard.kind === 'settings' || heard.kind === 'reset') void readSettings();
    });
    void readSettings();
  }
  return () => listeners.delete(listener);
}

/** The saved settings, kept current when this tab or another saves; undefined until read. */
export function useSavedSettings(): SavedSettings | undefined {
  return useSyncExternalStore(subscribe, () => cached);
}

/**
 * Saves settings text through the worker, which validates it and resolves once it is durable;
 * on failure says where.
 */
export async function saveSettingsText(
  text: string,
  basedOn: number | undefined,
): Promise<{ ok: true; value: SettingsSaved } | { ok: false; error: string }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return saveSettings(json, basedOn);
}

/**
 * Saves settings through the worker (one IndexedDB transaction) and resolves once durable; a
 * mistake is named by its path (`providers.default.baseUrl: …`).
 */
export async function saveSettings(
  value: unknown,
  basedOn: number | undefined,
): Promise<{ ok: true; value: SettingsSaved } | { ok: false; error: string }> {
  // Checked here too, so a mistake is named at once; the worker checks again.
  const parsed = runtimeSettingsSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: `${first?.path.join('.') || '(settings)'}: ${first?.message ?? 'invalid'}`,
    };
  }
  const result = await engine().api.configure({
    settings: parsed.data,
    ...(basedOn !== undefined ? { basedOn } : {}),
  });
  if (!result.ok) return { ok: false, error: result.error.message };
  publish(result.value.saved);
  return { ok: true, value: result.value };
}
