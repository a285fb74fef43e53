import { apiTokenExpiry, apiTokenLastDay } from './api-token-expiry';

describe('apiTokenExpiry: when a personal API token stops working', () => {
  // 10:00 in London on 1 July 2026 (BST), and on 15 January 2026 (GMT).
  const summer = new Date('2026-07-01T09:00:00Z');
  const winter = new Date('2026-01-15T10:00:00Z');

  it.each([
    ['no expiry asked for', {}, summer, { expiresOn: null, expiresAt: null }],
    ['null for both is the same', { expiresOn: null, expiresInDays: null }, summer, { expiresOn: null, expiresAt: null }],
    ['a last day in summer stops at midnight BST (23:00 UTC)', { expiresOn: '2026-07-31' }, summer, { expiresOn: '2026-07-31', expiresAt: new Date('2026-07-31T23:00:00Z') }],
    ['a last day in winter stops at midnight GMT', { expiresOn: '2026-02-28' }, winter, { expiresOn: '2026-02-28', expiresAt: new Date('2026-03-01T00:00:00Z') }],
    ['the last day before the clocks go back stops at 23:00 UTC', { expiresOn: '2026-10-24' }, summer, { expiresOn: '2026-10-24', expiresAt: new Date('2026-10-24T23:00:00Z') }],
    ['the day the clocks go forward stops at midnight BST', { expiresOn: '2026-03-29' }, winter, { expiresOn: '2026-03-29', expiresAt: new Date('2026-03-29T23:00:00Z') }],
    ['today is allowed: it works until midnight', { expiresOn: '2026-07-01' }, summer, { expiresOn: '2026-07-01', expiresAt: new Date('2026-07-01T23:00:00Z') }],
    ['30 days from today', { expiresInDays: 30 }, summer, { expiresOn: '2026-07-31', expiresAt: new Date('2026-07-31T23:00:00Z') }],
    ['1 day from today in winter', { expiresInDays: 1 }, winter, { expiresOn: '2026-01-16', expiresAt: new Date('2026-01-17T00:00:00Z') }],
    // 23:30 UTC on 30 June is already 1 July in London.
    ['"today" is London’s', { expiresOn: '2026-06-30' }, new Date('2026-06-30T23:30:00Z'), { field: 'expiresOn', problem: 'must not be in the past (today is 2026-07-01)' }],
    ['a day gone is refused', { expiresOn: '2026-06-30' }, summer, { field: 'expiresOn', problem: 'must not be in the past (today is 2026-07-01)' }],
    ['not a real date', { expiresOn: '2026-02-30' }, summer, { field: 'expiresOn', problem: 'must be a real date written YYYY-MM-DD' }],
    ['both at once', { expiresOn: '2026-07-31', expiresInDays: 30 }, summer, { field: 'expiresInDays', problem: 'give expiresOn or expiresInDays, not both' }],
    ['no days', { expiresInDays: 0 }, summer, { field: 'expiresInDays', problem: 'must be a whole number of days from 1 to 3650' }],
    ['part of a day', { expiresInDays: 1.5 }, summer, { field: 'expiresInDays', problem: 'must be a whole number of days from 1 to 3650' }],
    ['more than ten years', { expiresInDays: 3651 }, summer, { field: 'expiresInDays', problem: 'must be a whole number of days from 1 to 3650' }],
  ])('%s', (_label, request, now, expected) => {
    expect(apiTokenExpiry(request, now)).toEqual(expected);
  });

  it.each([
    [null, null],
    [new Date('2026-07-31T23:00:00Z'), '2026-07-31'],
    [new Date('2026-03-01T00:00:00Z'), '2026-02-28'],
  ])('reads the last day back from the instant %s', (expiresAt, lastDay) => {
    expect(apiTokenLastDay(expiresAt)).toBe(lastDay);
  });
});
