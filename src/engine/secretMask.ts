/** Shorter values are not masked: they would mangle ordinary text and hide nothing real. */
export const MIN_MASKED_LENGTH = 6;

const base64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/**
 * The forms a secret travels in: as is (also inside `Bearer …`), URL-encoded, JSON-escaped, and
 * base64 (as in Basic auth) at each of the three alignments it can have inside a longer base64
 * text, edges that mix with neighbouring bytes trimmed off.
 */
function formsOf(value: string): string[] {
  const bytes = new TextEncoder().encode(value);
  const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.set(bytes, shift);
    let text = base64(padded);
    if ((shift + bytes.length) % 3 !== 0) text = text.slice(0, -4);
    if (shift > 0) text = text.slice(4);
    if (text.length >= MIN_MASKED_LENGTH) forms.add(text);
  }
  return [...forms].filter((form) => form.length >= MIN_MASKED_LENGTH);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every secret value handed out in this session, and the masking of anything about to be recorded
 * or shown: each form of each value becomes `[secret NAME]`, the way CI systems mask logs.
 */
export class SecretMask {
  private readonly forms = new Map<string, string>();
  private pattern: RegExp | undefined;

  /** Remembers a value the vault handed out (and its encodings). */
  add(name: string, value: string): void {
    let changed = false;
    for (const form of formsOf(value)) {
      if (this.forms.has(form)) continue;
      this.forms.set(form, `[secret ${name}]`);
      changed = true;
    }
    if (!changed) return;
    // Longest first, so a value is masked whole before any of its parts.
    const all = [...this.forms.keys()].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(all.map(escape).join('|'), 'g');
  }

  text(text: string): string {
    return this.pattern ? text.replace(this.pattern, (form) => this.forms.get(form) ?? form) : text;
  }

  /** The value with every secret masked, in strings and keys at any depth; untouched parts are shared. */
  value<T>(value: T): T {
    return this.pattern ? (this.walk(value) as T) : value;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) {
      const items = value.map((item: unknown) => this.walk(item));
      return items.some((item, i) => item !== value[i]) ? items : value;
    }
    if (value === null || typeof value !== 'object' || !isPlain(value)) return value;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const k = this.text(key);
      const v = this.walk(item);
      if (k !== key || v !== item) changed = true;
      out[k] = v;
    }
    return changed ? out : value;
  }
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
