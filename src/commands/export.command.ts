// /export — a manager downloads deals, contacts, companies or activities as a CSV file (the
// same file as `relance export`, in the member's language). Audited: the bot records one row
// per run, refusals included; the handler names what was exported and how many rows.
import { z } from 'zod';
import { defineCommand } from '../core/registry.ts';
import { csvKinds } from '../csv/csv-columns.schema.ts';
import { exportCsv } from '../csv/csv-export.service.ts';

export const exportCommand = defineCommand({
  name: 'export',
  aliases: { fr: ['exporter'], en: ['export'] },
  description: { fr: 'Exporter affaires, contacts, sociétés ou activités en fichier CSV (managers)', en: 'Export deals, contacts, companies or activities as a CSV file (managers)' },
  examples: { fr: ['/exporter affaires', '/exporter activites'], en: ['/export deals', '/export contacts'] },
  args: [
    {
      name: 'kind',
      kind: 'enum',
      keys: ['quoi', 'what', 'type'],
      position: 0,
      required: true,
      choices: [
        { value: 'deals', label: { fr: 'Affaires', en: 'Deals' }, aliases: ['affaire', 'deal', 'opportunites'] },
        { value: 'contacts', label: { fr: 'Contacts', en: 'Contacts' }, aliases: ['contact'] },
        { value: 'companies', label: { fr: 'Sociétés', en: 'Companies' }, aliases: ['societe', 'entreprises', 'company', 'comptes', 'accounts'] },
        { value: 'activities', label: { fr: 'Activités', en: 'Activities' }, aliases: ['activite', 'activity', 'journal'] },
      ],
      label: { fr: 'Données à exporter', en: 'Data to export' },
      prompt: { fr: 'Que voulez-vous exporter ?', en: 'What do you want to export?' },
      example: { fr: 'affaires', en: 'deals' },
    },
  ],
  schema: z.object({ kind: z.enum(csvKinds) }),
  permission: 'manager',
  audit: 'export',
  handler: async function exportHandler(ctx) {
    const { kind } = ctx.args;
    // A manager with a team gets the team's deals and activities, as in /deal list.
    const result = await exportCsv(ctx.tx, { kind, lang: ctx.lang, workspace: ctx.workspace, member: ctx.member, now: ctx.now() });
    ctx.audit({ type: kind, id: kind, details: { rows: result.rows, lang: ctx.lang } });
    ctx.reply({
      visibility: 'private',
      blocks: [
        { type: 'text', text: ctx.t('csv.export_ready', { rows: result.rows, separator: result.separator }) },
        { type: 'file', bytes: result.bytes, fileName: result.fileName, mimeType: 'text/csv', title: ctx.t('csv.export_title', { kind, rows: result.rows }) },
      ],
    });
  },
});
