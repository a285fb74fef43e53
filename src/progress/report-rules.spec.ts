import type { ActivityStatus } from '../plans/plan-vocabulary';
import { ProgressReport, reportProblems } from './report-rules';

describe('reportProblems', () => {
  it.each<[string, ProgressReport, ActivityStatus, string[]]>([
    ['a status with no note where none is owed', { status: 'in_progress', percentComplete: 40 }, 'not_started', []],
    ['blocked without a note', { status: 'blocked' }, 'in_progress', ['note']],
    ['blocked with a blank note', { status: 'blocked', note: '   ' }, 'in_progress', ['note']],
    ['complete without a note', { status: 'complete' }, 'in_progress', ['note']],
    ['complete at 100 with a note', { status: 'complete', percentComplete: 100, note: 'Signed off' }, 'in_progress', []],
    ['complete at 90', { status: 'complete', percentComplete: 90, note: 'Nearly' }, 'in_progress', ['status', 'percentComplete']],
    ['a note alone', { note: 'Met the provider' }, 'in_progress', []],
    ['a percentage alone', { percentComplete: 60 }, 'in_progress', []],
    ['evidence alone', { evidenceLinks: ['https://intranet.example/audit.pdf'] }, 'blocked', []],
    ['a percentage below 100 on complete work', { percentComplete: 80 }, 'complete', ['status', 'percentComplete']],
    ['nothing at all', {}, 'in_progress', ['status']],
    ['only a blank note', { note: ' ' }, 'in_progress', ['status']],
  ])('%s', (_, report, current, fields) => {
    expect(Object.keys(reportProblems(report, current)).sort()).toEqual([...fields].sort());
  });

  it('names both fields for complete below 100', () => {
    expect(reportProblems({ status: 'complete', percentComplete: 90, note: 'x' }, 'in_progress')).toEqual({
      status: 'is complete, so percentComplete must be 100 (or left out), not 90',
      percentComplete: 'must be 100 when the status is complete',
    });
  });
});
