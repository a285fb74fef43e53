import * as fs from 'fs';
import * as path from 'path';
import { databaseState } from './fixtures/imports/database-state';
import { demoPlan } from './support/plans-fixtures';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Thousands of random and mutated inputs at both import endpoints, by JSON and
 * by multipart upload, with random options: every answer is 2xx or 4xx, never
 * 5xx, and after every refused input (and every preview) the database is
 * exactly as it was: row counts, version sums and the audit trail.
 * Deterministic: the seed is fixed, so a failure repeats; it prints the case.
 */

const ROUNDS = 3000;
const SEED = 20120613;

const FIXTURES = path.join(__dirname, 'fixtures');
const corpus = {
  paper: fs.readFileSync(path.join(FIXTURES, 'reference/southampton-2012-quality-improvement-plan.txt'), 'utf8'),
  ofsted: fs.readFileSync(path.join(FIXTURES, 'reference/southampton-2012-ofsted-areas-for-improvement.txt'), 'utf8'),
  business: fs.readFileSync(path.join(FIXTURES, 'imports/outcome-first-business-plan.txt'), 'utf8'),
  csv: fs.readFileSync(path.join(FIXTURES, 'imports/southampton-2012-plan.csv'), 'utf8'),
};
const xlsx = fs.readFileSync(path.join(FIXTURES, 'imports/southampton-2012-plan.xlsx'));
const smallPlan = [
  'Area for development - Ofsted report\tActivity to be delivered\tOutcome measure\tCost (if app.)\tLead agency',
  '<b>Front door: Immediately</b>\t\t\t\t',
  '1. Screen every contact within a day.\tDaily screening huddle\tAll contacts screened  Audit shows it\t£3k per month\tSCC - CSL Directorate',
  '\tAudit screening decisions monthly\tAudits completed\tExisting resources\tPolice and Health Providers',
  '<b>Front door: within three months</b>\t\t\t\t',
  '2. Strengthen oversight.\tSupervision audit by 1 September 2012\tAudit reported\tTo be confirmed\tLSCB, Capita',
].join('\n');

/** mulberry32: small, fast, and the same sequence everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Imports fuzz: only 2xx or 4xx, and nothing left behind by a refusal', () => {
  let t: TestApp;
  let planIds: string[];

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    planIds = [(await demoPlan(t)).id];
  });
  afterAll(() => t.close());

  it(`survives ${ROUNDS} random and mutated imports`, async () => {
    const rand = random(SEED);
    const int = (n: number) => Math.floor(rand() * n);
    const pick = <T>(items: readonly T[]): T => items[int(items.length)];
    const chance = (p: number) => rand() < p;

    const SNIPPETS = ['\t', '\t\t', '\n', '\r\n', '  ', '"', '""', ',', ';', '<p>', '</p> <p>', '<b>', 'DRAFT', 'TABLE 3: EXTRA', '1. ', '99999. ', '0. ', 'Immediately', 'within three months', 'Key', 'CEA – x', '£', '£1,00', 'by 31 February 2016', 'Quarterly', 'April 2999', 'September 2015 / 16 / 17', '\u00a0', '–', '’', '\ufeff', '\u0007', '\u2028', '😀', 'é', '\\', '[...]', '- ensure that', '## Areas for improvement', '23. ', 'x'.repeat(6000), '\t'.repeat(150)];

    const mutateText = (text: string): string => {
      let out = text;
      for (let n = 1 + int(4); n > 0; n--) {
        const at = int(out.length + 1);
        switch (int(10)) {
          case 0:
            out = out.slice(0, at) + out.slice(at + int(400));
            break;
          case 1:
            out = out.slice(0, at) + pick(SNIPPETS) + out.slice(at);
            break;
          case 2: {
            const lines = out.split('\n');
            const i = int(lines.length);
            lines.splice(int(lines.length), 0, lines[i]);
            out = lines.join('\n');
            break;
          }
          case 3: {
            const lines = out.split('\n');
            const [i, j] = [int(lines.length), int(lines.length)];
            [lines[i], lines[j]] = [lines[j], lines[i]];
            out = lines.join('\n');
            break;
          }
          case 4: {
            const lines = out.split('\n');
            const i = int(lines.length);
            lines[i] = (lines[i] ?? '').split('\t').reverse().join('\t');
            out = lines.join('\n');
            break;
          }
          case 5:
            out = out.slice(0, at);
            break;
          case 6:
            out = out.replace(pick(['\t', ',', '  ', '. ', ' and ', '/']), pick(['', '\t', ',', '\n', '   ']));
            break;
          case 7:
            out = out.slice(0, at) + String.fromCharCode(int(0x3000)) + out.slice(at + 1);
            break;
          case 8:
            out = out.split('\n').filter(() => chance(0.9)).join('\n');
            break;
          default:
            out = out.slice(0, at) + out.slice(int(out.length)) + out.slice(at);
        }
      }
      return out;
    };
    const randomText = (): string =>
      Array.from({ length: int(60) }, () => (chance(0.3) ? pick(SNIPPETS) : int(2 ** 31).toString(36).slice(0, 1 + int(8)))).join(pick([' ', '\t', '\n', ',']));
    const randomBytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(256)));
    const mutateBytes = (bytes: Buffer): Buffer => {
      const out = Buffer.from(bytes);
      for (let n = 1 + int(20); n > 0; n--) out[int(out.length)] = int(256);
      return chance(0.3) ? out.subarray(0, int(out.length)) : out;
    };

    const uuid = () => '10000000-0000-4000-8000-00000000000' + int(10);
    // Mostly options a person might send; now and then ones the endpoint must refuse.
    const option = <T>(valid: readonly T[], invalid: readonly unknown[]): unknown => (chance(0.12) ? pick(invalid) : pick(valid));
    const randomOptions = (): Record<string, unknown> => {
      const options: Record<string, unknown> = {};
      if (chance(0.2)) options.format = option(['text', 'csv', 'xlsx', 'ofsted-report'], ['pdf', '']);
      if (chance(0.1)) options.layout = option(['ofsted', 'outcome-first'], ['sideways']);
      if (chance(0.3)) options.publishedOn = option(['2012-06-13', '2031-12-30', '2999-01-01', '1900-01-01'], ['13/06/2012', '2012-02-30']);
      if (chance(0.1)) options.startsOn = option(['2015-04-01', '2999-12-01'], ['soon']);
      if (chance(0.1)) options.endsOn = option(['2017-03-31', '1901-01-01'], ['later']);
      if (chance(0.1)) options.paragraphs = option([['23', '102'], ['24'], ['23']], [[''], 'x', [1, 2]]);
      if (chance(0.1)) options.agencyAliases = option([{ Health: 'NHS Southampton' }, { 'SCC - CSL Directorate': 'A new directorate' }], [{ '': 'x' }, { SCC: 'y'.repeat(300) }, ['a'], 'Health=NHS']);
      if (chance(0.1)) options.mapping = option([{ activity: 'Activity to be delivered' }, { activity: 'Action required', leadAgency: 'By who' }, { activity: 'Nope' }], [{ colour: 'Red' }, 'activity']);
      if (chance(0.15)) options.planId = option([...planIds, uuid()], ['not-a-uuid']);
      if (chance(0.05)) options.encoding = option(['utf-8', 'windows-1252'], ['ebcdic']);
      if (chance(0.05)) options.sheet = pick(['QIP', 'Cover', 'Nope']);
      if (chance(0.05)) options.title = option(['Imported', 'T'.repeat(500)], ['', 'T'.repeat(501)]);
      if (chance(0.05)) options.kind = option(['business_plan', 'ofsted_inspection', 'serious_case_review'], ['novel']);
      if (chance(0.02)) options.unexpected = true;
      return options;
    };

    let state = await databaseState(t.dataSource);
    const statuses = new Map<number, number>();
    const problems = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const endpoint = chance(0.6) ? '/api/imports/preview' : '/api/imports';
      const source = pick(['paper', 'paper', 'ofsted', 'business', 'csv', 'small', 'small', 'random'] as const);
      const base = source === 'small' ? smallPlan : source === 'random' ? randomText() : corpus[source];
      const text = source !== 'random' && chance(0.85) ? mutateText(base) : base;
      const options = randomOptions();
      const transport = chance(0.5) ? 'json' : 'multipart';
      let request = t.http.post(endpoint);
      let described: string;
      if (transport === 'json') {
        request = request.send({ text, ...options });
        described = `JSON ${source} (${text.length} chars) ${JSON.stringify(options)}`;
      } else {
        const kind = int(10);
        const bytes = kind === 0 ? randomBytes(int(3000)) : kind === 1 ? mutateBytes(xlsx) : kind === 2 ? xlsx : Buffer.from(text, 'utf8');
        const name = pick(['plan.csv', 'plan.txt', 'plan.xlsx', 'plan', 'report.md', 'plan.xls', 'plan.CSV']);
        request = request.attach('file', bytes, name);
        for (const [field, value] of Object.entries(options)) request = request.field(field, typeof value === 'string' ? value : JSON.stringify(value));
        described = `multipart ${name} (${bytes.length} bytes, ${kind === 0 ? 'random bytes' : kind === 1 ? 'mutated workbook' : kind === 2 ? 'workbook' : source}) ${JSON.stringify(options)}`;
      }
      const response = await request;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const problem = response.status >= 400 ? String(response.body.problem ?? (response.body.errors ? 'invalid_options' : response.status)) : 'accepted';
      problems.set(problem, (problems.get(problem) ?? 0) + 1);
      if (response.status >= 500 || response.status < 200) {
        throw new Error(`Round ${round}: ${endpoint} answered ${response.status} to ${described}: ${JSON.stringify(response.body).slice(0, 500)}`);
      }
      const after = await databaseState(t.dataSource);
      if (response.status >= 400 || endpoint === '/api/imports/preview') {
        if (JSON.stringify(after) !== JSON.stringify(state)) {
          throw new Error(`Round ${round}: ${endpoint} answered ${response.status} but changed the database (${JSON.stringify(state)} -> ${JSON.stringify(after)}) for ${described}`);
        }
      } else {
        if (response.status !== 201) throw new Error(`Round ${round}: import answered ${response.status}`);
        if (planIds.length < 5) planIds.push(response.body.planId);
      }
      if (response.status >= 400) expect(typeof response.body.message).toBe('string');
      state = after;
    }
    console.log(`Import fuzz, seed ${SEED}: answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ${JSON.stringify(Object.fromEntries([...problems].sort((a, b) => b[1] - a[1])))}`);
    // Both kinds of answer happened, many times over.
    const refused = [...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    const accepted = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    expect(refused).toBeGreaterThan(ROUNDS / 10);
    expect(accepted).toBeGreaterThan(ROUNDS / 10);
  }, 20 * 60_000);
});
