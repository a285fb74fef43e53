/**
 * The key to the abbreviations a plan prints ("LSCB: Southampton Local
 * Safeguarding Children Board"). Drawn from the lead agencies the plan's
 * activities name and the bodies above them, keeping only abbreviations that
 * actually appear in the printed cells. Plain functions, no I/O.
 */

export interface AgencyRecord {
  id: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  parentId: string | null;
}

export interface Abbreviation {
  abbreviation: string;
  meaning: string;
}

/** "SCC", "LSCB", "M&E": capitals (and ampersands), two or more characters, no spaces. */
export function isAbbreviation(text: string): boolean {
  return /^[A-Z][A-Z&]*[A-Z]$/.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wordPattern(word: string): RegExp {
  return new RegExp(`(^|[^A-Za-z0-9&])${escapeRegExp(word)}($|[^A-Za-z0-9&])`);
}

export function containsWord(text: string, word: string): boolean {
  return wordPattern(word).test(text);
}

/** Whether any of the texts uses the word: one pattern for all of them (a large plan prints thousands of cells). */
function anyContains(texts: readonly string[], word: string): boolean {
  const pattern = wordPattern(word);
  return texts.some((text) => pattern.test(text));
}

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'to', '&']);

function initialsOf(phrase: string): string {
  return phrase
    .split(/[\s\-–—/]+/)
    .filter((word) => word && !SMALL_WORDS.has(word.toLowerCase()))
    .map((word) => word.charAt(0).toUpperCase())
    .join('');
}

/** 2 when the phrase's main words spell the abbreviation exactly, 1 when its letters run through them in order, else 0. */
function fit(abbreviation: string, phrase: string): number {
  const letters = abbreviation.replace(/&/g, '').toUpperCase();
  const initials = initialsOf(phrase);
  if (initials === letters) return 2;
  let at = 0;
  for (const initial of initials) if (initial === letters[at]) at++;
  return at === letters.length ? 1 : 0;
}

/** The spelling that best explains the abbreviation: one whose initials spell it, else any that does not just repeat it. */
export function expansionOf(agency: Pick<AgencyRecord, 'name' | 'aliases'>, abbreviation: string): string | null {
  const candidates = [agency.name, ...agency.aliases].filter((text) => text !== abbreviation && !containsWord(text, abbreviation));
  let best: string | null = null;
  let bestFit = -1;
  for (const text of candidates) {
    const score = fit(abbreviation, text);
    if (score > bestFit) [best, bestFit] = [text, score];
  }
  return best;
}

/**
 * The paper's key: first the plan's own key, in its order and words, for
 * every abbreviation a printed cell uses ("Board: The full board / LSCB"),
 * then the abbreviations of the agencies the plan names that its key leaves
 * out, explained by the agency's spelling whose initials spell them.
 */
export function abbreviationKey(
  usedAgencyIds: Iterable<string>,
  agencies: readonly AgencyRecord[],
  printed: readonly string[],
  planKey: ReadonlyArray<Abbreviation> = [],
): Abbreviation[] {
  // Cells repeat ("Children's Services" on hundreds of rows): each text is searched once.
  const texts = [...new Set(printed)];
  const own = planKey.filter((entry, index) => planKey.findIndex((e) => e.abbreviation === entry.abbreviation) === index && anyContains(texts, entry.abbreviation));
  const ownAbbreviations = new Set(own.map((entry) => entry.abbreviation));
  const derived = agencyAbbreviations(usedAgencyIds, agencies, texts).filter((entry) => !ownAbbreviations.has(entry.abbreviation));
  return [...own.map(({ abbreviation, meaning }) => ({ abbreviation, meaning })), ...derived];
}

function agencyAbbreviations(usedAgencyIds: Iterable<string>, agencies: readonly AgencyRecord[], printed: readonly string[]): Abbreviation[] {
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  const involved = new Set<string>();
  for (const id of usedAgencyIds) {
    // Parents too: "SCC - CSL Directorate" names the council as well as the directorate.
    for (let at: string | null = id; at && !involved.has(at); at = byId.get(at)?.parentId ?? null) involved.add(at);
  }
  const key = new Map<string, Abbreviation>();
  for (const id of involved) {
    const agency = byId.get(id);
    const abbreviation = agency?.shortName?.trim();
    if (!agency || !abbreviation || !isAbbreviation(abbreviation) || key.has(abbreviation)) continue;
    if (!anyContains(printed, abbreviation)) continue;
    const meaning = expansionOf(agency, abbreviation);
    if (meaning) key.set(abbreviation, { abbreviation, meaning });
  }
  return [...key.values()].sort((a, b) => a.abbreviation.localeCompare(b.abbreviation, 'en-GB'));
}
