#!/usr/bin/env node
// Adds package-lock.json entries for optional native bindings of other platforms that the
// registry reachable here does not carry (e.g. @unrs/resolver-binding-darwin-arm64). Without
// them `npm install` writes a lock file that `npm ci` then rejects as "Missing: ... from lock
// file". The added entries name only version, os, cpu and libc, so npm skips them on this
// platform without fetching anything. Idempotent: usage `node .ci/lockfile-platform-entries.mjs`.
import fs from 'node:fs';
const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (pkgs[key] || pkgs[`${path}/node_modules/${dep}`]) continue;
    const m =
      /-(darwin|linux|win32|android|freebsd|openharmony|sunos|aix|netbsd|openbsd)-(x64|arm64|arm|ia32|loong64|ppc64|riscv64|s390x|wasm32)(?:-(gnu|musl|gnueabihf|musleabihf|eabi|msvc))?$/.exec(
        dep,
      );
    if (!m) {
      console.error(`skip ${dep}: cannot infer platform`);
      continue;
    }
    const [, os, cpu, abi] = m;
    const out = { version, cpu: [cpu] };
    if (entry.dev) out.dev = true;
    if (abi === 'gnu' || abi === 'gnueabihf') out.libc = ['glibc'];
    if (abi === 'musl' || abi === 'musleabihf') out.libc = ['musl'];
    out.optional = true;
    out.os = [os];
    pkgs[key] = out;
    added++;
    console.log(
      `lockfile: added ${key}@${version} (${os}/${cpu}${out.libc ? '/' + out.libc[0] : ''})`,
    );
  }
}
if (added > 0) {
  // npm keeps lock entries sorted by path, with the root ('') first.
  lock.packages = Object.fromEntries(
    Object.entries(pkgs).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'),
    ),
  );
  fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
}
if (added > 0) console.log(`lockfile: ${added} platform entries added`);
