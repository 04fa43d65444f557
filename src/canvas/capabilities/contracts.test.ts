import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { userCapabilitySchema } from '../../flow/index.ts';
import { checkAgainst, parseJson } from './checkInput.ts';
import { contractFor, contractsOf, searchContracts } from './contracts.ts';
import { fieldRows, sampleOf } from './schemaFields.ts';

const lookup = userCapabilitySchema.parse({
  id: 'crm.lookup',
  title: 'Look up a contact',
  sideEffect: 'read',
  method: 'GET',
  url: 'https://crm.test/contacts/{{ input.email }}',
  input: [{ name: 'email', description: 'who' }],
  auth: { secret: 'CRM_KEY' },
});

describe('capability contracts', () => {
  it("lists the built-ins and the flow's own, and finds them by words", () => {
    const all = contractsOf([lookup]);
    expect(all.find((c) => c.id === 'crm.lookup')?.origin).toBe('flow');
    expect(searchContracts(all, 'send mail')[0]?.id).toBe('email.send');
    expect(searchContracts(all, 'contact').map((c) => c.id)).toEqual([
      'crm.upsertContact', // in id and title
      'hubspot.upsertContact', // in id and title
      'hubspot.logNote', // in the title
      'crm.lookup', // in the title
      'crm.logActivity', // only in the description
    ]);
    expect(searchContracts(all, 'money').every((c) => c.sideEffect === 'money')).toBe(true);
    expect(searchContracts(all, 'nothing-like-this')).toEqual([]);
  });

  it('describes idempotency and auth of a user-defined capability', () => {
    const c = contractFor('crm.lookup', [lookup]);
    expect(c?.idempotency).toBe('naturally-idempotent');
    expect(c?.auth).toMatch(/CRM_KEY \(bearer\)/);
    expect(contractFor('invoice.create', [])?.compensate).toBe('invoice.void');
  });

  it('shows input fields readably, nested lists included', () => {
    const rows = fieldRows(contractFor('invoice.create', [])!.input);
    expect(rows.map((r) => `${r.path}: ${r.type}${r.required ? ' *' : ''}`)).toEqual([
      'customer: text *',
      'currency: text *',
      'lines: list of object *',
      'lines[].description: text *',
      'lines[].quantity: number *',
      'lines[].unitPrice: number *',
    ]);
    expect(rows[1]?.notes).toEqual(['exactly 3 characters']);
    const email = fieldRows(contractFor('email.send', [])!.input);
    expect(email.find((r) => r.path === 'cc')).toMatchObject({
      required: false,
      type: 'list of text (email)',
    });
    expect(fieldRows(contractFor('crm.lookup', [lookup])!.input)[0]?.notes).toEqual(['who']);
  });

  it('prefills samples that pass their own schema', () => {
    for (const c of contractsOf([lookup])) {
      const checked = checkAgainst(c.input, sampleOf(c.input), 'input');
      expect(checked.ok ? c.id : `${c.id}: ${JSON.stringify(checked.problems)}`).toBe(c.id);
    }
  });

  it('explains bad input by path, and broken JSON by line and column', () => {
    const checked = checkAgainst(
      z.object({ lines: z.array(z.object({ q: z.number() })) }),
      { lines: [{ q: 'x' }] },
      'input',
    );
    expect(checked.ok ? [] : checked.problems.map((p) => p.path)).toEqual(['input.lines[0].q']);
    const broken = parseJson('{\n  "a": 1,\n}', 'input');
    expect(broken.ok ? '' : broken.problems[0]?.message).toMatch(/line 3, column 1/);
  });
});
