// Figures read from logged activity: volume, prospects reached, answers, no-shows, meetings
// that turned into sales.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { activities, deals } from '../db/schema.ts';
import { activityScope, dealScope, one, wonIn, type KpiDefinition } from './kpi.types.ts';

/** A meeting or demo that took place (no outcome logged counts as held). */
const held = sql`(${activities.outcome} is null or ${activities.outcome} <> 'no_show')`;

export const activityKpis: KpiDefinition[] = [
  {
    key: 'activities',
    name: { fr: 'Activités', en: 'Activities' },
    unit: 'count',
    aliases: ['activite', 'activites', 'activity', 'appels', 'calls'],
    summary: { fr: 'Nombre d’appels, d’e-mails, de rendez-vous, de démos et de notes enregistrés sur la période.', en: 'Number of calls, emails, meetings, demos and notes logged in the period.' },
    objective: 'activities',
    compute: (tx, scope, period) => one(tx.select({ value: sql`count(*)` }).from(activities).where(and(...activityScope(scope, period)))),
  },
  {
    key: 'prospects_contacted',
    name: { fr: 'Prospects contactés', en: 'Prospects contacted' },
    unit: 'count',
    aliases: ['prospects contactes', 'contactes', 'contacted'],
    summary: { fr: 'Nombre de contacts distincts joints par une action sortante sur la période.', en: 'Number of distinct contacts reached by an outbound activity in the period.' },
    compute: (tx, scope, period) =>
      one(tx.select({ value: sql`count(distinct ${activities.contactId})` }).from(activities).where(and(...activityScope(scope, period), eq(activities.direction, 'outbound')))),
  },
  {
    key: 'response_rate',
    name: { fr: 'Taux de réponse', en: 'Response rate' },
    unit: 'percent',
    aliases: ['taux de reponse', 'reponse', 'reply rate'],
    summary: { fr: 'Part des contacts joints par une action sortante sur la période qui ont répondu.', en: 'Share of the contacts reached by an outbound activity in the period who answered.' },
    compute: (tx, scope, period) =>
      one(
        tx
          .select({
            value: sql`100.0 * count(distinct ${activities.contactId}) filter (where ${activities.outcome} not in ('no_answer', 'voicemail', 'no_show')) / nullif(count(distinct ${activities.contactId}), 0)`,
          })
          .from(activities)
          .where(and(...activityScope(scope, period), eq(activities.direction, 'outbound'), sql`${activities.contactId} is not null`)),
      ),
  },
  {
    key: 'no_show_rate',
    name: { fr: 'Taux d’absence', en: 'No-show rate' },
    unit: 'percent',
    aliases: ['no show', 'noshow', 'absences'],
    summary: { fr: 'Part des rendez-vous et démos de la période auxquels le prospect ne s’est pas présenté.', en: 'Share of the meetings and demos in the period that the prospect did not attend.' },
    compute: (tx, scope, period) =>
      one(
        tx
          .select({ value: sql`100.0 * count(*) filter (where ${activities.outcome} = 'no_show') / nullif(count(*), 0)` })
          .from(activities)
          .where(and(...activityScope(scope, period), inArray(activities.type, ['meeting', 'demo']), sql`${activities.outcome} is not null`)),
      ),
  },
  {
    // Deals won in the period that had a meeting or demo, per meeting or demo held in it.
    key: 'meeting_to_sale',
    name: { fr: 'Transformation des rendez-vous', en: 'Meeting-to-sale rate' },
    unit: 'percent',
    aliases: ['transformation des rendez vous', 'rdv', 'rendez vous', 'meeting to sale', 'meetings'],
    summary: { fr: 'Affaires gagnées sur la période après un rendez-vous ou une démo, rapportées aux rendez-vous et démos tenus.', en: 'Deals won in the period after a meeting or demo, per meeting or demo held.' },
    compute: async (tx, scope, period) => {
      const [meetings] = await tx
        .select({ value: sql<string>`count(*)` })
        .from(activities)
        .where(and(...activityScope(scope, period), inArray(activities.type, ['meeting', 'demo']), held));
      const [sales] = await tx
        .select({ value: sql<string>`count(*)` })
        .from(deals)
        .where(
          and(
            ...dealScope(tx, scope),
            wonIn(period),
            sql`exists (select 1 from ${activities} where ${activities.workspaceId} = ${deals.workspaceId} and ${activities.dealId} = ${deals.id} and ${activities.type} in ('meeting', 'demo') and ${held})`,
          ),
        );
      const held_ = Number(meetings?.value ?? 0);
      return { value: held_ === 0 ? null : (100 * Number(sales?.value ?? 0)) / held_ };
    },
  },
];
