import type { AnyCapability, RunsOn } from './define.ts';
import * as discord from './builtin/discord.ts';
import * as generic from './builtin/generic.ts';
import * as github from './builtin/github.ts';
import * as hubspot from './builtin/hubspot.ts';
import * as notion from './builtin/notion.ts';
import * as slack from './builtin/slack.ts';
import { postmarkEmailSend } from './builtin/postmark.ts';
import { resendEmailSend } from './builtin/resend.ts';
import { smtpEmailSend } from './builtin/smtp.ts';
import * as stripe from './builtin/stripe.ts';
import { httpRequest, webhookPost } from './builtin/web.ts';
import * as workspace from './builtin/workspace.ts';
import type { ServiceDef } from './service.ts';

/**
 * Every capability that ships with the workspace, each defined once (`defineCapability`). Adding
 * a connector is its file and one line here.
 */
export const builtinCapabilities: readonly AnyCapability[] = [
  httpRequest,
  webhookPost,
  generic.emailSend,
  workspace.emailDraft,
  generic.invoiceCreate,
  generic.invoiceVoid,
  generic.crmUpsertContact,
  generic.crmLogActivity,
  workspace.memoryRemember,
  workspace.memoryRecall,
  workspace.notify,
  workspace.fileExport,
  slack.slackWebhookPost,
  slack.slackPostMessage,
  discord.discordWebhookPost,
  hubspot.hubspotUpsertContact,
  hubspot.hubspotLogNote,
  notion.notionAppendToDatabase,
  github.githubCreateIssue,
  github.githubComment,
  github.githubDispatchWorkflow,
  stripe.stripeCustomerFindOrCreate,
  stripe.stripeInvoiceCreate,
  stripe.stripeInvoiceVoid,
  resendEmailSend,
  postmarkEmailSend,
  smtpEmailSend,
];

function index(list: readonly AnyCapability[]): ReadonlyMap<string, AnyCapability> {
  const byId = new Map<string, AnyCapability>();
  for (const capability of list) {
    if (byId.has(capability.id)) throw new Error(`capability "${capability.id}" is defined twice`);
    byId.set(capability.id, capability);
  }
  for (const capability of list)
    if (capability.compensate && byId.get(capability.compensate.id) !== capability.compensate)
      throw new Error(
        `capability "${capability.id}" is undone by "${capability.compensate.id}", which is not registered`,
      );
  return byId;
}

export const capabilitiesById = index(builtinCapabilities);
export const builtinCapabilityIds: readonly string[] = [...capabilitiesById.keys()];

/** Where a built-in can run, for validation; user-defined ones run anywhere their URL answers. */
export const runsOn = (id: string): RunsOn => capabilitiesById.get(id)?.runsOn ?? 'anywhere';

/** The services the built-ins call, each once, in registry order (the Connections view lists them). */
export const services: readonly ServiceDef[] = [
  ...new Set(builtinCapabilities.flatMap((c) => (c.service ? [c.service] : []))),
];
