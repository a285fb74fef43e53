import { NarrativeDto, PriorityRatingDto } from '../../../indicators/dto/indicator.dto';
import { boardInput } from '../../../indicators/report/testing/performance-input';
import { dtoProblems } from '../../forms';
import {
  monthChoices,
  NARRATIVE_MAX,
  narrativeConflictRows,
  narrativeEntriesFrom,
  narrativeEntriesOf,
  narrativeErrors,
  narrativeInput,
  pageMonthOf,
  priorityOnPage,
  priorityPath,
  ratingConflictRows,
  ratingEntriesFrom,
  ratingEntriesOf,
  ratingErrors,
  ratingInput,
  ratingWords,
  REASON_MAX,
  recordedNote,
  riskChoices,
  workedOutRag,
} from './priority-judgement';

describe('a priority’s narratives and the chair’s rating on the pages', () => {
  it('keeps the character counts to the API’s own limits', () => {
    const narrative = (n: number) => Object.keys(dtoProblems(NarrativeDto, { dataTellsUs: 'x'.repeat(n), version: 0 }).problems);
    const reason = (n: number) => Object.keys(dtoProblems(PriorityRatingDto, { rating: 'red', reason: 'x'.repeat(n), version: 0 }).problems);
    expect([narrative(NARRATIVE_MAX), narrative(NARRATIVE_MAX + 1)]).toEqual([[], ['dataTellsUs']]);
    expect([reason(REASON_MAX), reason(REASON_MAX + 1)]).toEqual([[], ['reason']]);
  });

  it('reads the narratives as typed, line breaks as one character each, and sends both (an empty box clears its text)', () => {
    const entries = narrativeEntriesFrom({ dataTellsUs: 'Rose in June.\r\n\r\nFell in July.', nextSteps: ['a', 'b'], extra: 'x' });
    expect(entries).toEqual({ dataTellsUs: 'Rose in June.\n\nFell in July.', nextSteps: '' });
    expect(narrativeInput(entries, 2)).toEqual({ dataTellsUs: 'Rose in June.\n\nFell in July.', nextSteps: '', version: 2 });
    expect(narrativeEntriesOf(null)).toEqual({ dataTellsUs: '', nextSteps: '' });
    expect(narrativeEntriesOf({ dataTellsUs: 'A', nextSteps: null })).toEqual({ dataTellsUs: 'A', nextSteps: '' });
  });

  it('sends the rating as chosen, leaving out "no risk label", and opens on the rating in force or empty', () => {
    expect(ratingInput(ratingEntriesFrom({ rating: 'amber', riskLabel: '', reason: 'Two\r\nlines' }), 0)).toEqual({ rating: 'amber', reason: 'Two\nlines', version: 0 });
    expect(ratingInput(ratingEntriesFrom({ riskLabel: 'high', reason: '' }), 3)).toEqual({ riskLabel: 'high', reason: '', version: 3 });
    expect(ratingEntriesOf(null)).toEqual({ rating: '', riskLabel: '', reason: '' });
    // A withdrawn rating is a version with no rating: the form opens empty.
    expect(ratingEntriesOf({ rating: null, riskLabel: null, reason: null })).toEqual({ rating: '', riskLabel: '', reason: '' });
    expect(ratingEntriesOf({ rating: 'red', riskLabel: 'high', reason: 'Why' })).toEqual({ rating: 'red', riskLabel: 'high', reason: 'Why' });
  });

  it.each([
    [{ rating: '', reason: 'Because' }, [['Select the RAG rating the board should see', '#rating']]],
    [{ rating: 'red', reason: '  ' }, [['Enter the reason for your rating', '#reason']]],
    [{ rating: 'purple', riskLabel: 'severe', reason: 'x'.repeat(REASON_MAX + 1) }, [
      ['Select the RAG rating the board should see', '#rating'],
      ['Select Low, Medium or High Risk, or no risk label', '#riskLabel'],
      ['The reason must be 2,000 characters or fewer', '#reason'],
    ]],
  ])('words the API’s refusal of the rating %j in the form’s order, each linked to its field', (body, expected) => {
    const { problems } = dtoProblems(PriorityRatingDto, ratingInput(ratingEntriesFrom(body), 0));
    expect(ratingErrors(problems).summary.map((e) => [e.text, e.href])).toEqual(expected);
  });

  it('words the narratives’ refusals, and what the form does not show at its first box', () => {
    const { problems } = dtoProblems(NarrativeDto, narrativeInput({ dataTellsUs: 'ok', nextSteps: 'x'.repeat(NARRATIVE_MAX + 1) }, Number.NaN));
    expect(narrativeErrors(problems).summary).toEqual([
      { text: 'Actions / next steps must be 20,000 characters or fewer', href: '#nextSteps' },
      { text: 'The form could not be read. Open the priority again from the performance indicators and write it from there.', href: '#dataTellsUs' },
    ]);
    expect(narrativeErrors({ month: 'is after the current month' }).summary).toEqual([{ text: 'The month is after the current month', href: '#dataTellsUs' }]);
  });

  it('lists only what differs between what is saved now and what was entered', () => {
    expect(narrativeConflictRows({ dataTellsUs: 'Theirs', nextSteps: 'Same' }, { dataTellsUs: 'Mine', nextSteps: 'Same ' })).toEqual([{ label: 'What the data tells us', now: 'Theirs', yours: 'Mine' }]);
    expect(narrativeConflictRows(null, { dataTellsUs: 'Mine', nextSteps: '' })).toEqual([{ label: 'What the data tells us', now: '', yours: 'Mine' }]);
    expect(ratingConflictRows({ rating: 'red', riskLabel: 'high', reason: 'Falling' }, { rating: 'amber', riskLabel: 'high', reason: 'Falling' })).toEqual([{ label: 'RAG rating', now: 'Red', yours: 'Amber' }]);
    expect(ratingConflictRows(null, { rating: 'green', riskLabel: 'low', reason: 'Fine' })).toEqual([
      { label: 'RAG rating', now: '', yours: 'Green' },
      { label: 'Risk label', now: '', yours: 'Low Risk' },
      { label: 'Reason', now: '', yours: 'Fine' },
    ]);
  });

  it('words a rating as the report heads the priority with it', () => {
    expect(ratingWords({ rating: 'amber', riskLabel: 'medium' })).toBe('Amber, Medium Risk');
    expect(ratingWords({ rating: 'red', riskLabel: null })).toBe('Red');
    expect(ratingWords({ rating: null, riskLabel: null })).toBe('Not rated');
  });

  it('offers every rating the API takes, and the risk labels with "no risk label"', () => {
    expect(riskChoices('').map((c) => ('divider' in c ? '—' : `${c.text}${c.checked ? ' (chosen)' : ''}`))).toEqual(['Low Risk', 'Medium Risk', 'High Risk', '—', 'No risk label (chosen)']);
  });

  it.each([
    [undefined, '2012-08', null],
    ['', '2012-08', null],
    ['2012-05', '2012-05', null],
    ['2012-09', '2012-09', null],
    ['2012-10', '2012-08', 'Choose September 2012 or an earlier month: the board reports on months that have begun'],
    ['2012-13', '2012-08', 'Choose a month from the list'],
    [['2012-05'], '2012-08', 'Choose a month from the list'],
  ])('takes the month %j as %s (problem: %s), the next report’s month by default', (asked, month, error) => {
    expect(pageMonthOf(asked, '2012-09', '2012-08')).toEqual({ month, error });
  });

  it('offers two years of months, newest first, keeping one asked for from further back', () => {
    const choices = monthChoices('2012-09', '2012-08');
    expect(choices).toHaveLength(24);
    expect(choices.slice(0, 2)).toEqual([
      { value: '2012-09', text: 'September 2012', selected: false },
      { value: '2012-08', text: 'August 2012', selected: true },
    ]);
    expect(choices[23].value).toBe('2010-10');
    expect(monthChoices('2012-09', '2009-01', 3).map((c) => c.value)).toEqual(['2012-09', '2012-08', '2012-07', '2009-01']);
  });

  it('shows the indicators page the chair’s rating and narratives, and the way to write them to those who may', () => {
    const at = new Date('2012-09-03T10:00:00Z');
    const shown = priorityOnPage({
      planId: 'p',
      sectionId: 's',
      title: 'Safeguarding',
      month: '2012-08',
      narrative: { dataTellsUs: 'Rose', nextSteps: null },
      rating: { rating: 'red', riskLabel: 'high', reason: 'Falling', setBy: { name: 'Chris Chair' }, recordedAt: at },
      judge: true,
    });
    expect(shown).toEqual({
      monthLabel: 'August 2012',
      rating: { tag: { text: 'Red', classes: 'govuk-tag--red' }, words: 'Red, High Risk', reason: 'Falling', setBy: 'Chris Chair', setAt: at },
      dataTellsUs: 'Rose',
      nextSteps: null,
      write: { href: '/plans/p/indicators/priorities/s/months/2012-08', text: 'Write the narrative and rating for August 2012', hidden: 'Safeguarding' },
    });
    expect(priorityPath('p', 's', '2012-08')).toBe(shown.write!.href);
    const read = priorityOnPage({ planId: 'p', sectionId: 's', title: 'S', month: '2012-08', narrative: null, rating: { rating: null, riskLabel: null, reason: null, setBy: null, recordedAt: at }, judge: false });
    expect([read.rating, read.dataTellsUs, read.write]).toEqual([null, null, null]);
  });

  it('says when the month’s report reads the record as it stood on a day already past', () => {
    expect(recordedNote('2012-08', null)).toBeNull();
    expect(recordedNote('2012-05', '2012-06-30')).toMatch(/^The board’s report for May 2012 reads the record as it stood at the end of 30 June 2012/);
  });

  it('works a priority’s RAG out as the report does: from the record alone, and as the board reads it with the chair’s rating', () => {
    const rag = workedOutRag(boardInput(), 'p1')!;
    expect(rag.record.ragText).toBe('RAG: Red');
    expect(rag.record.tag).toEqual({ text: 'Red', classes: 'govuk-tag--red' });
    // The record's reasons only: the chair's rating is set aside.
    expect(rag.record.reasons[0]).toMatch(/^Indicators: /);
    expect(rag.record.reasons.join(' ')).not.toContain('re-referrals are falling since the front door changed');
    expect(rag.board.ragText).toBe('RAG: Amber, Medium Risk');
    expect([rag.indicators, rag.activities]).toEqual([3, 3]);
    expect(workedOutRag(boardInput(), 'p2')!.board.ragText).toBe(workedOutRag(boardInput(), 'p2')!.record.ragText);
    expect(workedOutRag(boardInput(), 'nowhere')).toBeNull();
  });
});
