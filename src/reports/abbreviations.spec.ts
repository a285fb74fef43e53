import { AgencyRecord, abbreviationKey, containsWord, expansionOf, isAbbreviation } from './abbreviations';

const agency = (id: string, name: string, shortName: string | null, parentId: string | null = null, aliases: string[] = []): AgencyRecord => ({
  id,
  name,
  shortName,
  aliases,
  parentId,
});

// The demo plan's bodies, as src/plans/demo/southampton-2012.plan.json names them.
const council = agency('scc', 'Southampton City Council', 'SCC', null, ['SCC', 'Cross-council representation']);
const csl = agency('csl', 'SCC – CSL Directorate', 'CSL', 'scc', ['SCC - CSL Directorate', 'SCC – CSL', "Children's Services and Learning"]);
const safeguarding = agency('csl-sg', 'SCC – CSL Directorate – Safeguarding', 'CSL Safeguarding', 'csl', ['Safeguarding']);
const lscb = agency('lscb', 'Southampton Local Safeguarding Children Board', 'LSCB', null, ['LSCB']);
const nhs = agency('nhs', 'NHS Southampton', 'NHS Southampton', null, ['NHS Southampton PCT']);
const me = agency('me', 'LSCB Monitoring and Evaluation sub-group', 'M&E', 'lscb', ['Monitoring and Evaluation']);
const all = [council, csl, safeguarding, lscb, nhs, me];

describe('abbreviationKey', () => {
  it('explains the abbreviations the printed cells use, parents included, alphabetically', () => {
    const printed = ['SCC - CSL Directorate  Safeguarding', 'LSCB, SCC - CSL Directorate, Health Providers, Police and Voluntary Sector', 'NHS Southampton'];
    expect(abbreviationKey(['csl-sg', 'lscb', 'nhs'], all, printed)).toEqual([
      { abbreviation: 'CSL', meaning: "Children's Services and Learning" },
      { abbreviation: 'LSCB', meaning: 'Southampton Local Safeguarding Children Board' },
      { abbreviation: 'SCC', meaning: 'Southampton City Council' },
    ]);
  });

  it('leaves out abbreviations that are not printed, and agencies no activity names', () => {
    expect(abbreviationKey(['lscb'], all, ['Local Safeguarding Children Board'])).toEqual([]);
    expect(abbreviationKey(['nhs'], all, ['SCC'])).toEqual([]);
  });

  it('handles sub-group abbreviations with ampersands', () => {
    expect(abbreviationKey(['me'], all, ['M&E'])).toEqual([{ abbreviation: 'M&E', meaning: 'Monitoring and Evaluation' }]);
  });

  it('survives a loop in the parent chain', () => {
    const a = agency('a', 'Alpha Board', 'AB', 'b');
    const b = agency('b', 'Beta Council', 'BC', 'a');
    expect(abbreviationKey(['a'], [a, b], ['AB and BC'])).toEqual([
      { abbreviation: 'AB', meaning: 'Alpha Board' },
      { abbreviation: 'BC', meaning: 'Beta Council' },
    ]);
  });
});

describe('isAbbreviation', () => {
  it.each([
    ['SCC', true],
    ['LSCB', true],
    ['M&E', true],
    ['CSL Safeguarding', false],
    ['Police', false],
    ['A', false],
    ['NHS Southampton', false],
  ])('%s: %p', (text, expected) => {
    expect(isAbbreviation(text)).toBe(expected);
  });
});

describe('containsWord', () => {
  it.each([
    ['SCC - CSL Directorate', 'CSL', true],
    ['SCC CSL – Directorate', 'SCC', true],
    ['SCCX', 'SCC', false],
    ['LSCB', 'SCB', false],
    ['M&E group', 'M&E', true],
  ])('%s contains %s: %p', (text, word, expected) => {
    expect(containsWord(text, word)).toBe(expected);
  });
});

describe('expansionOf', () => {
  it('prefers a spelling whose initials give the abbreviation', () => {
    expect(expansionOf(csl, 'CSL')).toBe("Children's Services and Learning");
  });
  it('falls back to a spelling that does not repeat it, or none', () => {
    expect(expansionOf(agency('x', 'Capita Business Services', 'CBX'), 'CBX')).toBe('Capita Business Services');
    expect(expansionOf(agency('y', 'CAMHS', 'CAMHS'), 'CAMHS')).toBeNull();
  });
});

describe('abbreviationKey with the plan’s own key (issue 15)', () => {
  const planKey = [
    { abbreviation: 'Board', meaning: 'The full board / LSCB' },
    { abbreviation: 'Exec', meaning: 'Executive Group' },
    { abbreviation: 'L&D', meaning: 'Learning and Development Group' },
    { abbreviation: '4LSCB', meaning: 'Hampshire, Isle of Wight, Portsmouth & Southampton' },
    { abbreviation: 'QA', meaning: 'Quality Assurance Group' },
  ];

  it('prints the plan’s key first, in its order and words, for every abbreviation a cell uses, then the agencies’ own', () => {
    const printed = ['Board / Exec', 'L&D / CSL - Safeguarding', '4LSCB', 'Chair', 'LSCB'];
    expect(abbreviationKey(['lscb', 'csl-sg'], all, printed, planKey)).toEqual([
      { abbreviation: 'Board', meaning: 'The full board / LSCB' },
      { abbreviation: 'Exec', meaning: 'Executive Group' },
      { abbreviation: 'L&D', meaning: 'Learning and Development Group' },
      { abbreviation: '4LSCB', meaning: 'Hampshire, Isle of Wight, Portsmouth & Southampton' },
      { abbreviation: 'CSL', meaning: "Children's Services and Learning" },
      { abbreviation: 'LSCB', meaning: 'Southampton Local Safeguarding Children Board' },
    ]);
  });

  it('lets the plan’s words stand over an agency’s for the same abbreviation, once', () => {
    const own = [{ abbreviation: 'LSCB', meaning: 'Local Safeguarding Children Board' }, { abbreviation: 'LSCB', meaning: 'Again' }];
    expect(abbreviationKey(['lscb'], all, ['LSCB'], own)).toEqual([{ abbreviation: 'LSCB', meaning: 'Local Safeguarding Children Board' }]);
  });
});
