/**
 * Lead agencies form a tree: a directorate and its divisions ("SCC – CSL
 * Directorate" over "… – Safeguarding"). A directorate's people answer for its
 * divisions' work, and an unowned activity's reminders climb to the nearest
 * agency that has contacts. Both walks are here, once.
 */
export interface AgencyNode {
  id: string;
  parentId: string | null;
}

export class AgencyTree {
  private readonly parentOf = new Map<string, string | null>();
  private readonly childrenOf = new Map<string, string[]>();

  constructor(agencies: Iterable<AgencyNode>) {
    for (const agency of agencies) {
      this.parentOf.set(agency.id, agency.parentId);
      if (agency.parentId) this.childrenOf.set(agency.parentId, [...(this.childrenOf.get(agency.parentId) ?? []), agency.id]);
    }
  }

  /** The agencies given and all their divisions, at any depth. A cycle in bad data stops rather than loops. */
  withDivisions(ids: Iterable<string>): Set<string> {
    const found = new Set<string>();
    const queue = [...ids];
    while (queue.length) {
      const id = queue.pop()!;
      if (found.has(id)) continue;
      found.add(id);
      queue.push(...(this.childrenOf.get(id) ?? []));
    }
    return found;
  }

  /** The agency, then its parent, then its parent's parent, up to the top. */
  lineage(id: string): string[] {
    const line: string[] = [];
    for (let at: string | null | undefined = id; at && !line.includes(at); at = this.parentOf.get(at)) line.push(at);
    return line;
  }
}
