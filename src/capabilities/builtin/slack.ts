import { z } from 'zod';
import { defineCapability } from '../define.ts';
import { defineService, dig, digText } from '../service.ts';
import { secretUrl } from './secretUrl.ts';

// Slack, two ways in: an incoming webhook (the URL is the secret; one channel) and the Web API's
// chat.postMessage with a bot token (any channel the bot is in). Slack refuses calls from web
// pages for tokens, and neither has an idempotency key: a post cut off mid-call is settled by a
// person, never repeated blindly.

/** Slack Web API errors that mean the token itself was refused (as a 401 would). */
const refusedKey = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);
/** Errors that mean the token lacks a permission (as a 403 would). */
const forbidden = new Set([
  'missing_scope',
  'not_allowed_token_type',
  'no_permission',
  'access_denied',
  'ekm_access_denied',
  'team_access_not_granted',
]);
/** Errors Slack documents as "it's possible some aspect of the operation succeeded". */
const mayHaveHappened = new Set(['internal_error', 'fatal_error']);

/**
 * The HTTP status a Slack Web API answer amounts to: Slack answers most failures with 200 and
 * `{ ok: false, error }`; none for `ok: true`.
 * @example slackStatus({ ok: false, error: 'invalid_auth' }) // 401
 */
function slackStatus(body: unknown): number | 'unknown' | undefined {
  if (dig(body, 'ok') !== false) return undefined;
  const error = digText(body, 'error') ?? '';
  if (refusedKey.has(error)) return 401;
  if (forbidden.has(error)) return 403;
  if (error === 'ratelimited' || error === 'rate_limited') return 429;
  if (error === 'service_unavailable' || error === 'request_timeout') return 503;
  if (mayHaveHappened.has(error)) return 'unknown';
  return 400;
}

const slackService = defineService({
  id: 'slack',
  title: 'Slack',
  docs: 'https://docs.slack.dev/reference/methods/chat.postMessage',
  baseUrl: 'https://slack.com/api',
  auth: { scheme: 'bearer' },
  secretLabel: 'Bot token (xoxb-…)',
  encoding: 'json',
  runsOn: 'server',
  errorMessage: (body) => digText(body, 'error'),
  refusal: slackStatus,
  test: { method: 'GET', path: '/auth.test' },
});

const slackWebhookService = defineService({
  id: 'slack-webhook',
  title: 'Slack incoming webhook',
  docs: 'https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks',
  auth: { scheme: 'url' },
  secretLabel: 'Webhook URL (https://hooks.slack.com/services/…)',
  encoding: 'json',
  runsOn: 'server',
  // Webhooks answer in plain text: `ok`, or an error word such as `invalid_payload` or `no_service`.
  errorMessage: (body) =>
    typeof body === 'string' && /^[a-z_]{1,64}$/.test(body.trim()) ? body.trim() : undefined,
});

const text = z.string().min(1).max(40_000);
/** Block Kit blocks, passed to Slack as given (Slack validates them: `invalid_blocks`). */
const blocks = z.array(z.record(z.string(), z.unknown())).max(50).optional();

export const slackWebhookPost = defineCapability({
  id: 'slack.webhook',
  title: 'Post to Slack (incoming webhook)',
  description: "Posts a message to the channel of a Slack incoming webhook (the connection's URL).",
  sideEffect: 'external-message',
  service: slackWebhookService,
  input: z.object({ text, blocks }),
  output: z.object({ delivered: z.literal(true) }),
  idempotency: 'none',
  async call(input, { remote }) {
    const url = await secretUrl(remote, slackWebhookService);
    await remote.send(
      {
        method: 'POST',
        url,
        body: { text: input.text, ...(input.blocks ? { blocks: input.blocks } : {}) },
      },
      z.literal('ok'),
    );
    return { delivered: true as const };
  },
  preview: (input) => ({
    kind: 'document',
    title: 'Slack message (incoming webhook)',
    body: input.text,
  }),
});

export const slackPostMessage = defineCapability({
  id: 'slack.postMessage',
  title: 'Post a Slack message',
  description: 'Posts a message to a Slack channel as the bot (chat.postMessage).',
  sideEffect: 'external-message',
  service: slackService,
  input: z.object({
    channel: z.string().min(1).max(200),
    text,
    blocks,
    /** Replies in the thread of this message's `ts`. */
    threadTs: z
      .string()
      .regex(/^\d+\.\d+$/)
      .optional(),
  }),
  output: z.object({ channel: z.string(), ts: z.string() }),
  idempotency: 'none',
  async call(input, { remote }) {
    const answer = await remote.send(
      {
        method: 'POST',
        path: '/chat.postMessage',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: {
          channel: input.channel,
          text: input.text,
          ...(input.blocks ? { blocks: input.blocks } : {}),
          ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
        },
      },
      z.looseObject({ ok: z.literal(true), channel: z.string(), ts: z.string() }),
    );
    return { channel: answer.channel, ts: answer.ts };
  },
  preview: (input) => ({
    kind: 'document',
    title: `Slack message to ${input.channel}${input.threadTs ? ' (in a thread)' : ''}`,
    body: input.text,
  }),
});
