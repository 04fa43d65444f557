import type { CommandName, EngineApi } from '../protocol/index.ts';
import type { EngineClient, Heard } from './client.ts';
import type { LinkState, ServerAddress, ServerClient } from './serverClient.ts';

/**
 * The commands about runs, which go to the workspace server when one is connected, with the MCP
 * tools those runs call (the server's `--mcp` servers) and their approval. Settings, secrets, the
 * vault, model and test calls (an MCP server's Test too) stay with the page's own worker.
 */
const RUN_COMMANDS = [
  'start',
  'debug',
  'setBreakpoints',
  'stateAt',
  'fork',
  'rewind',
  'replay',
  'decide',
  'stop',
  'rollback',
  'runs',
  'run',
  'events',
  'pending',
  'mcpTools',
  'mcpApprove',
] as const satisfies readonly CommandName[];
const isRunCommand = (name: string) => (RUN_COMMANDS as readonly string[]).includes(name);

/** Where the app's runs are: the embedded worker, or a server and how its link is. */
export type EngineWhere =
  | { readonly kind: 'embedded' }
  | { readonly kind: 'server'; readonly url: string; readonly link: LinkState };

export interface SwitchingClient extends EngineClient {
  where(): EngineWhere;
  onWhere(listener: (where: EngineWhere) => void): () => void;
  /** Runs go to this server from now on (`undefined`: back to the embedded worker). */
  use(address: ServerAddress | undefined): void;
}

/**
 * One engine client for the page whatever runs its flows: the worker always (settings, secrets,
 * the vault), and for runs a workspace server while one is set. A switch tells every listener to
 * read again (a reset), so views show the other engine's runs.
 */
export function switchingClient(
  worker: EngineClient,
  connect: (address: ServerAddress) => ServerClient,
): SwitchingClient {
  let server: { client: ServerClient; url: string; off: () => void } | undefined;
  const listeners = new Set<(heard: Heard) => void>();
  const whereListeners = new Set<(where: EngineWhere) => void>();
  let where: EngineWhere = { kind: 'embedded' };
  const setWhere = (next: EngineWhere) => {
    where = next;
    for (const listener of whereListeners) listener(next);
  };
  const hear = (heard: Heard) => {
    for (const listener of listeners) listener(heard);
  };
  let workerOff: (() => void) | undefined;
  const ensureWorker = () => {
    // With a server, the worker's own runs and MCP tools are not what the page shows: only its
    // settings news.
    workerOff ??= worker.listen((heard) => {
      if (!server || heard.kind === 'settings' || heard.kind === 'reset') hear(heard);
    });
  };
  const api = new Proxy(worker.api, {
    get(target, name: string) {
      const from = server && isRunCommand(name) ? server.client.api : target;
      return from[name as CommandName];
    },
  });
  return {
    api: api satisfies EngineApi,
    where: () => where,
    onWhere(listener) {
      whereListeners.add(listener);
      return () => void whereListeners.delete(listener);
    },
    use(address) {
      if (server) {
        server.off();
        server.client.dispose();
        server = undefined;
      }
      if (address) {
        const client = connect(address);
        const url = address.url;
        const offLink = client.onLink((link) => setWhere({ kind: 'server', url, link }));
        const offListen = client.listen(hear);
        server = { client, url, off: () => (offLink(), offListen()) };
        setWhere({ kind: 'server', url, link: client.link() });
      } else setWhere({ kind: 'embedded' });
      hear({
        kind: 'reset',
        reason: address ? `runs now go to ${address.url}` : 'runs now stay in this browser',
      });
    },
    listen(listener) {
      listeners.add(listener);
      ensureWorker();
      return () => void listeners.delete(listener);
    },
    dispose() {
      server?.off();
      server?.client.dispose();
      workerOff?.();
      worker.dispose();
    },
  };
}
