// /define add — managers and admins add a team term, or their version of a built-in one.
import { z } from 'zod';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { defineCommand } from '../../core/registry.ts';
import { glossaryTerms } from '../../db/schema.ts';
import { glossaryCategories } from '../../glossary/glossary.schema.ts';
import { workspaceGlossary } from '../../services/glossary.service.ts';

const categoryChoices = glossaryCategories.map((value) => ({ value, label: { fr: value, en: value } }));

export const defineAddCommand = defineCommand({
  name: 'add',
  aliases: { fr: ['ajouter', 'modifier'], en: ['add', 'edit'] },
  description: { fr: "Ajouter ou adapter un terme pour l’équipe", en: 'Add or adapt a term for the team' },
  examples: {
    fr: ['/definir ajouter nom:"Deal desk" en:"Deal desk" def:"Équipe qui valide les remises." def_en:"Team that approves discounts." categorie:negociation-closing'],
    en: ['/define add name:"Deal desk" en:"Deal desk" def:"Équipe qui valide les remises." def_en:"Team that approves discounts." category:negociation-closing'],
  },
  args: [
    { name: 'name', kind: 'text', keys: ['nom', 'name', 'fr'], required: true, label: { fr: 'Nom en français', en: 'Name in French' }, prompt: { fr: 'Quel est le nom du terme en français ?', en: 'What is the term called in French?' }, example: { fr: '"Deal desk"', en: '"Deal desk"' } },
    { name: 'name_en', kind: 'text', keys: ['en', 'nom_en', 'name_en'], required: true, label: { fr: 'Nom en anglais', en: 'Name in English' }, prompt: { fr: 'Quel est son nom en anglais ?', en: 'What is it called in English?' }, example: { fr: '"Deal desk"', en: '"Deal desk"' } },
    { name: 'definition', kind: 'text', keys: ['def', 'definition'], required: true, label: { fr: 'Définition en français', en: 'Definition in French' }, prompt: { fr: 'Quelle définition en français (2 à 4 phrases) ?', en: 'What is the definition in French (2 to 4 sentences)?' }, example: { fr: '"Équipe qui valide les remises."', en: '"Équipe qui valide les remises."' } },
    { name: 'definition_en', kind: 'text', keys: ['def_en', 'definition_en'], required: true, label: { fr: 'Définition en anglais', en: 'Definition in English' }, prompt: { fr: 'Quelle définition en anglais ?', en: 'What is the definition in English?' }, example: { fr: '"Team that approves discounts."', en: '"Team that approves discounts."' } },
    { name: 'category', kind: 'enum', keys: ['categorie', 'category'], required: true, choices: categoryChoices, label: { fr: 'Catégorie', en: 'Category' }, prompt: { fr: 'Dans quelle catégorie ?', en: 'Which category?' }, example: { fr: 'negociation-closing', en: 'negociation-closing' } },
    { name: 'aliases', kind: 'text', keys: ['alias', 'aliases'], label: { fr: 'Autres noms', en: 'Other names' }, prompt: { fr: 'Quels autres noms (séparés par des virgules) ?', en: 'Any other names (comma-separated)?' }, example: { fr: 'alias:"DD, desk"', en: 'aliases:"DD, desk"' } },
  ],
  schema: z.object({
    name: z.string().min(1).max(80),
    name_en: z.string().min(1).max(80),
    definition: z.string().min(10).max(900),
    definition_en: z.string().min(10).max(900),
    category: z.enum(glossaryCategories),
    aliases: z.string().max(400).optional(),
  }),
  permission: 'manager',
  handler: async function addTermHandler(ctx) {
    const index = await workspaceGlossary(ctx.tx, ctx.workspace.id);
    // Same name as an existing term: this is the team's version of it.
    const existing = index.search(ctx.args.name).best ?? index.search(ctx.args.name_en).best;
    const sameName = existing && [existing.fr.name, existing.en.name].some((n) => normalizeKey(n) === normalizeKey(ctx.args.name) || normalizeKey(n) === normalizeKey(ctx.args.name_en));
    const termId = sameName ? existing.id : normalizeKey(ctx.args.name).replace(/ /g, '-');
    const aliases = (ctx.args.aliases ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    const values = {
      workspaceId: ctx.workspace.id,
      termId,
      category: ctx.args.category,
      nameFr: ctx.args.name,
      nameEn: ctx.args.name_en,
      definitionFr: ctx.args.definition,
      definitionEn: ctx.args.definition_en,
      aliases,
      related: sameName ? existing.related : [],
      updatedBy: ctx.member.id,
      updatedAt: ctx.now(),
    };
    await ctx.tx
      .insert(glossaryTerms)
      .values(values)
      .onConflictDoUpdate({ target: [glossaryTerms.workspaceId, glossaryTerms.termId], set: values });
    ctx.reply([{ type: 'text', text: ctx.t(sameName ? 'glossary.term_updated' : 'glossary.term_added', { name: ctx.lang === 'fr' ? ctx.args.name : ctx.args.name_en }) }]);
  },
});
