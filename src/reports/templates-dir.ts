import * as path from 'path';

/**
 * templates/ sits beside src/ in development and tests, and `nest build` copies
 * it to dist/templates beside dist/src (see nest-cli.json assets), so the same
 * relative path finds it from src/reports and from dist/src/reports.
 */
export function reportTemplatesDir(): string {
  return path.resolve(__dirname, '..', '..', 'templates', 'reports');
}
