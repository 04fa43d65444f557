import { useState, type ChangeEvent, type FormEvent } from 'react';
import { splitMarkdown } from '../../memory/markdown.ts';
import type { Entity } from '../../memory/schema.ts';
import { EntitySelect } from './EntitySelect.tsx';
import type { MemoryService } from './service.ts';

const splitList = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** Adds a memory by hand, or one per paragraph and list item of a text or markdown file. */
export function NewMemoryForm({
  service,
  entities,
}: {
  service: MemoryService;
  entities: readonly Entity[];
}) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState('fact');
  const [entity, setEntity] = useState('');
  const [tags, setTags] = useState('');

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
    // Plain text splits the same way: paragraphs and list items become memories.
    const chunks = splitMarkdown(await file.text());
    const label = `Importing ${file.name}`;
    let stopped = false;
    const stop = () => (stopped = true);
    service.progressOf({ label, done: 0, total: chunks.length, stop });
    await service.act(async (m) => {
      for (const [i, chunk] of chunks.entries()) {
        if (stopped) break;
        await m.add({
          text: chunk.text,
          kind: 'note',
          entities: entity ? [entity] : [],
          tags: splitList(tags),
          source: { type: 'import', file: file.name },
        });
        service.progressOf({ label, done: i + 1, total: chunks.length, stop });
      }
    });
    service.progressOf(null);
  };

  return (
    <form className="memory-form" onSubmit={(e) => void add(e)} aria-label="New memory">
      <textarea
        aria-label="Memory text"
        placeholder="Something worth remembering: a preference, a decision, a fact about a client…"
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        required
      />
      <div className="memory-form-row">
        <input
          className="memory-input narrow"
          aria-label="Memory kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
        />
        <EntitySelect
          label="Memory entity"
          empty="no entity"
          entities={entities}
          value={entity}
          onChange={setEntity}
        />
        <input
          className="memory-input grow"
          aria-label="Memory tags"
          placeholder="tags, comma separated"
          value={tags}
          onChange={(e) => setTags(e.target.value)}
        />
        <button type="submit" className="button-small primary">
          Add memory
        </button>
        <label className="button-small file-button">
          Import text or markdown…
          <input
            type="file"
            accept=".md,.markdown,.txt,text/*"
            aria-label="Import markdown"
            onChange={(e) => void importFile(e)}
          />
        </label>
      </div>
    </form>
  );
}
