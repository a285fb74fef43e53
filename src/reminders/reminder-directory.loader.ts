import { EntityManager } from 'typeorm';
import { loadAgencyTree } from '../plans/agency-tree.loader';
import { ReminderDirectory, reminderDirectory } from './recipients';

/** Who is active, each agency's contacts and the agencies' parents, read once for a scan (or an import preview). */
export async function loadReminderDirectory(manager: EntityManager): Promise<ReminderDirectory> {
  const tree = await loadAgencyTree(manager);
  const people: Array<{ id: string }> = await manager.query('SELECT id FROM users WHERE active');
  const contacts: Array<{ lead_agency_id: string; user_id: string }> = await manager.query('SELECT lead_agency_id, user_id FROM user_lead_agencies WHERE is_contact');
  return reminderDirectory(
    people.map((person) => person.id),
    contacts.map((contact) => ({ agencyId: contact.lead_agency_id, personId: contact.user_id })),
    (agencyId) => tree.lineage(agencyId),
  );
}
