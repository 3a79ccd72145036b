// The columns of each CSV kind, with their French and English headers. One list serves the
// import (headers are matched after normalisation, so `Société`, `societe` and `SOCIETE` are the
// same column) and the export (which writes the `fr` or `en` header, in this order).
import type { ArgChoice } from '../core/registry.ts';
import type { Lang } from '../core/types.ts';

export const csvKinds = ['deals', 'contacts', 'companies', 'activities'] as const;
export type CsvKind = (typeof csvKinds)[number];

export const isCsvKind = (value: string): value is CsvKind => (csvKinds as readonly string[]).includes(value);

export interface CsvColumn {
  /** Stable key, used in row schemas and in error messages when the file has no header for it. */
  key: string;
  /** Header written by a French export. */
  fr: string;
  /** Header written by an English export. */
  en: string;
  /** Other headers people use for it (spreadsheets from other tools). */
  aliases?: string[];
  /** The header must be present and every line must fill it. */
  required?: boolean;
}

const externalId: CsvColumn = { key: 'external_id', fr: 'id_externe', en: 'external_id', aliases: ['id externe', 'identifiant externe', 'external id'], required: true };

export const csvColumns: Record<CsvKind, CsvColumn[]> = {
  companies: [
    externalId,
    { key: 'name', fr: 'nom', en: 'name', aliases: ['societe', 'company', 'raison sociale'], required: true },
    { key: 'lifecycle', fr: 'cycle', en: 'lifecycle', aliases: ['statut', 'status', 'cycle de vie'] },
  ],
  contacts: [
    externalId,
    { key: 'name', fr: 'nom', en: 'name', aliases: ['nom complet', 'full name'], required: true },
    { key: 'company', fr: 'societe', en: 'company', aliases: ['entreprise', 'organisation', 'organization'] },
    { key: 'email', fr: 'email', en: 'email', aliases: ['e-mail', 'courriel', 'mail'] },
    { key: 'phone', fr: 'telephone', en: 'phone', aliases: ['tel', 'portable', 'mobile'] },
    { key: 'title', fr: 'fonction', en: 'title', aliases: ['poste', 'job title'] },
    { key: 'opt_out_phone', fr: 'opposition_telephone', en: 'opt_out_phone', aliases: ['bloctel'] },
    { key: 'opt_out_email', fr: 'opposition_email', en: 'opt_out_email' },
    { key: 'lifecycle', fr: 'cycle', en: 'lifecycle', aliases: ['statut', 'status', 'cycle de vie'] },
  ],
  deals: [
    externalId,
    { key: 'name', fr: 'nom', en: 'name', aliases: ['affaire', 'deal', 'opportunite', 'opportunity'], required: true },
    { key: 'company', fr: 'societe', en: 'company', aliases: ['entreprise', 'client', 'account'] },
    { key: 'contact', fr: 'contact', en: 'contact' },
    { key: 'owner', fr: 'proprietaire', en: 'owner', aliases: ['responsable', 'commercial'] },
    { key: 'amount', fr: 'montant', en: 'amount', aliases: ['valeur', 'value'] },
    { key: 'currency', fr: 'devise', en: 'currency', aliases: ['monnaie'] },
    { key: 'stage', fr: 'etape', en: 'stage' },
    { key: 'expected_close', fr: 'date_signature', en: 'expected_close', aliases: ['cloture', 'close date', 'date de signature', 'date cloture prevue'] },
    { key: 'next_step', fr: 'prochaine_etape', en: 'next_step', aliases: ['suite'] },
    { key: 'next_step_due', fr: 'echeance', en: 'next_step_due', aliases: ['pour', 'due'] },
    { key: 'created_at', fr: 'cree_le', en: 'created_at', aliases: ['date de creation', 'creation'] },
    { key: 'won_at', fr: 'gagne_le', en: 'won_at', aliases: ['date de gain'] },
    { key: 'lost_at', fr: 'perdu_le', en: 'lost_at', aliases: ['date de perte'] },
    { key: 'lost_reason', fr: 'raison_perte', en: 'lost_reason', aliases: ['motif de perte'] },
    { key: 'lost_note', fr: 'note_perte', en: 'lost_note' },
  ],
  activities: [
    externalId,
    { key: 'type', fr: 'type', en: 'type', aliases: ['genre', 'kind'], required: true },
    { key: 'deal', fr: 'affaire', en: 'deal', aliases: ['opportunite', 'opportunity'] },
    { key: 'company', fr: 'societe', en: 'company', aliases: ['entreprise', 'client', 'account'] },
    { key: 'contact', fr: 'contact', en: 'contact' },
    { key: 'direction', fr: 'sens', en: 'direction' },
    { key: 'outcome', fr: 'resultat', en: 'outcome', aliases: ['issue'] },
    { key: 'duration', fr: 'duree', en: 'duration', aliases: ['duree min', 'minutes'] },
    { key: 'occurred_at', fr: 'date', en: 'occurred_at', aliases: ['quand', 'when', 'date activite'], required: true },
    { key: 'logged_by', fr: 'auteur', en: 'logged_by', aliases: ['par', 'by', 'commercial'] },
    { key: 'notes', fr: 'notes', en: 'notes', aliases: ['note', 'commentaire', 'comment'] },
  ],
};

/** The header of a column in a language (export). */
export const columnHeader = (column: CsvColumn, lang: Lang): string => column[lang];

/** A company's or contact's place in the lifecycle (methods.md): lead → prospect → client → inactive / lost. */
export const lifecycleChoices: ArgChoice[] = [
  { value: 'lead', label: { fr: 'Lead', en: 'Lead' }, aliases: ['piste'] },
  { value: 'prospect', label: { fr: 'Prospect', en: 'Prospect' } },
  { value: 'client', label: { fr: 'Client', en: 'Customer' }, aliases: ['client', 'customer'] },
  { value: 'inactive', label: { fr: 'Inactif', en: 'Inactive' }, aliases: ['inactif', 'inactive', 'dormant'] },
  { value: 'lost', label: { fr: 'Perdu', en: 'Lost' }, aliases: ['perdu', 'churn', 'parti'] },
];

/** Yes/no cells: the words both languages and spreadsheets use. */
export const booleanWords: Record<'true' | 'false', string[]> = {
  true: ['oui', 'yes', 'vrai', 'true', '1', 'x', 'o', 'y'],
  false: ['non', 'no', 'faux', 'false', '0', 'n'],
};
