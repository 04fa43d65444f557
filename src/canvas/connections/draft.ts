import {
  presetOf,
  runtimeSettingsSchema,
  type PresetId,
  type ProviderConfig,
  type RuntimeSettings,
} from '../../protocol/index.ts';
import { serviceFor } from './services.ts';

/** One problem with the settings being edited, at a dotted path (`providers.default.baseUrl`). */
export interface DraftIssue {
  readonly path: string;
  readonly message: string;
}

type Checked =
  | { readonly ok: true; readonly settings: RuntimeSettings }
  | { readonly ok: false; readonly issues: readonly DraftIssue[] };

const pathOf = (path: readonly PropertyKey[]) => path.map(String).join('.') || '(settings)';

/**
 * Checks edited settings with the schema the worker uses, and each connection with its
 * service's own; every problem names its field, once.
 */
export function checkDraft(value: unknown): Checked {
  const parsed = runtimeSettingsSchema.safeParse(value);
  const issues: DraftIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
  const connections = parsed.success ? parsed.data.connections : {};
  for (const [name, connection] of Object.entries(connections)) {
    const own = serviceFor(name).fields.safeParse(connection);
    if (own.success) continue;
    for (const i of own.error.issues) {
      const path = pathOf(['connections', name, ...i.path]);
      if (!issues.some((known) => known.path === path)) issues.push({ path, message: i.message });
    }
  }
  return parsed.success && issues.length === 0
    ? { ok: true, settings: parsed.data }
    : { ok: false, issues };
}

/** The problems at or under one path, e.g. every problem of `providers.default`. */
export function issuesAt(issues: readonly DraftIssue[], path: string): readonly DraftIssue[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
}

/**
 * Which preset a saved provider is, also for settings from before presets: Anthropic, OpenAI's
 * default endpoint, or a URL of its own.
 */
export function presetOfConfig(config: ProviderConfig): PresetId {
  if (config.preset) return config.preset;
  if (config.kind === 'anthropic') return 'anthropic';
  return config.baseUrl ? 'custom' : 'openai';
}

/** A new provider from a preset: its kind, and its models at their list prices. */
export function fromPreset(id: PresetId, keep: ProviderConfig = {}): ProviderConfig {
  const preset = presetOf(id);
  const base = keep.baseUrl ?? preset.baseUrl;
  return {
    kind: preset.kind,
    preset: id,
    ...(preset.baseUrlVaries && base ? { baseUrl: base } : {}),
    ...(keep.secret ? { secret: keep.secret } : {}),
    models: { ...preset.models },
  };
}

/** A provider name not yet taken: `default` first, then `default-2`, … */
export function freeName(taken: readonly string[], base = 'default'): string {
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** Renames one key of a record, keeping the order of the others. */
export function renameKey<T>(
  record: Readonly<Record<string, T>>,
  from: string,
  to: string,
): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}
