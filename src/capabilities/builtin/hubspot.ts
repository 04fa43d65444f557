import { z } from 'zod';
import { defineCapability } from '../define.ts';
import { defineService, digText } from '../service.ts';

// HubSpot CRM v3 with a private app's access token. Contacts are upserted by email (the batch
// upsert with `idProperty: email`, one input): repeating it sets the same values again. Notes
// have no idempotency key: one cut off mid-call is settled by a person, never repeated blindly.

const hubspotService = defineService({
  id: 'hubspot',
  title: 'HubSpot',
  docs: 'https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/guide',
  baseUrl: 'https://api.hubapi.com',
  auth: { scheme: 'bearer' },
  secretLabel: 'Private app access token (pat-…)',
  encoding: 'json',
  runsOn: 'server',
  // Errors are `{ status: 'error', message, correlationId, category }`.
  errorMessage: (body) => digText(body, 'message'),
  // A 429 has no Retry-After; it names its window (the ten-second rolling limit) in a header.
  slowDown: (status, headers) => {
    if (status !== 429) return undefined;
    const window = Number(headers.get('x-hubspot-ratelimit-interval-milliseconds'));
    return Number.isFinite(window) && window > 0 ? { afterMs: window } : {};
  },
  test: { method: 'GET', path: '/crm/v3/objects/contacts?limit=1' },
});

/** HubSpot stores every property value as a string. */
const value = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const id = z.union([z.string(), z.number()]).transform(String);
/** One upserted record; `new` says whether the upsert created it. */
const contact = z.looseObject({ id, new: z.boolean().default(false) });

export const hubspotUpsertContact = defineCapability({
  id: 'hubspot.upsertContact',
  title: 'Create or update a HubSpot contact',
  description:
    'Creates the contact with this email, or updates the one that has it (CRM v3 upsert).',
  sideEffect: 'write',
  service: hubspotService,
  input: z.object({
    email: z.string().email().max(320),
    firstName: z.string().max(200).optional(),
    lastName: z.string().max(200).optional(),
    company: z.string().max(200).optional(),
    phone: z.string().max(50).optional(),
    /** Other contact properties by their internal name (e.g. `lifecyclestage`). */
    properties: z.record(z.string().regex(/^[a-z0-9_]{1,100}$/), value).default({}),
  }),
  output: z.object({ contactId: z.string(), created: z.boolean() }),
  idempotency: 'naturally-idempotent',
  async call(input, { remote }) {
    const named = {
      ...(input.firstName !== undefined ? { firstname: input.firstName } : {}),
      ...(input.lastName !== undefined ? { lastname: input.lastName } : {}),
      ...(input.company !== undefined ? { company: input.company } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
    };
    const answer = await remote.send(
      {
        method: 'POST',
        path: '/crm/v3/objects/contacts/batch/upsert',
        body: {
          inputs: [
            {
              idProperty: 'email',
              id: input.email,
              properties: { ...input.properties, ...named, email: input.email },
            },
          ],
        },
      },
      z.looseObject({ results: z.tuple([contact]).rest(contact) }),
    );
    const [first] = answer.results;
    return { contactId: first.id, created: first.new };
  },
});

/** HubSpot's association type for "note to contact". */
const NOTE_TO_CONTACT = 202;

export const hubspotLogNote = defineCapability({
  id: 'hubspot.logNote',
  title: 'Log a note on a HubSpot contact',
  description: "Adds a note to a contact's timeline (CRM v3 notes, associated with the contact).",
  sideEffect: 'write',
  service: hubspotService,
  input: z.object({
    /** The contact's record id (hubspot.upsertContact's `contactId`). */
    contactId: z.string().min(1).max(20),
    body: z.string().min(1).max(65_536),
    /** When it happened, for the timeline; default now. */
    timestamp: z.string().datetime().optional(),
  }),
  output: z.object({ noteId: z.string() }),
  idempotency: 'none',
  async call(input, { remote, x }) {
    const note = await remote.send(
      {
        method: 'POST',
        path: '/crm/v3/objects/notes',
        body: {
          properties: {
            hs_note_body: input.body,
            hs_timestamp: input.timestamp ?? new Date(x.services.clock.now()).toISOString(),
          },
          associations: [
            {
              to: { id: input.contactId },
              types: [
                { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_TO_CONTACT },
              ],
            },
          ],
        },
      },
      z.looseObject({ id }),
    );
    return { noteId: note.id };
  },
  preview: (input) => ({
    kind: 'document',
    title: `Note on HubSpot contact ${input.contactId}`,
    body: input.body,
  }),
});
