/**
 * The CRM MCP server of `mcpCrm.ts` over stdio, as a process a host starts:
 *   node --import tsx tests/stand-ins/mcpStdioServer.ts [UPGRADE_FILE]
 * It refuses to start without `CRM_TOKEN` in its environment (as a real server refuses without its
 * key), `echo_credentials` hands that token back, and `lookup_record` has its upgraded schema when
 * `UPGRADE_FILE` exists at start: a new version of the server, installed between two starts.
 */
import { existsSync } from 'node:fs';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { crmRecords, crmServer, type ToolCall } from './mcpCrm.ts';

const token = process.env['CRM_TOKEN'];
if (!token) {
  process.stderr.write('CRM_TOKEN is not set: give the server its key\n');
  process.exit(1);
}
const upgradeFile = process.argv[2];
const calls: ToolCall[] = [];
const { server } = crmServer({
  calls,
  records: crmRecords(),
  passGate: () => Promise.resolve(),
  upgraded: () => upgradeFile !== undefined && existsSync(upgradeFile),
  credentials: () => ({ CRM_TOKEN: token }),
});
await server.connect(new StdioServerTransport());
process.stderr.write(`crm stand-in ready (pid ${process.pid})\n`);
