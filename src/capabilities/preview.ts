/** What an approval would do, as a person reads it: an email, invoice lines, an HTTP request. */
export type Preview =
  | {
      readonly kind: 'email';
      readonly to: string;
      readonly cc: readonly string[];
      readonly subject: string;
      readonly body: string;
    }
  | {
      readonly kind: 'invoice';
      readonly customer: string;
      readonly currency: string;
      readonly lines: readonly InvoiceLine[];
      readonly total: number;
    }
  | {
      readonly kind: 'http';
      readonly method: string;
      readonly url: string;
      readonly headers: readonly { name: string; value: string; hidden: boolean }[];
      readonly body: string | null;
    }
  | { readonly kind: 'document'; readonly title: string; readonly body: string }
  | { readonly kind: 'json'; readonly text: string };

export interface InvoiceLine {
  readonly description: string;
  readonly quantity: number;
  readonly unitPrice: number;
  /** quantity × unit price, rounded to cents. */
  readonly amount: number;
}

type Rec = Readonly<Record<string, unknown>>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * Whether a header carries a credential, so previews never show its value. The idempotency key
 * is not a secret even though its name ends in "key".
 * @example isSecretHeader('Authorization') // true
 */
export function isSecretHeader(name: string, value = ''): boolean {
  const lower = name.toLowerCase();
  if (/^\s*(bearer|basic|token)\s/i.test(value)) return true;
  if (lower === 'idempotency-key') return false;
  return /auth|token|secret|password|passwd|cookie|session|api[-_]?key|signature/.test(lower);
}

/** An email's preview from `to`/`subject`/`body` (and `cc`); null when the shape is not one. */
export function emailPreview(s: Rec): Preview | null {
  if (!str(s['to']) || !str(s['subject']) || !str(s['body'])) return null;
  const cc = Array.isArray(s['cc']) ? s['cc'].filter(str) : [];
  return { kind: 'email', to: s['to'], cc, subject: s['subject'], body: s['body'] };
}

/** Invoice lines totalled to the cent; null when the shape is not one. */
export function invoicePreview(s: Rec): Preview | null {
  const raw = s['lines'];
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const lines: InvoiceLine[] = [];
  for (const line of raw) {
    if (!isRecord(line) || !num(line['quantity']) || !num(line['unitPrice'])) return null;
    const description = str(line['description']) ? line['description'] : '';
    const amount = cents(line['quantity'] * line['unitPrice']);
    lines.push({ description, quantity: line['quantity'], unitPrice: line['unitPrice'], amount });
  }
  return {
    kind: 'invoice',
    customer: str(s['customer']) ? s['customer'] : '',
    currency: str(s['currency']) ? s['currency'].toUpperCase() : '',
    lines,
    total: cents(lines.reduce((sum, l) => sum + l.amount, 0)),
  };
}

/** An HTTP request with credential headers hidden; null without a `url`. */
export function httpPreview(
  s: Rec,
  fallbackMethod: string,
  bodyKey: 'body' | 'payload',
): Preview | null {
  if (!str(s['url'])) return null;
  const headers = isRecord(s['headers'])
    ? Object.entries(s['headers']).map(([name, v]) => {
        const value = str(v) ? v : JSON.stringify(v);
        return { name, value, hidden: isSecretHeader(name, value) };
      })
    : [];
  const body = s[bodyKey];
  return {
    kind: 'http',
    method: (str(s['method']) ? s['method'] : fallbackMethod).toUpperCase(),
    url: s['url'],
    headers,
    body: body === undefined || body === null ? null : str(body) ? body : pretty(body),
  };
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2) ?? String(value);

/**
 * A preview guessed from the subject's shape: `to`/`subject`/`body` reads as an email, `lines` as an
 * invoice, `url` as a request, `title`/`body` as a document; anything else as JSON.
 * @example previewByShape({ url: 'https://x.test' }).kind // 'http'
 */
export function previewByShape(subject: unknown): Preview {
  const json: Preview = { kind: 'json', text: pretty(subject) };
  if (!isRecord(subject)) return json;
  const document =
    str(subject['title']) && str(subject['body'])
      ? ({ kind: 'document', title: subject['title'], body: subject['body'] } as const)
      : null;
  return (
    emailPreview(subject) ??
    invoicePreview(subject) ??
    httpPreview(subject, 'GET', 'body') ??
    document ??
    json
  );
}

export const jsonPreview = (subject: unknown): Preview => ({ kind: 'json', text: pretty(subject) });
