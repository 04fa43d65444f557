import { describe, expect, it } from 'vitest';
import { fixFor, nodeErrorFixes } from './errorCodes.ts';

describe('fixFor', () => {
  it('gives each code in the table its own fix', () => {
    for (const [code, fix] of Object.entries(nodeErrorFixes)) expect(fixFor(code)).toBe(fix);
  });

  it('knows nothing of codes from elsewhere, prototype names included', () => {
    for (const code of ['aborted', 'constructor', 'toString', '__proto__'])
      expect(fixFor(code)).toBeUndefined();
  });
});
