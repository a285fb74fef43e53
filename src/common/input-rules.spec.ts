import { INPUT_PROBLEMS, MAX_NESTING_DEPTH, inputProblems, textProblem } from './input-rules';
import { isBlank } from './not-blank';

const nestedArrays = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));
const nestedObjects = (depth: number): unknown => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

describe('textProblem', () => {
  it.each<[string, string, string | undefined]>([
    ['plain text', 'Front door', undefined],
    ['an empty string', '', undefined],
    ['a pair of surrogates (an emoji)', 'Plan 😀', undefined],
    ['an astral character written as a pair', '\ud83d\ude00', undefined],
    ['a replacement character', 'bad \ufffd byte', undefined],
    ['a lone high surrogate', '\ud800@x.org', INPUT_PROBLEMS.loneSurrogate],
    ['a lone low surrogate', 'x\udc00', INPUT_PROBLEMS.loneSurrogate],
    ['a high surrogate at the end', 'x\ud83d', INPUT_PROBLEMS.loneSurrogate],
    ['two highs in a row', '\ud83d\ud83d\ude00', INPUT_PROBLEMS.loneSurrogate],
    ['a NUL', 'a\u0000b', INPUT_PROBLEMS.nul],
    ['a NUL and a lone surrogate', '\u0000\ud800', `${INPUT_PROBLEMS.nul}; ${INPUT_PROBLEMS.loneSurrogate}`],
  ])('%s', (_label, text, expected) => {
    expect(textProblem(text)).toBe(expected);
  });
});

describe('inputProblems', () => {
  it.each<[string, unknown, Record<string, string>]>([
    ['nothing', undefined, {}],
    ['a number', 5, {}],
    ['a good body', { title: 'Plan', sections: [{ title: 'Front door', measures: ['a', 'b'] }] }, {}],
    ['a bad string at the root', 'x\u0000', { body: INPUT_PROBLEMS.nul }],
    ['a bad field', { title: 'x\ud800' }, { title: INPUT_PROBLEMS.loneSurrogate }],
    [
      'bad fields deep in a tree, in document order',
      { sections: [{ title: 'ok' }, { title: 'x\u0000', recommendations: [{ text: 'y\udfff' }] }], title: '\ud800' },
      { 'sections[1].title': INPUT_PROBLEMS.nul, 'sections[1].recommendations[0].text': INPUT_PROBLEMS.loneSurrogate, title: INPUT_PROBLEMS.loneSurrogate },
    ],
    ['a bad key, shown with a replacement character', { aliases: { 'Health \ud800': 'NHS' } }, { 'aliases.Health \ufffd': INPUT_PROBLEMS.loneSurrogate }],
    ['a key with a NUL', { 'a\u0000': 1 }, { 'a\u0000': INPUT_PROBLEMS.nul }],
    ['a __proto__ key', JSON.parse('{"__proto__": {"admin": true}}'), JSON.parse(`{"__proto__": "${INPUT_PROBLEMS.notAField}"}`)],
    ['a constructor key, nested', { owner: { constructor: 'x' } }, { 'owner.constructor': INPUT_PROBLEMS.notAField }],
    ['nesting at the limit', nestedArrays(MAX_NESTING_DEPTH), {}],
    ['nesting one past the limit', nestedArrays(MAX_NESTING_DEPTH + 1), { body: INPUT_PROBLEMS.tooDeep }],
    ['objects nested past the limit', nestedObjects(MAX_NESTING_DEPTH + 1), { body: INPUT_PROBLEMS.tooDeep }],
    ['nesting far past the limit, alongside other problems', { title: '\u0000', deep: nestedArrays(100_000) }, { body: INPUT_PROBLEMS.tooDeep }],
  ])('%s', (_label, value, expected) => {
    expect(inputProblems(value)).toEqual(expected);
  });

  it('names the root by the parameter or field it came from', () => {
    expect(inputProblems('a\u0000', 'id', 'param')).toEqual({ id: INPUT_PROBLEMS.nul });
    expect(inputProblems({ activity: '\ud800' }, 'mapping')).toEqual({ 'mapping.activity': INPUT_PROBLEMS.loneSurrogate });
    expect(inputProblems(nestedArrays(50), 'mapping')).toEqual({ mapping: INPUT_PROBLEMS.tooDeep });
    expect(inputProblems({ search: nestedArrays(50) }, '', 'query')).toEqual({ query: INPUT_PROBLEMS.tooDeep });
  });

  it('walks a very deep input without running out of stack', () => {
    let deep: unknown = 'x\u0000';
    for (let level = 0; level < 200_000; level++) deep = [deep];
    expect(inputProblems(deep, '', 'body', 400_000)).toEqual({ [`${'[0]'.repeat(200_000)}`]: INPUT_PROBLEMS.nul });
  });
});

describe('isBlank', () => {
  it.each<[string, boolean]>([
    ['', true],
    ['   ', true],
    ['\t\n\r', true],
    ['\u00a0\u3000\u2028\ufeff', true],
    ['x', false],
    ['  Front door ', false],
    ['\u200b', false],
  ])('%j is blank: %s', (text, expected) => {
    expect(isBlank(text)).toBe(expected);
  });
});
