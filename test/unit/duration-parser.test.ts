import { describe, it, expect } from 'vitest';
import { parseDuration } from '../../src/core/parse/duration.parser.ts';
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

describe('parseDuration', () => {
  const cases: Array<[string, number]> = [
    ['20min', 20],
    ['20 min', 20],
    ['20 minutes', 20],
    ['1 minute', 1],
    ['20m', 20],
    ['45mn', 45],
    ['1h', 60],
    ['1 h', 60],
    ['1h30', 90],
    ['1 h 30', 90],
    ['1h 30', 90],
    ['1h30min', 90],
    ['2h15m', 135],
    ['1h05', 65],
    ['1.5h', 90],
    ['1,5h', 90],
    ['0.25h', 15],
    ['1 heure', 60],
    ['2 heures', 120],
    ['1 hour', 60],
    ['2 hours', 120],
    ['1 heure 30', 90],
    ['1 heure et 30 minutes', 90],
    ['1 hour and 15 minutes', 75],
    ['90', 90],
    ['  45 MIN ', 45],
    ['2H', 120],
    ['24h', 1440],
    ['1440', 1440],
  ];

  it.each(cases)('parses %j as %i minutes', (input, minutes) => {
    expect(parseDuration(input)).toBe(minutes);
  });

  it.each(['', 'abc', '0', '0min', '0h', '-20min', '-1h', 'h', 'min', '20 secondes', '1h75', '1.5', '1.5h30', '20 min 5', 'deux heures', '1h30h'])(
    'refuses %j as duration_invalid',
    (input) => {
      expect(errorCode(() => parseDuration(input))).toBe('duration_invalid');
    },
  );

  it.each(['25h', '24h01', '1441', '1441min', '2 days'])('refuses %j', (input) => {
    const expected = input === '2 days' ? 'duration_invalid' : 'duration_too_long';
    expect(errorCode(() => parseDuration(input))).toBe(expected);
  });

  it('carries the input in the error params', () => {
    try {
      parseDuration('abc');
      expect.unreachable();
    } catch (error) {
      expect((error as UserError).params).toEqual({ input: 'abc' });
    }
  });
});
