/**
 * Rules every piece of request input meets before a DTO, a validator or a
 * service sees it, whatever the endpoint:
 *
 * - nested no deeper than MAX_NESTING_DEPTH levels: anything that walks the
 *   input recursively (class-transformer, class-validator) would otherwise
 *   exhaust the stack on `[[[[…]]]]` and answer 500;
 * - text holds no NUL character (PostgreSQL text cannot store it);
 * - text is well-formed Unicode: a lone UTF-16 surrogate ("\ud800", which JSON
 *   can carry) is not a character. Stored, it would turn into "�" or be
 *   refused by jsonb; handed to validator.js's isEmail it throws.
 *
 * The walk is iterative, so it cannot itself run out of stack.
 */

export const MAX_NESTING_DEPTH = 32;

export const INPUT_PROBLEMS = {
  tooDeep: `is nested more than ${MAX_NESTING_DEPTH} levels deep`,
  nul: 'must not contain the NUL character',
  loneSurrogate: 'must be well-formed Unicode text (it holds a lone surrogate)',
  notAField: 'is not a field this endpoint accepts',
} as const;

/**
 * Keys that change what an object is once copied into a DTO (its prototype,
 * its class): no endpoint has a field by these names.
 */
const OBJECT_MACHINERY_KEYS = new Set(['__proto__', 'constructor']);

// With the u flag, \p{Surrogate} matches only a surrogate that is not half of a pair.
const LONE_SURROGATE = /\p{Surrogate}/u;
const LONE_SURROGATES = /\p{Surrogate}/gu;

/** Why this text may not be stored, or undefined when it may. */
export function textProblem(text: string): string | undefined {
  const problems: string[] = [];
  if (text.includes('\u0000')) problems.push(INPUT_PROBLEMS.nul);
  if (LONE_SURROGATE.test(text)) problems.push(INPUT_PROBLEMS.loneSurrogate);
  return problems.length ? problems.join('; ') : undefined;
}

/** A key as it can be shown in an error: a lone surrogate cannot be, so it shows as "�". */
const shownKey = (key: string): string => key.replace(LONE_SURROGATES, '\ufffd');

const childPath = (parent: string, key: string): string => (parent ? `${parent}.${shownKey(key)}` : shownKey(key));

/**
 * Problems with a parsed input, by field path (`sections[0].title`), the same
 * paths class-validator's errors use. Too deep an input gives one problem, at
 * the root (`rootPath`, or `fallbackName` when the root has no name), since
 * naming the 33rd level of `[[[…` helps nobody.
 */
export function inputProblems(value: unknown, rootPath = '', fallbackName = 'body', maxDepth = MAX_NESTING_DEPTH): Record<string, string> {
  // A Map, not an object: a problem at the key "__proto__" must not set a prototype.
  const problems = new Map<string, string>();
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: rootPath, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) problems.set(path || fallbackName, problem);
      continue;
    }
    if (current === null || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
    if (depth + 1 > maxDepth) return { [rootPath || fallbackName]: INPUT_PROBLEMS.tooDeep };
    if (Array.isArray(current)) {
      // Pushed in reverse so problems are found (and listed) in document order.
      for (let index = current.length - 1; index >= 0; index--) stack.push({ value: current[index], path: `${path}[${index}]`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index];
      const keyPath = childPath(path, key);
      const keyProblem = OBJECT_MACHINERY_KEYS.has(key) ? INPUT_PROBLEMS.notAField : textProblem(key);
      if (keyProblem) {
        problems.set(keyPath, keyProblem);
        continue;
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: keyPath, depth: depth + 1 });
    }
  }
  return Object.fromEntries(problems);
}
