import { z } from 'zod';
import { defineCapability } from '../define.ts';
import { defineService, dig, digText } from '../service.ts';
import { secretUrl } from './secretUrl.ts';

// Discord webhooks: the webhook URL is the secret. `?wait=true` makes Discord answer with the
// message it created (otherwise 204 and a message that failed to save goes unreported). Webhooks
// take no nonce, so a post cut off mid-call is settled by a person, never repeated blindly.
//
// Runs on the server: Discord staff have said its API answers CORS, but webhook calls from pages
// are reported blocked (no Access-Control-Allow-Origin, and privacy extensions block
// discord.com/api/webhooks), and the URL would sit in the page. Not something to fail silently.

const discordWebhookService = defineService({
  id: 'discord-webhook',
  title: 'Discord webhook',
  docs: 'https://discord.com/developers/docs/resources/webhook#execute-webhook',
  auth: { scheme: 'url' },
  secretLabel: 'Webhook URL (https://discord.com/api/webhooks/…)',
  encoding: 'json',
  runsOn: 'server',
  // Errors are `{ message, code }`, e.g. 401 `{ message: 'Invalid Webhook Token', code: 50027 }`.
  errorMessage: (body) => digText(body, 'message'),
  // A 429 says how long to wait in its body too: `retry_after`, in seconds.
  slowDown: (status, _headers, body) => {
    if (status !== 429) return undefined;
    const after = dig(body, 'retry_after');
    return typeof after === 'number' && after >= 0 ? { afterMs: Math.ceil(after * 1000) } : {};
  },
  // GET on the webhook URL answers the webhook itself and posts nothing.
  test: { method: 'GET', path: '' },
});

export const discordWebhookPost = defineCapability({
  id: 'discord.webhook',
  title: 'Post to Discord (webhook)',
  description: 'Posts a message to the channel of a Discord webhook, and returns the message.',
  sideEffect: 'external-message',
  service: discordWebhookService,
  input: z.object({
    content: z.string().min(1).max(2000),
    /** Overrides the webhook's name for this message. */
    username: z.string().min(1).max(80).optional(),
    avatarUrl: z.string().url().optional(),
    /** Rich embeds, passed to Discord as given (up to 10). */
    embeds: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  }),
  output: z.object({ messageId: z.string(), channelId: z.string() }),
  idempotency: 'none',
  async call(input, { remote }) {
    const url = await secretUrl(remote, discordWebhookService, { wait: 'true' });
    const message = await remote.send(
      {
        method: 'POST',
        url,
        body: {
          content: input.content,
          ...(input.username ? { username: input.username } : {}),
          ...(input.avatarUrl ? { avatar_url: input.avatarUrl } : {}),
          ...(input.embeds ? { embeds: input.embeds } : {}),
          // Mentions in generated text ping nobody unless the flow says so in an embed.
          allowed_mentions: { parse: [] },
        },
      },
      z.looseObject({ id: z.string(), channel_id: z.string() }),
    );
    return { messageId: message.id, channelId: message.channel_id };
  },
  preview: (input) => ({
    kind: 'document',
    title: `Discord message${input.username ? ` as ${input.username}` : ''}`,
    body: input.content,
  }),
});
