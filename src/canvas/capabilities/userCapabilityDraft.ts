import {
  sideEffectClasses,
  userCapabilitySchema,
  type Field,
  type SideEffectClass,
  type UserCapability,
} from '../../flow/index.ts';
import { builtinCapabilityIds } from '../../capabilities/registry.ts';
import { expressionSchema, templateSchema } from '../../nodes/common.ts';
import { pathOf, type Problem } from './checkInput.ts';

type Method = UserCapability['method'];
type Scheme = NonNullable<UserCapability['auth']>['scheme'];

/** A field of the form's input or output list, as typed. */
export interface FieldDraft {
  readonly name: string;
  readonly type: Field['type'];
  readonly required: boolean;
  readonly description: string;
}

/** The user-defined capability form's state: plain strings and lists, as a person types them. */
export interface CapabilityDraft {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly sideEffect: SideEffectClass;
  readonly method: Method;
  readonly url: string;
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly body: string;
  readonly authSecret: string;
  readonly authScheme: Scheme;
  readonly authHeader: string;
  readonly input: readonly FieldDraft[];
  readonly output: readonly FieldDraft[];
  readonly idempotencyHeader: string;
  readonly remoteDedupes: boolean;
  readonly responseMapping: string;
  /** Comma-separated HTTP statuses. */
  readonly retryOn: string;
  readonly compensate: string;
}

export const methods: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
export { sideEffectClasses };

/** The form's starting state: a fresh capability, or an existing one to edit. */
export function draftOf(cap?: UserCapability): CapabilityDraft {
  return {
    id: cap?.id ?? '',
    title: cap?.title ?? '',
    description: cap?.description ?? '',
    sideEffect: cap?.sideEffect ?? 'read',
    method: cap?.method ?? 'GET',
    url: cap?.url ?? '',
    headers: Object.entries(cap?.headers ?? {}).map(([name, value]) => ({ name, value })),
    body: cap?.body ?? '',
    authSecret: cap?.auth?.secret ?? '',
    authScheme: cap?.auth?.scheme ?? 'bearer',
    authHeader: cap?.auth?.header ?? '',
    input: cap?.input ?? [],
    output: cap?.output ?? [],
    idempotencyHeader: cap?.idempotency?.header ?? '',
    remoteDedupes: cap?.idempotency?.remoteDedupes ?? true,
    responseMapping: cap?.responseMapping ?? '',
    retryOn: (cap?.retryOn ?? [429, 502, 503, 504]).join(', '),
    compensate: cap?.compensate ?? '',
  };
}

type DraftCheck =
  | { readonly ok: true; readonly capability: UserCapability }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Turns the form into a flow document's capability and checks it the way an imported flow is
 * checked: the document schema, template and expression syntax, an id of its own, and a
 * compensation that exists. Problems carry the document path (`url`, `input[1].name`).
 * @example checkDraft({ ...draftOf(), id: 'crm.lookup', title: 'Look up', url: 'https://x.test' }, [], null, []).ok // true
 */
export function checkDraft(
  draft: CapabilityDraft,
  own: readonly UserCapability[],
  editing: string | null,
  known: readonly string[],
): DraftCheck {
  const problems: Problem[] = [];
  const retryOn: number[] = [];
  for (const s of draft.retryOn.split(',').map((t) => t.trim())) {
    if (!s) continue;
    const n = Number(s);
    if (Number.isInteger(n)) retryOn.push(n);
    else problems.push({ path: 'retryOn', message: `"${s}" is not an HTTP status` });
  }
  const headers: Record<string, string> = {};
  draft.headers.forEach((h, i) => {
    const name = h.name.trim();
    if (!name && !h.value) return;
    if (!name) problems.push({ path: `headers[${i}]`, message: 'give the header a name' });
    else if (name in headers)
      problems.push({ path: `headers[${i}]`, message: `"${name}" is set twice` });
    else headers[name] = h.value;
  });
  const raw = {
    id: draft.id.trim(),
    title: draft.title.trim(),
    description: draft.description,
    sideEffect: draft.sideEffect,
    method: draft.method,
    url: draft.url.trim(),
    headers,
    ...(draft.body ? { body: draft.body } : {}),
    ...(draft.authSecret.trim()
      ? {
          auth: {
            secret: draft.authSecret.trim(),
            scheme: draft.authScheme,
            ...(draft.authScheme === 'header' && draft.authHeader.trim()
              ? { header: draft.authHeader.trim() }
              : {}),
          },
        }
      : {}),
    input: draft.input,
    output: draft.output,
    ...(draft.responseMapping.trim() ? { responseMapping: draft.responseMapping.trim() } : {}),
    ...(draft.idempotencyHeader.trim()
      ? {
          idempotency: {
            header: draft.idempotencyHeader.trim(),
            remoteDedupes: draft.remoteDedupes,
          },
        }
      : {}),
    retryOn,
    ...(draft.compensate ? { compensate: draft.compensate } : {}),
  };
  const parsed = userCapabilitySchema.safeParse(raw);
  if (!parsed.success)
    for (const i of parsed.error.issues)
      problems.push({
        path: pathOf('', i.path),
        // Zod's "expected string to have >=1 characters" says "required" the long way.
        message:
          i.code === 'too_small' && i.minimum === 1 && i.origin === 'string'
            ? 'required'
            : i.message,
      });

  const template = (path: string, text: string | undefined) => {
    if (text === undefined) return;
    const checked = templateSchema.safeParse(text);
    if (!checked.success) problems.push({ path, message: checked.error.issues[0]?.message ?? '' });
  };
  template('url', raw.url);
  template('body', raw.body);
  for (const [name, value] of Object.entries(headers)) template(`headers.${name}`, value);
  if (raw.responseMapping) {
    const checked = expressionSchema.safeParse(raw.responseMapping);
    if (!checked.success)
      problems.push({ path: 'responseMapping', message: checked.error.issues[0]?.message ?? '' });
  }
  if (builtinCapabilityIds.includes(raw.id))
    problems.push({
      path: 'id',
      message: `"${raw.id}" is a built-in capability; pick your own id`,
    });
  else if (raw.id !== editing && own.some((c) => c.id === raw.id))
    problems.push({ path: 'id', message: `this flow already has a capability "${raw.id}"` });
  if (raw.compensate && !known.includes(raw.compensate) && raw.compensate !== raw.id)
    problems.push({ path: 'compensate', message: `there is no capability "${raw.compensate}"` });
  const names = new Set<string>();
  draft.input.forEach((f, i) => {
    if (names.has(f.name))
      problems.push({ path: `input[${i}].name`, message: `"${f.name}" is listed twice` });
    names.add(f.name);
  });

  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, capability: parsed.data };
}

/** The problems at a path of the document or under it. */
export function problemsAt(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter(
    (p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`),
  );
}

/** The flow's capabilities with one added, or replaced where it was (`editing` names it). */
export function withCapability(
  own: readonly UserCapability[],
  capability: UserCapability,
  editing: string | null,
): UserCapability[] {
  const at = editing === null ? -1 : own.findIndex((c) => c.id === editing);
  return at < 0 ? [...own, capability] : own.map((c, i) => (i === at ? capability : c));
}
