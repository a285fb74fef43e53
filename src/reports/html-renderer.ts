import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import type { AppendixView } from './appendix.view-model';
import type { ExceptionReportView } from './exception-report.view-model';
import type { PerformanceReportView } from '../indicators/report/performance-report.view-model';
import type { ProgressReportView } from './progress-report.view-model';
import type { ActionLogView } from '../boards/papers/action-log';
import type { BoardPackView } from '../boards/papers/board-pack';
import type { ScrutinyMonitoringView } from '../boards/papers/scrutiny-monitoring';
import { reportTemplatesDir } from './templates-dir';

export interface ReportViews {
  appendix: AppendixView;
  'progress-report': ProgressReportView;
  'exception-report': ExceptionReportView;
  'performance-report': PerformanceReportView;
  'board-pack': BoardPackView;
  'action-log': ActionLogView;
  'scrutiny-monitoring': ScrutinyMonitoringView;
}
export type ReportKind = keyof ReportViews;

const REPORT_KINDS: readonly ReportKind[] = ['appendix', 'progress-report', 'exception-report', 'performance-report', 'board-pack', 'action-log', 'scrutiny-monitoring'];

/**
 * Renders the view models through the Handlebars templates in
 * templates/reports, compiled once when the app starts. Every value goes
 * through {{ }}, so plan text is escaped; templates must never use {{{ }}}.
 */
@Injectable()
export class HtmlRenderer {
  private readonly templates: { [K in ReportKind]: Handlebars.TemplateDelegate<ReportViews[K]> };

  constructor() {
    this.templates = compileReportTemplates(reportTemplatesDir());
  }

  render<K extends ReportKind>(kind: K, view: ReportViews[K]): string {
    return this.templates[kind](view);
  }
}

/** Compiles every report template with its partials in an environment of its own. */
export function compileReportTemplates(dir: string): { [K in ReportKind]: Handlebars.TemplateDelegate<ReportViews[K]> } {
  const handlebars = Handlebars.create();
  const partialsDir = path.join(dir, 'partials');
  const partials = new Map(
    readdirSync(partialsDir)
      .filter((name) => name.endsWith('.hbs'))
      .map((file) => [path.basename(file, '.hbs'), readTemplate(path.join(partialsDir, file))]),
  );
  const needsData = dataNeeds(partials);
  for (const [name, source] of partials) handlebars.registerPartial(name, handlebars.compile(source, compileOptions(needsData(source))));
  const compile = <K extends ReportKind>(kind: K) => {
    const source = readTemplate(path.join(dir, `${kind}.hbs`));
    return handlebars.compile<ReportViews[K]>(source, compileOptions(needsData(source)));
  };
  return Object.fromEntries(REPORT_KINDS.map((kind) => [kind, compile(kind)])) as {
    [K in ReportKind]: Handlebars.TemplateDelegate<ReportViews[K]>;
  };
}

/**
 * strict: a field missing from a view model is a bug, not an empty cell in a committee paper.
 * preventIndent: indenting a partial would also indent the lines of multi-line plan text.
 * knownHelpersOnly: the papers use Handlebars' own block helpers and no others, so each is called directly.
 * data: only where @data is used (see dataNeeds). Data frames were most of what a long paper allocated: a frame
 * copied for every row and cell of every {{#each}} and a wrapper made for each block, 28 of the 110 MB a
 * 5,000-activity appendix allocated, which brought on a collection of the old space every few papers.
 */
function compileOptions(data: boolean): CompileOptions {
  return { strict: true, preventIndent: true, knownHelpersOnly: true, data };
}

/**
 * Whether a template needs data frames: it names @data itself (@index,
 * @partial-block), or calls a partial that needs them, directly or through
 * others (a template compiled without them passes none on).
 */
export function dataNeeds(partials: ReadonlyMap<string, string>): (source: string) => boolean {
  const namesData = (source: string) => /\{\{[^}]*@/.test(source);
  const calls = (source: string) => [...source.matchAll(/\{\{#?>\s*([\w-]+)/g)].map(([, name]) => name);
  // The partials that need them, grown until it holds still: those naming @data, then those calling one of those.
  const needing = new Set([...partials].filter(([, source]) => namesData(source)).map(([name]) => name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, source] of partials) {
      if (needing.has(name) || !calls(source).some((called) => needing.has(called))) continue;
      needing.add(name);
      grew = true;
    }
  }
  return (source) => namesData(source) || calls(source).some((called) => needing.has(called));
}

function readTemplate(file: string): string {
  const source = readFileSync(file, 'utf8');
  // A triple-stash would print plan text unescaped: refuse to start with one.
  if (/\{\{\{|\{\{&/.test(source)) throw new Error(`${file} uses an unescaped expression ({{{ }}} or {{& }}); use {{ }}`);
  return source;
}
