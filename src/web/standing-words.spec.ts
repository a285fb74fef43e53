import { dueDateText, plural, ragTag, sentence, statusTag } from './standing-words';

describe('standing in words and tags', () => {
  it.each([
    ['red', { text: 'Red', classes: 'govuk-tag--red' }],
    ['amber', { text: 'Amber', classes: 'govuk-tag--orange' }],
    ['green', { text: 'Green', classes: 'govuk-tag--green' }],
    ['blue', { text: 'Blue', classes: '' }],
    [null, { text: 'Not rated', classes: 'govuk-tag--grey' }],
  ] as const)('RAG %s is the tag %j: the word always, the colour as well', (rating, tag) => {
    expect(ragTag(rating)).toEqual(tag);
  });

  it('writes the status with percent complete and verification', () => {
    expect(statusTag('in_progress', 40, false)).toEqual({ text: 'In progress (40%)', classes: 'govuk-tag--purple' });
    expect(statusTag('complete', 100, true).text).toBe('Complete, verified');
  });

  it('writes due dates as the plan gave them', () => {
    expect(dueDateText('2012-09-13')).toBe('13 September 2012');
    expect(dueDateText('2012-10-31', 'month')).toBe('October 2012');
    expect(dueDateText(null)).toBe('No due date');
  });

  it('starts reasons with a capital and counts in words', () => {
    expect(sentence('due 13 Sep 2012, 1 working day overdue')).toBe('Due 13 Sep 2012, 1 working day overdue');
    expect(plural(1, 'working day')).toBe('1 working day');
    expect(plural(1234, 'activity', 'activities')).toBe('1,234 activities');
  });
});
