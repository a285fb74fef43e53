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
    // A plan with a key names its agencies there: M&E is not in it and matches nothing, so a person maps it.
    expect(directory.match('CEA / M&E').map((p) => [p.name, p.matchedBy])).toEqual([
      ['Child Exploitation and Abuse sub-group', 'plan_key'],
      ['M&E', 'unmatched'],
    ]);
    expect(directory.match('LSCB').map((p) => p.name)).toEqual(['Southampton Local Safeguarding Children Board']);
    expect(directory.newAgencies().map((a) => [a.name, a.shortName])).toEqual([
      ['Child Exploitation and Abuse sub-group', 'CEA'],
      ['Office of the Police and Crime Commissioner', null],
    ]);
  });

  it('keeps a very long cell to a bounded number of pieces', () => {
    const directory = new AgencyDirectory(agencies);
    expect(directory.match(Array.from({ length: 500 }, (_, i) => `Body ${i}`).join(', ')).length).toBeLessThanOrEqual(40);
  });
});

describe('AgencyDirectory: a business plan’s key and leads (issue 15)', () => {
  const key = {
    'L&D': 'Learning and Development Group',
    Board: 'The full board / LSCB',
    Exec: 'Executive Group',
    '4LSCB': 'Hampshire, Isle of Wight, Portsmouth & Southampton',
  };
  const pieces = (directory: AgencyDirectory, cell: string) => directory.match(cell).map((p) => [p.text, p.name, p.matchedBy]);

  it.each<[string, Array<[string, string, string]>]>([
    // The key matches an abbreviation to a body the council has, through the part of its meaning it knows.
    ['Board', [['Board', 'Southampton Local Safeguarding Children Board', 'plan_key']]],
    // Otherwise the key proposes the body, with the abbreviation as its short name.
    ['L&D', [['L&D', 'Learning and Development Group', 'plan_key']]],
    ['Board / Exec', [['Board', 'Southampton Local Safeguarding Children Board', 'plan_key'], ['Exec', 'Executive Group', 'plan_key']]],
    ['4LSCB', [['4LSCB', 'Hampshire, Isle of Wight, Portsmouth & Southampton', 'plan_key']]],
    // A spelling that differs only in its dash is the division whose short name it is.
    ['CSL - Safeguarding', [['CSL - Safeguarding', 'SCC – CSL Directorate – Safeguarding', 'short_name']]],
    ['L&D / CSL – Safeguarding', [['L&D', 'Learning and Development Group', 'plan_key'], ['CSL – Safeguarding', 'SCC – CSL Directorate – Safeguarding', 'short_name']]],
    // Not in the key and matching nothing: left for a person, never created.
    ['Chair', [['Chair', 'Chair', 'unmatched']]],
    ['Exec and Chair', [['Exec', 'Executive Group', 'plan_key'], ['Chair', 'Chair', 'unmatched']]],
    // "&" is part of a name; it joins two bodies only when both are known.
    ['Learning & Development', [['Learning & Development', 'Learning & Development', 'unmatched']]],
    ['Police & Schools', [['Police', 'Police', 'name'], ['Schools', 'Schools', 'name']]],
    // A part of a known body is created beneath it, key or not.
    ["SCC – Children's Services", [["SCC – Children's Services", "SCC – Children's Services", 'new']]],
  ])('%j', (cell, expected) => {
    expect(pieces(new AgencyDirectory(agencies, {}, key), cell)).toEqual(expected);
  });

  it('proposes the key’s bodies with their abbreviations as short names, and creates nothing for an unmatched lead', () => {
    const directory = new AgencyDirectory(agencies, {}, key);
    directory.match('Board / Exec / L&D / 4LSCB, Chair');
    expect(directory.newAgencies().map((a) => [a.name, a.shortName])).toEqual([
      ['Learning and Development Group', 'L&D'],
      ['Executive Group', 'Exec'],
      ['Hampshire, Isle of Wight, Portsmouth & Southampton', '4LSCB'],
    ]);
  });

  it('lets a person map an unmatched lead through agencyAliases', () => {
    const directory = new AgencyDirectory(agencies, { Chair: 'Southampton Local Safeguarding Children Board' }, key);
    expect(pieces(directory, 'Chair')).toEqual([['Chair', 'Southampton Local Safeguarding Children Board', 'request_alias']]);
  });

  it('without a key of the plan’s own, creates what it does not know, "&" and all', () => {
    const directory = new AgencyDirectory(agencies);
    expect(pieces(directory, 'Chair, Learning & Development')).toEqual([
      ['Chair', 'Chair', 'new'],
      ['Learning & Development', 'Learning & Development', 'new'],
    ]);
  });

  it('splits "A, B and C" as before', () => {
    expect(linked(new AgencyDirectory(agencies), 'Police, Schools and Capita')).toEqual(['Police', 'Schools', 'Capita']);
  });
});
