import * as fs from 'fs';
import * as path from 'path';
import plan from './southampton-2012.plan.json';

/**
 * Checks the hand-made demo data of the Southampton 2012 Quality Improvement Plan:
 * the ground-truth counts, the agency list, text hygiene, and an independent
 * cross-check against the committee paper in test/fixtures/reference.
 */

type Band = 'immediately' | 'within_three_months' | 'within_six_months';

interface DemoActivity {
  text: string;
  outcomeMeasures: string[];
  costText: string;
  leadAgencyText: string;
  leadAgencies: string[];
  sourceLines: number[];
  dueDate?: string;
}
interface DemoRecommendation {
  number: number;
  band: Band;
  text: string;
  sourceReference: string;
  activities: DemoActivity[];
}
interface DemoSection {
  title: string;
  sourceReference: string;
  recommendations: DemoRecommendation[];
}
interface DemoAgency {
  name: string;
  shortName: string;
  aliases: string[];
  parent: string | null;
}
interface DemoFix {
  lines: number[];
  defect: string;
  fix: string;
}
interface DemoPlanFile {
  plan: {
    title: string;
    kind: string;
    status: string;
    sourceReportTitle: string;
    inspectionStartDate: string;
    inspectionEndDate: string;
    publishedOn: string;
    columnLabels: string[];
  };
  leadAgencies: DemoAgency[];
  sections: DemoSection[];
  fixes: DemoFix[];
}

const data = plan as unknown as DemoPlanFile;

const REFERENCE_DIR = path.resolve(__dirname, '../../../test/fixtures/reference');
const paper = fs.readFileSync(path.join(REFERENCE_DIR, 'southampton-2012-quality-improvement-plan.txt'), 'utf8');
const ofsted = fs.readFileSync(path.join(REFERENCE_DIR, 'southampton-2012-ofsted-areas-for-improvement.txt'), 'utf8');
const paperLines = paper.split('\n'); // paperLines[n - 1] is line n
const paperLine = (n: number): string => paperLines[n - 1];
const cellsOf = (n: number): string[] => paperLine(n).split('\t');

const EMBED = 'Embed a systematic approach to engaging staff on service improvements.';
const LEAD_SEPARATORS = /\s*,\s*|\s+and\s+|\s*\/\s*|\s{2,}/;

const sections = data.sections;
const recommendations = sections.flatMap((s) => s.recommendations);
const activities = recommendations.flatMap((r) => r.activities);
const activitiesOf = (pred: (r: DemoRecommendation) => boolean) =>
  recommendations.filter(pred).flatMap((r) => r.activities);
const agencyByName = new Map(data.leadAgencies.map((a) => [a.name, a]));

function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}

function ancestors(name: string): string[] {
  const result: string[] = [];
  let parent = agencyByName.get(name)?.parent ?? null;
  while (parent) {
    result.push(parent);
    parent = agencyByName.get(parent)?.parent ?? null;
  }
  return result;
}

/** Resolves a lead-agency cell through names and aliases; a named division absorbs its directorate. */
function resolveLeadAgencyText(text: string): { unknown: string[]; agencies: string[] } {
  const lookup = new Map<string, string>();
  for (const a of data.leadAgencies) {
    lookup.set(a.name, a.name);
    for (const alias of a.aliases) lookup.set(alias, a.name);
  }
  const pieces = text.split(LEAD_SEPARATORS).map((p) => p.trim()).filter(Boolean);
  const unknown = pieces.filter((p) => !lookup.has(p));
  const found = new Set(pieces.filter((p) => lookup.has(p)).map((p) => lookup.get(p)!));
  const covered = new Set([...found].flatMap((n) => ancestors(n)));
  return { unknown, agencies: [...found].filter((n) => !covered.has(n)) };
}

/** Can `text` be written as one non-empty cell from each of some of `lines`, in order, joined by a space? */
function joinsCellsOf(text: string, lines: number[]): boolean {
  const go = (i: number, rest: string): boolean => {
    if (rest === '') return true;
    if (i === lines.length) return false;
    if (go(i + 1, rest)) return true;
    return cellsOf(lines[i])
      .map((c) => c.trim())
      .filter(Boolean)
      .some((c) => rest === c || (rest.startsWith(c + ' ') && go(i + 1, rest.slice(c.length + 1))));
  };
  return text !== '' && go(0, text);
}

describe('Southampton 2012 demo plan', () => {
  describe('plan header', () => {
    it('names the paper and the inspection', () => {
      expect(data.plan).toEqual({
        title: 'Quality Improvement Plan in response to OfSTED Announced Inspection 2012',
        kind: 'ofsted_inspection',
        status: 'draft',
        sourceReportTitle: 'Inspection of safeguarding and looked after children services: Southampton',
        inspectionStartDate: '2012-04-23',
        inspectionEndDate: '2012-05-04',
        publishedOn: '2012-06-13',
        columnLabels: ['Area for development - Ofsted report', 'Activity to be delivered', 'Outcome measure', 'Cost (if app.)', 'Lead agency'],
      });
    });
  });

  describe('ground-truth counts', () => {
    it('has two sections: Safeguarding (23) and Children looked after (102)', () => {
      expect(sections.map((s) => [s.title, s.sourceReference])).toEqual([
        ['Safeguarding', '23'],
        ['Children looked after', '102'],
      ]);
    });

    it('has 17 recommendations: 7 and 10, numbered from 1 in each section', () => {
      expect(recommendations).toHaveLength(17);
      expect(sections[0].recommendations.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(sections[1].recommendations.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const s of sections) for (const r of s.recommendations) expect(r.sourceReference).toBe(s.sourceReference);
    });

    it('bands the recommendations 3 / 10 / 4', () => {
      const count = (band: Band) => recommendations.filter((r) => r.band === band).length;
      expect([count('immediately'), count('within_three_months'), count('within_six_months')]).toEqual([3, 10, 4]);
    });

    it('has 58 activities: 24 and 34 per section, 16 / 32 / 10 per band', () => {
      expect(activities).toHaveLength(58);
      expect(sections.map((s) => s.recommendations.flatMap((r) => r.activities).length)).toEqual([24, 34]);
      expect([
        activitiesOf((r) => r.band === 'immediately').length,
        activitiesOf((r) => r.band === 'within_three_months').length,
        activitiesOf((r) => r.band === 'within_six_months').length,
      ]).toEqual([16, 32, 10]);
    });

    it(`keeps all ten occurrences of "${EMBED}", each under its own recommendation`, () => {
      const holders = recommendations.filter((r) => r.activities.some((a) => a.text === EMBED));
      expect(activities.filter((a) => a.text === EMBED)).toHaveLength(10);
      expect(holders).toHaveLength(10);
      holders.forEach((r) => expect(r.activities.filter((a) => a.text === EMBED)).toHaveLength(1));
    });
  });

  describe('activities', () => {
    it.each(activities.map((a, i) => [i + 1, a] as const))('activity %i is complete', (_i, a) => {
      expect(a.text.length).toBeGreaterThan(0);
      expect(a.outcomeMeasures.length).toBeGreaterThanOrEqual(1);
      a.outcomeMeasures.forEach((m) => expect(m.length).toBeGreaterThan(0));
      expect(a.costText.length).toBeGreaterThan(0);
      expect(a.leadAgencyText.length).toBeGreaterThan(0);
      expect(a.leadAgencies.length).toBeGreaterThanOrEqual(1);
      expect(new Set(a.leadAgencies).size).toBe(a.leadAgencies.length);
      expect(a.sourceLines.length).toBeGreaterThanOrEqual(1);
      expect([...a.sourceLines].sort((x, y) => x - y)).toEqual(a.sourceLines);
    });

    it('sets a dueDate only where the activity text says "by <date>"', () => {
      const dated = activities.filter((a) => a.dueDate !== undefined);
      expect(dated.map((a) => [a.text, a.dueDate])).toEqual([
        ['Embed the new electronic Care Plan document onto PARIS by 1 September 2012.', '2012-09-01'],
      ]);
      const withBy = activities.filter((a) => /\bby \d{1,2} [A-Z][a-z]+ \d{4}/.test(a.text));
      expect(withBy).toEqual(dated);
    });
  });

  describe('lead agencies', () => {
    const names = data.leadAgencies.map((a) => a.name);

    it('lists each agency once, with unique aliases', () => {
      expect(new Set(names).size).toBe(names.length);
      const spellings = data.leadAgencies.flatMap((a) => [a.name, ...a.aliases]);
      expect(new Set(spellings).size).toBe(spellings.length);
      data.leadAgencies.forEach((a) => expect(a.shortName.length).toBeGreaterThan(0));
    });

    it('uses the en dash in canonical names', () => {
      names.forEach((n) => expect(n).not.toMatch(/ - | -|- /));
    });

    it('lists parents before their children, and every parent exists', () => {
      data.leadAgencies.forEach((a, i) => {
        if (a.parent === null) return;
        expect(names).toContain(a.parent);
        expect(names.indexOf(a.parent)).toBeLessThan(i);
      });
    });

    it('names only listed agencies on activities', () => {
      const used = new Set(activities.flatMap((a) => a.leadAgencies));
      used.forEach((n) => expect(names).toContain(n));
    });

    it('has every agency in use, directly or as a parent', () => {
      const used = new Set(activities.flatMap((a) => [...a.leadAgencies, ...a.leadAgencies.flatMap(ancestors)]));
      expect(names.filter((n) => !used.has(n))).toEqual([]);
    });

    it.each(activities.map((a) => [a.sourceLines[0], a] as const))(
      'covers every spelling of the lead-agency cell of line %i, and it resolves to leadAgencies',
      (_line, a) => {
        const { unknown, agencies } = resolveLeadAgencyText(a.leadAgencyText);
        expect(unknown).toEqual([]);
        expect([...agencies].sort()).toEqual([...a.leadAgencies].sort());
      },
    );

    it('takes its aliases from the papers', () => {
      const expansions = ["Children's Services and Learning"]; // the key's expansion of "CSL", not a spelling in the paper
      const aliases = data.leadAgencies.flatMap((a) => a.aliases).filter((x) => !expansions.includes(x));
      aliases.forEach((alias) => expect(paper.includes(alias) || ofsted.includes(alias)).toBe(true));
    });
  });

  describe('text hygiene', () => {
    it('has no markup, tabs or surrounding whitespace anywhere', () => {
      for (const s of allStrings(data)) {
        expect(s).not.toContain('<p>');
        expect(s).not.toContain('</p>');
        expect(s).not.toContain('<b>');
        expect(s).not.toContain('\t');
        expect(s).toBe(s.trim());
      }
    });

    it('strips the number from recommendation texts', () => {
      recommendations.forEach((r) => expect(r.text).not.toMatch(/^\d+\./));
    });

    it('splits outcome measures: none holds a double-space separator', () => {
      activities.flatMap((a) => a.outcomeMeasures).forEach((m) => expect(m).not.toMatch(/\S {2,}\S/));
    });
  });

  describe('fixes', () => {
    it('records the shifted row of Children looked after recommendation 3 (line 83)', () => {
      expect(paperLine(83).startsWith('\t3. Pathway plans')).toBe(true);
      expect(data.fixes.some((f) => f.lines.includes(83) && /shift/i.test(f.defect))).toBe(true);
      // the lost lead agency is borrowed from line 41, and that is recorded
      expect(data.fixes.some((f) => f.lines.includes(83) && f.lines.includes(41) && /lead agency/i.test(f.defect))).toBe(true);
    });

    it('records the truncated activity (line 69) and keeps it as printed', () => {
      expect(data.fixes.some((f) => f.lines.includes(69) && f.defect.includes('Supported through a'))).toBe(true);
      expect(activities.some((a) => a.text.endsWith('individual supervision. Supported through a'))).toBe(true);
    });

    it('records every join across a page break', () => {
      for (const a of activities.filter((x) => x.sourceLines.length > 1)) {
        expect(data.fixes.some((f) => a.sourceLines.every((n) => f.lines.includes(n)))).toBe(true);
      }
    });

    it('cites only lines of the paper, and explains each fix', () => {
      for (const f of data.fixes) {
        expect(f.lines.length).toBeGreaterThan(0);
        f.lines.forEach((n) => expect(n >= 1 && n <= paperLines.length).toBe(true));
        expect(f.defect.length).toBeGreaterThan(0);
        expect(f.fix.length).toBeGreaterThan(0);
      }
    });
  });

  describe('cross-check against the paper (test/fixtures/reference)', () => {
    const isHeader = (line: string) => line.startsWith('Area for development - Ofsted report\t');
    const bandRow = /^<b>(Safeguarding|Children looked after): (Immediately|within three months|within six months)<\/b>\t*$/;
    const bandOf: Record<string, Band> = {
      Immediately: 'immediately',
      'within three months': 'within_three_months',
      'within six months': 'within_six_months',
    };
    const table2Line = paperLines.findIndex((l) => l.includes('TABLE 2: CHILDREN LOOKED AFTER')) + 1;
    const bodyLines = paperLines
      .map((l, i) => [i + 1, l] as const)
      .filter(([, l]) => l.includes('\t') && !isHeader(l) && !bandRow.test(l))
      .map(([n]) => n);

    it('reads the activity text of every activity not joined across a page break verbatim from the paper', () => {
      for (const a of activities.filter((x) => x.sourceLines.length === 1)) {
        expect(paper.includes(a.text)).toBe(true);
        expect(cellsOf(a.sourceLines[0])[1].trim()).toBe(a.text);
      }
    });

    it('rebuilds every joined activity text from cells of its source lines', () => {
      for (const a of activities.filter((x) => x.sourceLines.length > 1)) {
        expect(joinsCellsOf(a.text, a.sourceLines)).toBe(true);
      }
    });

    it('finds every outcome measure verbatim in the paper', () => {
      const plain = paper.replace(/<\/?p>/g, '');
      activities.flatMap((a) => a.outcomeMeasures).forEach((m) => expect(plain.includes(m)).toBe(true));
    });

    it('reads cost and lead agency from the cells of the source lines, or from a recorded fix', () => {
      for (const a of activities) {
        const cells = a.sourceLines.flatMap((n) => cellsOf(n).map((c) => c.trim()));
        expect(cells).toContain(a.costText);
        if (a.sourceLines.some((n) => cellsOf(n)[4].trim() === a.leadAgencyText)) continue;
        const donors = bodyLines.filter((n) => cellsOf(n)[4].trim() === a.leadAgencyText);
        expect(donors.length).toBeGreaterThan(0);
        expect(data.fixes.some((f) => f.lines.includes(a.sourceLines[0]) && donors.some((d) => f.lines.includes(d)))).toBe(true);
      }
    });

    it('uses every table row of the paper exactly once, in order', () => {
      const used = activities.flatMap((a) => a.sourceLines);
      expect(new Set(used).size).toBe(used.length);
      expect([...used].sort((x, y) => x - y)).toEqual(bodyLines);
      const firsts = activities.map((a) => a.sourceLines[0]);
      expect([...firsts].sort((x, y) => x - y)).toEqual(firsts);
    });

    it('places each activity in the right table and under the right band row', () => {
      sections.forEach((s, si) => {
        for (const r of s.recommendations) {
          for (const a of r.activities) {
            const first = a.sourceLines[0];
            expect(si === 0 ? first < table2Line : first > table2Line).toBe(true);
            let n = first;
            while (!bandRow.test(paperLine(n))) n--;
            const [, table, band] = bandRow.exec(paperLine(n))!;
            expect(table).toBe(s.title);
            expect(bandOf[band]).toBe(r.band);
          }
        }
      });
    });

    it('reads each recommendation text from the paper, joining a continued cell', () => {
      for (const r of recommendations) {
        const prefix = `${r.number}. `;
        const starts = paperLines.flatMap((l) => l.split('\t')).filter((c) => c.startsWith(prefix));
        const ok = starts.some((c) => {
          const head = c.slice(prefix.length).trim();
          if (head === r.text) return true;
          return r.text.startsWith(head + ' ') && paperLines.some((l) => l.split('\t')[0].trim() === r.text.slice(head.length + 1));
        });
        expect(ok).toBe(true);
      }
    });

    it("agrees with Ofsted's list: order, bands and wording of each recommendation's ending", () => {
      const bullets: { section: number; band: Band; text: string }[] = [];
      let section = -1;
      let band: Band = 'immediately';
      for (const line of ofsted.split('\n')) {
        if (/^23\. /.test(line)) section = 0;
        else if (line.trim() === '[...]' && section === 0) {
          section = 1;
          band = 'immediately'; // the Children looked after heading is elided in the extract; its first bullet is "Immediately"
        } else if (/Immediately:/.test(line)) band = 'immediately';
        else if (/Within three months:/.test(line)) band = 'within_three_months';
        else if (/Within six months:/.test(line)) band = 'within_six_months';
        else if (line.startsWith('- ') && section >= 0) bullets.push({ section, band, text: line.slice(2) });
      }
      const ending = (t: string) => t.replace(/\.$/, '').slice(-30).toLowerCase();
      const ours = sections.flatMap((s, si) => s.recommendations.map((r) => ({ section: si, band: r.band, text: ending(r.text) })));
      expect(ours).toEqual(bullets.map((b) => ({ ...b, text: ending(b.text) })));
    });
  });
});
