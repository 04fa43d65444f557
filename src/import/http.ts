import type { Draft, DraftNode } from './draft.ts';
import { secretNameFor } from './draft.ts';
import type { Origin } from './make.ts';
import { node } from './make.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

/** An HTTP call as the importers read it; every text is already a Liquid template of ours. */
interface HttpCall {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
  /** The credential it authenticated with, by name (never its value). */
  readonly credential?: { readonly type: string; readonly name: string };
  /** JSONata over the response body giving the node's output (Node-RED puts it in `payload`). */
  readonly responseMapping?: string;
}

const HEADER = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

/**
 * An HTTP request becomes a capability of the flow's own (method, URL, headers, body, the secret
 * it authenticates with) and a Capability node calling it. The node passes the URL and body as the
 * call's input, rendered from its own context, so expressions keep working.
 */
export function httpNode(draft: Draft, origin: Origin, call: HttpCall): DraftNode {
  const upper = call.method.toUpperCase();
  const method: Method = METHODS.find((m) => m === upper) ?? 'GET';
  const made = node(draft, origin, 'capability', {});
  const id =
    `imported.${made.id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`.replace(
      /\.([^a-z])/,
      '.h$1',
    );
  const input: Record<string, string> = { url: call.url };
  const headers: Record<string, string> = {};
  call.headers.forEach(([name, value], i) => {
    if (!HEADER.test(name)) return;
    if (/\{[{%]/.test(value)) {
      input[`header${i + 1}`] = value;
      headers[name] = `{{ input.header${i + 1} }}`;
    } else headers[name] = value;
  });
  if (call.body !== undefined && method !== 'GET') input['body'] = call.body;
  const secret = call.credential
    ? secretNameFor(call.credential.name || call.credential.type)
    : undefined;
  if (call.credential)
    draft.credential(origin.name, call.credential.type, call.credential.name, secret);
  draft.capabilities.push({
    id,
    title: origin.name.slice(0, 120) || 'Imported HTTP request',
    description: `Imported from ${draft.format} (${origin.type}).`,
    sideEffect: method === 'GET' ? 'read' : 'write',
    method,
    url: '{{ input.url }}',
    headers,
    ...(input['body'] !== undefined ? { body: '{{ input.body }}' } : {}),
    ...(secret ? { auth: { secret, scheme: 'bearer' } } : {}),
    ...(call.responseMapping ? { responseMapping: call.responseMapping } : {}),
    input: Object.keys(input).map((name) => ({
      name,
      type: 'text',
      required: name === 'url',
      description: '',
    })),
  });
  made.data = { ...made.data, capability: id, input };
  draft.record(
    origin.name,
    origin.type,
    secret ? 'approximated' : 'mapped',
    made,
    secret
      ? `calls the flow's own capability "${id}"; its credential becomes the secret ${secret} (sent as a bearer token: check the scheme)`
      : `calls the flow's own capability "${id}"`,
  );
  return made;
}
