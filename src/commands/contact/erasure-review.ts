// Shared by /contact forget and /contact export: the possible mentions left for an admin to check, one bounded line each.
import type { CommandContext } from '../../core/context.ts';
import type { Block } from '../../core/types.ts';
import type { ReviewItem } from '../../services/erasure-plan.service.ts';

/** Lines shown in a reply; the export file holds them all. */
const SHOWN = 10;


const RECORDS = ['activities', 'deals', 'companies', 'contacts', 'qualifications'] as const;

export function reviewLine(ctx: CommandContext<any>, item: ReviewItem): string {
  const known = RECORDS.find((r) => r === item.table);
  const record = known ? ctx.t(`contact.record_${known}`) : ctx.t('contact.record_other', { table: item.table });
  return ctx.t('contact.review_line', { record, id: item.id.slice(0, 60), reason: ctx.t(`contact.review_${item.reason}`), snippet: item.snippet });
}

/** The review list as reply blocks (nothing when there is nothing to check). */
export function reviewBlocks(ctx: CommandContext<any>, review: ReviewItem[]): Block[] {
  if (review.length === 0) return [];
  const rest = review.length - SHOWN;
  return [
    {
      type: 'list',
      title: ctx.t('contact.review_title', { count: review.length }),
      items: [...review.slice(0, SHOWN).map((item) => reviewLine(ctx, item)), ...(rest > 0 ? [ctx.t('contact.review_more', { count: rest })] : [])],
    },
  ];
}
