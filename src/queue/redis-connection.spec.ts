import { connectionState, redisDownReason } from './redis-connection';

describe('connectionState', () => {
  it.each([
    ['ready', 'ready'],
    ['wait', 'connecting'],
    ['connecting', 'connecting'],
    ['connect', 'connecting'],
    ['reconnecting', 'down'],
    ['close', 'down'],
    ['end', 'down'],
    ['something-new', 'connecting'],
  ])('an ioredis client in status %s is %s', (status, state) => {
    expect(connectionState(status)).toBe(state);
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
