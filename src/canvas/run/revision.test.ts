import { describe, expect, it } from 'vitest';
import { changesSince } from './revision.ts';

describe('changesSince', () => {
  it('lists the fields that changed, with before and after', () => {
    expect(
      changesSince(
        { title: 'Draft 1', body: 'Long', confidence: 0.9 },
        { title: 'Draft 2', body: 'Long', confidence: 0.7 },
      ),
    ).toEqual([
      { field: 'title', before: 'Draft 1', after: 'Draft 2' },
      { field: 'confidence', before: '0.9', after: '0.7' },
    ]);
  });

  it('notices added and removed fields, and whole values that are not objects', () => {
    expect(changesSince({ a: 1 }, { b: [1] })).toEqual([
      { field: 'a', before: '1', after: '' },
      { field: 'b', before: '', after: '[1]' },
    ]);
    expect(changesSince('old text', 'new text')).toEqual([
      { field: '(value)', before: 'old text', after: 'new text' },
    ]);
    expect(changesSince({ same: true }, { same: true })).toEqual([]);
  });
});
