/**
 * Councils write the same body many ways: "SCC - CSL Directorate",
 * "SCC – CSL Directorate", "SCC -CSL Directorate". Two spellings that differ
 * only in case, dash style or spacing name the same agency.
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
