import { describe, expect, it } from 'vitest';
import { validateFlow, type UserCapability } from '../../flow/index.ts';
import { catalog } from '../../nodes/index.ts';
import { emptyFlow } from '../editor/ops.ts';
import {
  checkDraft,
  draftOf,
  problemsAt,
  withCapability,
  type CapabilityDraft,
} from './userCapabilityDraft.ts';

const good: CapabilityDraft = {
  ...draftOf(),
  id: 'acme.createTicket',
  title: 'Create a ticket',
  sideEffect: 'write',
  method: 'POST',
  url: 'https://acme.test/tickets',
  headers: [{ name: 'X-Team', value: '{{ input.team }}' }],
  body: '{"title": "{{ input.title }}"}',
  authSecret: 'ACME_TOKEN',
  input: [
    { name: 'title', type: 'text', required: true, description: '' },
    { name: 'team', type: 'text', required: false, description: '' },
  ],
  idempotencyHeader: 'Idempotency-Key',
  responseMapping: '{ "ticketId": id }',
  retryOn: '429, 503',
  compensate: 'acme.closeTicket',
};
const paths = (d: CapabilityDraft, own: UserCapability[] = [], editing: string | null = null) => {
  const checked = checkDraft(d, own, editing, ['acme.closeTicket']);
  return checked.ok ? [] : checked.problems.map((p) => p.path);
};

describe('the user-defined capability form', () => {
  it('produces a capability that a flow document accepts', () => {
    const checked = checkDraft(good, [], null, ['acme.closeTicket']);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    expect(checked.capability).toMatchObject({
      auth: { secret: 'ACME_TOKEN', scheme: 'bearer' },
      idempotency: { header: 'Idempotency-Key', remoteDedupes: true },
      retryOn: [429, 503],
      headers: { 'X-Team': '{{ input.team }}' },
    });
    const close = { ...checked.capability, id: 'acme.closeTicket', compensate: undefined };
    const flow = { ...emptyFlow('f', 'F'), capabilities: [checked.capability, close] };
    const result = validateFlow(flow, catalog);
    expect(result.issues.filter((i) => i.path.startsWith('capabilities'))).toEqual([]);
    // …and the form reads it back as it was typed.
    expect(draftOf(checked.capability)).toEqual({ ...good, retryOn: '429, 503' });
  });

  it('names the field of each mistake', () => {
    expect(paths({ ...good, id: 'Bad Id', url: '' })).toEqual(['id', 'url']);
    const empty = checkDraft({ ...good, title: ' ' }, [], null, ['acme.closeTicket']);
    expect(empty.ok ? [] : empty.problems).toEqual([{ path: 'title', message: 'required' }]);
    expect(paths({ ...good, url: 'https://x.test/{{ input.a ' })).toEqual(['url']);
    expect(paths({ ...good, responseMapping: '{ "a": ' })).toEqual(['responseMapping']);
    expect(paths({ ...good, retryOn: '429, soon' })).toEqual(['retryOn']);
    expect(paths({ ...good, authSecret: 'lowercase' })).toEqual(['auth.secret']);
    expect(paths({ ...good, compensate: 'acme.nothing' })).toEqual(['compensate']);
    expect(
      paths({ ...good, input: [...good.input, { ...good.input[0]!, name: 'title' }] }),
    ).toEqual(['input[2].name']);
    expect(paths({ ...good, input: [{ ...good.input[0]!, name: '1st' }] })).toEqual([
      'input[0].name',
    ]);
  });

  it('keeps ids unique, except the one being edited', () => {
    expect(paths({ ...good, id: 'email.send' })).toEqual(['id']);
    const existing = checkDraft(good, [], null, ['acme.closeTicket']);
    if (!existing.ok) throw new Error('invalid');
    expect(paths(good, [existing.capability])).toEqual(['id']);
    expect(paths({ ...good, title: 'Renamed' }, [existing.capability], good.id)).toEqual([]);
    const renamed = { ...existing.capability, title: 'Renamed' };
    expect(withCapability([existing.capability], renamed, good.id)).toEqual([renamed]);
    expect(withCapability([existing.capability], renamed, null)).toHaveLength(2);
    expect(problemsAt([{ path: 'input[0].name', message: 'x' }], 'input')).toHaveLength(1);
  });
});
