import { useState } from 'react';
import { renameKey } from './draft.ts';

/**
 * The chosen entry of a named map in a Connections tab (providers, MCP servers), and the edits a
 * tab makes to it: add one (and choose it), change, rename or remove the chosen one. The first
 * entry is chosen when none is, or the chosen one is gone.
 */
export function useNamedEntry<T>(
  entries: Readonly<Record<string, T>>,
  onChange: (entries: Record<string, T>) => void,
) {
  const names = Object.keys(entries);
  const [chosen, setChosen] = useState<string | undefined>(names[0]);
  const current = chosen !== undefined && chosen in entries ? chosen : names[0];
  return {
    names,
    current,
    value: current === undefined ? undefined : entries[current],
    choose: setChosen,
    add: (name: string, value: T) => {
      onChange({ ...entries, [name]: value });
      setChosen(name);
    },
    change: (value: T) => {
      if (current !== undefined) onChange({ ...entries, [current]: value });
    },
    rename: (to: string) => {
      if (current === undefined) return;
      onChange(renameKey(entries, current, to));
      setChosen(to);
    },
    remove: () => {
      if (current === undefined) return;
      const { [current]: _gone, ...rest } = entries;
      onChange(rest);
      setChosen(undefined);
    },
  };
}
