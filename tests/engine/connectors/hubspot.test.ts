import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/engine/index.ts';
import { HubSpotStandIn } from '../../stand-ins/hubspot.ts';
import {
  callFlow,
  crashScenario,
  engineFor,
  runOnce,
  standardScenarios,
  type ConnectorSpec,
} from './harness.ts';

let hubspot: HubSpotStandIn;
beforeEach(async () => (hubspot = await new HubSpotStandIn().start()));
afterEach(() => hubspot.stop());

const connect = (s: HubSpotStandIn, token: string) => ({
  connections: { hubspot: { baseUrl: s.url, secret: 'HUBSPOT_TOKEN' } },
  secrets: { HUBSPOT_TOKEN: token },
});

const upsert: ConnectorSpec<HubSpotStandIn> = {
  standIn: () => new HubSpotStandIn(),
  setup: (s) => connect(s, s.token),
  badKey: (s) => connect(s, 'pat-na1-revoked'),
  capability: 'hubspot.upsertContact',
  input: { email: 'pat@customer.test', firstName: 'Pat', company: 'Customer Ltd' },
  path: /^\/crm\/v3\/objects\/contacts\/batch\/upsert$/,
  applied: (s) => s.contacts.size,
  rateLimited: (s) => ({ answer: s.rateLimited(), waitMs: 10_000 }),
  serverError: { status: 502, body: { status: 'error', message: 'Bad Gateway' } },
};

const note: ConnectorSpec<HubSpotStandIn> = {
  ...upsert,
  setup: (s) => {
    s.contacts.set('pat@customer.test', { id: '101', properties: { email: 'pat@customer.test' } });
    return connect(s, s.token);
  },
  capability: 'hubspot.logNote',
  input: { contactId: '101', body: 'Called Pat: wants the annual plan.' },
  path: /^\/crm\/v3\/objects\/notes$/,
  applied: (s) => s.notes.length,
};

describe('HubSpot contact upsert against its stand-in', () => {
  standardScenarios(
    upsert,
    () => hubspot,
    (output, s) => {
      const contact = s.contacts.get('pat@customer.test');
      expect(output).toEqual({ contactId: contact?.id, created: true });
      expect(contact?.properties).toEqual({
        email: 'pat@customer.test',
        firstname: 'Pat',
        company: 'Customer Ltd',
      });
      expect(s.received[0]?.headers['authorization']).toBe(`Bearer ${s.token}`);
    },
  );

  it('updates the contact that has the email the second time, creating none', async () => {
    await runOnce(upsert, hubspot);
    const { effects } = await runOnce(upsert, hubspot, 'good', {
      email: 'pat@customer.test',
      lastName: 'Lee',
    });
    expect(effects[0]?.output).toMatchObject({ created: false });
    expect(hubspot.contacts.size).toBe(1);
    expect(hubspot.contacts.get('pat@customer.test')?.properties).toMatchObject({
      firstname: 'Pat',
      lastname: 'Lee',
    });
  });

  it('repeats an upsert cut off by a crash without asking, as it changes nothing twice', async () => {
    const store = new MemoryStore();
    const first = engineFor(upsert, hubspot, store).engine;
    const arrived = hubspot.holdNext(upsert.path);
    const run = await first.start(callFlow(upsert.capability, upsert.input), upsert.input);
    await arrived;
    await run.flushed();
    first.halt();
    await expect(run.done).rejects.toThrow();
    const after = engineFor(upsert, hubspot, store).engine;
    const [resumed] = await after.resumeAll('crash');
    expect((await resumed!.done).status).toBe('succeeded');
    expect(await after.pendingApprovals(run.runId)).toEqual([]);
    expect(hubspot.to(upsert.path)).toHaveLength(2);
    expect(hubspot.contacts.size).toBe(1);
  });
});

describe('HubSpot note against its stand-in', () => {
  standardScenarios(
    note,
    () => hubspot,
    (output, s) => {
      expect(output).toEqual({ noteId: s.notes[0]?.id });
      expect(s.notes[0]).toMatchObject({
        contactId: '101',
        body: 'Called Pat: wants the annual plan.',
      });
      const sent = s.received[0]?.json as { properties: { hs_timestamp: string } };
      expect(sent.properties.hs_timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(sent).toMatchObject({
        associations: [
          {
            to: { id: '101' },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }],
          },
        ],
      });
    },
  );
  crashScenario(note, () => hubspot);

  it("names HubSpot's own message when it refuses the note", async () => {
    const { record } = await runOnce(note, hubspot, 'good', { contactId: '999', body: 'Hi' });
    expect(record.status).toBe('failed');
    expect(record.error?.message).toMatch(
      /HubSpot answered POST \/crm\/v3\/objects\/notes with 400: .*contact 999 not found/,
    );
  });
});
