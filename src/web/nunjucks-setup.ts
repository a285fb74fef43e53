import * as nunjucks from 'nunjucks';
import * as path from 'path';
import { dateTime, longDate, machineDate, shortDate, shortDateTime } from './format';

/**
 * templates/ sits beside src/ in development and tests, and `nest build`
 * copies it to dist/templates (nest-cli.json assets), so one relative path
 * finds the pages' views from src/web and from dist/src/web.
 */
export function webViewsDir(): string {
  return path.resolve(__dirname, '..', '..', 'templates', 'web');
}

/**
 * Nunjucks as the Ministry of Justice's hmpps-template-typescript sets it up:
 * our views first, then govuk-frontend's `dist` folder, so a view extends
 * "govuk/template.njk" and imports "govuk/components/…/macro.njk". Every value
 * is escaped unless a view marks its own markup safe; data never is.
 */
export function createNunjucks(viewsDir = webViewsDir()): nunjucks.Environment {
  const govukDist = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([viewsDir, govukDist]), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('longDate', longDate);
  env.addFilter('shortDate', shortDate);
  env.addFilter('dateTime', dateTime);
  env.addFilter('shortDateTime', shortDateTime);
  env.addFilter('machineDate', machineDate);
  return env;
}
