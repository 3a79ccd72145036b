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
    did_you_mean: 'Aucune fiche ne s’appelle exactement « {name} ». Vouliez-vous dire l’une de celles-ci ?',
    did_you_mean_deal: 'Aucune affaire ne s’appelle exactement « {name} ». Vouliez-vous dire l’une de celles-ci ?',
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
    did_you_mean: 'No record is called exactly "{name}". Did you mean one of these?',
    did_you_mean_deal: 'No deal is called exactly "{name}". Did you mean one of these?',
    which_deal: 'Several deals are called "{name}". Which one?',
    several_match: 'Several records are called "{name}". Which one?',
    not_found_create: '"{name}" does not exist yet. What should I create?',
    created_company: 'Company "{name}" created.',
    created_contact: 'Contact "{name}" created.',
  },
});
