// Records every module a child Node process loads, so a test can say which packages a code
// path pulled in. `--import` of a small preload that (1) registers a resolve hook appending each
// resolved ES module URL to a file (module customization hooks, Node ≥ 20.6; the hooks run on
// their own thread, hence the file), and (2) at exit appends the CommonJS module cache, which
// holds the CommonJS packages (Bolt, discord.js) however they were reached.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Files of the chat SDKs and of what only they pull in (paths as in LoadedModules.packages). */
export const CHAT_SDK = /^(@slack\/|discord\.js\/|@discordjs\/|discord-api-types\/)/;

export interface LoadedModules {
  /** Every module loaded: file paths for files, `node:` URLs for built-ins, deduplicated. */
  all: string[];
  /** Files under a node_modules directory, as `<package>/<path>`. */
  packages: string[];
}

export interface ModuleRecorder {
  /** Arguments to put before the script in the child's command line. */
  nodeArgs: string[];
  read(): LoadedModules;
}

export function moduleRecorder(dir: string): ModuleRecorder {
  mkdirSync(dir, { recursive: true });
  const log = path.join(dir, 'loaded-modules.log');
  const hooks = path.join(dir, 'record-hooks.mjs');
  const preload = path.join(dir, 'record-preload.mjs');
  writeFileSync(log, '');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(file, result.url + '\\n');
  return result;
}
`,
  );
  writeFileSync(
    preload,
    `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
const file = ${JSON.stringify(log)};
register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { file } });
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => appendFileSync(file, Object.keys(cache).join('\\n') + '\\n'));
`,
  );
  return {
    nodeArgs: ['--import', pathToFileURL(preload).href],
    read() {
      const seen = new Set<string>();
      for (const line of readFileSync(log, 'utf8').split('\n')) {
        if (!line) continue;
        seen.add(line.startsWith('file:') ? decodeURIComponent(new URL(line).pathname) : line);
      }
      seen.delete(preload);
      const all = [...seen].sort();
      const packages = all.flatMap((file) => {
        const at = file.lastIndexOf('/node_modules/');
        return at < 0 ? [] : [file.slice(at + '/node_modules/'.length)];
      });
      return { all, packages };
    },
  };
}
