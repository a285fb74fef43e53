import { AgencyTree } from '../plans/domain/agency-tree';
import { ReminderFacts, reminderDirectory, whoHears } from './recipients';

const tree = new AgencyTree([
  { id: 'directorate', parentId: null },
  { id: 'division', parentId: 'directorate' },
  { id: 'silent-trust', parentId: null },
]);
const directory = reminderDirectory(
  ['owner', 'directorate-contact', 'officer', 'trust-contact-left'],
  [
    { agencyId: 'directorate', personId: 'directorate-contact' },
    { agencyId: 'silent-trust', personId: 'trust-contact-left' },
  ],
  (id) => tree.lineage(id),
);
const directoryWithoutTheLeaver = reminderDirectory(['owner', 'directorate-contact', 'officer'], [{ agencyId: 'silent-trust', personId: 'trust-contact-left' }], (id) => tree.lineage(id));

describe('whoHears', () => {
  it.each<[string, ReminderFacts, string, string[]]>([
    ['an owned activity: its owner', { ownerId: 'owner', leadAgencyIds: ['division'], leadOfficerId: 'officer' }, 'owner', ['owner']],
    ['no owner: the division’s nearest contacts (the directorate’s)', { ownerId: null, leadAgencyIds: ['division'], leadOfficerId: 'officer' }, 'agency contacts', ['directorate-contact']],
    ['an owner who has left: the contacts instead', { ownerId: 'leaver', leadAgencyIds: ['directorate'], leadOfficerId: 'officer' }, 'agency contacts', ['directorate-contact']],
    ['no owner, no lead agency: the plan’s lead officer', { ownerId: null, leadAgencyIds: [], leadOfficerId: 'officer' }, 'lead officer', ['officer']],
    ['no owner, no lead officer, no agency: nobody', { ownerId: null, leadAgencyIds: [], leadOfficerId: null }, 'nobody', []],
    ['a lead officer who has left: nobody', { ownerId: null, leadAgencyIds: [], leadOfficerId: 'gone' }, 'nobody', []],
  ])('%s', (_, facts, via, people) => {
    expect(whoHears(facts, directory)).toEqual({ via, people });
  });

  it('passes over contacts who have left: the agency then has nobody, and the lead officer hears', () => {
    expect(whoHears({ ownerId: null, leadAgencyIds: ['silent-trust'], leadOfficerId: 'officer' }, directoryWithoutTheLeaver)).toEqual({ via: 'lead officer', people: ['officer'] });
  });
});
