import { readMonitoringList, readStatus, splitPoints } from './monitoring-import';

describe('a monitoring list pasted from a scrutiny paper', () => {
  it.each<[string, string[]]>([
    ['1) Publish the protocol 2) Train staff', ['Publish the protocol', 'Train staff']],
    ['Publish the protocol', ['Publish the protocol']],
    ['Report in 2) weeks', ['Report in 2) weeks']],
    ['', []],
  ])('%j has the points %j', (cell, points) => expect(splitPoints(cell)).toEqual(points));

  it.each<[string, string, string | null, boolean]>([
    ['Achieved', 'achieved', null, false],
    ['Completed', 'achieved', null, false],
    ['Continue monitoring', 'continue_monitoring', null, false],
    ['Unacceptable progress', 'unacceptable_progress', null, false],
    ['Paused – awaiting the Ofsted visit', 'paused', 'awaiting the Ofsted visit', false],
    ['Rejected by Cabinet', 'continue_monitoring', null, true],
  ])('%s reads as %s (paused for %s, rejected %s)', (cell, progress, reason, rejected) => {
    expect(readStatus(cell)).toMatchObject({ progress, pausedReason: reason, rejected, warning: null });
  });

  it('flags a status not on the key', () => {
    expect(readStatus('Amber')).toMatchObject({ progress: 'continue_monitoring', warning: '"Amber" is not on the status key; read as continue monitoring' });
  });

  it('carries a meeting date down to the items under it and numbers points within each item', () => {
    const pasted = [
      'Date\tTitle\tAction proposed\tAction taken\tProgress status',
      '20/01/2022\tEarly help\tReport the audit\tAudit reported\tAchieved',
      '\tMissing children\t1) Publish the protocol 2) Train staff\t1) Published 2) Half trained\tContinue monitoring',
      '17 March 2022\tPlacements\tOpen two homes\t\tPaused: capital bid',
      'soon\tLater\tSomething\t\t',
    ].join('\n');
    const read = readMonitoringList(pasted);
    expect(read.missingColumns).toEqual([]);
    expect(read.recommendations.map((r) => [r.line, r.meetingDate, r.title, r.actionProposed, r.actionTaken, r.progress, r.pausedReason])).toEqual([
      [2, '2022-01-20', 'Early help', ['Report the audit'], ['Audit reported'], 'achieved', null],
      [3, '2022-01-20', 'Missing children', ['Publish the protocol', 'Train staff'], ['Published', 'Half trained'], 'continue_monitoring', null],
      [4, '2022-03-17', 'Placements', ['Open two homes'], [], 'paused', 'capital bid'],
    ]);
    expect(read.skipped).toEqual([{ line: 5, reason: '"soon" is not a date' }]);
  });

  it('names the columns a paste without the paper’s headings lacks', () => {
    expect(readMonitoringList('When\tWhat\nx\ty').missingColumns).toEqual(['Date', 'Title', 'Action proposed']);
  });
});
