import { Figure, parseFigure } from './figures';

describe('parseFigure', () => {
  it.each<[string | null, Figure]>([
    ['26%', { kind: 'number', value: 26, percent: true }],
    [' 26.3 % ', { kind: 'number', value: 26.3, percent: true }],
    ['1,234', { kind: 'number', value: 1234, percent: false }],
    ['1,234,567.5', { kind: 'number', value: 1234567.5, percent: false }],
    ['45.2', { kind: 'number', value: 45.2, percent: false }],
    ['.5', { kind: 'number', value: 0.5, percent: false }],
    ['17k', { kind: 'number', value: 17000, percent: false }],
    ['1.2m', { kind: 'number', value: 1200000, percent: false }],
    ['-3', { kind: 'number', value: -3, percent: false }],
    ['−3', { kind: 'number', value: -3, percent: false }],
    ['0', { kind: 'number', value: 0, percent: false }],
    ['<17k', { kind: 'bound', comparison: '<', value: 17000, percent: false }],
    ['< 17,000', { kind: 'bound', comparison: '<', value: 17000, percent: false }],
    ['≤ 25%', { kind: 'bound', comparison: '<=', value: 25, percent: true }],
    ['<=25%', { kind: 'bound', comparison: '<=', value: 25, percent: true }],
    ['≥90%', { kind: 'bound', comparison: '>=', value: 90, percent: true }],
    ['>5', { kind: 'bound', comparison: '>', value: 5, percent: false }],
    ['below 17k', { kind: 'bound', comparison: '<', value: 17000, percent: false }],
    ['at least 90%', { kind: 'bound', comparison: '>=', value: 90, percent: true }],
    ['N/A', { kind: 'not_available' }],
    ['n/a', { kind: 'not_available' }],
    ['NA', { kind: 'not_available' }],
    ['-', { kind: 'not_available' }],
    ['TBC', { kind: 'tbc' }],
    ['to be confirmed', { kind: 'tbc' }],
    ['', { kind: 'blank' }],
    ['   ', { kind: 'blank' }],
    [null, { kind: 'blank' }],
    ['≈20', { kind: 'unreadable', reason: "'≈20' is not a number" }],
    ['1,23', { kind: 'unreadable', reason: "'1,23' is not a number" }],
    ['26%%', { kind: 'unreadable', reason: "'26%%' is not a number" }],
    ['17k%', { kind: 'unreadable', reason: "'17k%' is not a number" }],
    ['<', { kind: 'unreadable', reason: "'<' is not a number" }],
    ['about twenty', { kind: 'unreadable', reason: "'about twenty' is not a number" }],
  ])('%j', (text, expected) => {
    expect(parseFigure(text)).toEqual(expected);
  });
});
