import type { Comparator, Tolerance } from './domain';
import type { IndicatorDefinitionRow, RecordedComparator, RecordedNarrative, RecordedRating, RecordedTarget, RecordedValue } from './record/indicator-record.reader';

/** An indicator as the API and the pages show it: its definition, links, targets and comparators in force. */
export function indicatorView(
  row: IndicatorDefinitionRow,
  targets: readonly RecordedTarget[],
  comparators: readonly RecordedComparator[],
  can: { enterValues: boolean; manage: boolean },
) {
  return {
    id: row.id,
    planId: row.planId,
    position: row.position,
    title: row.title,
    definition: row.definition,
    unit: row.unit,
    polarity: row.polarity,
    frequency: row.frequency,
    cumulation: row.cumulation,
    owner: row.owner,
    leadAgencies: row.leadAgencies,
    priorities: row.priorities,
    outcomeMeasures: row.outcomeMeasures,
    tolerance: row.tolerance as Tolerance | null,
    targets: targets.map(targetView),
    comparators: comparators.map(comparatorView),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    /** What the person asking may do with it, so a page shows only the buttons that work. */
    can,
  };
}
export type IndicatorView = ReturnType<typeof indicatorView>;

export function targetView(target: RecordedTarget) {
  return {
    financialYear: target.financialYear,
    month: target.month,
    text: target.text,
    kind: target.target.kind,
    comparison: target.target.kind === 'bound' ? target.target.comparison : null,
    value: target.target.kind === 'tbc' ? null : target.target.value,
    version: target.version,
  };
}

export function comparatorView(comparator: RecordedComparator): Comparator & { version: number } {
  return { name: comparator.name, kind: comparator.kind, financialYear: comparator.financialYear, source: comparator.source, value: comparator.value, version: comparator.version };
}

/** One month's value as recorded: the figure, how it was made, and the version a correction must name. */
export function valueView(value: RecordedValue) {
  return {
    month: value.month,
    value: value.value,
    notAvailable: value.notAvailable,
    numerator: value.numerator,
    denominator: value.denominator,
    status: value.status,
    note: value.note,
    version: value.version,
    enteredBy: value.enteredBy,
    fromImport: value.importId,
    recordedAt: value.recordedAt,
    supersededAt: value.supersededAt,
  };
}
export type ValueView = ReturnType<typeof valueView>;

export function narrativeView(narrative: RecordedNarrative) {
  return {
    month: narrative.month,
    dataTellsUs: narrative.dataTellsUs,
    nextSteps: narrative.nextSteps,
    version: narrative.version,
    writtenBy: narrative.writtenBy,
    recordedAt: narrative.recordedAt,
    supersededAt: narrative.supersededAt,
  };
}

export function ratingView(rating: RecordedRating) {
  return {
    month: rating.month,
    rating: rating.rating,
    riskLabel: rating.riskLabel,
    reason: rating.reason,
    version: rating.version,
    setBy: rating.setBy,
    fromImport: rating.importId,
    recordedAt: rating.recordedAt,
    supersededAt: rating.supersededAt,
  };
}
