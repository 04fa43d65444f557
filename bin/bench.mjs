#!/usr/bin/env node
// `npm run bench [-- --only <area>]`: runs the TypeScript benchmarks through tsx. Figures go to
// stdout, one JSON object per line; progress goes to stderr.
import { register } from 'tsx/esm/api';

register();
// Stdout carries figures only: anything else that logs (a library, a stray debug line) goes to stderr.
console.log = console.info = console.debug = console.error;
const { main } = await import('../bench/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
});
