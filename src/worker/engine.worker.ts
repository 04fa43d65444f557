/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import * as z from 'zod';
import { DexieStore } from '../storage/runs/dexieStore.ts';
import { browserMemory } from '../memory/browser.ts';
import { FlowLibrary } from '../storage/flows.ts';
import { broadcast } from './channel.ts';
import { createHost } from './host.ts';
import { webLocks } from './locks.ts';
import { overPorts } from './protocol.ts';
import { DexieSettings } from './settings.ts';
import { DexieToolPins } from './toolPins.ts';

const store = new DexieStore();

// The dedicated worker that runs flows: the UI thread never executes a node.
Comlink.expose(
  overPorts(
    createHost({
      store,
      // Another tab deleting the database (clearing site data) is told at once, not at next use.
      watchStorage: (closed) => store.onClosed(closed),
      fetch: (input, init) => fetch(input, init),
      locks: webLocks(navigator.locks),
      memory: browserMemory({ onlyOnceUsed: true }),
      // Subflows run the flows the editor saved (it saves a moment after each change).
      flows: new FlowLibrary(),
      // Read before anything resumes; other tabs' workers hear each save.
      settings: new DexieSettings(),
      settingsChannel: broadcast(new BroadcastChannel('aios-settings'), z.number().int()),
      // MCP tools' schemas as first seen: a tool that changes later waits for a person's approval.
      toolPins: new DexieToolPins(() => Date.now()),
      // Runs under way here, for the other tabs to take over when this one closes.
      runsChannel: broadcast(new BroadcastChannel('aios-runs'), z.string().min(1).max(200)),
    }),
  ),
);
