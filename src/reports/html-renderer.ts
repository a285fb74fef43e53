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
  // strict: a field missing from a view model is a bug, not an empty cell in a committee paper.
  // preventIndent: indenting a partial would also indent the lines of multi-line plan text.
  const options: CompileOptions = { strict: true, preventIndent: true };
  for (const file of readdirSync(partialsDir).filter((name) => name.endsWith('.hbs'))) {
    const source = readTemplate(path.join(partialsDir, file));
    handlebars.registerPartial(path.basename(file, '.hbs'), handlebars.compile(source, options));
  }
  const compile = <K extends ReportKind>(kind: K) =>
    handlebars.compile<ReportViews[K]>(readTemplate(path.join(dir, `${kind}.hbs`)), options);
  return Object.fromEntries(REPORT_KINDS.map((kind) => [kind, compile(kind)])) as {
    [K in ReportKind]: Handlebars.TemplateDelegate<ReportViews[K]>;
  };
}

function readTemplate(file: string): string {
  const source = readFileSync(file, 'utf8');
  // A triple-stash would print plan text unescaped: refuse to start with one.
  if (/\{\{\{|\{\{&/.test(source)) throw new Error(`${file} uses an unescaped expression ({{{ }}} or {{& }}); use {{ }}`);
  return source;
}
