import { paginationFor, withQuery } from './pagination';

describe('GOV.UK pagination', () => {
  const href = (n: number) => `/review?page=${n}`;
  const numbers = (page: number, total: number) => paginationFor(page, total, 50, href)?.items.map((i) => (i.ellipsis ? '…' : i.current ? `[${i.number}]` : String(i.number)));

  it.each([
    [1, 50, undefined],
    [1, 51, ['[1]', '2']],
    [2, 150, ['1', '[2]', '3']],
    [1, 500, ['[1]', '2', '…', '10']],
    [5, 500, ['1', '…', '4', '[5]', '6', '…', '10']],
    [10, 500, ['1', '…', '9', '[10]']],
  ])('page %i of %i rows', (page, total, expected) => {
    expect(numbers(page, total)).toEqual(expected);
  });

  it('links previous and next only where they exist', () => {
    expect(paginationFor(1, 120, 50, href)).toMatchObject({ previous: null, next: { href: '/review?page=2' } });
    expect(paginationFor(3, 120, 50, href)).toMatchObject({ previous: { href: '/review?page=2' }, next: null });
  });

  it('writes a query without empty values, escaped', () => {
    expect(withQuery('/review', { asOf: '2012-09-14', planId: '', page: 2, groupBy: undefined })).toBe('/review?asOf=2012-09-14&page=2');
    expect(withQuery('/your-activities', {})).toBe('/your-activities');
    expect(withQuery('/x', { q: 'a&b <c>' })).toBe('/x?q=a%26b+%3Cc%3E');
  });
});
