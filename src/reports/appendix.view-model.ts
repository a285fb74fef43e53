import { CalendarDate, formatLongDate } from '../deadlines';
import type { PlanKind, PlanStatus } from '../plans/plan-vocabulary';
import { Abbreviation, AgencyRecord, abbreviationKey } from './abbreviations';
import { Intro, appendixIntro } from './appendix-intro';
import { decapitalise, joinWithAnd } from './number-words';
import { PlanLayout, TableActivity, TablePlan, bandedSections, byWhoText, columnLabelsFor, leadAgencyText, planLayout, planTables } from './plan-table';
import { Table } from './report-model';

/**
 * The committee paper's appendix: title, DRAFT while the plan is a draft, the
 * introduction written from the data, the key to abbreviations, one table per
 * section and the closing summary of recommendations by section and band.
 */

export interface ReportPlan<A extends TableActivity = TableActivity> extends TablePlan<A> {
  title: string;
  status: PlanStatus;
  source: { publishedOn: string | null };
}

export interface TitleOptions {
  /** "2" in "Appendix 2: ..."; committee papers also letter them ("A"). */
  appendix: string;
  /** Replaces the report's own title after "Appendix N: ". */
  title: string | null;
}

export interface AppendixOptions extends TitleOptions {
  /** Force a layout; by default the plan's own columns decide. */
  layout: PlanLayout | null;
}

export interface SummaryBand {
  /** "Within ", "three months", ", ensure that:" — the middle part is printed bold, as in the paper. */
  before: string;
  strong: string;
  after: string;
  items: string[];
}

export interface RecommendationSummary {
  heading: string;
  sections: Array<{ heading: string; bands: SummaryBand[] }>;
}

export interface AppendixView {
  title: string;
  draft: boolean;
  fileName: string;
  intro: Intro;
  abbreviations: Abbreviation[];
  tables: Table[];
  summary: RecommendationSummary | null;
}

const SUMMARY_SOURCES: Record<PlanKind, string> = {
  ofsted_inspection: 'Ofsted inspection',
  focused_visit: 'Ofsted focused visit',
  monitoring_visit: 'Ofsted monitoring visit',
  serious_case_review: 'serious case review',
  multi_agency_audit: 'multi-agency audit',
  business_plan: 'business plan',
  other: '',
};

const OFSTED_KINDS: readonly PlanKind[] = ['ofsted_inspection', 'focused_visit', 'monitoring_visit'];

/** "Appendix 2: Quality Improvement Plan ..." */
export function documentTitle(options: TitleOptions, defaultTitle: string): string {
  const title = options.title?.trim() || defaultTitle;
  return `Appendix ${options.appendix}: ${title}`;
}

/** A file name a council's document system accepts: lower case, ASCII, hyphens, not too long. */
export function fileNameOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (slug.slice(0, 100).replace(/-+$/, '') || 'report');
}

/**
 * A recommendation as the summary lists it under "..., ensure that:": Ofsted's
 * "Ensure that the quality ..." loses its lead-in and its capital ("the
 * quality ..."), "Core groups are held ..." its capital. Abbreviations keep
 * theirs ("NHS Southampton PCT should ensure ...").
 */
export function summaryItem(text: string): string {
  const trimmed = text.trim();
  const rest = trimmed.replace(/^ensure\s+that\s+/i, '').replace(/^ensure\s+/i, '');
  return decapitalise(rest);
}

function summaryLeadIn(band: string, phrase: string): Omit<SummaryBand, 'items'> {
  switch (band) {
    case 'immediately':
      return { before: '', strong: 'Immediately', after: ', ensure that:' };
    case 'within_three_months':
      return { before: 'Within ', strong: 'three months', after: ', ensure that:' };
    case 'within_six_months':
      return { before: 'Within ', strong: 'six months', after: ', ensure that:' };
    default:
      // "by 30 November 2012" -> "By 30 November 2012"
      return { before: 'By ', strong: phrase.replace(/^by\s+/, ''), after: ', ensure that:' };
  }
}

export function recommendationSummary(plan: Pick<ReportPlan, 'kind' | 'sections'>): RecommendationSummary | null {
  const banded = bandedSections(plan.sections);
  if (banded.length === 0) return null;
  const ofsted = OFSTED_KINDS.includes(plan.kind);
  const source = SUMMARY_SOURCES[plan.kind];
  const titles = joinWithAnd(banded.map(({ section }) => section.title));
  return {
    heading: `Summary of ${titles}${source ? ` ${source}` : ''} recommendations`,
    sections: banded.map(({ section, bands }) => ({
      heading: ofsted ? `${section.title} services` : section.title,
      bands: bands.map((band) => ({
        ...summaryLeadIn(band.band, band.phrase),
        items: band.recommendations.map((recommendation) => summaryItem(recommendation.text)),
      })),
    })),
  };
}

export function appendixView(plan: ReportPlan, agencies: readonly AgencyRecord[], options: AppendixOptions): AppendixView {
  const layout = options.layout ?? planLayout(plan);
  const labels = columnLabelsFor(plan, layout);
  const tables = planTables(plan, { layout, labels });
  const printedSections = bandedSections(plan.sections).map(({ section, bands }) => ({
    title: section.title,
    recommendations: bands.flatMap((band) => band.recommendations),
  }));
  const activities = plan.sections.flatMap((section) => section.recommendations.flatMap((r) => r.activities));
  const printedAgencyCells = activities.map((activity) => (layout === 'outcome-first' ? byWhoText(activity) : leadAgencyText(activity)));
  const usedAgencyIds = activities.flatMap((activity) => activity.leadAgencies.map((agency) => agency.id));
  const title = documentTitle(options, plan.title);
  return {
    title,
    draft: plan.status === 'draft',
    fileName: fileNameOf(title),
    intro: appendixIntro({
      kind: plan.kind,
      publishedOn: plan.source.publishedOn,
      sections: printedSections,
      columnLabels: labels,
    }),
    abbreviations: abbreviationKey(usedAgencyIds, agencies, printedAgencyCells),
    tables,
    // The summary restates Ofsted's recommendations; outcome-first plans have outcomes instead.
    summary: layout === 'recommendation-first' ? recommendationSummary(plan) : null,
  };
}

/** "14 September 2012", for the "as of" line of board reports. */
export function asOfText(asOf: CalendarDate): string {
  return formatLongDate(asOf);
}
