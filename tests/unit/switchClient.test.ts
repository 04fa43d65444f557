import { describe, expect, it } from 'vitest';
import { commandNames, type EngineApi, type Result } from '../../src/protocol/index.ts';
import type { Heard } from '../../src/worker/client.ts';
import type { LinkState, ServerClient } from '../../src/worker/serverClient.ts';
import { switchingClient } from '../../src/worker/switchClient.ts';

/** An engine client that answers every command with its own name and lets a test speak on its stream. */
function fakeClient(name: string) {
  const listeners = new Set<(heard: Heard) => void>();
  const linkListeners = new Set<(link: LinkState) => void>();
  let disposed = false;
  const api = Object.fromEntries(
    commandNames.map((command) => [
      command,
      () => Promise.resolve<Result<string>>({ ok: true, value: `${name}:${command}` }),
    ]),
  ) as unknown as EngineApi;
  const client: ServerClient = {
    api,
    link: () => ({ state: 'connecting' }),
    onLink: (listener) => (linkListeners.add(listener), () => void linkListeners.delete(listener)),
    listen: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    dispose: () => void (disposed = true),
  };
  return {
    client,
    say: (heard: Heard) => listeners.forEach((l) => l(heard)),
    link: (link: LinkState) => linkListeners.forEach((l) => l(link)),
    disposed: () => disposed,
  };
}

const answer = async (result: Promise<Result<unknown>>) => {
  const r = await result;
  return r.ok ? r.value : r.error.code;
};

describe('switchingClient', () => {
  it('sends run commands to the server while one is set, and the rest to the worker', async () => {
    const worker = fakeClient('worker');
    const servers: ReturnType<typeof fakeClient>[] = [];
    const engine = switchingClient(worker.client, () => {
      const made = fakeClient(`server${servers.length}`);
      servers.push(made);
      return made.client;
    });
    expect(await answer(engine.api.runs({}))).toBe('worker:runs');
    engine.use({ url: 'http://127.0.0.1:4280', token: 'aios_t' });
    expect(await answer(engine.api.runs({}))).toBe('server0:runs');
    expect(await answer(engine.api.decide({ key: 'k', answer: { decision: 'approved' } }))).toBe(
      'server0:decide',
    );
    expect(await answer(engine.api.secretList())).toBe('worker:secretList');
    expect(await answer(engine.api.settings())).toBe('worker:settings');
    // The MCP tools runs call are the server's; testing a browser server's settings is not.
    expect(await answer(engine.api.mcpTools({ refresh: false }))).toBe('server0:mcpTools');
    expect(await answer(engine.api.mcpApprove({ id: 'mcp.crm.lookupRecord' }))).toBe(
      'server0:mcpApprove',
    );
    expect(
      await answer(
        engine.api.mcpTest({
          name: 'crm',
          server: { transport: 'http', url: 'http://127.0.0.1:1/mcp' },
        }),
      ),
    ).toBe('worker:mcpTest');
    engine.use(undefined);
    expect(servers[0]?.disposed()).toBe(true);
    expect(await answer(engine.api.start({ flow: {}, input: {} }))).toBe('worker:start');
  });

  it("tells listeners to read again on a switch, and hides the worker's runs and tools while connected", () => {
    const worker = fakeClient('worker');
    const server = fakeClient('server');
    const engine = switchingClient(worker.client, () => server.client);
    const heard: Heard[] = [];
    engine.listen((h) => heard.push(h));
    const record = { kind: 'settings', revision: 3 } as const;
    engine.use({ url: 'http://127.0.0.1:4280' });
    expect(heard.at(-1)).toMatchObject({
      kind: 'reset',
      reason: 'runs now go to http://127.0.0.1:4280',
    });
    expect(engine.where()).toEqual({
      kind: 'server',
      url: 'http://127.0.0.1:4280',
      link: { state: 'connecting' },
    });
    server.link({ state: 'disconnected', reason: 'refused' });
    expect(engine.where()).toMatchObject({ link: { state: 'disconnected', reason: 'refused' } });
    const count = heard.length;
    worker.say({ kind: 'notice', runId: 'local', text: 'a local run' });
    worker.say({ kind: 'tools' });
    worker.say(record);
    server.say({ kind: 'notice', runId: 'remote', text: 'a server run' });
    expect(heard.slice(count)).toEqual([
      record,
      { kind: 'notice', runId: 'remote', text: 'a server run' },
    ]);
    engine.use(undefined);
    expect(engine.where()).toEqual({ kind: 'embedded' });
    worker.say({ kind: 'notice', runId: 'local', text: 'heard again' });
    expect(heard.at(-1)).toEqual({ kind: 'notice', runId: 'local', text: 'heard again' });
  });
});
