import { placeWords, sizeWords } from './imports.view-model';

describe('the import preview', () => {
  it.each([
    [{ line: 83 }, 'Line 83'],
    [{ line: 83, lines: [83, 88] }, 'Lines 83 and 88'],
    [{ line: 31, lines: [31, 34, 75] }, 'Lines 31, 34 and 75'],
    [{ line: 5, lines: [5, 5] }, 'Line 5'],
    [{ sheet: 'Plan', row: 7 }, 'Sheet Plan, row 7'],
    [{ sheet: 'Plan', row: 7, rows: [7, 8] }, 'Sheet Plan, rows 7 and 8'],
    [{}, ''],
  ])('says where %j is as %s', (place, words) => {
    expect(placeWords(place)).toBe(words);
  });
});

describe('the upload limit in words', () => {
  it.each([
    [10 * 1_048_576, '10 MB'],
    [1_572_864, '1.5 MB'],
    // Rounded down: a file of the size shown is never refused.
    [1_048_576 * 2 - 1, '1.9 MB'],
    [1_048_575, '1023 KB'],
    [30_000, '29 KB'],
    [100, '1 KB'],
  ])('%d bytes is %s', (bytes, words) => {
    expect(sizeWords(bytes)).toBe(words);
  });
});
