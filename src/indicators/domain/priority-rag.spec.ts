import type { RagAssessment, RagRating } from '../../progress/rag';
import { IndicatorRating } from './indicator-rag';
import { ChairRating, PriorityRagInput, RatedIndicator, chairRatingAsOf, priorityRagText, ratePriority } from './priority-rag';

function activity(rating: RagRating | null, verified = false): RagAssessment {
  return { rating, computed: rating, reasons: [], verified, override: null };
}

function indicator(title: string, rating: IndicatorRating['rating'], reason: string, status: IndicatorRating['status'] = 'rated'): RatedIndicator {
  return { title, rating: { rating, status, reasons: [reason], target: null, proRata: null, worseBy: null } };
}

const reReferrals = indicator('Re-referrals within 12 months', 'red', '26% against a target of 23% (lower is better): 3 points worse, beyond the amber tolerance');
const visits = indicator('Visits within timescale', 'amber', '85% against a target of 90% (higher is better): 5 points worse (5.6% of the target), within the amber tolerance');
const assessments = indicator('Assessments within 45 working days', 'green', '92% against a target of 90% (higher is better): 2 points better than target');
const contacts = indicator('Number of contacts', null, '1,234 (context only, not rated)', 'context_only');
const missing = indicator('Supervision on time', null, 'no data for June 2022', 'no_data');

const chair: ChairRating = {
  rating: 'amber',
  riskLabel: 'medium',
  reason: 're-referrals are falling since the front door changed',
  setBy: 'Jane Smith',
  setOn: '2022-07-05',
  expiresOn: '2022-09-06',
};

const base: PriorityRagInput = { activities: [], indicators: [], chairRatings: [], asOf: '2022-07-12' };

describe('ratePriority', () => {
  it('rolls activities and indicators up worst first, with counts and the indicators that make the rating', () => {
    const result = ratePriority({
      ...base,
      activities: [activity('green'), activity('blue', true), activity('amber'), activity(null)],
      indicators: [assessments, visits, reReferrals, contacts, missing],
    });
    expect(result.rating).toBe('red');
    expect(result.computed).toBe('red');
    expect(result.riskLabel).toBeNull();
    expect(result.indicators).toEqual({ red: 1, amber: 1, green: 1, notRated: 1, noData: 1, total: 5 });
    expect(result.activities.counts).toEqual({ red: 0, amber: 1, green: 1, blue: 1 });
    expect(result.reasons).toEqual([
      'indicators: 1 red, 1 amber, 1 green, 1 not rated, 1 without data',
      'activities: 1 amber, 1 green, 1 blue (1 verified), 1 cancelled',
      'Red: Re-referrals within 12 months: 26% against a target of 23% (lower is better): 3 points worse, beyond the amber tolerance',
      'Amber: Visits within timescale: 85% against a target of 90% (higher is better): 5 points worse (5.6% of the target), within the amber tolerance',
      'Supervision on time: no data for June 2022',
    ]);
  });

  it.each<[string, Partial<PriorityRagInput>, RagRating | null]>([
    ['a red activity makes the priority red whatever its indicators', { activities: [activity('red')], indicators: [assessments] }, 'red'],
    ['green indicators and complete work: green', { activities: [activity('blue')], indicators: [assessments] }, 'green'],
    ['all work complete, no indicators: blue', { activities: [activity('blue'), activity('blue')] }, 'blue'],
    ['indicators only', { indicators: [visits, assessments] }, 'amber'],
    ['nothing rated: context only and missing data', { indicators: [contacts, missing] }, null],
  ])('%s', (_rule, input, rating) => {
    expect(ratePriority({ ...base, ...input }).rating).toBe(rating);
  });

  it('says when there is nothing to rate', () => {
    expect(ratePriority(base).reasons).toEqual(['nothing to rate: no activities or indicators']);
  });

  it("shows the chair's rating and risk label while it stands, with the record's own answer beside it", () => {
    const result = ratePriority({ ...base, indicators: [reReferrals, assessments], chairRatings: [chair] });
    expect(result.rating).toBe('amber');
    expect(result.computed).toBe('red');
    expect(result.riskLabel).toBe('medium');
    expect(result.chair?.active).toBe(true);
    expect(result.reasons.slice(0, 3)).toEqual([
      'rated Amber, Medium Risk by Jane Smith on 5 Jul 2022 (until 6 Sep 2022): re-referrals are falling since the front door changed',
      'the record alone says Red',
      'indicators: 1 red, 1 green',
    ]);
    expect(priorityRagText(result.rating, result.riskLabel)).toBe('RAG: Amber, Medium Risk');
  });

  it("falls back to the record once the chair's rating has lapsed, and shows no risk label", () => {
    const result = ratePriority({ ...base, asOf: '2022-09-07', indicators: [reReferrals], chairRatings: [chair] });
    expect(result.rating).toBe('red');
    expect(result.riskLabel).toBeNull();
    expect(result.chair?.active).toBe(false);
    expect(priorityRagText(result.rating, result.riskLabel)).toBe('RAG: Red');
  });

  it('rates as of any date from the record: the judgement in force then, not a later one', () => {
    const later: ChairRating = { ...chair, rating: 'green', riskLabel: 'low', setOn: '2022-09-06', reason: 'on track' };
    expect(ratePriority({ ...base, asOf: '2022-07-12', indicators: [reReferrals], chairRatings: [later, chair] }).rating).toBe('amber');
    expect(ratePriority({ ...base, asOf: '2022-09-06', indicators: [reReferrals], chairRatings: [later, chair] }).rating).toBe('green');
    expect(ratePriority({ ...base, asOf: '2022-07-01', indicators: [reReferrals], chairRatings: [later, chair] }).chair).toBeNull();
  });

  it('chairRatingAsOf takes the latest judgement made on or before the date', () => {
    const first: ChairRating = { ...chair, setOn: '2022-05-03', expiresOn: null };
    expect(chairRatingAsOf([chair, first], '2022-06-30')).toBe(first);
    expect(chairRatingAsOf([chair, first], '2022-07-05')).toBe(chair);
    expect(chairRatingAsOf([chair, first], '2022-05-02')).toBeNull();
  });

  it('prints an unrated priority as such', () => {
    expect(priorityRagText(null, null)).toBe('RAG: not rated');
    expect(priorityRagText('red', 'high')).toBe('RAG: Red, High Risk');
  });
});
