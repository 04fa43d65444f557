import type * as z from 'zod';

/** A message to the workers of the other tabs of this origin (a BroadcastChannel in the browser). */
export interface Channel<T> {
  post(message: T): void;
  listen(onMessage: (message: T) => void): void;
}

/** A channel over a BroadcastChannel; what arrives is parsed, anything else is ignored. */
export function broadcast<T>(channel: BroadcastChannel, schema: z.ZodType<T>): Channel<T> {
  return {
    post: (message) => channel.postMessage(message),
    listen: (onMessage) =>
      channel.addEventListener('message', (event: MessageEvent<unknown>) => {
        const parsed = schema.safeParse(event.data);
        if (parsed.success) onMessage(parsed.data);
      }),
  };
}
