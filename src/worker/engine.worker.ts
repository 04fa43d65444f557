/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { DexieStore } from '../engine/index.ts';
import { browserMemory } from '../memory/browser.ts';
import { FlowLibrary } from '../storage/flows.ts';
import { createHost } from './host.ts';
import { broadcastSettings } from './hostSettings.ts';
import { webLocks } from './locks.ts';
import { DexieSettings } from './settings.ts';

// The dedicated worker that runs flows: the UI thread never executes a node.
Comlink.expose(
  createHost({
    store: new DexieStore(),
    fetch: (input, init) => fetch(input, init),
    locks: webLocks(navigator.locks),
    memory: browserMemory({ onlyOnceUsed: true }),
    // Subflows run the flows the editor saved (it saves a moment after each change).
    flows: new FlowLibrary(),
    // Read before anything resumes; other tabs' workers hear each save.
    settings: new DexieSettings(),
    settingsChannel: broadcastSettings(new BroadcastChannel('aios-settings')),
  }),
);
