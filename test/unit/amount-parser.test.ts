import { describe, it, expect } from 'vitest';
import { parseAmount } from '../../src/core/parse/amount.parser.ts';
import { UserError } from '../../src/core/errors.ts';

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).code;
  }
  return undefined;
}

describe('parseAmount', () => {
  const cases: Array<[string, number, string]> = [
    ['15000', 1_500_000, 'EUR'],
    ['15k', 1_500_000, 'EUR'],
    ['15K', 1_500_000, 'EUR'],
    ['15 000 €', 1_500_000, 'EUR'],
    ['15 000€', 1_500_000, 'EUR'],
    ['15\u00a0000\u00a0€', 1_500_000, 'EUR'],
    ['15\u202f000\u202f€', 1_500_000, 'EUR'],
    ['15\u202f000€', 1_500_000, 'EUR'],
    ['15k€', 1_500_000, 'EUR'],
    ['€15k', 1_500_000, 'EUR'],
    ['1,5M', 150_000_000, 'EUR'],
    ['1.5m', 150_000_000, 'EUR'],
    ['2 500,50 €', 250_050, 'EUR'],
    ['2,500.50', 250_050, 'EUR'],
    ['2.500,50', 250_050, 'EUR'],
    ['15,000', 1_500_000, 'EUR'],
    ['1,250,000', 125_000_000, 'EUR'],
    ['1.250.000', 125_000_000, 'EUR'],
    ['12,5', 1_250, 'EUR'],
    ['12,50', 1_250, 'EUR'],
    ['12.5', 1_250, 'EUR'],
    ['15000 EUR', 1_500_000, 'EUR'],
    ['15000eur', 1_500_000, 'EUR'],
    ['15000 euros', 1_500_000, 'EUR'],
    ['$3k', 300_000, 'USD'],
    ['3k USD', 300_000, 'USD'],
    ['£200', 20_000, 'GBP'],
    ['200 GBP', 20_000, 'GBP'],
    ['1 200 CHF', 120_000, 'CHF'],
    ['5k CAD', 500_000, 'CAD'],
    ['EUR 15000', 1_500_000, 'EUR'],
    ['  15 k  ', 1_500_000, 'EUR'],
    ['0', 0, 'EUR'],
  ];

  it.each(cases)('parses %j as %i minor units of %s', (input, minor, currency) => {
    expect(parseAmount(input, 'EUR')).toEqual({ minor, currency });
  });

  it('uses the default currency when none is given, upper-cased', () => {
    expect(parseAmount('15k', 'usd')).toEqual({ minor: 1_500_000, currency: 'USD' });
    expect(parseAmount('15k€', 'USD')).toEqual({ minor: 1_500_000, currency: 'EUR' });
  });

  it('rounds to the nearest cent exactly (no float drift)', () => {
    expect(parseAmount('1.005', 'EUR').minor).toBe(101);
    expect(parseAmount('1.004', 'EUR').minor).toBe(100);
    expect(parseAmount('0,1', 'EUR').minor).toBe(10);
    expect(parseAmount('1.2345k', 'EUR').minor).toBe(123_450);
  });

  it('accepts exactly 10^12 major units and refuses more', () => {
    expect(parseAmount('1000000M', 'EUR').minor).toBe(100_000_000_000_000);
    expect(errorCode(() => parseAmount('1000000.01M', 'EUR'))).toBe('amount_too_large');
    expect(errorCode(() => parseAmount('1000001M', 'EUR'))).toBe('amount_too_large');
    expect(errorCode(() => parseAmount('99999999999999999999', 'EUR'))).toBe('amount_too_large');
  });

  it.each(['-15', '-15k€', '−15', '-€15', '€-15', ' - 15'])('refuses the negative amount %j', (input) => {
    expect(errorCode(() => parseAmount(input, 'EUR'))).toBe('amount_negative');
  });

  it.each([
    '',
    '   ',
    'abc',
    '12abc',
    '15 20',
    '15 000 20',
    '12 5',
    '€',
    'k',
    '15kk',
    '15 000,',
    '1,2,3',
    '1.2.3',
    '1,25,000',
    '1.250,000.5',
    '€15 USD',
    '15 EURO EUR',
    '15 JPY',
  ])('refuses %j as amount_invalid', (input) => {
    expect(errorCode(() => parseAmount(input, 'EUR'))).toBe('amount_invalid');
  });

  it('carries the input in the error params', () => {
    try {
      parseAmount('12abc', 'EUR');
      expect.unreachable();
    } catch (error) {
      expect((error as UserError).params).toEqual({ input: '12abc' });
    }
  });
});
