import { useSyncExternalStore } from 'react';
import type { EngineWhere } from '../../worker/switchClient.ts';
import { engine } from '../run/engine.ts';

/** Where the app's runs go now (the embedded worker or a server, and its link), kept live. */
export function useEngineWhere(): EngineWhere {
  return useSyncExternalStore(
    (onChange) => engine().onWhere(onChange),
    () => engine().where(),
  );
}
