// Loads the built-in glossary (the JSON files next to this one), validated once with zod.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { glossaryFileSchema, type GlossaryTerm } from './glossary.schema.ts';

const dataDir = fileURLToPath(new URL('./data/', import.meta.url));
let cache: GlossaryTerm[] | undefined;

export function builtInTerms(): GlossaryTerm[] {
  if (!cache) {
    cache = (existsSync(dataDir) ? readdirSync(dataDir) : [])
      .filter((file) => file.endsWith('.json'))
      .sort()
      .flatMap((file) => {
        const parsed = glossaryFileSchema.safeParse(JSON.parse(readFileSync(`${dataDir}${file}`, 'utf8')));
        if (!parsed.success) throw new Error(`glossary ${file}: ${parsed.error.issues[0]?.message ?? 'invalid'} at ${parsed.error.issues[0]?.path.join('.')}`);
        return parsed.data;
      });
  }
  return cache;
}
