import { randomUUID } from 'node:crypto';
import { bearer, Loopback, type Answer, type Received } from './loopback.ts';

/**
 * HubSpot CRM v3, as documented: bearer private-app token; contacts batch upsert by
 * `idProperty: email`; notes with `hs_timestamp` required and associations to existing records;
 * errors `{ status: 'error', message, correlationId, category }`; a 429 names its policy
 * (`TEN_SECONDLY_ROLLING`) and comes with the X-HubSpot-RateLimit-* headers, no Retry-After.
 */
export class HubSpotStandIn extends Loopback {
  readonly token = 'pat-na1-standin-0000-1111';
  readonly contacts = new Map<string, { id: string; properties: Record<string, string> }>();
  readonly notes: { id: string; body: string; contactId: string }[] = [];
  private ids = 100;

  constructor() {
    super((request) => this.route(request));
  }

  /** A 429 from the ten-second rolling limit. */
  rateLimited(): Answer {
    return {
      status: 429,
      headers: {
        'x-hubspot-ratelimit-interval-milliseconds': '10000',
        'x-hubspot-ratelimit-max': '100',
        'x-hubspot-ratelimit-remaining': '0',
      },
      body: {
        status: 'error',
        message: 'You have reached your ten_secondly_rolling limit.',
        errorType: 'RATE_LIMIT',
        correlationId: randomUUID(),
        policyName: 'TEN_SECONDLY_ROLLING',
      },
    };
  }

  private error(status: number, category: string, message: string): Answer {
    return { status, body: { status: 'error', message, correlationId: randomUUID(), category } };
  }

  private route(request: Received): Answer {
    if (bearer(request) !== this.token)
      return this.error(
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      );
    const now = new Date(0).toISOString();
    if (request.method === 'GET' && request.path === '/crm/v3/objects/contacts') {
      const limit = Number(request.query.get('limit') ?? '10');
      const results = [...this.contacts.values()]
        .slice(0, limit)
        .map((c) => ({ ...c, createdAt: now, updatedAt: now, archived: false }));
      return { status: 200, body: { results } };
    }
    if (request.method === 'POST' && request.path === '/crm/v3/objects/contacts/batch/upsert') {
      const inputs = (request.json as { inputs?: unknown } | undefined)?.inputs;
      if (!Array.isArray(inputs) || inputs.length === 0)
        return this.error(
          400,
          'VALIDATION_ERROR',
          'Invalid input JSON on line 1: inputs must not be empty',
        );
      const results = [];
      for (const input of inputs as {
        id?: unknown;
        idProperty?: unknown;
        properties?: Record<string, string>;
      }[]) {
        if (input.idProperty !== 'email' || typeof input.id !== 'string')
          return this.error(400, 'VALIDATION_ERROR', 'idProperty must name a unique property');
        const existing = this.contacts.get(input.id);
        const contact = existing ?? { id: String(++this.ids), properties: {} };
        contact.properties = { ...contact.properties, ...input.properties, email: input.id };
        this.contacts.set(input.id, contact);
        results.push({
          ...contact,
          new: !existing,
          createdAt: now,
          updatedAt: now,
          archived: false,
        });
      }
      return {
        status: 200,
        body: { status: 'COMPLETE', results, startedAt: now, completedAt: now },
      };
    }
    if (request.method === 'POST' && request.path === '/crm/v3/objects/notes') {
      const body = request.json as
        | {
            properties?: Record<string, string>;
            associations?: { to?: { id?: string }; types?: { associationTypeId?: number }[] }[];
          }
        | undefined;
      if (!body?.properties?.['hs_timestamp'])
        return this.error(
          400,
          'VALIDATION_ERROR',
          'Property values were not valid: hs_timestamp is required',
        );
      const to = body.associations?.[0];
      const contactId = to?.to?.id ?? '';
      if (
        ![...this.contacts.values()].some((c) => c.id === contactId) ||
        to?.types?.[0]?.associationTypeId !== 202
      )
        return this.error(
          400,
          'VALIDATION_ERROR',
          `One or more associations are invalid: contact ${contactId} not found`,
        );
      const id = String(++this.ids);
      this.notes.push({ id, body: body.properties['hs_note_body'] ?? '', contactId });
      return {
        status: 201,
        body: { id, properties: body.properties, createdAt: now, updatedAt: now, archived: false },
      };
    }
    return this.error(404, 'OBJECT_NOT_FOUND', `no route ${request.method} ${request.path}`);
  }
}
