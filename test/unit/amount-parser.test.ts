// Amounts as people write them, in French and in English: table tests for every documented form,
// property tests (everything Intl prints in a locale reads back to itself there; forms that mean
// two values 1,000× apart are reported as ambiguous, never resolved), and the command-line gluing
// of `15 000 € HT`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealNewCommand } from '../../src/commands/deal/deal-new.command.ts';
import { parseArgs } from '../../src/core/args.ts';
import { UserError } from '../../src/core/errors.ts';
import { translate } from '../../src/core/i18n/i18n.ts';
import { isAmbiguousAmount, parseAmount, type Amount, type ParsedAmount } from '../../src/core/parse/amount.parser.ts';
import type { Lang } from '../../src/core/types.ts';

const fr = (input: string, currency = 'EUR'): ParsedAmount => parseAmount(input, { lang: 'fr', currency });
const en = (input: string, currency = 'EUR'): ParsedAmount => parseAmount(input, { lang: 'en', currency });
const both = (input: string): ParsedAmount[] => [fr(input), en(input)];

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).code;
  }
  return undefined;
}

describe('parseAmount in French', () => {
  const cases: Array<[string, Amount]> = [
    ['15.000 €', { minor: 1_500_000, currency: 'EUR' }],
    ['15 000 €', { minor: 1_500_000, currency: 'EUR' }],
    ['15\u202f000\u00a0€', { minor: 1_500_000, currency: 'EUR' }],
    ['15\u00a0000€', { minor: 1_500_000, currency: 'EUR' }],
    ['15000€', { minor: 1_500_000, currency: 'EUR' }],
    ['15 k€', { minor: 1_500_000, currency: 'EUR' }],
    ['15k', { minor: 1_500_000, currency: 'EUR' }],
    ['15K', { minor: 1_500_000, currency: 'EUR' }],
    ['1.500,50 €', { minor: 150_050, currency: 'EUR' }],
    ['1 500,50 €', { minor: 150_050, currency: 'EUR' }],
    ['1.500', { minor: 150_000, currency: 'EUR' }],
    ['1.250.000', { minor: 125_000_000, currency: 'EUR' }],
    ['1,250,000', { minor: 125_000_000, currency: 'EUR' }],
    ['1,500.50', { minor: 150_050, currency: 'EUR' }],
    ['15,5', { minor: 1_550, currency: 'EUR' }],
    ['12,50', { minor: 1_250, currency: 'EUR' }],
    ['12.5', { minor: 1_250, currency: 'EUR' }],
    ['1,5M', { minor: 150_000_000, currency: 'EUR' }],
    ['1,5 M€', { minor: 150_000_000, currency: 'EUR' }],
    ['0,1', { minor: 10, currency: 'EUR' }],
    ['1,2345k', { minor: 123_450, currency: 'EUR' }],
    ['20 000 € HT', { minor: 2_000_000, currency: 'EUR', tax: 'excl' }],
    ['20000 HT', { minor: 2_000_000, currency: 'EUR', tax: 'excl' }],
    ['20 000 € H.T.', { minor: 2_000_000, currency: 'EUR', tax: 'excl' }],
    ['20 000 € hors taxes', { minor: 2_000_000, currency: 'EUR', tax: 'excl' }],
    ['24 000 € TTC', { minor: 2_400_000, currency: 'EUR', tax: 'incl' }],
    ['24k€ ttc', { minor: 2_400_000, currency: 'EUR', tax: 'incl' }],
    // A symbol before the number is the English way of writing: the English reading applies.
    ['$15,000', { minor: 1_500_000, currency: 'USD' }],
    ['€15,000', { minor: 1_500_000, currency: 'EUR' }],
    ['15000 EUR', { minor: 1_500_000, currency: 'EUR' }],
    ['15000 euros', { minor: 1_500_000, currency: 'EUR' }],
    ['EUR 15000', { minor: 1_500_000, currency: 'EUR' }],
    ['3k USD', { minor: 300_000, currency: 'USD' }],
    ['1 200 CHF', { minor: 120_000, currency: 'CHF' }],
    ['  15 k  ', { minor: 1_500_000, currency: 'EUR' }],
    ['0', { minor: 0, currency: 'EUR' }],
  ];
  it.each(cases)('reads %j', (input, expected) => {
    expect(fr(input)).toEqual(expected);
  });
});

describe('parseAmount in English', () => {
  const cases: Array<[string, Amount]> = [
    ['$15,000', { minor: 1_500_000, currency: 'USD' }],
    ['15,000', { minor: 1_500_000, currency: 'EUR' }],
    ['15,000.50', { minor: 1_500_050, currency: 'EUR' }],
    ['15k', { minor: 1_500_000, currency: 'EUR' }],
    ['$3k', { minor: 300_000, currency: 'USD' }],
    ['£200', { minor: 20_000, currency: 'GBP' }],
    ['€15k', { minor: 1_500_000, currency: 'EUR' }],
    ['15 000', { minor: 1_500_000, currency: 'EUR' }],
    ['1.500,50', { minor: 150_050, currency: 'EUR' }],
    ['1,250,000', { minor: 125_000_000, currency: 'EUR' }],
    ['1.250.000', { minor: 125_000_000, currency: 'EUR' }],
    ['15.5', { minor: 1_550, currency: 'EUR' }],
    ['15,5', { minor: 1_550, currency: 'EUR' }],
    ['1.5m', { minor: 150_000_000, currency: 'EUR' }],
    ['18.5k€', { minor: 1_850_000, currency: 'EUR' }],
    ['20,000 excl. VAT', { minor: 2_000_000, currency: 'EUR', tax: 'excl' }],
    ['20,000 ex VAT', { minor: 2_000_000, currency: 'EUR', tax: 'excl' }],
    ['20,000 HT', { minor: 2_000_000, currency: 'EUR', tax: 'excl' }],
    ['$24,000 incl. VAT', { minor: 2_400_000, currency: 'USD', tax: 'incl' }],
  ];
  it.each(cases)('reads %j', (input, expected) => {
    expect(en(input)).toEqual(expected);
  });

  it('uses the default currency when none is given, upper-cased', () => {
    expect(parseAmount('15k', { lang: 'en', currency: 'usd' })).toEqual({ minor: 1_500_000, currency: 'USD' });
    expect(parseAmount('15k€', { lang: 'fr', currency: 'USD' })).toEqual({ minor: 1_500_000, currency: 'EUR' });
  });
});

describe('forms that mean two values 1,000× apart', () => {
  const cases: Array<[Lang, string, number, number, Partial<Amount>?]> = [
    ['fr', '15,000', 1_500_000, 1_500],
    ['fr', '15,000 €', 1_500_000, 1_500],
    ['fr', '1,500', 150_000, 150],
    ['fr', '2,500k', 250_000_000, 250_000],
    ['fr', '1,234k', 123_400_000, 123_400],
    ['fr', '15,000 € HT', 1_500_000, 1_500, { tax: 'excl' }],
    ['fr', '€15.000', 1_500_000, 1_500],
    ['en', '15.000', 1_500_000, 1_500],
    ['en', '1.500 €', 150_000, 150],
    ['en', '999.990', 99_999_000, 99_999],
    ['en', '$15.000', 1_500_000, 1_500, { currency: 'USD' }],
  ];
  it.each(cases)('in %s, %j is ambiguous', (lang, input, thousands, decimal, extra = {}) => {
    const parsed = parseAmount(input, { lang, currency: 'EUR' });
    expect(parsed).toEqual({
      ambiguous: true,
      input,
      thousands: { minor: thousands, currency: 'EUR', ...extra },
      decimal: { minor: decimal, currency: 'EUR', ...extra },
    });
  });

  it('is read directly in the language whose grouping mark it uses', () => {
    expect(fr('15.000')).toEqual({ minor: 1_500_000, currency: 'EUR' });
    expect(en('15,000')).toEqual({ minor: 1_500_000, currency: 'EUR' });
  });
});

describe('refusals', () => {
  it.each([
    ['fr', '15,5055'],
    ['fr', '1,234'],
    ['fr', '0,500'],
    ['fr', '1.500,505'],
    ['fr', '1 500,123'],
    ['fr', '1234,567'],
    ['en', '15.1234'],
    ['en', '1.234'],
    ['en', '1,500.505'],
    ['en', '1.234567k'],
    ['en', '1.005'],
  ] as const)('in %s, %j has more than two decimals', (lang, input) => {
    expect(errorCode(() => parseAmount(input, { lang, currency: 'EUR' }))).toBe('amount_too_many_decimals');
  });

  it('accepts exactly 10^12 major units and refuses more', () => {
    expect(en('1000000M')).toEqual({ minor: 100_000_000_000_000, currency: 'EUR' });
    expect(errorCode(() => en('1000000.01M'))).toBe('amount_too_large');
    expect(errorCode(() => fr('1000001M'))).toBe('amount_too_large');
    expect(errorCode(() => fr('99999999999999999999'))).toBe('amount_too_large');
  });

  it.each(['-15', '-15k€', '−15', '-€15', '€-15', ' - 15', '-15 000 € HT'])('refuses the negative amount %j', (input) => {
    for (const lang of ['fr', 'en'] as const) expect(errorCode(() => parseAmount(input, { lang, currency: 'EUR' }))).toBe('amount_negative');
  });

  it.each(['', '   ', 'abc', '12abc', '15 20', '15 000 20', '12 5', '€', 'k', 'HT', '15kk', '15 000,', '1,2,3', '1.2.3', '1,25,000', '1.250,000.5', '.5', '€15 USD', '15 EURO EUR', '15 JPY'])(
    'refuses %j as amount_invalid',
    (input) => {
      for (const lang of ['fr', 'en'] as const) expect(errorCode(() => parseAmount(input, { lang, currency: 'EUR' }))).toBe('amount_invalid');
    },
  );

  it('carries the input in the error params, shown in both languages', () => {
    try {
      fr('1,2345');
      expect.unreachable();
    } catch (error) {
      expect((error as UserError).params).toEqual({ input: '1,2345' });
      expect(translate('fr', 'errors.amount_too_many_decimals', (error as UserError).params)).toContain('«\u202f1,2345\u202f» a plus de deux décimales');
      expect(translate('en', 'errors.amount_too_many_decimals', (error as UserError).params)).toContain('"1,2345" has more than two decimals');
    }
  });
});

describe('properties', () => {
  /** A non-negative amount as whole major units and 0–2 decimals, and its minor units. */
  const money = fc
    .record({ major: fc.integer({ min: 0, max: 999_999_999 }), decimals: fc.constantFrom(0, 1, 2), fraction: fc.integer({ min: 0, max: 99 }) })
    .map(({ major, decimals, fraction }) => {
      const digits = decimals === 0 ? 0 : decimals === 1 ? Math.floor(fraction / 10) : fraction;
      return { value: major + digits / 10 ** decimals, decimals, minor: major * 100 + digits * 10 ** (2 - decimals) };
    });

  const locales: Array<{ lang: Lang; locale: string; symbols: string[]; codes: string[] }> = [
    // fr-FR writes `$US` and `£GB` for dollars and pounds: those are given as codes.
    { lang: 'fr', locale: 'fr-FR', symbols: ['EUR'], codes: ['EUR', 'USD', 'GBP', 'CHF', 'CAD'] },
    { lang: 'en', locale: 'en-US', symbols: ['USD', 'EUR', 'GBP'], codes: ['EUR', 'USD', 'GBP', 'CHF', 'CAD'] },
  ];

  for (const { lang, locale, symbols, codes } of locales) {
    it(`every number ${locale} prints, grouped or not, reads back to itself in ${lang}`, () => {
      fc.assert(
        fc.property(money, fc.boolean(), ({ value, decimals, minor }, grouping) => {
          const text = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouping }).format(value);
          expect(parseAmount(text, { lang, currency: 'EUR' }), text).toEqual({ minor, currency: 'EUR' });
        }),
        { numRuns: 500 },
      );
    });

    it(`every amount ${locale} prints with a currency reads back to itself in ${lang}`, () => {
      const display = fc.oneof(
        fc.constantFrom(...symbols).map((currency) => ({ currency, currencyDisplay: 'symbol' as const })),
        fc.constantFrom(...codes).map((currency) => ({ currency, currencyDisplay: 'code' as const })),
      );
      fc.assert(
        fc.property(money, fc.boolean(), display, ({ value, decimals, minor }, grouping, { currency, currencyDisplay }) => {
          const text = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay, minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouping }).format(value);
          expect(parseAmount(text, { lang, currency: 'XXX' }), text).toEqual({ minor, currency });
        }),
        { numRuns: 500 },
      );
    });

    it(`every compact form (k, M) ${locale} prints reads back to itself in ${lang}`, () => {
      const compact = fc
        .record({ whole: fc.integer({ min: 1, max: 999 }), hundredths: fc.integer({ min: 0, max: 99 }), unit: fc.constantFrom(1_000, 1_000_000) })
        .map(({ whole, hundredths, unit }) => ({ value: (whole * 100 + hundredths) * (unit / 100), minor: (whole * 100 + hundredths) * unit }));
      fc.assert(
        fc.property(compact, fc.boolean(), ({ value, minor }, withCurrency) => {
          const currency = lang === 'fr' ? 'EUR' : 'USD';
          const text = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 2, ...(withCurrency ? { style: 'currency', currency } : {}) }).format(value);
          expect(parseAmount(text, { lang, currency }), text).toEqual({ minor, currency });
        }),
        { numRuns: 300 },
      );
    });
  }

  it('a number written with the other language’s marks is never read as another value', () => {
    // 15.000,50 typed in an English workspace, 15,000.50 in a French one: one reading, the same.
    fc.assert(
      fc.property(money, fc.constantFrom<Lang>('fr', 'en'), ({ value, decimals, minor }, lang) => {
        const other = lang === 'fr' ? 'en-US' : 'fr-FR';
        const text = new Intl.NumberFormat(other, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
        let parsed: ReturnType<typeof parseAmount>;
        try {
          parsed = parseAmount(text, { lang, currency: 'EUR' });
        } catch (error) {
          // `25,131` in French: three decimals, refused rather than read as 25,13 or 25 131.
          expect(errorCode(() => { throw error; }), text).toBe('amount_too_many_decimals');
          return;
        }
        if (isAmbiguousAmount(parsed)) expect([parsed.thousands.minor, parsed.decimal.minor], text).toContain(minor);
        else expect(parsed, text).toEqual({ minor, currency: 'EUR' });
      }),
      { numRuns: 500 },
    );
  });

  it('one mark followed by three digits is asked about in the language it is the decimal mark of, never resolved', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom<Lang>('fr', 'en'),
        fc.constantFrom('', ' €', '€', ' k', 'k€', ' EUR', ' HT'),
        (head, tail, lang, suffix) => {
          const mark = lang === 'fr' ? ',' : '.';
          const input = `${head}${mark}${String(tail).padStart(3, '0')}${suffix}`;
          const multiplier = suffix.includes('k') ? 1_000 : 1;
          let parsed: ParsedAmount;
          try {
            parsed = parseAmount(input, { lang, currency: 'EUR' });
          } catch (error) {
            // Refused only when the decimal reading is finer than a cent (`1,234`).
            expect((error as UserError).code, input).toBe('amount_too_many_decimals');
            expect(multiplier === 1 && tail % 10 !== 0, input).toBe(true);
            return;
          }
          expect(isAmbiguousAmount(parsed), input).toBe(true);
          if (!isAmbiguousAmount(parsed)) return;
          expect(parsed.thousands.minor).toBe((head * 1000 + tail) * 100 * multiplier);
          expect(parsed.decimal.minor * 10).toBe((head * 1000 + tail) * multiplier);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('no text is read directly as two different values by the two languages', () => {
    const text = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(',', '.', ' ', '')), { minLength: 1, maxLength: 4 })
      .chain((parts) => fc.constantFrom('', 'k', ' €', '$').map((currency) => ({ parts, currency })))
      .map(({ parts, currency }) => {
        const number = parts.map(([n, sep], i) => (i === 0 ? String(n) : `${sep}${n}`)).join('');
        return currency === '$' ? `$${number}` : `${number}${currency}`;
      });
    fc.assert(
      fc.property(text, (input) => {
        const read = (lang: Lang): ParsedAmount | undefined => {
          try {
            return parseAmount(input, { lang, currency: 'EUR' });
          } catch {
            return undefined;
          }
        };
        const [inFrench, inEnglish] = [read('fr'), read('en')];
        if (inFrench && inEnglish && !isAmbiguousAmount(inFrench) && !isAmbiguousAmount(inEnglish)) expect(inFrench, input).toEqual(inEnglish);
        // When one language asks, the other's direct reading is one of the two offered.
        for (const [asked, direct] of [[inFrench, inEnglish], [inEnglish, inFrench]] as const) {
          if (asked && direct && isAmbiguousAmount(asked) && !isAmbiguousAmount(direct)) expect([asked.thousands.minor, asked.decimal.minor], input).toContain(direct.minor);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('k and M are exact to the cent (no float drift)', () => {
    expect(both('1.2345k')[1]).toEqual({ minor: 123_450, currency: 'EUR' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99_999 }), (whole, fraction) => {
        const digits = String(fraction).padStart(5, '0');
        expect(en(`${whole}.${digits}k`)).toEqual({ minor: whole * 100_000 + fraction, currency: 'EUR' });
      }),
      { numRuns: 300 },
    );
  });
});

describe('amounts on a command line', () => {
  const env = (lang: Lang) => ({ lang, timeZone: 'Europe/Paris', currency: 'EUR', now: new Date('2026-11-24T09:00:00Z') });
  const amountOf = (line: string, lang: Lang = 'fr') => parseArgs(dealNewCommand.args, line, env(lang))['amount'];

  it.each([
    ['"Test" Acme 15.000 €', { minor: 1_500_000, currency: 'EUR' }],
    ['"Test" Acme 15 000 €', { minor: 1_500_000, currency: 'EUR' }],
    ['"Test" Acme 1.500,50 €', { minor: 150_050, currency: 'EUR' }],
    ['"Test" Acme 15 k€', { minor: 1_500_000, currency: 'EUR' }],
    ['"Test" Acme 20 000 € HT', { minor: 2_000_000, currency: 'EUR', tax: 'excl' }],
    ['"Test" Acme 20000 HT', { minor: 2_000_000, currency: 'EUR', tax: 'excl' }],
    ['"Test" Acme 20 000 hors taxes', { minor: 2_000_000, currency: 'EUR', tax: 'excl' }],
    ['"Test" Acme 24 000 € TTC cloture:30/12', { minor: 2_400_000, currency: 'EUR', tax: 'incl' }],
  ])('French: %j', (line, expected) => {
    expect(amountOf(line)).toEqual(expected);
  });

  it('English: two-word tax mentions are glued to the amount', () => {
    expect(amountOf('"Test" Acme $15,000 excl. VAT', 'en')).toEqual({ minor: 1_500_000, currency: 'USD', tax: 'excl' });
    expect(amountOf('"Test" Acme 15,000 incl VAT', 'en')).toEqual({ minor: 1_500_000, currency: 'EUR', tax: 'incl' });
  });

  it('passes an ambiguous amount through for the command to ask', () => {
    expect(amountOf('"Test" Acme 15,000')).toMatchObject({ ambiguous: true, thousands: { minor: 1_500_000 }, decimal: { minor: 1_500 } });
  });

  it('leaves HT alone when no amount comes before it', () => {
    expect(parseArgs(dealNewCommand.args, 'HT Acme 15k', env('fr'))).toMatchObject({ name: 'HT', company: 'Acme', amount: { minor: 1_500_000 } });
  });
});
