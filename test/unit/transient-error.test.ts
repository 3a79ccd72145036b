import { describe, expect, it } from 'vitest';
import { isTransientDatabaseError } from '../../src/db/transient-error.ts';

const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: insert …'), { cause });

describe('isTransientDatabaseError', () => {
  it.each([
    ['postgres.js pool closed', { code: 'CONNECTION_ENDED' }, true],
    ['refused connection', { code: 'ECONNREFUSED' }, true],
    ['admin shutdown', { code: '57P01' }, true],
    ['connection failure', { code: '08006' }, true],
    ['serialization failure', { code: '40001' }, true],
    ['unique violation', { code: '23505' }, false],
    ['syntax error', { code: '42601' }, false],
    ['no code', new Error('boom'), false],
  ])('%s', (_name, driverError, expected) => {
    expect(isTransientDatabaseError(driverError)).toBe(expected);
    expect(isTransientDatabaseError(wrapped(driverError))).toBe(expected);
  });
});
