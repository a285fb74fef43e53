import { CalendarDate, formatLongDate } from '../deadlines';
import type { PlanAbbreviation, PlanKind, PlanStatus } from '../plans/plan-vocabulary';
import { Abbreviation, AgencyRecord, abbreviationKey } from './abbreviations';
import { Intro, appendixIntro, outcomeFirstIntro } from './appendix-intro';
import { decapitalise, joinWithAnd } from './number-words';
import { PlanLayout, TableActivity, TablePlan, bandedSections, byWhoText, columnLabelsFor, leadAgencyText, orderedSections, planLayout, planTables, tableHeading } from './plan-table';
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
  /** The period the plan runs over, for an outcome-first plan's introduction. */
  startsOn?: string | null;
  endsOn?: string | null;
  /** The plan's own key to abbreviations, which the paper's key prints first. */
  abbreviations?: PlanAbbreviation[];
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

/**
 * A band of the summary. When every recommendation in it starts "Ensure
 * that", the paper's lead-in says it once ("Within three months, ensure
 * that:") and the items go on from it; otherwise the lead-in is the band alone
 * ("Within three months:") and each item says what to do itself ("increase
 * staffing stability …", "ensure that the needs …", "NHS Southampton PCT
 * should ensure …").
 */
export function summaryBand(band: string, phrase: string, texts: readonly string[]): SummaryBand {
  const leadIn = summaryLeadIn(band, phrase);
  if (texts.every(completesEnsureThat)) return { ...leadIn, items: texts.map(summaryItem) };
  // Each item then says what to do itself: a clause ("The needs … are assessed") is given its "ensure that".
  const item = (text: string) => (completesEnsureThat(text) ? `ensure that ${summaryItem(text)}` : decapitalise(text.trim()));
  return { ...leadIn, after: ':', items: texts.map(item) };
}

// Verbs Ofsted and councils start a recommendation with when it is an instruction ("Increase staffing stability").
const INSTRUCTIONS = new Set([
  'ensure', 'increase', 'improve', 'develop', 'review', 'establish', 'strengthen', 'reduce', 'implement', 'provide',
  'undertake', 'make', 'secure', 'embed', 'raise', 'monitor', 'take', 'put', 'consider', 'evaluate', 'address',
  'complete', 'continue', 'enable', 'agree', 'build', 'deliver', 'introduce', 'promote', 'support', 'audit', 'publish',
]);

/**
 * Whether a recommendation reads on from "ensure that": "Ensure that the
 * quality …" and "Core groups are held …" do; an instruction of its own
 * ("Increase staffing stability", "ensure staffing stability") or a sentence
 * naming who should act ("NHS Southampton PCT should ensure …") does not.
 */
export function completesEnsureThat(text: string): boolean {
  const trimmed = text.trim();
  if (/^ensure\s+that\s/i.test(trimmed)) return true;
  const first = /^\p{L}+/u.exec(trimmed)?.[0].toLowerCase() ?? '';
  return !INSTRUCTIONS.has(first) && !/\bshould\b/i.test(trimmed);
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
      bands: bands.map((band) =>
        summaryBand(
          band.band,
          band.phrase,
          band.recommendations.map((recommendation) => recommendation.text),
        ),
      ),
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
  const intro =
    layout === 'outcome-first'
      ? outcomeFirstIntro({
          kind: plan.kind,
          startsOn: plan.startsOn ?? null,
          endsOn: plan.endsOn ?? null,
          sections: orderedSections(plan.sections, layout).map(({ section, groups }, index) => {
            const recommendations = groups.flatMap((group) => group.recommendations);
            return {
              heading: tableHeading(index, section.title),
              title: section.title,
              outcomes: recommendations.length,
              actions: recommendations.reduce((sum, r) => sum + r.activities.length, 0),
            };
          }),
          columnLabels: labels,
        })
      : appendixIntro({
          kind: plan.kind,
          publishedOn: plan.source.publishedOn,
          sections: printedSections,
          columnLabels: labels,
        });
  return {
    title,
    draft: plan.status === 'draft',
    fileName: fileNameOf(title),
    intro,
    abbreviations: abbreviationKey(usedAgencyIds, agencies, printedAgencyCells, plan.abbreviations ?? []),
    tables,
    // The summary restates Ofsted's recommendations; outcome-first plans have outcomes instead.
    summary: layout === 'recommendation-first' ? recommendationSummary(plan) : null,
  };
}

/** "14 September 2012", for the "as of" line of board reports. */
export function asOfText(asOf: CalendarDate): string {
  return formatLongDate(asOf);
}
