import { describe, expect, it } from 'vitest';
import { runtimeSettingsSchema } from '../../protocol/index.ts';
import { checkDraft } from './draft.ts';
import { freeServerName, headerRows, withHeaders } from './mcpDraft.ts';

describe('the MCP tab draft', () => {
  it('names a new server with letters and digits only, as capability ids need', () => {
    expect(freeServerName([])).toBe('tools');
    expect(freeServerName(['tools', 'tools2'])).toBe('tools3');
    expect(
      runtimeSettingsSchema.safeParse({
        mcpServers: { tools3: { transport: 'http', url: 'http://x.test/mcp' } },
      }).success,
    ).toBe(true);
  });

  it('keeps header rows as typed, so a blank one is named when saving', () => {
    const server = withHeaders({ transport: 'http', url: 'http://127.0.0.1:9/mcp' }, [
      { name: 'X-Api-Key', secret: 'CRM_KEY' },
      { name: 'X-Other', secret: undefined },
    ]);
    expect(headerRows(server)).toEqual([
      { name: 'X-Api-Key', secret: 'CRM_KEY' },
      { name: 'X-Other', secret: '' },
    ]);
    const checked = checkDraft({ mcpServers: { crm: server } });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.issues.map((i) => i.path)).toEqual([
      'mcpServers.crm.headers.X-Other',
    ]);
    expect(withHeaders(server, [])).toEqual({ transport: 'http', url: 'http://127.0.0.1:9/mcp' });
  });
});
