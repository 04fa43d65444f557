import { useState, type ChangeEvent, type FormEvent } from 'react';
import { splitMarkdown } from '../../memory/markdown.ts';
import type { Entity, MemoryItem } from '../../memory/schema.ts';
import type { MemoryService } from './service.ts';
import { useMemoryQuery } from './useMemory.ts';
import { EntitySelect } from './EntitySelect.tsx';

const splitList = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

export function MemoriesPanel({ service }: { service: MemoryService }) {
  const entities = useMemoryQuery(service, (m) => m.entities(), [] as Entity[]);
  const recent = useMemoryQuery(service, (m) => m.recent(50), [] as MemoryItem[]);
  const [text, setText] = useState('');
  const [kind, setKind] = useState('fact');
  const [entity, setEntity] = useState('');
  const [tags, setTags] = useState('');
  const names = new Map(entities.map((e) => [e.id, e.name]));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await service.act((m) =>
      m.add({
        text,
        kind,
        entities: entity ? [entity] : [],
        tags: splitList(tags),
        source: { type: 'user' },
      }),
    );
    // On failure the text stays in the box: nothing typed is lost.
    if (saved) setText('');
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const source = await file.text();
    // Plain text splits the same way: paragraphs and list items become memories.
    const chunks = splitMarkdown(source);
    await service.act(async (m) => {
      for (const chunk of chunks)
        await m.add({
          text: chunk.text,
          kind: 'note',
          entities: entity ? [entity] : [],
          tags: splitList(tags),
          source: { type: 'import', file: file.name },
        });
    });
  };

  return (
    <section className="memory-panel" aria-label="Memories">
      <h2>Memories</h2>
      <form onSubmit={(e) => void add(e)} aria-label="New memory">
        <textarea
          aria-label="Memory text"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          required
        />
        <div className="memory-row">
          <input aria-label="Memory kind" value={kind} onChange={(e) => setKind(e.target.value)} />
          <EntitySelect
            label="Memory entity"
            empty="no entity"
            entities={entities}
            value={entity}
            onChange={setEntity}
          />
          <input
            aria-label="Memory tags"
            placeholder="tags, comma separated"
            value={tags}
            onChange={(e) => setTags(e.target.value)}
          />
          <button type="submit">Add memory</button>
        </div>
        <label className="memory-file">
          Import text or markdown{' '}
          <input
            type="file"
            accept=".md,.markdown,.txt,text/*"
            aria-label="Import markdown"
            onChange={(e) => void importFile(e)}
          />
        </label>
      </form>
      <ul className="memory-list" aria-label="Recent memories">
        {recent.map((m) => (
          <li key={m.id}>
            <span className="memory-badge">{m.kind}</span> {m.text}
            <small>
              {m.entities.map((e) => names.get(e) ?? e).join(', ')}{' '}
              {m.tags.map((t) => `#${t}`).join(' ')} ·{' '}
              {m.source.type === 'run'
                ? `run ${m.source.runId} / ${m.source.nodeId}`
                : m.source.type}
            </small>
            <button
              type="button"
              aria-label={`Delete memory ${m.text.slice(0, 30)}`}
              onClick={() => void service.act((x) => x.deleteMemory(m.id))}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
