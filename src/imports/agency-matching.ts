import { agencyNameKey } from '../plans/domain/agency-names';

/**
 * Reading a lead-agency cell ("LSCB, SCC - CSL Directorate, Health Providers,
 * Police and Voluntary Sector", "SCC CSL – Directorate – Safeguarding /
 * Commissioning", "CEA / M&E / P&P") into the agencies the council already
 * has, or new ones. The cell is split on commas, " and ", "/", ";" and two
 * spaces (a line break in the cell), but the longest run of pieces that is a
 * known spelling wins, so "Children's Services and Learning" stays one body.
 * Spellings compare by agencyNameKey: dash and space variants are one name.
 */

export interface KnownAgency {
  id: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  parentId: string | null;
}

export type MatchedBy =
  /** The request's agencyAliases: a person's correction wins over everything. */
  | 'request_alias'
  | 'name'
  | 'alias'
  | 'short_name'
  /** The plan's own key to its abbreviations. */
  | 'plan_key'
  /** "… Directorate – Safeguarding / Commissioning": Commissioning read as a division of the same directorate. */
  | 'division'
  | 'new';

/** An agency by id when it exists, or by the name it will be created with. */
export type AgencyRef = { kind: 'existing'; id: string } | { kind: 'new'; key: string };

export interface NewAgency {
  key: string;
  name: string;
  shortName: string | null;
  /** Other spellings of it in the import. */
  aliases: string[];
  parent: AgencyRef | null;
}

export interface CellPiece {
  /** The words of the cell this piece came from. */
  text: string;
  agency: AgencyRef;
  name: string;
  matchedBy: MatchedBy;
  /** Left out because a division of it is named in the same cell ("SCC - CSL Directorate  Safeguarding"). */
  absorbedInto?: string;
}

interface Spelling {
  agency: AgencyRef;
  matchedBy: MatchedBy;
}

const SEPARATOR = /(\s*,\s*|\s+and\s+|\s*\/\s*|\s{2,}|\s*;\s*|\s+&\s+|\s*\+\s*)/i;
const MAX_PIECES = 40;
const MAX_SPAN = 8;

function refKey(ref: AgencyRef): string {
  return ref.kind === 'existing' ? `id:${ref.id}` : `new:${ref.key}`;
}

function cleanName(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/^[\s,;/&+-]+|[\s,;/&+]+$/g, '').trim();
}

/**
 * Every spelling the council uses, built once per import: existing names,
 * aliases and short names, the request's aliases and the plan's key. New
 * agencies found while reading the cells are added as they appear, so three
 * spellings of one new body become one agency with two aliases.
 */
export class AgencyDirectory {
  private readonly spellings = new Map<string, Spelling>();
  private readonly known = new Map<string, KnownAgency>();
  private readonly created = new Map<string, NewAgency>();

  constructor(agencies: KnownAgency[], requestAliases: Record<string, string> = {}, planKey: Record<string, string> = {}) {
    for (const agency of agencies) this.known.set(agency.id, agency);
    // Later entries overwrite earlier ones: short names, then aliases, then names; the plan's
    // key only fills gaps; a person's aliases in the request override everything.
    for (const agency of agencies) if (agency.shortName) this.set(agency.shortName, { kind: 'existing', id: agency.id }, 'short_name');
    for (const agency of agencies) for (const alias of agency.aliases) this.set(alias, { kind: 'existing', id: agency.id }, 'alias');
    for (const agency of agencies) this.set(agency.name, { kind: 'existing', id: agency.id }, 'name');
    for (const [abbreviation, name] of Object.entries(planKey)) {
      if (this.lookup(abbreviation)) continue;
      const target = this.lookup(name)?.agency ?? this.newAgency(name, abbreviation);
      this.set(abbreviation, target, 'plan_key');
      if (!this.lookup(name)) this.set(name, target, 'plan_key');
    }
    for (const [spelling, name] of Object.entries(requestAliases)) {
      const target = this.lookupKnown(name) ?? this.lookup(name)?.agency ?? this.newAgency(name, null);
      this.set(spelling, target, 'request_alias');
      if (!this.lookup(name)) this.set(name, target, 'request_alias');
    }
  }

  private set(spelling: string, agency: AgencyRef, matchedBy: MatchedBy): void {
    const key = agencyNameKey(spelling);
    if (key) this.spellings.set(key, { agency, matchedBy });
  }

  private lookupKnown(name: string): AgencyRef | null {
    const key = agencyNameKey(name);
    for (const agency of this.known.values()) {
      if ([agency.name, ...agency.aliases, agency.shortName ?? ''].some((s) => s && agencyNameKey(s) === key)) return { kind: 'existing', id: agency.id };
    }
    return null;
  }

  private newAgency(name: string, shortName: string | null): AgencyRef {
    const key = agencyNameKey(name);
    if (!this.created.has(key)) {
      this.created.set(key, { key, name: cleanName(name), shortName, aliases: [], parent: this.parentByPrefix(name) });
    }
    return { kind: 'new', key };
  }

  /** "SCC – Quality Assurance" names a part of the council when "SCC" is known. */
  private parentByPrefix(name: string): AgencyRef | null {
    const parts = agencyNameKey(name).split(' - ');
    for (let n = parts.length - 1; n >= 1; n--) {
      const spelling = this.spellings.get(parts.slice(0, n).join(' - '));
      if (spelling) return spelling.agency;
    }
    return null;
  }

  lookup(spelling: string): Spelling | undefined {
    return this.spellings.get(agencyNameKey(spelling));
  }

  nameOf(ref: AgencyRef): string {
    return ref.kind === 'existing' ? (this.known.get(ref.id)?.name ?? ref.id) : (this.created.get(ref.key)?.name ?? ref.key);
  }

  parentOf(ref: AgencyRef): AgencyRef | null {
    if (ref.kind === 'existing') {
      const parentId = this.known.get(ref.id)?.parentId;
      return parentId ? { kind: 'existing', id: parentId } : null;
    }
    return this.created.get(ref.key)?.parent ?? null;
  }

  /** Ancestors of an agency, nearest first; a cycle in the data stops the walk. */
  ancestorsOf(ref: AgencyRef): AgencyRef[] {
    const seen = new Set<string>([refKey(ref)]);
    const ancestors: AgencyRef[] = [];
    let current = this.parentOf(ref);
    while (current && !seen.has(refKey(current))) {
      seen.add(refKey(current));
      ancestors.push(current);
      current = this.parentOf(current);
    }
    return ancestors;
  }

  /** A body the import would create, remembering each spelling used for it. */
  createFrom(text: string): AgencyRef {
    const ref = this.newAgency(text, /^[A-Z][A-Z0-9&]{1,9}$/.test(cleanName(text)) ? cleanName(text) : null) as { kind: 'new'; key: string };
    this.set(text, ref, 'new');
    return ref;
  }

  noteSpelling(ref: AgencyRef, text: string): void {
    if (ref.kind !== 'new') return;
    const agency = this.created.get(ref.key);
    const spelling = cleanName(text);
    if (!agency || spelling === agency.name || spelling === agency.shortName || agency.aliases.includes(spelling)) return;
    agency.aliases.push(spelling);
  }

  newAgencies(): NewAgency[] {
    return [...this.created.values()];
  }

  /** Reads one cell. */
  match(cell: string | null): CellPiece[] {
    const text = (cell ?? '').slice(0, 1000).trim();
    if (!text) return [];
    const parts = text.split(SEPARATOR);
    // Odd indexes are separators; keep them to rebuild a run of pieces as printed.
    const words: string[] = [];
    const separators: string[] = [];
    parts.forEach((part, i) => (i % 2 === 0 ? words.push(part) : separators.push(part)));
    if (words.length > MAX_PIECES) {
      words.splice(MAX_PIECES - 1, words.length, words.slice(MAX_PIECES - 1).join(' '));
    }
    const pieces: CellPiece[] = [];
    let i = 0;
    while (i < words.length) {
      if (!cleanName(words[i])) {
        i += 1;
        continue;
      }
      let taken = 0;
      for (let j = Math.min(words.length, i + MAX_SPAN); j > i; j--) {
        const run = words.slice(i, j).reduce((acc, word, k) => (k === 0 ? word : `${acc}${separators[i + k - 1]}${word}`), '');
        const found = this.lookup(run);
        if (found) {
          pieces.push({ text: cleanName(run), agency: found.agency, name: this.nameOf(found.agency), matchedBy: found.matchedBy });
          if (found.matchedBy === 'new') this.noteSpelling(found.agency, run);
          taken = j - i;
          break;
        }
      }
      if (!taken) {
        pieces.push(this.unknownPiece(words[i], pieces[pieces.length - 1]));
        taken = 1;
      }
      i += taken;
    }
    return absorbAncestors(dedupe(pieces), this);
  }

  private unknownPiece(word: string, previous: CellPiece | undefined): CellPiece {
    const text = cleanName(word);
    if (previous) {
      // "… Directorate – Safeguarding / Commissioning": a sibling division, or a division of the body just named.
      const parents = [this.parentOf(previous.agency), previous.agency].filter((p): p is AgencyRef => p !== null);
      for (const parent of parents) {
        const found = this.lookup(`${this.nameOf(parent)} – ${text}`);
        if (found) return { text, agency: found.agency, name: this.nameOf(found.agency), matchedBy: 'division' };
      }
    }
    const agency = this.createFrom(text);
    return { text, agency, name: this.nameOf(agency), matchedBy: 'new' };
  }
}

function dedupe(pieces: CellPiece[]): CellPiece[] {
  const seen = new Set<string>();
  return pieces.filter((piece) => {
    const key = refKey(piece.agency);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A named division absorbs its directorate: "SCC - CSL Directorate  Safeguarding" is the Safeguarding division. */
function absorbAncestors(pieces: CellPiece[], directory: AgencyDirectory): CellPiece[] {
  return pieces.map((piece) => {
    const descendant = pieces.find((other) => other !== piece && directory.ancestorsOf(other.agency).some((a) => refKey(a) === refKey(piece.agency)));
    return descendant ? { ...piece, absorbedInto: descendant.name } : piece;
  });
}

export function sameAgency(a: AgencyRef, b: AgencyRef): boolean {
  return refKey(a) === refKey(b);
}

export { refKey as agencyRefKey };
