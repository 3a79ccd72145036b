// /log — one line to record a call, email, meeting, demo or note against a deal, company or
// contact, with direction, outcome, duration, notes and the next step (which updates the deal).
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { UserError } from '../core/errors.ts';
import { formatDate } from '../core/format.ts';
import { defineCommand } from '../core/registry.ts';
import { confirmQuestion } from '../core/question.ts';
import { deals } from '../db/schema.ts';
import { logActivity } from '../services/activity.service.ts';
import { visibleDeals } from '../services/access.service.ts';
import { getContact } from '../services/directory.service.ts';
import { addDays, todayIn } from '../core/parse/date.parser.ts';
import { readRecordNumber } from '../core/limits.ts';
import { activityTypeChoices, directionChoices, outcomeChoices } from './shared/choices.ts';
import { activityDetails, detailList } from './shared/deal-view.ts';
import { resolveDeal, resolveOrCreate } from './shared/resolve-record.ts';
import { recordAudit } from '../services/audit.service.ts';

const schema = z.object({
  type: z.enum(['call', 'email', 'meeting', 'demo', 'note']),
  target: z.string().max(200).optional(),
  deal: z.string().max(200).optional(),
  company: z.string().max(200).optional(),
  contact: z.string().max(200).optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  outcome: z.enum(['done', 'no_answer', 'voicemail', 'no_show', 'positive', 'negative', 'rescheduled']).optional(),
  duration: z.number().int().positive().optional(),
  on: z.string().optional(),
  next: z.string().max(300).optional(),
  due: z.string().optional(),
  notes: z.string().max(4000).optional(),
});

export const logCommand = defineCommand({
  name: 'log',
  aliases: { fr: ['journal', 'activite'], en: ['log'] },
  description: {
    fr: 'Enregistrer un appel, un e-mail, un rendez-vous, une démo ou une note',
    en: 'Record a call, email, meeting, demo or note',
  },
  examples: {
    fr: [
      '/journal appel "Acme Corp" sortant 20min positif Budget validé suite:"envoyer le devis" pour:vendredi',
      '/journal rdv Globex absent',
      '/journal email affaire:"Acme renouvellement" entrant Demande de remise',
    ],
    en: [
      '/log call "Acme Corp" outbound 20min positive Budget confirmed next:"send the quote" due:friday',
      '/log meeting Globex no-show',
      '/log email deal:"Acme renewal" inbound Asked for a discount',
    ],
  },
  args: [
    { name: 'type', kind: 'enum', keys: ['type'], position: 0, required: true, choices: activityTypeChoices, label: { fr: 'Type d’activité', en: 'Activity type' }, prompt: { fr: 'Quel type d’activité ?', en: 'What kind of activity?' }, example: { fr: 'appel', en: 'call' } },
    { name: 'target', kind: 'text', completes: 'record', keys: ['cible', 'target', 'avec', 'with'], position: 1, skipIfGiven: ['deal', 'company', 'contact'], label: { fr: 'Affaire, société ou contact', en: 'Deal, company or contact' }, prompt: { fr: 'Avec quelle affaire, société ou quel contact ?', en: 'Which deal, company or contact?' }, example: { fr: '"Acme Corp"', en: '"Acme Corp"' },
      // `#12` names a deal: an unknown one is reported before the activity type is asked.
      check: (ctx, value) => (readRecordNumber(value) === undefined ? Promise.resolve(undefined) : resolveDeal(ctx, value)),
    },
    { name: 'deal', kind: 'text', completes: 'deal', keys: ['affaire', 'deal', 'opportunite'], label: { fr: 'Affaire', en: 'Deal' }, prompt: { fr: 'Quelle affaire ?', en: 'Which deal?' }, example: { fr: 'affaire:"Acme renouvellement"', en: 'deal:"Acme renewal"' }, check: (ctx, value) => resolveDeal(ctx, value) },
    { name: 'company', kind: 'text', completes: 'company', keys: ['societe', 'entreprise', 'company', 'compte', 'account'], label: { fr: 'Société', en: 'Company' }, prompt: { fr: 'Quelle société ?', en: 'Which company?' }, example: { fr: 'societe:Acme', en: 'company:Acme' } },
    { name: 'contact', kind: 'text', completes: 'contact', keys: ['contact'], label: { fr: 'Contact', en: 'Contact' }, prompt: { fr: 'Quel contact ?', en: 'Which contact?' }, example: { fr: 'contact:"Marie Dupont"', en: 'contact:"Marie Dupont"' } },
    { name: 'direction', kind: 'enum', keys: ['sens', 'direction'], detect: true, choices: directionChoices, label: { fr: 'Sens', en: 'Direction' }, prompt: { fr: 'Entrant ou sortant ?', en: 'Inbound or outbound?' }, example: { fr: 'sortant', en: 'outbound' } },
    { name: 'outcome', kind: 'enum', keys: ['resultat', 'issue', 'outcome', 'result'], detect: true, choices: outcomeChoices, label: { fr: 'Résultat', en: 'Outcome' }, prompt: { fr: 'Quel résultat ?', en: 'What was the outcome?' }, example: { fr: 'positif', en: 'positive' } },
    { name: 'duration', kind: 'duration', keys: ['duree', 'duration'], detect: true, label: { fr: 'Durée', en: 'Duration' }, prompt: { fr: 'Quelle durée ?', en: 'How long did it last?' }, example: { fr: '1h30', en: '45min' } },
    { name: 'on', kind: 'date', keys: ['le', 'date', 'on', 'quand', 'when'], label: { fr: 'Date de l’activité', en: 'Activity date' }, prompt: { fr: 'Quand a-t-elle eu lieu ?', en: 'When did it take place?' }, example: { fr: 'le:hier', en: 'on:yesterday' } },
    { name: 'next', kind: 'text', keys: ['suite', 'prochaine', 'next'], label: { fr: 'Prochaine étape', en: 'Next step' }, prompt: { fr: 'Quelle est la prochaine étape ?', en: 'What is the next step?' }, example: { fr: 'suite:"envoyer le devis"', en: 'next:"send the quote"' } },
    { name: 'due', kind: 'date', keys: ['pour', 'echeance', 'due', 'by'], label: { fr: 'Échéance de la prochaine étape', en: 'Next step due date' }, prompt: { fr: 'Pour quand est la prochaine étape ?', en: 'When is the next step due?' }, example: { fr: 'pour:vendredi', en: 'due:friday' } },
    { name: 'notes', kind: 'text', keys: ['notes', 'note'], rest: true, label: { fr: 'Notes', en: 'Notes' }, prompt: { fr: 'Des notes à ajouter ?', en: 'Any notes to add?' }, example: { fr: 'Budget validé', en: 'Budget confirmed' } },
  ],
  schema,
  permission: 'member',
  handler: async function logActivityHandler(ctx) {
    const { args } = ctx;
    const given = [args.target, args.deal, args.company, args.contact].filter((v) => v !== undefined);
    if (given.length === 0) ctx.askFor('target');
    if (given.length > 1 && args.target !== undefined) throw new UserError('log_target_twice', { example: ctx.t('examples.log') });

    let dealId: number | null = null;
    let companyId: number | null = null;
    let contactId: number | null = null;
    let targetName = '';
    const created: string[] = [];
    // A next step belongs to a deal, which a record created now would not have: with one, nothing
    // is offered for creation, and a name that matches nothing gets that answer at once.
    const wantsNextStep = args.next !== undefined || args.due !== undefined;
    const needsDeal = () => new UserError('next_step_needs_deal', { example: ctx.t('examples.log') });
    const creating = (kinds: Array<'company' | 'contact'>) => (wantsNextStep ? { creatable: [], notFound: needsDeal } : { creatable: kinds });

    if (args.deal !== undefined) {
      const deal = await resolveDeal(ctx, args.deal);
      dealId = deal.id;
      companyId = deal.companyId;
      contactId = deal.contactId;
      targetName = deal.name;
    }
    if (args.company !== undefined) {
      const company = await resolveOrCreate(ctx, args.company, { kinds: ['company'], ...creating(['company']), answerKey: 'match:company' });
      companyId = company.id;
      targetName ||= company.name;
      if (company.created) created.push(ctx.t('records.created_company', { name: company.name }));
    }
    if (args.contact !== undefined) {
      const contact = await resolveOrCreate(ctx, args.contact, { kinds: ['contact'], ...creating(['contact']), answerKey: 'match:contact', companyIdForNewContact: companyId });
      contactId = contact.id;
      targetName ||= contact.name;
      if (contact.created) created.push(ctx.t('records.created_contact', { name: contact.name }));
    }
    if (args.target !== undefined) {
      const hit = await resolveOrCreate(ctx, args.target, { kinds: ['deal', 'company', 'contact'], ...creating(['company', 'contact']), answerKey: 'match:target' });
      targetName = hit.name;
      if (hit.kind === 'deal') {
        const deal = await resolveDeal(ctx, `#${hit.id}`);
        dealId = deal.id;
        companyId = deal.companyId;
        contactId = deal.contactId;
      } else if (hit.kind === 'company') {
        companyId = hit.id;
      } else {
        contactId = hit.id;
        companyId = (await getContact(ctx.tx, ctx.workspace.id, hit.id))?.companyId ?? null;
      }
      if (hit.created) created.push(ctx.t(hit.kind === 'company' ? 'records.created_company' : 'records.created_contact', { name: hit.name }));
    }

    // Logged on a company or contact, the next step goes to their only open deal.
    let nextStep: { text: string; due: string } | undefined;
    if (wantsNextStep) {
      if (dealId === null) dealId = await onlyOpenDeal(ctx, companyId, contactId);
      if (dealId === null) throw needsDeal();
      if (args.next === undefined) throw new UserError('next_step_text_missing', { example: ctx.t('examples.log') });
      const due = args.due ?? ctx.ask({ key: 'due', prompt: ctx.t('log.ask_due'), choices: dueChoices(ctx) });
      nextStep = { text: args.next, due };
    }

    // Reaching out to someone who refused that channel needs a deliberate yes, which is recorded.
    const contactRow = contactId === null ? undefined : await getContact(ctx.tx, ctx.workspace.id, contactId);
    const refused = args.direction !== 'inbound' && contactRow ? (args.type === 'call' && contactRow.optOutPhone ? 'phone' : args.type === 'email' && contactRow.optOutEmail ? 'email' : null) : null;
    if (refused && contactRow) {
      const answer = ctx.ask(
        confirmQuestion({
          key: 'optout:confirm',
          prompt: ctx.t(refused === 'phone' ? 'log.optout_confirm_phone' : 'log.optout_confirm_email', { name: contactRow.name }),
          yes: ctx.t('log.optout_yes'),
          no: ctx.t('log.optout_no'),
        }),
      );
      if (answer !== 'yes') throw new UserError('log_optout_cancelled', { name: contactRow.name });
      await recordAudit(ctx.tx, {
        workspaceId: ctx.workspace.id,
        memberId: ctx.member.id,
        actor: `${ctx.ref.platform}:${ctx.member.platformUserId}`,
        action: 'contact.optout_override',
        targetType: 'contact',
        targetId: contactRow.id,
        outcome: 'ok',
        details: { channel: refused, activity: args.type },
        at: ctx.now(),
      });
    }

    const occurredAt = args.on ? new Date(`${args.on}T12:00:00Z`) : ctx.now();
    await logActivity(
      ctx.tx,
      {
        workspaceId: ctx.workspace.id,
        loggedBy: ctx.member.id,
        type: args.type,
        direction: args.direction,
        outcome: args.outcome,
        durationMinutes: args.duration,
        notes: args.notes,
        dealId,
        companyId,
        contactId,
        occurredAt,
        source: ctx.source,
      },
      ctx.now(),
      nextStep,
    );

    const details = activityDetails(ctx.lang, { type: args.type, direction: args.direction, outcome: args.outcome, durationMinutes: args.duration });
    const logged =
      details.length === 0
        ? ctx.t('log.logged', { kind: args.type, target: targetName })
        : ctx.t('log.logged_details', { kind: args.type, target: targetName, details: detailList(ctx.lang, details) });
    const lines = [...created, logged];
    if (args.on) lines.push(ctx.t('log.on', { date: formatDate(args.on, ctx.lang) }));
    if (nextStep) lines.push(ctx.t('log.next_step', { step: nextStep.text, date: formatDate(nextStep.due, ctx.lang) }));
    if (refused && contactRow) lines.push(ctx.t('log.optout_recorded', { name: contactRow.name }));
    ctx.reply(lines.map((text) => ({ type: 'text' as const, text })));
  },
});

async function onlyOpenDeal(ctx: Parameters<typeof logCommand.handler>[0], companyId: number | null, contactId: number | null): Promise<number | null> {
  if (companyId === null && contactId === null) return null;
  const rows = await ctx.tx
    .select({ id: deals.id })
    .from(deals)
    .where(
      and(
        visibleDeals(ctx.member, ctx.tx),
        eq(deals.status, 'open'),
        companyId !== null ? eq(deals.companyId, companyId) : eq(deals.contactId, contactId ?? -1),
      ),
    )
    .limit(2);
  return rows.length === 1 ? (rows[0]?.id ?? null) : null;
}

/** Quick picks for a forgotten due date: tomorrow, in 3 days, in a week, in 2 weeks. */
function dueChoices(ctx: Parameters<typeof logCommand.handler>[0]): Array<{ label: string; value: string }> {
  const today = todayIn(ctx.timeZone, ctx.now());
  return [1, 3, 7, 14].map((days) => {
    const date = addDays(today, days);
    return { label: formatDate(date, ctx.lang), value: date };
  });
}
