import { parseBand, parseBandRow } from './bands';

describe('parseBand: Ofsted timescales as printed', () => {
  it.each([
    ['Immediately', 'immediately'],
    ['Immediately:', 'immediately'],
    ['immediate', 'immediately'],
    ['Within three months (September 2012)', 'within_three_months'],
    ['within 3 months', 'within_three_months'],
    ['Within six months:', 'within_six_months'],
    ['6 months', 'within_six_months'],
    ['**Within six months:**', 'within_six_months'],
    ['Within a year', null],
    ['Safeguarding', null],
  ])('%j -> %s', (text, band) => expect(parseBand(text)).toBe(band));
});

describe('parseBandRow: band rows of the committee paper', () => {
  it.each([
    ['<b>Safeguarding: Immediately</b>', { band: 'immediately', area: 'Safeguarding' }],
    ['<b>Children looked after: within three months</b>', { band: 'within_three_months', area: 'Children looked after' }],
    ['Children looked after – within six months', { band: 'within_six_months', area: 'Children looked after' }],
    ['Within three months', { band: 'within_three_months', area: null }],
    ['1. Ensure that core groups are held regularly', null],
    ['Safeguarding: all of it', null],
  ])('%j', (text, expected) => expect(parseBandRow(text)).toEqual(expected));
});
