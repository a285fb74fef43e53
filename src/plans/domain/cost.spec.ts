import {
  COST_KINDS,
  COST_PERIODS,
  CostKind,
  CostPeriod,
  ParsedCost,
  formatPence,
  parseCost,
  totalCosts,
} from './cost';

type Row = [text: string, kind: CostKind, amountPence: number | null, period: CostPeriod | null, annualPence: number | null];

function expectParsed([text, kind, amountPence, period, annualPence]: Row): void {
  expect(parseCost(text)).toEqual({ text, kind, amountPence, period, annualPence });
}

function cost(kind: CostKind, amountPence: number | null = null, period: CostPeriod | null = null): ParsedCost {
  const annualPence =
    amountPence === null || period === null || period === 'one_off'
      ? null
      : amountPence * { weekly: 52, monthly: 12, quarterly: 4, annual: 1 }[period];
  return { text: 'x', kind, amountPence, period, annualPence };
}

describe('parseCost', () => {
  // Every distinct value of the cost column (4th tab-separated field) of
  // /work/shared/reference/southampton-2012-quality-improvement-plan.txt, verbatim.
  describe('the Southampton 2012 quality improvement plan', () => {
    it.each<Row>([
      ['Existing resources', 'existing_resources', null, null, null],
      ['Existing resources in re-configured workforce', 'existing_resources', null, null, null],
      ['Existing resources in re-configured workforce.', 'existing_resources', null, null, null],
      ['To be confirmed', 'to_be_confirmed', null, null, null],
      ['To be confirmed depending on spec.', 'to_be_confirmed', null, null, null],
      ['Technical feasibility and costs of this to be confirmed.', 'to_be_confirmed', null, null, null],
      ['Training priority. Paris costs to be confirmed.', 'to_be_confirmed', null, null, null],
      ['Net saving compared to agency costs.', 'net_saving', null, null, null],
      ['£3k per month', 'amount', 300000, 'monthly', 3600000],
      ['£53k pa', 'amount', 5300000, 'annual', 5300000],
      ['£145k to be found from reconfiguration of existing resources', 'existing_resources', 14500000, 'one_off', null],
      // Rows with no cost stated.
      ['', 'none', null, null, null],
      // The repeated table header; an importer should skip it, but it must not crash or count as money.
      ['Cost (if app.)', 'unparsed', null, null, null],
      // Row 83 of the reference lost a cell, shifting an outcome measure into the cost column.
      ['Structures and service processes better placed to deliver consistent case management,', 'unparsed', null, null, null],
    ])('%j', (...row) => expectParsed(row));
  });

  describe('amounts', () => {
    it.each<Row>([
      ['£10,000', 'amount', 1000000, 'one_off', null],
      ['£1.5m', 'amount', 150000000, 'one_off', null],
      ['£2.5k', 'amount', 250000, 'one_off', null],
      ['£3K', 'amount', 300000, 'one_off', null],
      ['£1.5M', 'amount', 150000000, 'one_off', null],
      ['£2.5 million', 'amount', 250000000, 'one_off', null],
      ['£10 thousand', 'amount', 1000000, 'one_off', null],
      ['£1bn', 'amount', 100000000000, 'one_off', null],
      ['£1.2 billion', 'amount', 120000000000, 'one_off', null],
      ['£ 750', 'amount', 75000, 'one_off', null],
      ['£1.50', 'amount', 150, 'one_off', null],
      ['£1,000.50', 'amount', 100050, 'one_off', null],
      ['£1,234,567', 'amount', 123456700, 'one_off', null],
      ['£10000', 'amount', 1000000, 'one_off', null],
      ['£250 per week', 'amount', 25000, 'weekly', 1300000],
      ['£12,000 per quarter', 'amount', 1200000, 'quarterly', 4800000],
      ['£500 one-off', 'amount', 50000, 'one_off', null],
      ['£5k funded from the DfE grant', 'amount', 500000, 'one_off', null],
    ])('%j', (...row) => expectParsed(row));

    it.each<Row>([
      ['£1.15m', 'amount', 115000000, 'one_off', null],
      ['£2.675k', 'amount', 267500, 'one_off', null],
      ['£0.29', 'amount', 29, 'one_off', null],
      ['£1.1m per month', 'amount', 110000000, 'monthly', 1320000000],
      // A third decimal is a typo, but the result must still be whole pence.
      ['£1.005', 'amount', 101, 'one_off', null],
      ['£1.004', 'amount', 100, 'one_off', null],
      ['£1.000000000000000000001', 'amount', 100, 'one_off', null],
    ])('uses exact integer pence for %j', (...row) => expectParsed(row));

    it('produces integer pence wherever floating point would drift', () => {
      // £0.005m, £0.015m ... £9.995m: each is a whole number of pounds.
      for (let n = 0; n < 1000; n += 1) {
        const text = `£${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}5m`;
        expect(parseCost(text).amountPence).toBe(n * 1000000 + 500000);
      }
    });

    it.each<Row>([
      ['£53k pa from 2013/14', 'amount', 5300000, 'annual', 5300000],
      ['£20k in 2012-13', 'amount', 2000000, 'one_off', null],
      ['£20k in 2013', 'amount', 2000000, 'one_off', null],
      ['£20k in 2012–13', 'amount', 2000000, 'one_off', null],
    ])('ignores financial years beside the figure: %j', (...row) => expectParsed(row));
  });

  describe('periods', () => {
    it.each<[string, CostPeriod]>([
      ['£1k pa', 'annual'],
      ['£1k p.a.', 'annual'],
      ['£1k p.a. from April', 'annual'],
      ['£1k p/a', 'annual'],
      ['£1k per annum', 'annual'],
      ['£1k a year', 'annual'],
      ['£1k per year', 'annual'],
      ['£1k per yr', 'annual'],
      ['£1k/yr', 'annual'],
      ['£1k / year', 'annual'],
      ['£1k/annum', 'annual'],
      ['£1k annually', 'annual'],
      ['£1k yearly', 'annual'],
      ['£1k each year', 'annual'],
      ['£1k every year', 'annual'],
      ['£1k per month', 'monthly'],
      ['£1k per mth', 'monthly'],
      ['£1k per calendar month', 'monthly'],
      ['£1k a month', 'monthly'],
      ['£1k each month', 'monthly'],
      ['£1k every month', 'monthly'],
      ['£1k monthly', 'monthly'],
      ['Monthly cost £1k', 'monthly'],
      ['£1k pm', 'monthly'],
      ['£1k pcm', 'monthly'],
      ['£1k p/m', 'monthly'],
      ['£1k/month', 'monthly'],
      ['£1k/mth', 'monthly'],
      ['£1k per week', 'weekly'],
      ['£1k per wk', 'weekly'],
      ['£1k a week', 'weekly'],
      ['£1k each week', 'weekly'],
      ['£1k every week', 'weekly'],
      ['£1k weekly', 'weekly'],
      ['£1k pw', 'weekly'],
      ['£1k p/w', 'weekly'],
      ['£1k/wk', 'weekly'],
      ['£1k/week', 'weekly'],
      ['£1k per quarter', 'quarterly'],
      ['£1k per qtr', 'quarterly'],
      ['£1k a quarter', 'quarterly'],
      ['£1k each quarter', 'quarterly'],
      ['£1k every quarter', 'quarterly'],
      ['£1k quarterly', 'quarterly'],
      ['£1k/qtr', 'quarterly'],
      ['£1k/quarter', 'quarterly'],
      ['£1k one-off', 'one_off'],
      ['£1k one off', 'one_off'],
      ['£1k oneoff', 'one_off'],
      ['£1k one-time', 'one_off'],
      ['£1k single payment', 'one_off'],
      ['£1k non-recurring', 'one_off'],
      ['£1k lump sum', 'one_off'],
      ['£1k', 'one_off'],
    ])('%j is %s', (text, period) => {
      const parsed = parseCost(text);
      expect(parsed.kind).toBe('amount');
      expect(parsed.amountPence).toBe(100000);
      expect(parsed.period).toBe(period);
    });

    it.each<[CostPeriod, number | null]>([
      ['one_off', null],
      ['weekly', 5200000],
      ['monthly', 1200000],
      ['quarterly', 400000],
      ['annual', 100000],
    ])('annualises %s', (period, annualPence) => {
      const text = { one_off: '£1k one-off', weekly: '£1k per week', monthly: '£1k per month', quarterly: '£1k per quarter', annual: '£1k pa' }[period];
      expect(parseCost(text).annualPence).toBe(annualPence);
    });
  });

  describe('estimates keep their amount', () => {
    it.each<Row>([
      ['£40k (estimate)', 'estimate', 4000000, 'one_off', null],
      ['approx. £5k', 'estimate', 500000, 'one_off', null],
      ['approx £5k', 'estimate', 500000, 'one_off', null],
      ['approximately £5k', 'estimate', 500000, 'one_off', null],
      ['approximate cost £5k', 'estimate', 500000, 'one_off', null],
      ['c. £20k', 'estimate', 2000000, 'one_off', null],
      ['c.£20k', 'estimate', 2000000, 'one_off', null],
      ['c £20k', 'estimate', 2000000, 'one_off', null],
      ['(c. £20k)', 'estimate', 2000000, 'one_off', null],
      ['ca. £20k', 'estimate', 2000000, 'one_off', null],
      ['circa £20k', 'estimate', 2000000, 'one_off', null],
      ['estimated £7,500', 'estimate', 750000, 'one_off', null],
      ['Estimate £7,500', 'estimate', 750000, 'one_off', null],
      ['£7,500 (estimates)', 'estimate', 750000, 'one_off', null],
      ['£7,500 est.', 'estimate', 750000, 'one_off', null],
      ['roughly £2k', 'estimate', 200000, 'one_off', null],
      ['around £2k', 'estimate', 200000, 'one_off', null],
      ['about £2k', 'estimate', 200000, 'one_off', null],
      ['~£2k', 'estimate', 200000, 'one_off', null],
      ['in the region of £2k per month', 'estimate', 200000, 'monthly', 2400000],
    ])('%j', (...row) => expectParsed(row));

    it('does not mistake a word ending in c for "circa"', () => {
      expect(parseCost('Public £20k').kind).toBe('amount');
    });
  });

  describe('to be confirmed', () => {
    it.each<Row>([
      ['TBC', 'to_be_confirmed', null, null, null],
      ['tbc', 'to_be_confirmed', null, null, null],
      ['T.B.C.', 'to_be_confirmed', null, null, null],
      ['TBD', 'to_be_confirmed', null, null, null],
      ['To be determined', 'to_be_confirmed', null, null, null],
      ['To be agreed with health', 'to_be_confirmed', null, null, null],
      ['To be decided', 'to_be_confirmed', null, null, null],
      ['To be finalised', 'to_be_confirmed', null, null, null],
      ['To be finalized', 'to_be_confirmed', null, null, null],
      ['To be costed', 'to_be_confirmed', null, null, null],
      ['Not yet known', 'to_be_confirmed', null, null, null],
      ['Not yet costed', 'to_be_confirmed', null, null, null],
      ['Not yet confirmed', 'to_be_confirmed', null, null, null],
      ['£ TBC', 'to_be_confirmed', null, null, null],
      // An officer's flag that the figure is unsettled outranks the figure itself.
      ['£5k per month, to be confirmed', 'to_be_confirmed', 500000, 'monthly', 6000000],
      ['Existing resources; additional costs TBC', 'to_be_confirmed', null, null, null],
      ['£5k–£10k, TBC', 'to_be_confirmed', null, null, null],
    ])('%j', (...row) => expectParsed(row));
  });

  describe('existing resources', () => {
    it.each<Row>([
      ['EXISTING RESOURCES', 'existing_resources', null, null, null],
      ['Existing resource', 'existing_resources', null, null, null],
      ['Within existing budget', 'existing_resources', null, null, null],
      ['Existing budgets', 'existing_resources', null, null, null],
      ['Current resources', 'existing_resources', null, null, null],
      ['Existing staff', 'existing_resources', null, null, null],
      ['Existing staffing', 'existing_resources', null, null, null],
      ['Existing funding', 'existing_resources', null, null, null],
      ['Existing capacity', 'existing_resources', null, null, null],
      ['Existing workforce', 'existing_resources', null, null, null],
      ['£3k per month from existing budgets', 'existing_resources', 300000, 'monthly', 3600000],
    ])('%j', (...row) => expectParsed(row));
  });

  describe('net savings', () => {
    it.each<Row>([
      ['Net savings', 'net_saving', null, null, null],
      ['Saving of £20k pa', 'net_saving', 2000000, 'annual', 2000000],
    ])('%j', (...row) => expectParsed(row));
  });

  describe('no cost', () => {
    it.each<Row>([
      ['', 'none', null, null, null],
      ['   ', 'none', null, null, null],
      ['\u00a0\t\n', 'none', null, null, null],
      ['N/A', 'none', null, null, null],
      ['n/a', 'none', null, null, null],
      ['NA', 'none', null, null, null],
      ['None', 'none', null, null, null],
      ['None.', 'none', null, null, null],
      ['Nil', 'none', null, null, null],
      ['£nil', 'none', null, null, null],
      ['Nothing', 'none', null, null, null],
      ['Not applicable', 'none', null, null, null],
      ['No cost', 'none', null, null, null],
      ['No additional costs', 'none', null, null, null],
      ['No extra cost', 'none', null, null, null],
      ['No new costs', 'none', null, null, null],
      ['Cost neutral', 'none', null, null, null],
      ['Cost-neutral', 'none', null, null, null],
      ['-', 'none', null, null, null],
      ['--', 'none', null, null, null],
      // A zero is still a stated figure, so it is kept; it just is not a cost.
      ['£0', 'none', 0, 'one_off', null],
      ['£0.00', 'none', 0, 'one_off', null],
      ['£0 per month', 'none', 0, 'monthly', 0],
    ])('%j', (...row) => expectParsed(row));

    it('treats null and undefined as no cost, with empty text', () => {
      expect(parseCost(null)).toEqual({ text: '', kind: 'none', amountPence: null, period: null, annualPence: null });
      expect(parseCost(undefined)).toEqual({ text: '', kind: 'none', amountPence: null, period: null, annualPence: null });
    });
  });

  describe('anything it cannot read with confidence is unparsed, with no amount', () => {
    it.each<string>([
      'Funded by the DfE grant',
      'see appendix 3',
      'Existing grant',
      'Paid by partners',
      '£',
      '£ per month',
      '£abc',
      // Malformed thousands separator: reading "£1" would understate by a factor of 100.
      '£1,00',
      '£1,0000',
      // Ranges and multiples cannot be reduced to one figure.
      '£5k-£10k',
      '£5k–£10k',
      '£5-10k',
      '£5k to £10k',
      '2 x £500',
      '2 posts at £30k pa',
      '£12k pa (£1k per month)',
      'Existing resources plus £5k–£10k',
      // Finite durations are not annual costs.
      '£3k per month for 6 months',
      '£3k per month for six months',
      '£53k for the year',
      // Two periods contradict each other.
      '£5k per month pa',
      '£5k one-off per year',
      '£5k one–off per year',
      // A second pound sign means a second figure, even if it is not written properly.
      '£5k + £x',
      // Too large to hold as a safe integer of pence.
      '£999999999999999',
      '£90,071,992,547,410',
      '£90,000bn per week',
    ])('%j', (text) => {
      expect(parseCost(text)).toEqual({ text, kind: 'unparsed', amountPence: null, period: null, annualPence: null });
    });

    it('accepts the largest amount that still fits in safe integer pence', () => {
      expect(parseCost('£90,071,992,547,409').amountPence).toBe(9007199254740900);
    });
  });

  describe('tolerant matching, verbatim text', () => {
    it.each<Row>([
      ['£3k\u00a0per\u00a0month', 'amount', 300000, 'monthly', 3600000],
      ['£3k\u202fper month', 'amount', 300000, 'monthly', 3600000],
      ['£3k  per \n month', 'amount', 300000, 'monthly', 3600000],
      ['£500 one–off', 'amount', 50000, 'one_off', null],
      ['£500 one—off', 'amount', 50000, 'one_off', null],
      ['Cost–neutral', 'none', null, null, null],
      ['–', 'none', null, null, null],
      ['£53k pa.', 'amount', 5300000, 'annual', 5300000],
      ['£53k pa...', 'amount', 5300000, 'annual', 5300000],
      ['£53K PA', 'amount', 5300000, 'annual', 5300000],
      ['  £3k per month.  ', 'amount', 300000, 'monthly', 3600000],
      ['TO BE CONFIRMED.', 'to_be_confirmed', null, null, null],
      ['‘TBC’', 'to_be_confirmed', null, null, null],
      ['Â£3k per month', 'amount', 300000, 'monthly', 3600000],
    ])('%j', (...row) => expectParsed(row));

    it('keeps the text exactly as given', () => {
      const text = '\u00a0 “£3k per month” – see note.\n';
      expect(parseCost(text).text).toBe(text);
    });

    it('keeps non-string values from spreadsheet imports as text instead of throwing', () => {
      expect(parseCost(5000 as unknown as string)).toEqual({
        text: '5000',
        kind: 'unparsed',
        amountPence: null,
        period: null,
        annualPence: null,
      });
      const unprintable = Object.create(null) as unknown as string;
      expect(parseCost(unprintable).text).toBe('');
    });
  });

  describe('never throws', () => {
    // Deterministic so a failure can be reproduced from the seed.
    function random(seed: number): () => number {
      let state = seed >>> 0;
      return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    const pieces = ['£', '£', '1', '0', '9', ',', '.', ' ', '\u00a0', '–', '-', '/', 'k', 'm', 'bn', 'pa', 'p.a.', ' per month', ' per week', ' one-off', 'tbc', 'existing resources', 'saving', 'c.', 'approx', 'n/a', 'for ', 'year', '(', ')', '~', '‘', '\u0000', '\ud800', 'x', 'é'];

    it('on 5,000 random strings, preserving text and keeping the result consistent', () => {
      const next = random(20120712);
      for (let i = 0; i < 5000; i += 1) {
        const length = Math.floor(next() * 12);
        let text = '';
        for (let j = 0; j < length; j += 1) text += pieces[Math.floor(next() * pieces.length)];
        const parsed = parseCost(text);
        expect(parsed.text).toBe(text);
        expect(COST_KINDS).toContain(parsed.kind);
        if (parsed.amountPence === null) {
          expect(parsed.period).toBeNull();
          expect(parsed.annualPence).toBeNull();
        } else {
          expect(Number.isSafeInteger(parsed.amountPence)).toBe(true);
          expect(parsed.amountPence).toBeGreaterThanOrEqual(0);
          expect(COST_PERIODS).toContain(parsed.period);
          if (parsed.period === 'one_off') expect(parsed.annualPence).toBeNull();
          else expect(Number.isSafeInteger(parsed.annualPence)).toBe(true);
        }
        if (parsed.kind === 'amount' || parsed.kind === 'estimate') expect(parsed.amountPence).not.toBeNull();
        if (parsed.kind === 'unparsed') expect(parsed.amountPence).toBeNull();
      }
    });

    it('on very long pasted cells, quickly', () => {
      const inputs = [
        '.'.repeat(200000) + 'x',
        ' .'.repeat(100000) + 'x',
        '£' + '9'.repeat(200000),
        '£1.' + '5'.repeat(200000),
        '£1,'.repeat(50000),
        '£' + '0'.repeat(200000) + '1',
        '£1' + ',000'.repeat(50000),
        'c. '.repeat(50000) + '£',
        'for '.repeat(50000),
      ];
      const started = Date.now();
      for (const text of inputs) expect(parseCost(text).text).toBe(text);
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });
});

describe('totalCosts', () => {
  it('totals the Southampton plan: £89,000 a year known, the rest counted', () => {
    const column: Array<[string, number]> = [
      ['', 95],
      ['Cost (if app.)', 11],
      ['Existing resources', 27],
      ['Existing resources in re-configured workforce', 1],
      ['Existing resources in re-configured workforce.', 3],
      ['Net saving compared to agency costs.', 1],
      ['Structures and service processes better placed to deliver consistent case management,', 1],
      ['Technical feasibility and costs of this to be confirmed.', 1],
      ['To be confirmed', 19],
      ['To be confirmed depending on spec.', 1],
      ['Training priority. Paris costs to be confirmed.', 1],
      ['£145k to be found from reconfiguration of existing resources', 1],
      ['£3k per month', 1],
      ['£53k pa', 1],
    ];
    const costs = column.flatMap(([text, count]) => Array.from({ length: count }, () => parseCost(text)));
    const totals = totalCosts(costs);
    expect(totals).toEqual({
      oneOffPence: 0,
      annualPence: 8900000,
      itemsWithKnownAmount: 2,
      itemsToBeConfirmed: 22,
      itemsExistingResources: 32,
      itemsUnparsed: 12,
      itemsWithNoCost: 96,
    });
    expect(formatPence(totals.annualPence)).toBe('£89,000');
  });

  it('is all zeros for no items', () => {
    expect(totalCosts([])).toEqual({
      oneOffPence: 0,
      annualPence: 0,
      itemsWithKnownAmount: 0,
      itemsToBeConfirmed: 0,
      itemsExistingResources: 0,
      itemsUnparsed: 0,
      itemsWithNoCost: 0,
    });
  });

  it('sums one-off and annualised recurring amounts separately, estimates included', () => {
    const totals = totalCosts([
      parseCost('£10,000'),
      parseCost('£500 one-off'),
      parseCost('approx. £5k'),
      parseCost('£250 per week'),
      parseCost('£12,000 per quarter'),
      parseCost('£3k per month'),
      parseCost('c. £1k pa'),
    ]);
    expect(totals.oneOffPence).toBe(1000000 + 50000 + 500000);
    expect(totals.annualPence).toBe(1300000 + 4800000 + 3600000 + 100000);
    expect(totals.itemsWithKnownAmount).toBe(7);
  });

  it('does not add money that is unconfirmed, already budgeted, a saving or unread', () => {
    const totals = totalCosts([
      parseCost('£5k per month, to be confirmed'),
      parseCost('£145k to be found from reconfiguration of existing resources'),
      parseCost('Saving of £20k pa'),
      parseCost('£5k-£10k'),
      parseCost('£0'),
    ]);
    expect(totals).toEqual({
      oneOffPence: 0,
      annualPence: 0,
      itemsWithKnownAmount: 0,
      itemsToBeConfirmed: 1,
      itemsExistingResources: 1,
      itemsUnparsed: 1,
      itemsWithNoCost: 2,
    });
  });

  it('recomputes the annual figure from amount and period rather than trusting a stored one', () => {
    const stale: ParsedCost = { ...cost('amount', 100000, 'monthly'), annualPence: 100000 };
    expect(totalCosts([stale]).annualPence).toBe(1200000);
  });

  it('counts an amount row without a figure as unparsed rather than as zero', () => {
    const totals = totalCosts([cost('amount'), cost('estimate', 500, null)]);
    expect(totals.itemsUnparsed).toBe(2);
    expect(totals.itemsWithKnownAmount).toBe(0);
  });

  it('counts each kind once', () => {
    const totals = totalCosts([
      cost('to_be_confirmed'),
      cost('to_be_confirmed'),
      cost('existing_resources'),
      cost('unparsed'),
      cost('none'),
      cost('net_saving'),
      cost('amount', 100, 'one_off'),
    ]);
    expect(totals).toEqual({
      oneOffPence: 100,
      annualPence: 0,
      itemsWithKnownAmount: 1,
      itemsToBeConfirmed: 2,
      itemsExistingResources: 1,
      itemsUnparsed: 1,
      itemsWithNoCost: 2,
    });
  });
});

describe('formatPence', () => {
  it.each<[number, string]>([
    [3600000, '£36,000'],
    [150, '£1.50'],
    [5300000, '£53,000'],
    [0, '£0'],
    [5, '£0.05'],
    [99, '£0.99'],
    [100, '£1'],
    [99999, '£999.99'],
    [100000, '£1,000'],
    [100050, '£1,000.50'],
    [14500000, '£145,000'],
    [123456789012, '£1,234,567,890.12'],
    [-150, '-£1.50'],
    [-2000000, '-£20,000'],
  ])('%d -> %s', (pence, text) => {
    expect(formatPence(pence)).toBe(text);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('refuses %d, which is not a whole number of pence', (pence) => {
    expect(() => formatPence(pence)).toThrow(RangeError);
  });

  it('round-trips through parseCost', () => {
    for (const pence of [1, 150, 99999, 100000, 3600000, 123456789012, 9007199254740900]) {
      expect(parseCost(formatPence(pence)).amountPence).toBe(pence);
    }
  });
});
