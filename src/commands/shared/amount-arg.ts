// Amount arguments in commands: the zod schema they validate against, and the question asked
// when the member typed a form that means two values 1,000× apart (`15,000` in French), so an
// amount is never guessed. Every command reading an amount goes through `resolveAmount`.
import { z } from 'zod';
import type { CommandContext } from '../../core/context.ts';
import { formatMoney } from '../../core/format.ts';
import { isAmbiguousAmount, type Amount, type ParsedAmount } from '../../core/parse/amount.parser.ts';
import type { Block } from '../../core/types.ts';

const amount = z.object({ minor: z.number().int().nonnegative(), currency: z.string().length(3), tax: z.enum(['excl', 'incl']).optional() });

/** A parsed amount argument: read directly, or still to be asked (see `resolveAmount`). */
export const amountArgSchema = z.union([amount, z.object({ ambiguous: z.literal(true), input: z.string(), thousands: amount, decimal: amount })]);

/**
 * The amount the member meant. An ambiguous one is asked back with both readings as buttons
 * (« Montant « 15,000 » : 15 000 € ou 15,00 € ? »); the command then runs again with the answer.
 * `key` names the question within the command (an argument name, a question key).
 */
export function resolveAmount(ctx: Pick<CommandContext, 'ask' | 't' | 'lang'>, value: ParsedAmount, key: string): Amount {
  if (!isAmbiguousAmount(value)) return value;
  const thousands = formatMoney(value.thousands.minor, value.thousands.currency, ctx.lang);
  const decimal = formatMoney(value.decimal.minor, value.decimal.currency, ctx.lang, { cents: true });
  const answer = ctx.ask({
    key: `amount:${key}`,
    prompt: ctx.t('amount.which', { input: value.input, thousands, decimal }),
    // Values that no typed amount can match: typing `1500` must not pick a reading by accident.
    choices: [
      { label: thousands, value: 'thousands' },
      { label: decimal, value: 'decimal' },
    ],
  });
  return answer === 'decimal' ? value.decimal : value.thousands;
}

/**
 * The line to add to a reply when the amount was given tax included: it is recorded as typed,
 * and the member is reminded that Relance's figures are before tax.
 */
export function taxNote(ctx: Pick<CommandContext, 't' | 'lang'>, value: Amount): Block[] {
  if (value.tax !== 'incl') return [];
  return [{ type: 'text', text: ctx.t('amount.incl_tax_recorded', { amount: formatMoney(value.minor, value.currency, ctx.lang) }) }];
}
