#!/usr/bin/env node
// `npm run build`: compiles src/ and adapters/ to JavaScript in dist/ (tsconfig.build.json),
// then copies what the compiled code reads at run time to the same relative places:
//   - every non-TypeScript file under src/ and adapters/ (glossary data, commands.json,
//     manifest.json…), so `new URL('./data/', import.meta.url)` finds them from dist/;
//   - migrations/ to dist/migrations/, which is where src/db/client.ts's
//     `new URL('../../migrations', import.meta.url)` points from dist/src/db/client.js.
// dist/ is then self-contained: `node dist/src/cli.js` needs only it and the production
// dependencies (no tsx, no TypeScript). dist/build-info.json records when the build started;
// bin/relance.mjs uses it to tell a current build from a stale one.
//
// `--no-check` emits without type-checking (tsc --noCheck: the same JavaScript, since every file is
// compiled on its own under isolatedModules, in about a quarter of the time); the production-install
// test uses it, as CI type-checks separately (npm run typecheck). The default checks types and fails
// on an error, so `docker build` never ships code that does not type-check.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const started = Date.now();

rmSync(dist, { recursive: true, force: true });

// The project's own TypeScript (5.9: rewriteRelativeImportExtensions), whichever directory npm
// runs from. `--project` is relative to the root so the script also works when called directly.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const noCheck = process.argv.includes('--no-check');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), ...(noCheck ? ['--noCheck'] : [])], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  process.stderr.write(`build: tsc failed (exit ${compiled.status ?? compiled.signal})\n`);
  process.exit(compiled.status || 1);
}

let copied = 0;
for (const top of ['src', 'adapters']) {
  for (const entry of readdirSync(path.join(root, top), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
    const from = path.join(entry.parentPath ?? entry.path, entry.name);
    const to = path.join(dist, path.relative(root, from));
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(from, to);
    copied += 1;
  }
}
cpSync(path.join(root, 'migrations'), path.join(dist, 'migrations'), { recursive: true });

writeFileSync(path.join(dist, 'build-info.json'), `${JSON.stringify({ startedAt: started, builtAt: Date.now() })}\n`);
process.stdout.write(`build: dist/ written in ${((Date.now() - started) / 1000).toFixed(1)} s (${noCheck ? 'types not checked, ' : ''}${copied} data files, migrations copied)\n`);
