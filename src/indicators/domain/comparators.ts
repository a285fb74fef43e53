import { formatValue, roundForDisplay } from './format';
import { shortFinancialYearLabel } from './periods';
import { ComparatorKind, IndicatorUnit, Polarity } from './vocabulary';

/**
 * Comparators: named figures with a year and a source, printed beside an
 * indicator's own ("Southampton 19/20", "Statistical Neighbours", "South
 * East", "England"). "N/A" is not available, never zero.
 */

export interface Comparator {
  /** As the council writes it: "Statistical Neighbours", "South East", "Southampton 19/20". */
  name: string;
  kind: ComparatorKind;
  /** The financial year it describes (2019 for 19/20), when known. */
  financialYear: number | null;
  /** Where the figure comes from (LAIT, ChAT, DfE statistics), when known. */
  source: string | null;
  /** Null when not available ("N/A"). */
  value: number | null;
}

export type ComparatorStanding = 'better' | 'worse' | 'same' | 'above' | 'below' | 'not_available' | 'no_data';

export interface ComparatorPosition {
  name: string;
  standing: ComparatorStanding;
  /** "better than statistical neighbours (28%)", "England: not available". */
  text: string;
}

/**
 * How a comparator is named mid-sentence: the statistical neighbours are a
 * group ("better than statistical neighbours"), the rest keep their own
 * names, and a year the name leaves out is added ("England 20/21").
 */
export function comparatorLabel(comparator: Pick<Comparator, 'name' | 'kind' | 'financialYear'>): string {
  const name = comparator.kind === 'statistical_neighbours' && /^statistical\s+neighbours?$/i.test(comparator.name.trim()) ? 'statistical neighbours' : comparator.name.trim();
  if (comparator.financialYear === null) return name;
  const short = shortFinancialYearLabel(comparator.financialYear);
  return name.includes(short) || /\d{2}\s*[/-]\s*\d{2}/.test(name) ? name : `${name} ${short}`;
}

export function comparatorPosition(value: number | null, comparator: Comparator, unit: IndicatorUnit, polarity: Polarity): ComparatorPosition {
  const name = comparatorLabel(comparator);
  if (comparator.value === null || !Number.isFinite(comparator.value)) return { name, standing: 'not_available', text: `${name}: not available` };
  const theirs = `${name} (${formatValue(comparator.value, unit)})`;
  if (value === null) return { name, standing: 'no_data', text: `${theirs}: no data to compare` };
  const ours = roundForDisplay(value, unit);
  const other = roundForDisplay(comparator.value, unit);
  if (ours === other) return { name, standing: 'same', text: `the same as ${theirs}` };
  if (polarity === 'context_only') return ours > other ? { name, standing: 'above', text: `above ${theirs}` } : { name, standing: 'below', text: `below ${theirs}` };
  const better = ours > other === (polarity === 'higher_is_better');
  return better ? { name, standing: 'better', text: `better than ${theirs}` } : { name, standing: 'worse', text: `worse than ${theirs}` };
}
