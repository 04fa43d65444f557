import { useEffect, useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { paletteGroups } from '../../nodes/index.ts';
import { useSnapToGrid } from '../commands/snapToGrid.ts';
import { useEditorState } from '../editor/context.ts';
import { quickEntries } from './entries.ts';
import type { QuickEntry } from './entries.ts';
import { QuickAddOption } from './QuickAddOption.tsx';
import { rank } from './rank.ts';

const ENTRIES = quickEntries(paletteGroups);

/** How far each key moves the highlight; single steps wrap around, pages stop at the ends. */
const MOVES: Readonly<Record<string, number>> = {
  ArrowDown: 1,
  ArrowUp: -1,
  PageDown: 5,
  PageUp: -5,
};

/** The search field and its list of results (a combobox over a listbox). */
export function QuickAddPanel({ onChoose }: { onChoose: (entry: QuickEntry) => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const readOnly = useEditorState((s) => s.readOnly);
  const snap = useSnapToGrid();
  const id = useId();
  const optionId = (entry: QuickEntry) => `${id}-${entry.id}`;

  const results = useMemo(
    () => rank(readOnly ? ENTRIES.filter((e) => !e.edits) : ENTRIES, query),
    [query, readOnly],
  );
  const current = results[Math.min(active, results.length - 1)];

  useEffect(() => {
    if (current) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = MOVES[event.key];
    const count = results.length;
    if (step !== undefined && count > 0) {
      event.preventDefault();
      const from = Math.min(active, count - 1);
      const next = Math.abs(step) === 1 ? (from + step + count) % count : from + step;
      setActive(Math.max(0, Math.min(count - 1, next)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (current) onChoose(current);
    }
  };

  const listId = `${id}-list`;
  return (
    <div className="quickadd-box">
      <input
        className="quickadd-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(current) : undefined}
        aria-label="Find a node to add or a command to run"
        placeholder="Add a node or run a command…"
        value={query}
        autoFocus
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Nodes and commands" className="quickadd-list">
        {results.map((entry, index) => (
          <QuickAddOption
            key={entry.id}
            id={optionId(entry)}
            entry={entry}
            selected={entry === current}
            state={entry.type === 'command' && entry.command === 'toggleSnap' ? snap : undefined}
            onHover={() => setActive(index)}
            onChoose={() => onChoose(entry)}
          />
        ))}
      </ul>
      {results.length === 0 && (
        <p className="quickadd-empty" role="status">
          Nothing matches “{query}”.
        </p>
      )}
      <p className="quickadd-hint" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> add or run · <kbd>Esc</kbd> close
      </p>
    </div>
  );
}
