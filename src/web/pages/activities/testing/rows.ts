import type { CalendarDate } from '../../../../deadlines';
import type { ActivityRow } from '../../../../progress/activity-rows.service';
import type { RagAssessment } from '../../../../progress/rag';

/** An activity row for the pages' view-model tests: the demo plan's shape, published 13 June 2012. */
export function rowOf(overrides: Partial<ActivityRow> & { id: string }): ActivityRow {
  return {
    text: `Activity ${overrides.id}`,
    position: 1,
    planId: 'plan-1',
    planTitle: 'Quality Improvement Plan 2012',
    planStatus: 'approved',
    planCreatedAt: new Date('2012-06-01T09:00:00Z'),
    publishedOn: '2012-06-13',
    reminderPolicy: null,
    leadOfficerId: null,
    sectionId: 'section-1',
    sectionTitle: 'Safeguarding',
    sectionPosition: 1,
    recommendationId: 'rec-1',
    recommendationNumber: 1,
    recommendationText: 'Ensure that every child is seen.',
    band: 'within_three_months',
    ownerId: null,
    ownerName: null,
    ownerEmail: null,
    leadAgencies: [{ id: 'agency-1', name: 'SCC – CSL Directorate – Safeguarding' }],
    startDate: null,
    status: 'in_progress',
    percentComplete: null,
    verified: false,
    verifiedAt: null,
    dueDate: '2012-09-13',
    dueDatePrecision: 'day',
    latestUpdate: null,
    override: null,
    ...overrides,
  };
}

export function reportedOn(date: CalendarDate, note: string | null = null): ActivityRow['latestUpdate'] {
  return { note, at: new Date(`${date}T09:00:00Z`), reportedOn: date };
}

export function rated(rating: RagAssessment['rating'], ...reasons: string[]): RagAssessment {
  return { rating, computed: rating, reasons, verified: false, override: null };
}
