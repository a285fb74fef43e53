import demo from '../plans/demo/southampton-2012.plan.json';
import { AgencyDirectory, KnownAgency } from './agency-matching';

// The demo's 17 agencies, with their names as ids so the tables below read plainly.
const agencies: KnownAgency[] = demo.leadAgencies.map((a) => ({ id: a.name, name: a.name, shortName: a.shortName, aliases: a.aliases, parentId: a.parent }));
const linked = (directory: AgencyDirectory, cell: string) => directory.match(cell).filter((p) => !p.absorbedInto).map((p) => p.name);

describe('AgencyDirectory.match against the council’s agencies', () => {
  const directory = new AgencyDirectory(agencies);

  it.each([
    ['SCC - CSL Directorate', ['SCC – CSL Directorate']],
    ['SCC – CSL Directorate', ['SCC – CSL Directorate']],
    ['SCC -CSL Directorate', ['SCC – CSL Directorate']],
    ['scc  –  csl directorate', ['SCC – CSL Directorate']],
    ['LSCB, SCC - CSL Directorate, Health Providers, Police and Voluntary Sector', ['Southampton Local Safeguarding Children Board', 'SCC – CSL Directorate', 'Health Providers', 'Police', 'Voluntary Sector']],
    ['SCC - CSL Directorate  Safeguarding / Commissioning', ['SCC – CSL Directorate – Safeguarding', 'SCC – CSL Directorate – Commissioning']],
    ['SCC CSL – Directorate – Safeguarding/ Commissioning', ['SCC – CSL Directorate – Safeguarding', 'SCC – CSL Directorate – Commissioning']],
    ['SCC - CSL and Cross-council representation', ['SCC – CSL Directorate']],
    ['SCC – CSL, Adults and Economic Directorate', ['SCC – CSL Directorate', 'SCC – Adults Directorate', 'SCC – Economic Directorate']],
    ["Children's Services and Learning", ['SCC – CSL Directorate']],
    ['NHS Southampton PCT', ['NHS Southampton']],
    ['LSCB', ['Southampton Local Safeguarding Children Board']],
    ['', []],
  ])('%j', (cell, names) => {
    expect(linked(directory, cell)).toEqual(names);
  });

  it('says which match was used for each piece, and which directorate a division absorbed', () => {
    expect(directory.match('SCC - CSL Directorate  Safeguarding / Commissioning').map((p) => [p.text, p.matchedBy, p.absorbedInto ?? null])).toEqual([
      ['SCC - CSL Directorate', 'name', 'SCC – CSL Directorate – Safeguarding'],
      ['Safeguarding', 'alias', null],
      ['Commissioning', 'alias', null],
    ]);
    expect(directory.match('SCC – CSL Directorate').map((p) => p.matchedBy)).toEqual(['name']);
    expect(directory.match('CSL').map((p) => p.matchedBy)).toEqual(['short_name']);
  });
});

describe('AgencyDirectory: new bodies, corrections and the plan’s key', () => {
  it('creates one new agency for several spellings of it, and a division beneath a known body', () => {
    const directory = new AgencyDirectory(agencies);
    expect(directory.match('Youth Offending Service').map((p) => [p.name, p.matchedBy])).toEqual([['Youth Offending Service', 'new']]);
    expect(directory.match('youth offending service').map((p) => p.name)).toEqual(['Youth Offending Service']);
    expect(directory.match('SCC – CSL Directorate – Quality Assurance').map((p) => p.name)).toEqual(['SCC – CSL Directorate – Quality Assurance']);
    const created = directory.newAgencies();
    expect(created.map((a) => [a.name, a.aliases, a.parent])).toEqual([
      ['Youth Offending Service', ['youth offending service'], null],
      ['SCC – CSL Directorate – Quality Assurance', [], { kind: 'existing', id: 'SCC – CSL Directorate' }],
    ]);
  });

  it('reads a division named after the body just before it', () => {
    const directory = new AgencyDirectory([
      { id: 'dir', name: 'Children’s Services', shortName: null, aliases: [], parentId: null },
      { id: 'qa', name: 'Children’s Services – Quality Assurance', shortName: null, aliases: [], parentId: 'dir' },
      { id: 'ehelp', name: 'Children’s Services – Early Help', shortName: null, aliases: [], parentId: 'dir' },
    ]);
    expect(directory.match('Children’s Services – Quality Assurance / Early Help').map((p) => [p.name, p.matchedBy])).toEqual([
      ['Children’s Services – Quality Assurance', 'name'],
      ['Children’s Services – Early Help', 'division'],
    ]);
  });

  it('lets a person’s aliases override the matching, and the plan’s key name abbreviations', () => {
    const directory = new AgencyDirectory(agencies, { Health: 'NHS Southampton', 'Police and Crime Commissioner': 'Office of the Police and Crime Commissioner' }, {
      CEA: 'Child Exploitation and Abuse sub-group',
      LSCB: 'Not used: the council already knows LSCB',
    });
    expect(directory.match('SCC CSL – Directorate and Health').map((p) => [p.name, p.matchedBy])).toEqual([
      ['SCC – CSL Directorate', 'alias'],
      ['NHS Southampton', 'request_alias'],
    ]);
    expect(directory.match('Police and Crime Commissioner').map((p) => p.name)).toEqual(['Office of the Police and Crime Commissioner']);
    expect(directory.match('CEA / M&E').map((p) => [p.name, p.matchedBy])).toEqual([
      ['Child Exploitation and Abuse sub-group', 'plan_key'],
      ['M&E', 'new'],
    ]);
    expect(directory.match('LSCB').map((p) => p.name)).toEqual(['Southampton Local Safeguarding Children Board']);
    expect(directory.newAgencies().map((a) => [a.name, a.shortName])).toEqual([
      ['Child Exploitation and Abuse sub-group', 'CEA'],
      ['Office of the Police and Crime Commissioner', null],
      ['M&E', 'M&E'],
    ]);
  });

  it('keeps a very long cell to a bounded number of pieces', () => {
    const directory = new AgencyDirectory(agencies);
    expect(directory.match(Array.from({ length: 500 }, (_, i) => `Body ${i}`).join(', ')).length).toBeLessThanOrEqual(40);
  });
});
