import { cleanCell, endsSentence, headingTitle, looksTruncated, numberedText, splitMeasures, startsLowerCase, textKey } from './cells';

describe('cleanCell', () => {
  it.each([
    ['<b>Safeguarding: Immediately</b>', 'Safeguarding: Immediately'],
    ['<p>One.</p> <p>Two.</p>', 'One.  Two.'],
    ['line one\nline two', 'line one  line two'],
    ['  SCC - CSL Directorate  Safeguarding  ', 'SCC - CSL Directorate  Safeguarding'],
    ['Children aged <13 &amp; young people', 'Children aged <13 & young people'],
    ['first<br>second<br/>third', 'first  second  third'],
    ['', ''],
  ])('%j -> %j', (raw, clean) => {
    expect(cleanCell(raw)).toBe(clean);
  });
});

describe('splitMeasures: separate outcome measures in one cell', () => {
  it.each([
    [
      'Updated self assessment, QIP and introduction of regular management audit process to ensure ongoing overview of service quality and consistent.  Audit trail of improvements, linked to audits, implemented.',
      [
        'Updated self assessment, QIP and introduction of regular management audit process to ensure ongoing overview of service quality and consistent.',
        'Audit trail of improvements, linked to audits, implemented.',
      ],
    ],
    ["Improve consistency and quality of care plans and analysis of child's needs. Better care plans.", ["Improve consistency and quality of care plans and analysis of child's needs. Better care plans."]],
    ['• First measure • Second measure', ['First measure', 'Second measure']],
    ['- First\n- Second'.replace('\n', '  '), ['First', 'Second']],
    ['', []],
  ])('%j', (cell, measures) => {
    expect(splitMeasures(cell)).toEqual(measures);
  });
});

describe('numberedText', () => {
  it.each([
    ['1. Ensure that statutory visits', { number: 1, text: 'Ensure that statutory visits' }],
    ['10) NHS Southampton PCT should', { number: 10, text: 'NHS Southampton PCT should' }],
    ['2.5 senior practitioners', null],
    ['Ensure that', null],
  ])('%j', (text, expected) => {
    expect(numberedText(text)).toEqual(expected);
  });
});

describe('sentences: continued, finished, cut off', () => {
  it.each([
    ['and partners using LEAN', true],
    ['“and partners', true],
    ['Review and reconfigure', false],
    ['2.5 senior practitioners', false],
    ['', false],
  ])('startsLowerCase(%j) is %s', (text, expected) => expect(startsLowerCase(text)).toBe(expected));

  it.each([
    ['Staff are contributing.', true],
    ['(see the report.)', true],
    ['“lessons learnt from complaints.”', true],
    ['recruiting from USA', false],
  ])('endsSentence(%j) is %s', (text, expected) => expect(endsSentence(text)).toBe(expected));

  it.each([
    ['Monitoring of compliance with statutory visit at team performance meeting and individual supervision. Supported through a', true],
    ['Structures and service processes better placed to deliver consistent case management,', true],
    ['Pathway plans are in place for all care leavers, that they are', true],
    ['Develop a comprehensive recruitment strategy, which explores opportunities for, radio advertising, recruitment open days, recruiting from USA', false],
    ['Development of working environment - wireless and working spaces for supervision', false],
    ['Staff are actively contributing to service redesign.', false],
  ])('looksTruncated(%j) is %s', (text, expected) => expect(looksTruncated(text)).toBe(expected));

  it('stays fast on pathological text', () => {
    const started = Date.now();
    looksTruncated(`${'a'.repeat(200_000)}1`);
    textKey(`x${'. '.repeat(200_000)}y`);
    endsSentence(`${'.'.repeat(100_000)}${' '.repeat(100_000)}x`);
    splitMeasures(`a${' '.repeat(200_000)}b`);
    cleanCell(`a${' '.repeat(200_000)}\nb`);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('textKey and headingTitle', () => {
  it('treats spacing, case, dashes and a final full stop as the same text', () => {
    expect(textKey('Embed a systematic approach –  to engaging staff.')).toBe(textKey('embed a systematic approach - to engaging staff'));
  });

  it.each([
    ['CHILDREN LOOKED AFTER', 'Children looked after'],
    ['SAFEGUARDING', 'Safeguarding'],
    ['Children looked after', 'Children looked after'],
  ])('%j -> %j', (heading, title) => expect(headingTitle(heading)).toBe(title));
});
