import * as z from 'zod';
import type { RuntimeSettings } from '../../worker/protocol.ts';

const KEY = 'aios.runtime-settings';

const endpoint = z.strictObject({
  baseUrl: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().optional(),
  secret: z.string().optional(),
});
export const settingsSchema = z.strictObject({
  providers: z.record(z.string(), endpoint).default({}),
  connections: z.record(z.string(), endpoint).default({}),
});

/** Settings saved in this browser; anything unreadable falls back to none, never to a half-parsed value. */
export function loadSettings(): RuntimeSettings {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? '{}'));
    return parsed.success ? parsed.data : { providers: {}, connections: {} };
  } catch {
    return { providers: {}, connections: {} };
  }
}

/** Parses settings text; on failure says where. */
export function parseSettings(
  text: string,
): { ok: true; value: RuntimeSettings } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: `${first?.path.join('.') || '(settings)'}: ${first?.message ?? 'invalid'}`,
    };
  }
  return { ok: true, value: parsed.data };
}

export function saveSettings(settings: RuntimeSettings): void {
  localStorage.setItem(KEY, JSON.stringify(settings));
}
