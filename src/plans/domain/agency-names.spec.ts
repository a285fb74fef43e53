import { agencyNameKey } from './agency-names';

describe('agencyNameKey', () => {
  it.each([
    ['SCC - CSL Directorate', 'SCC – CSL Directorate'],
    ['SCC -CSL Directorate', 'SCC – CSL Directorate'],
    ['SCC—CSL  Directorate', 'scc - csl directorate'],
    ['  NHS Southampton ', 'nhs southampton'],
    ['Chief Executive’s Department', "Chief Executive's Department"],
  ])('treats %p and %p as one body', (a, b) => {
    expect(agencyNameKey(a)).toBe(agencyNameKey(b));
  });

  it.each([
    ['SCC – CSL Directorate', 'SCC – CSL Directorate – Safeguarding'],
    ['NHS Southampton', 'NHS Southampton City'],
    ['Police', 'Police and Crime Commissioner'],
  ])('keeps %p and %p apart', (a, b) => {
    expect(agencyNameKey(a)).not.toBe(agencyNameKey(b));
  });
});
