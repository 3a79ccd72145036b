// The records texts, French and English side by side. ICU MessageFormat: `{name}` slots,
// `{count, plural, …}` for counts, `{kind, select, …}` for gendered words; typography rules in
// ../typography.ts (a test checks both).
import { defineMessages } from '../define-messages.ts';

export const recordsMessages = defineMessages({
  fr: {
    deal_choice: 'Affaire #{id} {name}',
    company_choice: 'Société {name}',
    contact_choice: 'Contact {name}',
    create_company: 'Créer la société « {name} »',
    create_contact: 'Créer le contact « {name} »',
    did_you_mean: 'Je ne trouve pas « {name} » exactement. Vouliez-vous dire… ?',
    did_you_mean_deal: 'Je ne trouve pas l’affaire « {name} » exactement. Vouliez-vous dire… ?',
    which_deal: 'Plusieurs affaires s’appellent « {name} ». Laquelle ?',
    several_match: 'Plusieurs fiches s’appellent « {name} ». Laquelle ?',
    not_found_create: '« {name} » n’existe pas encore. Que voulez-vous créer ?',
    created_company: 'Société « {name} » créée.',
    created_contact: 'Contact « {name} » créé.',
  },
  en: {
    deal_choice: 'Deal #{id} {name}',
    company_choice: 'Company {name}',
    contact_choice: 'Contact {name}',
    create_company: 'Create company "{name}"',
    create_contact: 'Create contact "{name}"',
    did_you_mean: 'I cannot find "{name}" exactly. Did you mean…?',
    did_you_mean_deal: 'I cannot find the deal "{name}" exactly. Did you mean…?',
    which_deal: 'Several deals are called "{name}". Which one?',
    several_match: 'Several records are called "{name}". Which one?',
    not_found_create: '"{name}" does not exist yet. What should I create?',
    created_company: 'Company "{name}" created.',
    created_contact: 'Contact "{name}" created.',
  },
});
