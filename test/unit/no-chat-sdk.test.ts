// Rule 1 of the architecture: the core never imports a chat SDK; adapters do.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../../src', import.meta.url));
const SDKS = [/^@slack\//, /^discord\.js$/, /^@discordjs\//, /^discord-api-types/, /^slack-/, /adapters\//];

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : entry.name.endsWith('.ts') ? [full] : [];
  });

const importsOf = (source: string): string[] =>
  [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

// The CLI and the composition root are where adapters are chosen; everything else stays neutral.
const ALLOWED_TO_IMPORT_ADAPTERS = new Set(['cli.ts', 'main.ts', path.join('runtime', 'platform-adapters.ts')]);

describe('src/ stays platform-neutral', () => {
  it('finds the sources it checks', () => {
    expect(files(srcDir).length).toBeGreaterThan(20);
  });

  it('no file under src/ imports a chat SDK', () => {
    const offenders: string[] = [];
    for (const file of files(srcDir)) {
      const relative = path.relative(srcDir, file);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const banned = SDKS.filter((pattern) => !(ALLOWED_TO_IMPORT_ADAPTERS.has(relative) && pattern.source === 'adapters\\/'));
        if (banned.some((pattern) => pattern.test(spec))) offenders.push(`${relative} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('detects an SDK import when there is one', () => {
    expect(importsOf("import { App } from '@slack/bolt';\nconst d = await import('discord.js');")).toEqual(['@slack/bolt', 'discord.js']);
  });
});
