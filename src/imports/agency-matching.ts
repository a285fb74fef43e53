import { agencyNameKey } from '../plans/domain/agency-names';

/**
 * Reading a lead-agency cell ("LSCB, SCC - CSL Directorate, Health Providers,
 * Police and Voluntary Sector", "SCC CSL – Directorate – Safeguarding /
 * Commissioning", "CEA / M&E / P&P") into the agencies the council already
 * has, or new ones. The cell is split on commas, " and ", "/", ";" and two
 * spaces (a line break in the cell), but the longest run of pieces that is a
 * known spelling wins, so "Children's Services and Learning" stays one body.
 * "&" joins words inside a name ("Learning & Development"); it separates two
 * bodies only when both are known and the whole is not.
 * Spellings compare by agencyNameKey: dash and space variants are one name;
 * failing that, a piece is compared without its dashes ("CSL - Safeguarding"
 * is the division whose short name is "CSL Safeguarding").
 *
 * A plan that prints its own key to abbreviations says who its agencies are:
 * a lead that is neither in the key nor known to the council ("Chair") is
 * left unmatched for a person to map, not created.
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
  | 'new'
  /** Matches nothing and the plan's key does not name it: a person maps it (agencyAliases) or it stays unlinked. */
  | 'unmatched';

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
  /** Null when the piece is unmatched. */
  agency: AgencyRef | null;
  name: string;
  matchedBy: MatchedBy;
  /** Left out because a division of it is named in the same cell ("SCC - CSL Directorate  Safeguarding"). */
  absorbedInto?: string;
}

interface Spelling {
  agency: AgencyRef;
  matchedBy: MatchedBy;
}

const SEPARATOR = /(\s*,\s*|\s+and\s+|\s*\/\s*|\s{2,}|\s*;\s*|\s*\+\s*)/i;
const AMPERSAND = /\s+&\s+/;
const MAX_PIECES = 40;
const MAX_SPAN = 8;

function refKey(ref: AgencyRef): string {
  return ref.kind === 'existing' ? `id:${ref.id}` : `new:${ref.key}`;
}

/** "CSL - Safeguarding", "CSL Safeguarding" and "CSL – Safeguarding." are one spelling at this level. */
export function looseAgencyKey(name: string): string {
  return agencyNameKey(name)
    .replace(/[^\p{L}\p{N}&']+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What a key's meaning names: the whole of it, else each of its alternatives
 * ("The full board / LSCB", "Executive Group (Exec)").
 */
function alternativesOf(meaning: string): string[] {
  const parts = meaning.split(/\s+\/\s+|\s+or\s+|\s*[()]\s*/i).map((part) => part.trim()).filter((part) => part.length > 1);
  return parts.length > 1 ? parts : [];
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

  /** Loose spellings, when they name one agency only. */
  private readonly loose = new Map<string, Spelling | null>();
  /** With a key of its own, a plan's unknown leads are left unmatched rather than created. */
  private readonly strict: boolean;

  constructor(agencies: KnownAgency[], requestAliases: Record<string, string> = {}, planKey: Record<string, string> = {}) {
    for (const agency of agencies) this.known.set(agency.id, agency);
    this.strict = Object.keys(planKey).length > 0;
    // Later entries overwrite earlier ones: short names, then aliases, then names; the plan's
    // key only fills gaps; a person's aliases in the request override everything.
    for (const agency of agencies) if (agency.shortName) this.set(agency.shortName, { kind: 'existing', id: agency.id }, 'short_name');
    for (const agency of agencies) for (const alias of agency.aliases) this.set(alias, { kind: 'existing', id: agency.id }, 'alias');
    for (const agency of agencies) this.set(agency.name, { kind: 'existing', id: agency.id }, 'name');
    for (const [abbreviation, name] of Object.entries(planKey)) {
      if (this.lookup(abbreviation)) continue;
      const target = this.keyTarget(name) ?? this.newAgency(name, abbreviation);
      this.set(abbreviation, target, 'plan_key');
      if (!this.lookup(name)) this.set(name, target, 'plan_key');
    }
    for (const [spelling, name] of Object.entries(requestAliases)) {
      const target = this.lookupKnown(name) ?? this.lookup(name)?.agency ?? this.newAgency(name, null);
      this.set(spelling, target, 'request_alias');
      if (!this.lookup(name)) this.set(name, target, 'request_alias');
    }
  }

  /** The agency a key's meaning names: its whole text, else the one alternative that is known ("The full board / LSCB"). */
  private keyTarget(meaning: string): AgencyRef | null {
    const whole = this.lookup(meaning) ?? this.lookupLoose(meaning);
    if (whole) return whole.agency;
    const known = new Map<string, AgencyRef>();
    for (const part of alternativesOf(meaning)) {
      const found = this.lookup(part) ?? this.lookupLoose(part);
      if (found) known.set(refKey(found.agency), found.agency);
    }
    return known.size === 1 ? [...known.values()][0] : null;
  }

  private set(spelling: string, agency: AgencyRef, matchedBy: MatchedBy): void {
    const key = agencyNameKey(spelling);
    if (!key) return;
    this.spellings.set(key, { agency, matchedBy });
    const loose = looseAgencyKey(spelling);
    const earlier = this.loose.get(loose);
    if (earlier === undefined || (earlier && refKey(earlier.agency) === refKey(agency))) this.loose.set(loose, { agency, matchedBy });
    else this.loose.set(loose, null);
  }

  /** A spelling that differs only in dashes and stops from a known one, when that names one agency. */
  lookupLoose(spelling: string): Spelling | undefined {
    return this.loose.get(looseAgencyKey(spelling)) ?? undefined;
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
          pieces.push(this.found(cleanName(run), found));
          taken = j - i;
          break;
        }
      }
      if (!taken) {
        pieces.push(...this.singlePiece(words[i], pieces[pieces.length - 1]));
        taken = 1;
      }
      i += taken;
    }
    return absorbAncestors(dedupe(pieces), this);
  }

  /** One piece no run of pieces matched: loosely, as bodies joined by "&", as a division, or new (or unmatched). */
  private singlePiece(word: string, previous: CellPiece | undefined): CellPiece[] {
    const text = cleanName(word);
    const loose = this.lookupLoose(text);
    if (loose) return [this.found(text, loose)];
    const parts = text.split(AMPERSAND);
    if (parts.length > 1) {
      const found = parts.map((part) => this.lookup(part) ?? this.lookupLoose(part));
      if (found.every((f) => f !== undefined)) return parts.map((part, k) => this.found(cleanName(part), found[k]!));
    }
    return [this.unknownPiece(text, previous)];
  }

  private found(text: string, spelling: Spelling): CellPiece {
    if (spelling.matchedBy === 'new') this.noteSpelling(spelling.agency, text);
    return { text, agency: spelling.agency, name: this.nameOf(spelling.agency), matchedBy: spelling.matchedBy };
  }

  private unknownPiece(text: string, previous: CellPiece | undefined): CellPiece {
    if (previous?.agency) {
      // "… Directorate – Safeguarding / Commissioning": a sibling division, or a division of the body just named.
      const parents = [this.parentOf(previous.agency), previous.agency].filter((p): p is AgencyRef => p !== null);
      for (const parent of parents) {
        const found = this.lookup(`${this.nameOf(parent)} – ${text}`);
        if (found) return { text, agency: found.agency, name: this.nameOf(found.agency), matchedBy: 'division' };
      }
    }
    // "SCC – Children's Services" names a part of a known body and is created beneath it; "Chair" names nothing known.
    if (this.strict && !this.parentByPrefix(text)) return { text, agency: null, name: text, matchedBy: 'unmatched' };
    const agency = this.createFrom(text);
    return { text, agency, name: this.nameOf(agency), matchedBy: 'new' };
  }
}

function dedupe(pieces: CellPiece[]): CellPiece[] {
  const seen = new Set<string>();
  return pieces.filter((piece) => {
    const key = piece.agency ? refKey(piece.agency) : `unmatched:${agencyNameKey(piece.text)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A named division absorbs its directorate: "SCC - CSL Directorate  Safeguarding" is the Safeguarding division. */
function absorbAncestors(pieces: CellPiece[], directory: AgencyDirectory): CellPiece[] {
  return pieces.map((piece) => {
    const agency = piece.agency;
    if (!agency) return piece;
    const descendant = pieces.find((other) => other !== piece && other.agency && directory.ancestorsOf(other.agency).some((a) => refKey(a) === refKey(agency)));
    return descendant ? { ...piece, absorbedInto: descendant.name } : piece;
  });
}

export function sameAgency(a: AgencyRef, b: AgencyRef): boolean {
  return refKey(a) === refKey(b);
}

export { refKey as agencyRefKey };
