import { connectionState, redisDownReason } from './redis-connection';

describe('connectionState', () => {
  it.each([
    ['ready', false, 'ready'],
    ['ready', true, 'ready'],
    ['wait', false, 'connecting'],
    ['connecting', false, 'connecting'],
    ['connect', false, 'connecting'],
    // A retry under way after the connection was lost: Redis has not been seen since.
    ['connecting', true, 'down'],
    ['connect', true, 'down'],
    ['reconnecting', true, 'down'],
    ['reconnecting', false, 'down'],
    ['close', true, 'down'],
    ['end', true, 'down'],
    ['something-new', false, 'connecting'],
  ])('an ioredis client in status %s (lost since ready: %p) is %s', (status, lost, state) => {
    expect(connectionState(status, lost)).toBe(state);
  });
});

describe('redisDownReason', () => {
  it.each([
    ['reconnecting', undefined, 'Redis is not answering (the connection is lost and being retried)'],
    ['close', undefined, 'Redis is not answering (the connection is lost and being retried)'],
    ['end', undefined, 'the connection to Redis is closed'],
    ['ready', 2000, 'Redis did not answer within 2 s'],
    ['ready', 1500, 'Redis did not answer within 1500 ms'],
  ])('status %s, timed out after %p ms: %s', (status, timeoutMs, reason) => {
    expect(redisDownReason(status, timeoutMs)).toBe(reason);
  });
});
