/**
 * The web pages' timings (issue 12): the place for the page rows of the
 * table. Each page is timed through HTTP beside its baseline in the same
 * script and recorded with recordRatio / recordAbsolute (bench/lib.ts), like
 * the API rows in reads.ts; npm run bench calls benchPages() after the reads.
 * Until the pages land there is nothing to time, and it records nothing.
 */
export async function benchPages(): Promise<void> {
  // Pages land with issue 12; their rows go here.
}
