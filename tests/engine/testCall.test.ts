import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, MemoryStore } from '../../src/engine/index.ts';
import { createHost } from '../../src/worker/host.ts';
import { TestServer } from './harness/testServer.ts';

describe('test-calling a capability through the worker host', () => {
  let server: TestServer;
  beforeEach(async () => (server = await new TestServer().start()));
  afterEach(() => server.stop());

  const host = async () => {
    const h = createHost({ store: new MemoryStore(), fetch, clock: new ManualClock() });
    await h.configure({ settings: { providers: {}, connections: server.connections } });
    return h;
  };

  it('calls a built-in once, outside any run, and returns its output', async () => {
    const h = await host();
    const result = await h.testCapability({
      id: 'email.send',
      input: { to: 'pat@customer.test', subject: 'Hello', body: 'A test' },
    });
    expect(result).toMatchObject({ ok: true, value: { output: { messageId: 'msg_1' } } });
    expect(server.count(/^\/mail\/messages/)).toEqual({ requests: 1, applied: 1 });
    expect(server.requests[0]?.body).toMatchObject({ body: 'A test' });
    expect(await h.runs()).toEqual({ ok: true, value: [] });
  });

  it('refuses bad input as data naming the field, before calling anything', async () => {
    const h = await host();
    const result = await h.testCapability({
      id: 'email.send',
      input: { to: 'not-an-email', subject: 'x' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input', path: 'input.to' } });
    expect(result.ok ? '' : result.error.message).toMatch(/^input\.to: /);
    expect(server.requests).toHaveLength(0);
  });

  it('calls a user-defined capability from its definition, mapping the response', async () => {
    const h = await host();
    const definition = {
      id: 'crm.lookup',
      title: 'Look up a contact',
      sideEffect: 'read',
      method: 'GET',
      url: `${server.url}/crm/contacts/{{ input.email }}`,
      input: [{ name: 'email', type: 'text' }],
      responseMapping: '{ "name": name }',
    };
    const result = await h.testCapability({
      id: 'crm.lookup',
      input: { email: 'pat@x.test' },
      definition,
    });
    expect(result).toEqual({ ok: true, value: { output: { name: 'Pat Customer' }, ms: 0 } });
    expect(server.count(/^\/crm\/contacts\/pat@x\.test$/).applied).toBe(0);
  });

  it('explains an invalid definition, an unknown id and a failing remote', async () => {
    const h = await host();
    const bad = await h.testCapability({
      id: 'x.y',
      input: {},
      definition: { id: 'x.y', title: '', sideEffect: 'read' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const unknown = await h.testCapability({ id: 'nope.never', input: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-capability' } });
    server.failNext(/^\/mail\//, 500);
    const failed = await h.testCapability({
      id: 'email.send',
      input: { to: 'a@b.test', subject: 's', body: 'b' },
    });
    expect(failed).toMatchObject({ ok: false, error: { code: 'http', status: 500 } });
  });
});
