import { flow, link, node } from '../../unit/build.ts';

/**
 * A capability calling a path of `TestServer`'s echo, which says back the Authorization header it
 * received: how the secret tests make a remote quote a secret.
 */
export const echoCapability = (
  url: string,
  id: string,
  path: string,
  scheme = 'bearer',
  secret = 'ECHO_API_KEY',
) => ({
  id,
  title: `Call ${path}`,
  description: 'Calls a remote that says back what it received.',
  sideEffect: 'read',
  method: 'POST',
  url: `${url}${path}`,
  body: '{"text": "hello"}',
  auth: { secret, scheme },
  input: [],
});

/** start → one call of `capability` → output. */
export const oneCall = (capability: ReturnType<typeof echoCapability>) =>
  flow(
    `call-${capability.id}`,
    [
      node('start', 'start'),
      node('call', 'capability', { capability: capability.id, input: {} }),
      node('end', 'output'),
    ],
    [link('start', 'call'), link('call', 'end')],
    { capabilities: [capability] },
  );

/** The echo called once with the `ECHO_API_KEY` secret as a bearer token. */
export const echoFlow = (url: string) => oneCall(echoCapability(url, 'echo.ok', '/echo/ok'));
