import { CURRENT_SCHEMA_VERSION } from './schema.ts';

type Doc = Record<string, unknown>;

/**
 * Document migrations, keyed by the version they upgrade *from*; each returns a new document one
 * version up. Version 1 is the first published format, so the chain is empty until version 2.
 * A migration gets a test with a real file saved by the older version (tests/unit/fixtures/).
 */
const documentMigrations: Readonly<Record<number, (doc: Doc) => Doc>> = {};

type MigrateResult =
  { ok: true; doc: Doc; from: number } | { ok: false; message: string; hint: string };

/**
 * Upgrades a parsed document to the current `schemaVersion`, step by step.
 * @example migrate({ schemaVersion: 1, ... }) // { ok: true, doc, from: 1 }
 */
export function migrate(
  doc: Doc,
  chain: Readonly<Record<number, (doc: Doc) => Doc>> = documentMigrations,
  current: number = CURRENT_SCHEMA_VERSION,
): MigrateResult {
  const version = doc['schemaVersion'];
  if (version === undefined) {
    return {
      ok: false,
      message: 'schemaVersion is missing',
      hint: `add "schemaVersion": ${current}; every flow document states the format version it was saved in`,
    };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      message: `schemaVersion ${JSON.stringify(version)} is not a version number`,
      hint: `use ${current}`,
    };
  }
  if (version > current) {
    return {
      ok: false,
      message: `this flow was saved by a newer AIOS Workspace (format ${version}; this one reads up to ${current})`,
      hint: 'update the workspace to open it',
    };
  }
  let out = doc;
  for (let v = version; v < current; v++) {
    const step = chain[v];
    if (!step)
      return {
        ok: false,
        message: `no migration from format ${v}`,
        hint: 'this is a bug: report it with the file',
      };
    out = { ...step(out), schemaVersion: v + 1 };
  }
  return { ok: true, doc: out, from: version };
}
