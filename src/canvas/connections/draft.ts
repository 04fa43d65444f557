import {
  presetOf,
  runtimeSettingsSchema,
  type PresetId,
  type ProviderConfig,
  type RuntimeSettings,
} from '../../protocol/index.ts';

/** One problem with the settings being edited, at a dotted path (`providers.default.baseUrl`). */
export interface DraftIssue {
  readonly path: string;
  readonly message: string;
}

export type Checked =
  | { readonly ok: true; readonly settings: RuntimeSettings }
  | { readonly ok: false; readonly issues: readonly DraftIssue[] };

/** Checks edited settings with the schema the worker uses; every problem names its field. */
export function checkDraft(value: unknown): Checked {
  const parsed = runtimeSettingsSchema.safeParse(value);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(settings)',
      message: i.message,
    })),
  };
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
