// npm run slack:manifest [-- --url https://your.host] [--socket]
// Writes adapters/slack/manifest.json from the command registry (the default URL is a
// placeholder; pass --url to print one ready to paste, --socket for Socket Mode).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { buildManifest, DEFAULT_MANIFEST_OPTIONS } from './manifest.ts';

const { values } = parseArgs({ options: { url: { type: 'string' }, socket: { type: 'boolean', default: false } } });
const manifest = buildManifest(createDefaultRegistry(), {
  baseUrl: values.url ?? DEFAULT_MANIFEST_OPTIONS.baseUrl,
  socketMode: values.socket ?? false,
});
const json = `${JSON.stringify(manifest, null, 2)}\n`;
if (values.url || values.socket) {
  process.stdout.write(json);
} else {
  const target = fileURLToPath(new URL('./manifest.json', import.meta.url));
  writeFileSync(target, json);
  process.stdout.write(`wrote ${target}\n`);
}
