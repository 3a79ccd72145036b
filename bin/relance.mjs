#!/usr/bin/env node
// The `relance` command (`npm start`). Runs one of two things, decided here and nowhere else:
//   - the compiled JavaScript in dist/ (`npm run build`) when that build is current, that is no
//     file under src/, adapters/ or migrations/ changed since it started (or the sources are not
//     there at all, as in a production image); tsx is then never loaded;
//   - otherwise the TypeScript sources through tsx, so a fresh clone runs with no build step
//     (`npm install && npm start`) and an edit is never hidden behind an old build.
// RELANCE_DEV=1 always runs the sources. A production install (`npm ci --omit=dev`) has no tsx:
// without a current build it stops with a message saying to run `npm run build` (it never runs
// an out-of-date build on its own: `node dist/src/cli.js` does that on purpose).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiledCli = path.join(root, 'dist', 'src', 'cli.js');
const sourceDirs = ['src', 'adapters', 'migrations'].map((dir) => path.join(root, dir));

/** When the build in dist/ started, or undefined when there is none. */
function buildStartedAt() {
  if (!existsSync(compiledCli)) return undefined;
  try {
    const started = JSON.parse(readFileSync(path.join(root, 'dist', 'build-info.json'), 'utf8')).startedAt;
    return typeof started === 'number' ? started : undefined;
  } catch {
    return undefined;
  }
}

/** True when a source file was modified after the build started (about 10 ms for 350 files). */
function sourcesChangedSince(time) {
  for (const dir of sourceDirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > time) return true;
    }
  }
  return false;
}

const started = process.env.RELANCE_DEV ? undefined : buildStartedAt();
if (started !== undefined && !sourcesChangedSince(started)) {
  await import(pathToFileURL(compiledCli).href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    // A production install (npm ci --omit=dev): no tsx to run the sources with.
    process.stderr.write(
      process.env.RELANCE_DEV
        ? 'relance: RELANCE_DEV needs tsx, a development dependency: run `npm install` (without --omit=dev).\n'
        : started !== undefined
          ? 'relance: the sources changed since the last `npm run build` and tsx is not installed (npm ci --omit=dev).\n' +
            'Run `npm run build` again (it needs the development dependencies), or run the old build with `node dist/src/cli.js`.\n'
          : 'relance: no build in dist/ and tsx is not installed (a production install, npm ci --omit=dev).\n' +
            'Run `npm run build` (it needs the development dependencies: npm ci, build, then npm prune --omit=dev),\n' +
            'or `npm install` to run the TypeScript sources directly.\n',
    );
    process.exit(1);
  }
  register();
  await import('../src/cli.ts');
}
