import { reportProblems } from '../../../progress/report-rules';
import { evidenceLinksOf, progressErrors, progressReportOf, UpdateEntries } from './progress-form';

const entries = (overrides: Partial<UpdateEntries>): UpdateEntries => ({ status: 'in_progress', percentComplete: '', note: '', evidenceLinks: '', ...overrides });

describe('the progress report a form makes', () => {
  it.each([
    // The status left as it was is not sent: the API keeps it, and asks for no note.
    [entries({ note: 'Audit under way' }), { version: 3, note: 'Audit under way' }],
    [entries({ status: 'complete', note: 'Done' }), { version: 3, status: 'complete', note: 'Done' }],
    [entries({ percentComplete: ' 40 ' }), { version: 3, percentComplete: 40 }],
    [entries({ percentComplete: '40%' }), { version: 3, percentComplete: 40 }],
    // Anything else goes as typed, for the API's DTO to refuse by name.
    [entries({ percentComplete: 'forty' }), { version: 3, percentComplete: 'forty' }],
    [entries({ percentComplete: '4000' }), { version: 3, percentComplete: '4000' }],
    [entries({ evidenceLinks: 'https://a.example/1\r\n\r\n  https://b.example/2 ' }), { version: 3, evidenceLinks: ['https://a.example/1', 'https://b.example/2'] }],
    [entries({ note: '   ' }), { version: 3 }],
  ])('%j -> %j', (form, report) => {
    expect(progressReportOf(form, 'in_progress', 3)).toEqual(report);
  });

  it('splits evidence on lines and spaces, dropping blanks', () => {
    expect(evidenceLinksOf('\n https://x.example \n\nhttps://y.example')).toEqual(['https://x.example', 'https://y.example']);
    expect(evidenceLinksOf('   ')).toEqual([]);
  });
});

describe('the API’s problems with a progress report, in GOV.UK words', () => {
  const summary = (problems: Record<string, string>, report: Record<string, unknown>) => progressErrors(problems, report).summary;

  it('asks for a note when the new status needs one, naming the status and what to say', () => {
    const report = { status: 'blocked' as const };
    expect(summary(reportProblems(report, 'in_progress'), report)).toEqual([
      { text: 'Enter a note: it is needed when the status is blocked. Say what is stopping the work.', href: '#note' },
    ]);
  });

  it('says a complete activity is at 100% once, at the percentage', () => {
    const report = { status: 'complete' as const, note: 'Done', percentComplete: 80 };
    expect(summary(reportProblems(report, 'in_progress'), report)).toEqual([
      { text: 'Percent complete must be 100 when the status is complete, or left empty', href: '#percentComplete' },
    ]);
  });

  it('asks for something to report when nothing changed', () => {
    expect(summary(reportProblems({}, 'in_progress'), {})).toEqual([
      { text: 'Choose a new status, or give a percent complete, a note or an evidence link', href: '#status' },
    ]);
  });

  it.each([
    [{ percentComplete: 'must be a whole number; must not be greater than 100' }, 'Percent complete must be a whole number from 0 to 100', '#percentComplete'],
    [{ note: 'must be shorter than or equal to 5000 characters' }, 'Note must be 5,000 characters or fewer', '#note'],
    [{ evidenceLinks: 'must be web links (http or https)' }, 'Enter each evidence link as a web address starting with http:// or https://', '#evidenceLinks'],
    [{ evidenceLinks: 'must contain no more than 20 elements' }, 'Enter no more than 20 evidence links', '#evidenceLinks'],
    [{ status: 'must be one of: not_started, in_progress' }, 'Choose a status from the list', '#status'],
    // A refusal of a field the form does not show is said at the top of the form, never lost.
    [{ version: 'must be the whole-number version you loaded' }, 'The form could not be read (version must be the whole-number version you loaded). Open the activity again and resend your update.', '#status'],
  ])('%j -> %s', (problems, text, href) => {
    expect(summary(problems, {})).toEqual([{ text, href }]);
  });

  it('lists problems in the order of the form', () => {
    const problems = { evidenceLinks: 'must be web links (http or https)', note: 'is required when the status is complete', percentComplete: 'must be a whole number' };
    expect(summary(problems, { status: 'complete' }).map((error) => error.href)).toEqual(['#percentComplete', '#note', '#evidenceLinks']);
  });
});
