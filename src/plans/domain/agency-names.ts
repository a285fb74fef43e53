/**
 * Councils write the same body many ways: "SCC - CSL Directorate",
 * "SCC – CSL Directorate", "SCC -CSL Directorate". Two spellings that differ
 * only in case, dash style or spacing name the same agency.
 *
 * The database keeps one agency per key with its twin, lead_agency_name_key()
 * (migrations/1796131627738-SessionsTokensAgencySpellings.ts): change both
 * together, in a new migration; test/lead-agency-spellings.e2e-spec.ts checks
 * that they agree.
 */
export function agencyNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212-]/g, '-')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
