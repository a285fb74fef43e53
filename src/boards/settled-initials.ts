/**
 * The initials the minutes named that still match nobody (or several people)
 * after the chair changes an action's owners.
 *
 * `kept` is what the chair left flagged (all of them when not said). An
 * initial that is now the initials of one of the action's owners is settled:
 * the chair has chosen whom "FB" meant. One that matches no owner stays
 * until the chair says it is settled, since minutes can name people by
 * initials their names in the service do not give ("Liz" for Elizabeth), and
 * the record never guesses.
 *
 * Returns the initials still unsettled, or the kept entries that were never
 * among the action's unsettled initials (by their place in `kept`), which the
 * caller refuses: a change settles initials, it does not invent new ones.
 */
export function settledInitials(
  current: readonly string[],
  ownerInitials: readonly string[],
  kept?: readonly string[],
): { unresolved: string[]; unknown: number[] } {
  const norm = (initials: string) => initials.trim().toUpperCase();
  const known = new Set(current.map(norm));
  const unknown = (kept ?? []).flatMap((initials, index) => (known.has(norm(initials)) ? [] : [index]));
  const keep = new Set((kept ?? current).map(norm));
  const owned = new Set(ownerInitials.map(norm));
  return { unresolved: current.filter((initials) => keep.has(norm(initials)) && !owned.has(norm(initials))), unknown };
}
