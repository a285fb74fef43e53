/**
 * Who hears about an activity's deadlines, in order: its owner; else the
 * contacts of its lead agencies (each agency's own, or those of the nearest
 * agency above it that has any); else the plan's lead officer. An owner who
 * has left (inactive) counts as no owner, so the work is not left to nobody.
 */
export type HeardBy = 'owner' | 'agency contacts' | 'lead officer' | 'nobody';

export interface ReminderFacts {
  ownerId: string | null;
  leadAgencyIds: readonly string[];
  leadOfficerId: string | null;
}

export interface ReminderDirectory {
  isActive(personId: string): boolean;
  /** The contacts of the agency, or of the nearest agency above it that has contacts. */
  nearestContacts(agencyId: string): readonly string[];
}

export function whoHears(activity: ReminderFacts, directory: ReminderDirectory): { via: HeardBy; people: string[] } {
  if (activity.ownerId && directory.isActive(activity.ownerId)) return { via: 'owner', people: [activity.ownerId] };
  const contacts = [...new Set(activity.leadAgencyIds.flatMap((id) => directory.nearestContacts(id)))].filter((id) => directory.isActive(id));
  if (contacts.length) return { via: 'agency contacts', people: contacts };
  if (activity.leadOfficerId && directory.isActive(activity.leadOfficerId)) return { via: 'lead officer', people: [activity.leadOfficerId] };
  return { via: 'nobody', people: [] };
}

/** Built from the rows a scan reads: active people, each agency's contacts, and the agencies' parents. */
export function reminderDirectory(
  activePeople: Iterable<string>,
  contacts: Iterable<{ agencyId: string; personId: string }>,
  lineage: (agencyId: string) => string[],
): ReminderDirectory {
  const active = new Set(activePeople);
  const contactsOf = new Map<string, string[]>();
  for (const contact of contacts) contactsOf.set(contact.agencyId, [...(contactsOf.get(contact.agencyId) ?? []), contact.personId]);
  return {
    isActive: (personId) => active.has(personId),
    nearestContacts: (agencyId) => {
      for (const id of lineage(agencyId)) {
        const found = (contactsOf.get(id) ?? []).filter((person) => active.has(person));
        if (found.length) return found;
      }
      return [];
    },
  };
}
