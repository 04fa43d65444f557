import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { McpStandIn } from '../stand-ins/mcpServer.ts';
import { importFlowFile, runFromPanel } from './app-helpers.ts';
import { canvasNode, watchErrors } from './canvas-helpers.ts';
import { debuggerState } from './debugger-helpers.ts';
import { shootThemes } from './theme-shots.ts';

const TOKEN = 'mcp-e2e-PLANTED-token-4417';
let mcp: McpStandIn;
test.beforeEach(async () => (mcp = await new McpStandIn({ token: TOKEN, cors: true }).start()));
test.afterEach(() => mcp.stop());

/** start (asks for an id) → the MCP tool looking it up → output. */
const lookupFlow = {
  schemaVersion: 1,
  id: 'mcp-lookup',
  name: 'Look up a client',
  nodes: [
    {
      id: 'start',
      type: 'start',
      position: { x: 0, y: 100 },
      data: {
        version: 1,
        label: 'Start',
        inputs: [{ name: 'id', type: 'text', required: true, description: 'record id' }],
      },
    },
    {
      id: 'lookup',
      type: 'capability',
      position: { x: 280, y: 100 },
      data: {
        version: 1,
        label: 'Look it up',
        capability: 'mcp.crm.lookupRecord',
        input: { id: '{{ run.input.id }}' },
      },
    },
    {
      id: 'done',
      type: 'output',
      position: { x: 560, y: 100 },
      data: { version: 1, label: 'Done', value: '$nodes.lookup', status: 'succeeded' },
    },
  ],
  edges: [
    { id: 'a', source: 'start', sourceHandle: 'out', target: 'lookup', targetHandle: 'in' },
    { id: 'b', source: 'lookup', sourceHandle: 'out', target: 'done', targetHandle: 'in' },
  ],
};

async function openMcpTab(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Connections' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connections' });
  await dialog.getByRole('tab', { name: 'MCP' }).click();
  return dialog;
}

test('an MCP server added in Connections offers its tools, and a flow runs one', async ({
  page,
}) => {
  // One person's whole setup, a test, a run and an approval after the server changes.
  test.slow();
  const errors = watchErrors(page);
  const consoleText: string[] = [];
  page.on('console', (m) => consoleText.push(m.text()));
  // The MCP SDK is its own chunk, which the worker loads only once a server is opened.
  const sdkLoads: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/session-[\w-]+\.js$/.test(r.url())) sdkLoads.push(r.url());
  });
  await page.goto('/');
  const dialog = await openMcpTab(page);
  await expect(dialog.getByRole('button', { name: 'Add MCP server' })).toBeVisible();
  expect(sdkLoads).toEqual([]);
  await dialog.getByRole('button', { name: 'Add MCP server' }).click();
  const added = dialog.getByRole('form', { name: 'MCP server tools' });
  await added.getByLabel('Name').fill('crm');
  await added.getByLabel('Name').blur();
  const form = dialog.getByRole('form', { name: 'MCP server crm' });
  await form.getByRole('textbox', { name: 'URL' }).fill(mcp.url);
  // A browser cannot start a process: the command choice is there, off, and says why.
  await expect(form.getByRole('radio', { name: /A command \(stdio\)/ })).toBeDisabled();
  await expect(form).toContainText('A web page cannot start a program on this computer');

  // Without the token the server refuses, and the view says so.
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('alert').first()).toContainText('HTTP 401');
  expect(sdkLoads).toHaveLength(1);

  await form.getByRole('button', { name: 'New secret…' }).first().click();
  await form.getByLabel('Secret name').fill('CRM_MCP_TOKEN');
  await form.getByLabel('Secret value').fill(TOKEN);
  await form.getByRole('button', { name: 'Save secret' }).click();
  await expect(form.getByLabel('Bearer token')).toHaveValue('CRM_MCP_TOKEN');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('status').first()).toContainText('Connected: 4 tools listed');
  const tested = form.getByRole('list', { name: 'Tools of crm, as tested' });
  await expect(tested).toContainText('mcp.crm.lookupRecord');
  await expect(tested).toContainText('destructive');
  await shootThemes(page, 'connections-mcp');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();

  // The tools are in the palette, and a click adds a Capability node that calls one.
  const palette = page.getByRole('region', { name: 'MCP tools' });
  await expect(
    palette.getByRole('button', { name: 'Add MCP tool Look up a record' }),
  ).toBeVisible();
  await importFlowFile(page, lookupFlow);
  await palette.getByRole('button', { name: 'Add MCP tool Delete a record' }).click();
  await expect(
    page.locator('.react-flow__node', { hasText: 'mcp.crm.deleteRecord' }),
  ).toBeVisible();
  await shootThemes(page, 'palette-mcp');
  await page.keyboard.press('Control+z');

  // The imported flow's node calls the tool; the run panel shows what it answered.
  const panel = page.getByRole('region', { name: 'Run panel' });
  await panel.getByRole('form', { name: 'Run input' }).getByRole('textbox').fill('r2');
  await runFromPanel(page);
  await expect(debuggerState(page)).toHaveText('Finished', { timeout: 15_000 });
  await expect(panel.getByRole('list', { name: 'Runs' })).toContainText('succeeded');
  await panel
    .getByRole('list', { name: 'Event log' })
    .locator('li', { hasText: 'lookup → out' })
    .click();
  await expect(
    panel
      .getByRole('region', { name: 'Step details' })
      .getByRole('region', { name: 'Output', exact: true }),
  ).toContainText('Sam Client');
  expect(mcp.calls).toEqual([{ tool: 'lookup_record', args: { id: 'r2' } }]);

  // The server changes the tool: the node is flagged, and the MCP tab offers to approve it.
  mcp.changeLookupSchema();
  const flagged = canvasNode(page, 'lookup').getByRole('img', { name: /changed its schemas/ });
  await expect(flagged).toBeVisible({ timeout: 15_000 });
  const again = await openMcpTab(page);
  const saved = again.getByRole('form', { name: 'MCP server crm' });
  await expect(again.getByRole('list', { name: 'MCP servers' })).toContainText('1 changed');
  await shootThemes(page, 'connections-mcp-changed');
  await saved.getByRole('button', { name: 'Approve lookup_record as it is now' }).click();
  await expect(again.getByRole('list', { name: 'MCP servers' })).not.toContainText('changed');
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(flagged).toBeHidden();

  // The token went to the server and nowhere else.
  const download = page.waitForEvent('download');
  await page.getByRole('banner').getByRole('button', { name: 'Export' }).click();
  const exported = await readFile(await (await download).path(), 'utf8');
  expect(exported).not.toContain(TOKEN);
  expect(await page.content()).not.toContain(TOKEN);
  expect(consoleText.join('\n')).not.toContain(TOKEN);
  errors();
});
