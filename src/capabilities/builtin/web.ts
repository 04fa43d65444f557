import { z } from 'zod';
import { defineCapability, transientStatuses } from '../define.ts';
import { sendHttp } from '../http.ts';
import { httpPreview } from '../preview.ts';

/** Any HTTP call; the flow gives the whole request, credentials included through templates. */
export const httpRequest = defineCapability({
  id: 'http.request',
  title: 'HTTP request',
  description: 'Any HTTP call, with templated URL, headers and body.',
  sideEffect: 'write',
  input: z.object({
    method: z.string().default('GET'),
    url: z.string().url(),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.unknown().optional(),
  }),
  output: z.object({
    status: z.number(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
  }),
  idempotency: 'none',
  call: (input, { x }) =>
    sendHttp(
      x.services.fetch,
      { method: input.method, url: input.url, headers: input.headers, body: input.body },
      transientStatuses,
      x.signal,
    ),
  preview: (input) => httpPreview(input, 'GET', 'body'),
});

/** A JSON POST to any URL, carrying the effect's key so a receiver can drop repeats. */
export const webhookPost = defineCapability({
  id: 'webhook.post',
  title: 'Post to a webhook',
  description: 'POSTs JSON to a URL, with an Idempotency-Key header.',
  sideEffect: 'external-message',
  input: z.object({ url: z.string().url(), payload: z.unknown() }),
  output: z.object({ status: z.number(), body: z.unknown() }),
  idempotency: 'remote-dedupes',
  async call(input, { x, key }) {
    const answer = await sendHttp(
      x.services.fetch,
      {
        method: 'POST',
        url: input.url,
        headers: { 'idempotency-key': key },
        body: input.payload ?? null,
      },
      transientStatuses,
      x.signal,
    );
    return { status: answer.status, body: answer.body };
  },
  preview: (input) => httpPreview({ ...input, method: 'POST' }, 'POST', 'payload'),
});
