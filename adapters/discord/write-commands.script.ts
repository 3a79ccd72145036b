// npm run discord:commands — writes adapters/discord/commands.json, the registration payload,
// so a change of commands shows up in review (a test fails when it is out of date).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDefaultRegistry } from '../../src/commands/index.ts';
import { buildDiscordCommands } from './discord-commands.ts';

const target = fileURLToPath(new URL('./commands.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(buildDiscordCommands(createDefaultRegistry()), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
