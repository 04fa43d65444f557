import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/expressions.ts';
import { load } from './helpers.ts';

const scope = (input: unknown) => ({ input, run: { id: 'r', input: {} }, nodes: {} });

describe('the Node-RED importer', () => {
  it('resolves wires into edges and ports, across tabs, with loops through "again"', async () => {
    const { edges, report } = await load('node-red-alerts.json');
    expect(edges).toEqual(
      expect.arrayContaining([
        'read-sensor.out-too-hot.in',
        'too-hot.r1-mark-alert.in',
        'too-hot.else-normal.in',
        'each-row.body-pause.in',
        'pause.draft-each-row.again',
      ]),
    );
    expect(report.notes).toContain('2 tabs were imported into one flow, one below the other.');
  });

  it('maps inject and http in to the Start triggers', async () => {
    const { byId } = await load('node-red-alerts.json');
    expect(byId('every-5-minutes').data['triggers']).toEqual([
      { type: 'schedule', cron: '*/5 * * * *', timezone: 'UTC', missed: 'skip' },
      { type: 'webhook', secret: 'REPORT_HOOK_SECRET', auth: 'hmac-sha256' },
    ]);
  });

  it('translates switch rules and change rules into JSONata that does what they did', async () => {
    const { byId } = await load('node-red-alerts.json');
    const branches = byId('too-hot').data['branches'] as { when: string }[];
    const when = branches[0]?.when ?? '';
    expect(await evaluate(when, scope({ payload: { temperature: 31 } }))).toBe(true);
    expect(await evaluate(when, scope({ payload: { temperature: 20 } }))).toBe(false);
    const change = String(byId('mark-alert').data['expression']);
    expect(await evaluate(change, scope({ payload: 1 }))).toEqual({
      payload: 1,
      alert: true,
      topic: 'Too hot',
    });
  });

  it('translates mustache in templates and URLs, and wraps functions over msg', async () => {
    const { byId } = await load('node-red-alerts.json');
    expect(byId('message').data['template']).toBe(
      'Sensor {{ input.payload.id }} reads {{ input.payload.temperature }} degrees',
    );
    expect(byId('read-sensor').data['input']).toEqual({
      url: 'http://sensors.local/{{ input.payload.id }}',
    });
    expect(String(byId('shout').data['source'])).toContain('const msg = input;');
    expect(byId('ops-example-com').data).toMatchObject({ capability: 'email.send' });
  });

  it('lists comments and config nodes as not carried, unknown nodes as placeholders', async () => {
    const { report, byId, flow } = await load('node-red-alerts.json');
    const outcome = (name: string) => report.entries.find((e) => e.original === name)?.outcome;
    expect(outcome('Alert when over 30°C')).toBe('not-carried');
    expect(outcome('Local broker')).toBe('not-carried');
    expect(byId('publish')).toMatchObject({
      type: 'placeholder',
      data: { originalType: 'mqtt out' },
    });
    expect(flow.description).toContain('Checks sensor readings.');
    expect(report.credentials.map((c) => c.name)).toContain('Local broker');
  });
});
