const HONORIFICS = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'cllr', 'councillor', 'prof', 'professor', 'sir', 'dame', 'rev']);

/** "Anne Wright" -> "AW"; "Dr Fiona Bruce-Smith" -> "FBS": the initials minutes use (titles are not initialled). */
export function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((part) => /^\p{L}/u.test(part) && !HONORIFICS.has(part.toLowerCase().replace(/\.$/, '')))
    .map((part) => part[0].toUpperCase())
    .join('');
}
