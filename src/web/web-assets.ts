import { createHash } from 'crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

export interface WebAssets {
  /** Folder served at /assets: app.css, govuk-frontend.min.js, init.mjs, favicon.svg. */
  dir: string;
  /** govuk-frontend's own assets (images, manifest), served at /assets after ours. */
  govukDir: string;
  /** Changes whenever any asset does; pages add it to asset URLs (?v=) so browsers never keep an old one. */
  version: string;
}

const STYLES_DIR = path.join(__dirname, 'styles');
const PUBLIC_DIR = path.join(__dirname, 'public');
const GOVUK_ROOT = path.dirname(require.resolve('govuk-frontend/package.json'));
const GOVUK_DIST = path.join(GOVUK_ROOT, 'dist', 'govuk');

/**
 * Builds the pages' assets once per content: our Sass (src/web/styles, which
 * imports govuk-frontend's) compiled to CSS, with govuk-frontend's JavaScript
 * and our own files beside it, in a folder named by a hash of every input.
 * The app calls this at start-up: the first start after a change compiles
 * (a second or two), every later one (each e2e test file, each restart of the
 * demo) finds the folder and reuses it, so the CSS served is always current.
 */
export function buildWebAssets(cacheRoot = path.join(tmpdir(), 'ipm-web-assets')): WebAssets {
  const inputs = [
    ...filesIn(STYLES_DIR).map((file) => path.join(STYLES_DIR, file)),
    ...filesIn(PUBLIC_DIR).map((file) => path.join(PUBLIC_DIR, file)),
    path.join(GOVUK_ROOT, 'package.json'),
  ];
  // The compiler's version, from its package file: sass itself is loaded only when there is something to compile (half a second of every start).
  const hash = createHash('sha256').update(`sass ${readSassVersion()}`);
  for (const file of inputs) hash.update(file.slice(file.lastIndexOf(path.sep))).update(readFileSync(file));
  const version = hash.digest('hex').slice(0, 16);
  const dir = path.join(cacheRoot, version);
  if (!existsSync(path.join(dir, 'app.css'))) {
    // Built aside and renamed into place, so an app starting at the same moment never serves half a folder.
    mkdirSync(cacheRoot, { recursive: true });
    const building = `${dir}.${process.pid}.${Date.now()}`;
    mkdirSync(building);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { compile } = require('sass') as typeof import('sass');
      const { css } = compile(path.join(STYLES_DIR, 'app.scss'), {
        loadPaths: [path.dirname(GOVUK_ROOT)],
        style: 'compressed',
        quietDeps: true,
      });
      writeFileSync(path.join(building, 'app.css'), css);
      for (const file of ['govuk-frontend.min.js', 'govuk-frontend.min.js.map']) copyFileSync(path.join(GOVUK_DIST, file), path.join(building, file));
      for (const file of filesIn(PUBLIC_DIR)) copyFileSync(path.join(PUBLIC_DIR, file), path.join(building, file));
      try {
        renameSync(building, dir);
      } catch (error) {
        // Another process got there first with the same content.
        if (!existsSync(path.join(dir, 'app.css'))) throw error;
      }
    } finally {
      rmSync(building, { recursive: true, force: true });
    }
  }
  return { dir, govukDir: path.join(GOVUK_DIST, 'assets'), version };
}

function readSassVersion(): string {
  // sass's package exports do not list its package.json: it sits beside the entry point.
  const file = path.join(path.dirname(require.resolve('sass')), 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.ts'))
    .map((entry) => entry.name)
    .sort();
}
