// The shape of the built-in glossary (src/glossary/data/*.json), checked with zod in the tests
// and at load time, so a broken entry is caught before a member ever sees it.
import { z } from 'zod';

export const glossaryCategories = [
  'prospection',
  'decouverte',
  'qualification',
  'argumentation',
  'negociation-closing',
  'pipeline-pilotage',
  'kpi',
  'relation-client',
  'marketing',
  'management',
  'methodes',
  'outils',
  'juridique',
] as const;

const side = z.object({
  /** The term's name in this language. */
  name: z.string().min(1).max(80),
  /** 2–4 sentences, our own words: what it is, why it matters to a rep, a concrete example. */
  definition: z.string().min(80).max(900),
  /** Other names, spellings and acronyms people type in this language. */
  aliases: z.array(z.string().min(1).max(80)).max(12),
});

export const glossaryTermSchema = z.object({
  /** Stable id: the French name in kebab case (`appel-a-froid`). */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  category: z.enum(glossaryCategories),
  fr: side,
  en: side,
  /** 2–5 ids of other terms worth reading next. */
  related: z.array(z.string()).min(2).max(5),
  /** For KPI terms: how it is computed. */
  formula: z.object({ fr: z.string().min(5), en: z.string().min(5) }).optional(),
  /** The Relance command that computes or applies it (`/kpi conversion_rate`, `/qualify`). */
  command: z.string().regex(/^\/[a-z]+( [a-z_]+)?$/).optional(),
});

export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;
export const glossaryFileSchema = z.array(glossaryTermSchema);
