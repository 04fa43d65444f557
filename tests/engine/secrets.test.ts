import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretVault } from '../../src/secrets/index.ts';
import { agentFlow } from './harness/agentFlow.ts';
import { schemaAnswer, toolCalls, toolResultsOf } from './harness/llmScript.ts';
import { createWorld, type World } from './harness/world.ts';

const SECRET = 'notes-token-5f2c9a71e0';

/** A user-defined capability that authenticates with a vault secret as a bearer token. */
const notesCapability = (url: string) => ({
  id: 'notes.add',
  title: 'Add a note',
  description: 'Adds a note to the notes API.',
  sideEffect: 'write',
  method: 'POST',
  url: `${url}/api/notes`,
  body: '{"text": {{ input.text | json }}}',
  auth: { secret: 'NOTES_API_KEY', scheme: 'bearer' },
  input: [{ name: 'text', type: 'text', required: true, description: 'The note' }],
  idempotency: { header: 'Idempotency-Key', remoteDedupes: true },
});

describe('a secret used by a capability stays in the vault', () => {
  let world: World;
  let vault: SecretVault;
  beforeEach(async () => {
    vault = new SecretVault(
      `aios-secrets-${crypto.randomUUID()}`,
      { indexedDB, IDBKeyRange },
      undefined,
      1_000,
    );
    await vault.set('NOTES_API_KEY', SECRET);
    await vault.protect('a long passphrase');
    world = await createWorld({ secrets: vault });
  });
  afterEach(async () => {
    vault.close();
    await world.server.stop();
  });

  it('reaches the remote in the Authorization header, and nowhere in the log, ledger or export', async () => {
    const flow = agentFlow({
      tools: ['notes.add'],
      capabilities: [notesCapability(world.server.url)],
    });
    world.server.scriptLlm((req) =>
      toolResultsOf(req.messages).length === 0
        ? toolCalls({ name: 'notes_add', args: { text: 'Call Pat on Monday' } })
        : schemaAnswer(req.messages, { note: 'noted' }),
    );
    const run = await world.engine().start(flow, { contact: 'pat@customer.test' });
    const record = await run.done;
    expect(record.status).toBe('succeeded');

    const call = world.server.requests.find((r) => r.path === '/api/notes');
    expect(call).toMatchObject({ auth: `Bearer ${SECRET}`, body: { text: 'Call Pat on Monday' } });

    const events = JSON.stringify(await world.store.events(run.runId));
    const effects = JSON.stringify(await world.store.effects(run.runId));
    expect(events).toContain('notes.add');
    expect(effects).toContain('Call Pat on Monday');
    for (const text of [events, effects, JSON.stringify(record), JSON.stringify(flow, null, 2)])
      expect(text).not.toContain(SECRET);
    // The flow names the secret; the vault holds it.
    expect(JSON.stringify(flow)).toContain('NOTES_API_KEY');
  });

  it('asks for approval with the request it would send, naming the secret but never showing it', async () => {
    await vault.unlock('a long passphrase');
    const flow = agentFlow({
      tools: ['notes.add'],
      capabilities: [notesCapability(world.server.url)],
      policies: { rules: [{ id: 'notes-ask', capability: 'notes.add', decision: 'approve' }] },
    });
    world.server.scriptLlm((req) =>
      toolResultsOf(req.messages).length === 0
        ? toolCalls({ name: 'notes_add', args: { text: 'Call Pat on Monday' } })
        : schemaAnswer(req.messages, { note: 'noted' }),
    );
    const engine = world.engine();
    const run = await engine.start(flow, { contact: 'pat@customer.test' });
    let pending = await engine.pendingApprovals(run.runId);
    for (let i = 0; i < 100 && pending.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      pending = await engine.pendingApprovals(run.runId);
    }
    const ask = pending[0]!;
    expect(ask.request.request).toEqual({
      method: 'POST',
      url: `${world.server.url}/api/notes`,
      headers: { authorization: '(secret NOTES_API_KEY)' },
      body: '{"text": "Call Pat on Monday"}',
    });
    expect(JSON.stringify(ask)).not.toContain(SECRET);
    expect(world.server.count(/^\/api\/notes/).requests).toBe(0);
    await engine.decide(ask.key, { decision: 'approved' });
    expect((await run.done).status).toBe('succeeded');
    expect(world.server.requests.find((r) => r.path === '/api/notes')).toMatchObject({
      auth: `Bearer ${SECRET}`,
    });
  });

  it('fails the call with a clear error while the vault is locked, and sends nothing', async () => {
    vault.lock();
    const flow = agentFlow({
      tools: ['notes.add'],
      capabilities: [notesCapability(world.server.url)],
    });
    world.server.scriptLlm(() => toolCalls({ name: 'notes_add', args: { text: 'x' } }));
    const record = await (await world.engine().start(flow, { contact: 'p' })).done;
    expect(record.status).toBe('failed');
    const failed = (await world.store.events(record.id)).find((e) => e.type === 'run.failed');
    expect(JSON.stringify(failed)).toMatch(/vault is locked/);
    expect(world.server.count(/^\/api\/notes/).requests).toBe(0);
  });
});
