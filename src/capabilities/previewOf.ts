import { capabilitiesById } from './registry.ts';
import { jsonPreview, previewByShape, type Preview } from './preview.ts';

/**
 * The human rendering of an approval's subject: by the capability it is for when that capability
 * has a preview and the subject is its input, else by its shape.
 * @example previewOf({ to: 'a@b.test', subject: 'Hi', body: 'Hello' }, 'email.send').kind // 'email'
 */
export function previewOf(subject: unknown, capability?: string): Preview {
  const def = capability === undefined ? undefined : capabilitiesById.get(capability);
  if (def?.preview) {
    const parsed = def.input.safeParse(subject);
    if (parsed.success) return def.preview(parsed.data) ?? jsonPreview(subject);
  }
  return previewByShape(subject);
}
