import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateFlow } from '../../src/flow/index.ts';
import { importForeign } from '../../src/import/index.ts';
import { catalog } from '../../src/nodes/index.ts';
import { schemaAnswer } from './harness/llmScript.ts';
import { createWorld, type World } from './harness/world.ts';

const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');

async function imported(name: string, host = '') {
  const result = await importForeign(fixture(name).replaceAll('http://stand-in', host));
  if (!result.ok) throw new Error(result.message);
  const checked = validateFlow(result.flow, catalog);
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return checked.flow;
}

describe('imported flows run in the engine as the originals would', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(() => world.server.stop());

  it('runs an imported n8n workflow: looks the contact up, builds the greeting, runs the code and sends one email', async () => {
    const flow = await imported('n8n-greet-contact.json');
    const email = 'pat@example.com';
    const record = await (
      await world.engine().start(flow, { crm: `${world.server.url}/crm`, email })
    ).done;
    expect(record.status).toBe('succeeded');
    // What n8n does: GET the contact, then send "HELLO PAT CUSTOMER" to the address it returned.
    const lookup = world.server.requests.find((r) => r.path.startsWith('/crm/contacts/'));
    expect(lookup).toMatchObject({ method: 'GET', path: `/crm/contacts/${email}` });
    const mails = world.server.requests.filter((r) => r.path === '/mail/messages');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body).toMatchObject({ to: email, subject: 'Hi', body: 'HELLO PAT CUSTOMER' });
    const events = await world.store.events(record.id);
    const ran = events.flatMap((e) => (e.type === 'node.succeeded' ? [e.node] : []));
    expect(ran).not.toContain('unknown-contact');
  });

  it('runs an imported Node-RED flow: msg in, the response as payload, the change, the function, the email', async () => {
    const flow = await imported('node-red-welcome.json', world.server.url);
    const record = await (
      await world.engine().start(flow, { payload: { email: 'pat@example.com' } })
    ).done;
    expect(record.status).toBe('succeeded');
    // What Node-RED does: GET the contact, set the topic, upper-case the name, mail it.
    expect(world.server.requests.find((r) => r.path.startsWith('/crm/'))).toMatchObject({
      method: 'GET',
      path: '/crm/contacts/pat@example.com',
    });
    const mails = world.server.requests.filter((r) => r.path === '/mail/messages');
    expect(mails.map((m) => m.body)).toEqual([
      expect.objectContaining({ to: 'pat@example.com', subject: 'Welcome', body: 'PAT CUSTOMER' }),
    ]);
  });

  it.each([
    ['Dify', 'dify-echo.yml', { query: 'Where is my order?' }],
    ['Flowise', 'flowise-echo.json', { question: 'Where is my order?' }],
  ])(
    'runs an imported %s LLM flow: the question reaches the model, its answer is the result',
    async (_, file, input) => {
      const prompts: string[] = [];
      world.server.scriptLlm((request) => {
        const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
        prompts.push(user);
        return schemaAnswer(request.messages, { text: 'It ships tomorrow.' });
      });
      const record = await (await world.engine().start(await imported(file), input)).done;
      expect(record.status).toBe('succeeded');
      expect(prompts[0]).toContain('Question: Where is my order?');
      expect(record.result).toMatchObject({ value: { answer: 'It ships tomorrow.' } });
    },
  );
});
