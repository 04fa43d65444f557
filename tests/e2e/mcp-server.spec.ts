import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Loopback } from '../stand-ins/loopback.ts';
import { McpStandIn } from '../stand-ins/mcpServer.ts';
import { watchErrors } from './canvas-helpers.ts';
import { connectApp, startServe, stopServe, type Served } from './serve-process.ts';
import { shootThemes } from './theme-shots.ts';

let mcp: McpStandIn | undefined;
let served: Served | undefined;
let back: Loopback | undefined;
let dataDir: string | undefined;

test.afterEach(async () => {
  if (served) await stopServe(served);
  await mcp?.stop();
  await back?.stop();
  served = undefined;
  mcp = undefined;
  back = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('connected, the MCP tab shows the server’s MCP servers, and approves a change there', async ({
  page,
  baseURL,
}) => {
  // aios serve takes half a minute to start on a busy two-core machine (PGlite, tsx).
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  mcp = await new McpStandIn().start();
  dataDir = mkdtempSync(join(tmpdir(), 'aios-e2e-mcp-serve-'));
  const mcpFile = join(dataDir, 'mcp.json');
  writeFileSync(mcpFile, JSON.stringify({ crm: { transport: 'http', url: mcp.url } }));
  served = await startServe(dataDir, new URL(baseURL ?? '').origin, ['--mcp', mcpFile]);
  const server = served;
  const serverTools = async () => {
    const answer = await fetch(`${server.url}/api/engine/mcpTools`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await answer.json()) as {
      ok: boolean;
      value?: { servers: { tools: { id: string; changed: boolean }[] }[] };
    };
    return body.value?.servers.flatMap((s) => s.tools) ?? [];
  };

  await page.goto('/');
  const connections = page.getByRole('banner').getByRole('button', { name: 'Connections' });
  const dialog = page.getByRole('dialog', { name: 'Connections' });
  // In this browser alone, the tab edits the browser's own servers (none yet).
  await connections.click();
  await dialog.getByRole('tab', { name: 'MCP' }).click();
  await expect(dialog.getByRole('button', { name: 'Add MCP server' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await connectApp(page, server);
  await connections.click();
  await dialog.getByRole('tab', { name: 'MCP' }).click();
  const list = dialog.getByRole('list', { name: 'MCP servers of the workspace server' });
  await expect(dialog.getByRole('status').first()).toHaveText(`Connected to ${server.url}`);
  await expect(list).toContainText('crm');
  await expect(list).toContainText('4 tools');
  await expect(dialog).toContainText('These are set in its --mcp file');
  // Read-only: nothing here adds or edits a server of the server's.
  await expect(dialog.getByRole('button', { name: 'Add MCP server' })).toHaveCount(0);
  const crm = dialog.getByRole('region', { name: 'MCP server crm of the workspace server' });
  await expect(crm).toContainText(mcp.url);
  await expect(crm.getByRole('list', { name: 'Tools of crm' })).toContainText(
    'mcp.crm.deleteRecord',
  );
  await shootThemes(page, 'connections-mcp-server');

  // The MCP server upgrades a tool: the workspace server hears it and the tab shows what changed.
  mcp.changeLookupSchema();
  await expect(list).toContainText('1 changed', { timeout: 30_000 });
  const inputChanges = crm.getByRole('list', { name: 'Input changes of lookup_record' });
  await expect(inputChanges).toContainText('includeHistory added (boolean, required)');
  await expect(inputChanges.locator('li')).toHaveCount(1);
  await shootThemes(page, 'connections-mcp-server-changed');
  expect((await serverTools()).find((t) => t.id === 'mcp.crm.lookupRecord')).toMatchObject({
    changed: true,
  });

  // Approved here, it is approved on the server (this browser has no such tool to approve).
  await crm.getByRole('button', { name: 'Approve lookup_record as it is now' }).click();
  await expect(list).not.toContainText('changed');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  expect((await serverTools()).find((t) => t.id === 'mcp.crm.lookupRecord')).toMatchObject({
    changed: false,
  });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Back in this browser alone, the tab edits the browser's own servers again.
  const control = page.getByRole('banner').getByRole('button', { name: /^Workspace server/ });
  await control.click();
  await page
    .getByRole('dialog', { name: 'Workspace server' })
    .getByRole('button', {
      name: 'Use this browser only',
    })
    .click();
  await expect(control).toHaveAccessibleName(/Runs stay in this browser/);
  await connections.click();
  await dialog.getByRole('tab', { name: 'MCP' }).click();
  await expect(dialog.getByRole('button', { name: 'Add MCP server' })).toBeVisible();
  await expect(list).toHaveCount(0);
  errors();
});

test('a workspace server that cannot be reached is said in the MCP tab, with a Retry', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  // No watchErrors here: the browser logs each refused connection as a console error.
  dataDir = mkdtempSync(join(tmpdir(), 'aios-e2e-mcp-gone-'));
  const origin = new URL(baseURL ?? '').origin;
  served = await startServe(dataDir, origin);
  const { url } = served;
  await page.goto('/');
  await connectApp(page, served);
  // The server stops; the app, opened again, still means to use it.
  await stopServe(served);
  served = undefined;
  await page.reload();

  await page.getByRole('banner').getByRole('button', { name: 'Connections' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connections' });
  await dialog.getByRole('tab', { name: 'MCP' }).click();
  const failed = dialog.getByRole('alert');
  await expect(failed).toContainText(`Can’t reach the workspace server at ${url}: `);
  await expect(failed).toContainText('Failed to fetch');
  // One way to try again: the alert's Retry, not a second button beside it.
  const listAgain = dialog.getByRole('button', { name: 'List the tools again' });
  await expect(listAgain).toHaveCount(0);
  await expect(dialog).not.toContainText('Reading the workspace server’s MCP servers');
  await shootThemes(page, 'connections-mcp-unreachable');

  // Back on its port (a stand-in answering the engine protocol), Retry reads it.
  back = await new Loopback((request) => {
    const cors = {
      'access-control-allow-origin': origin,
      'access-control-allow-headers': 'authorization, content-type, last-event-id',
    };
    if (request.method === 'OPTIONS') return { status: 204, headers: cors };
    const value = request.path.endsWith('/mcpTools') ? { place: 'server', servers: [] } : [];
    return { status: 200, headers: cors, body: { ok: true, value } };
  }).start(Number(new URL(url).port));
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(dialog).toContainText('The workspace server has no MCP server.');
  await expect(failed).toHaveCount(0);
  await expect(listAgain).toBeVisible();
  expect(back.to(/\/api\/engine\/mcpTools$/).length).toBeGreaterThan(0);
});
