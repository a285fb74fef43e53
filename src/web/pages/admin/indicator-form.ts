import type { IndicatorView } from '../../../indicators/indicator-views';
import { addError, FieldWording, formErrors, FormErrors, text } from '../../forms';
import { listOf, versionOf } from './admin-forms';
import { figureOf } from '../indicators/value-form';

/** An indicator's form as typed: kept on an error, compared on a conflict. */
export interface IndicatorEntries {
  title: string;
  definition: string;
  unit: string;
  polarity: string;
  frequency: string;
  cumulation: string;
  ownerId: string;
  leadAgencyIds: string[];
  sectionIds: string[];
  /** '' for the plan's default; 'units' or 'percent_of_target' for its own. */
  toleranceBasis: string;
  toleranceGreen: string;
  toleranceAmber: string;
  /** One a line: "2022/23: 23%", "2022-06: 25%". */
  targets: string;
}

export const INDICATOR_WORDING: Record<string, FieldWording> = {
  title: { label: 'Title', empty: 'Enter the indicator’s title' },
  definition: { label: 'Definition' },
  unit: { label: 'Unit', empty: 'Select the unit its figures are in' },
  polarity: { label: 'Which way is better' },
  frequency: { label: 'How often' },
  cumulation: { label: 'What a month’s figure covers' },
  ownerId: { label: 'Owner', invalid: 'Select the owner from the list' },
  leadAgencyIds: { label: 'Lead agencies', id: 'leadAgencyIds', invalid: 'Select lead agencies from the list' },
  sectionIds: { label: 'Priorities', id: 'sectionIds', invalid: 'Select priorities from the list' },
  tolerance: { label: 'Tolerance', id: 'toleranceBasis' },
  'tolerance.basis': { label: 'Tolerance', id: 'toleranceBasis' },
  'tolerance.green': { label: 'Green tolerance', id: 'toleranceGreen' },
  'tolerance.amber': { label: 'Amber tolerance', id: 'toleranceAmber' },
  targets: { label: 'Targets', id: 'targets' },
  version: { label: 'The form', id: 'title' },
};

export function indicatorEntriesFrom(body: Record<string, unknown>): IndicatorEntries {
  return {
    title: text(body.title),
    definition: text(body.definition),
    unit: text(body.unit),
    polarity: text(body.polarity),
    frequency: text(body.frequency),
    cumulation: text(body.cumulation),
    ownerId: text(body.ownerId),
    leadAgencyIds: listOf(body.leadAgencyIds),
    sectionIds: listOf(body.sectionIds),
    toleranceBasis: text(body.toleranceBasis),
    toleranceGreen: text(body.toleranceGreen),
    toleranceAmber: text(body.toleranceAmber),
    targets: text(body.targets),
  };
}

/** The form as it opens on an indicator: its definition, links, tolerance and targets as recorded. */
export function indicatorEntriesOf(indicator: IndicatorView | null): IndicatorEntries {
  if (!indicator) {
    return { title: '', definition: '', unit: '', polarity: '', frequency: 'monthly', cumulation: 'month', ownerId: '', leadAgencyIds: [], sectionIds: [], toleranceBasis: '', toleranceGreen: '', toleranceAmber: '', targets: '' };
  }
  return {
    title: indicator.title,
    definition: indicator.definition ?? '',
    unit: indicator.unit,
    polarity: indicator.polarity ?? '',
    frequency: indicator.frequency,
    cumulation: indicator.cumulation,
    ownerId: indicator.owner?.id ?? '',
    leadAgencyIds: indicator.leadAgencies.map((a) => a.id),
    sectionIds: indicator.priorities.map((p) => p.sectionId),
    toleranceBasis: indicator.tolerance?.basis ?? '',
    toleranceGreen: indicator.tolerance ? String(indicator.tolerance.green) : '',
    toleranceAmber: indicator.tolerance ? String(indicator.tolerance.amber) : '',
    targets: indicator.targets.map((t) => `${t.month ?? financialYearText(t.financialYear!)}: ${t.text}`).join('\n'),
  };
}

function financialYearText(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

export interface TargetLine {
  financialYear?: number;
  month?: string;
  target: string;
}

/**
 * The targets box, one a line: a financial year ("2022/23", "2022-23" or the
 * year it starts, "2022") or a month ("2022-06"), then the target as the
 * council writes it ("23%", "<17k", "TBC"), with a colon or a space between.
 * A line that names neither is reported with its number; blank lines are nothing.
 */
export function targetLinesOf(typed: string): { targets: TargetLine[]; problems: string[] } {
  const targets: TargetLine[] = [];
  const problems: string[] = [];
  typed.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const match = /^(\d{4})(?:(\s*\/\s*|-)(\d{4}|\d{2}))?(?:\s*:\s*|\s+)(\S.*)$/.exec(line);
    if (!match) {
      problems.push(`line ${index + 1} ("${line.length > 40 ? `${line.slice(0, 40)}…` : line}") must start with a financial year such as 2022/23 or a month such as 2022-06, then the target`);
      return;
    }
    const [, year, separator, second, target] = match;
    const start = Number(year);
    if (separator === '-' && second.length === 2) {
      // YYYY-MM, as the API writes a month.
      if (Number(second) >= 1 && Number(second) <= 12) targets.push({ month: `${year}-${second}`, target: target.trim() });
      else problems.push(`line ${index + 1}: ${year}-${second} is not a month (write a financial year as ${year}/${String((start + 1) % 100).padStart(2, '0')})`);
      return;
    }
    const end = second === undefined ? null : second.length === 4 ? Number(second) : Number(second) === (start + 1) % 100 ? start + 1 : -1;
    if (end !== null && end !== start + 1) {
      problems.push(`line ${index + 1}: ${year}/${second} is not a financial year (April to March, such as ${year}/${String((start + 1) % 100).padStart(2, '0')})`);
      return;
    }
    targets.push({ financialYear: start, target: target.trim() });
  });
  return { targets, problems };
}

/**
 * The API's CreateIndicatorDto / UpdateIndicatorDto from the form. Figures
 * are sent as numbers when they are numbers, else as typed, so the API's DTO
 * refuses them in its own words. Comparators are not on the form: an update
 * leaves them as they are (imports and the API set them).
 */
export function indicatorInput(entries: IndicatorEntries, targets: TargetLine[], extra: { planId?: string; version?: unknown }): Record<string, unknown> {
  const input: Record<string, unknown> = {
    title: entries.title,
    definition: entries.definition.trim() || null,
    polarity: entries.polarity || null,
    ownerId: entries.ownerId || null,
    leadAgencyIds: entries.leadAgencyIds,
    sectionIds: entries.sectionIds,
    tolerance: entries.toleranceBasis ? { basis: entries.toleranceBasis, green: figureOf(entries.toleranceGreen), amber: figureOf(entries.toleranceAmber) } : null,
    targets,
  };
  if (entries.unit) input.unit = entries.unit;
  if (entries.frequency) input.frequency = entries.frequency;
  if (entries.cumulation) input.cumulation = entries.cumulation;
  if (extra.planId !== undefined) input.planId = extra.planId;
  if (extra.version !== undefined) input.version = versionOf(extra.version);
  return input;
}

/**
 * The API's problems as the form shows them, in the form's order: each
 * target's problem said once, at the targets box, with its line
 * ("targets[1].target" is the second target line typed).
 */
export function indicatorErrors(problems: Record<string, string>, input: Record<string, unknown>, targetProblems: string[] = []): FormErrors {
  const collapsed: Record<string, string> = {};
  for (const [path, problem] of Object.entries(problems)) {
    const indexed = /^targets\[(\d+)\](?:\.(\w+))?$/.exec(path);
    if (indexed) {
      const key = 'targets';
      if (!(key in collapsed)) collapsed[key] = `on target ${Number(indexed[1]) + 1}: ${indexed[2] ? `${indexed[2] === 'target' ? 'the target' : indexed[2]} ` : ''}${problem}`;
      continue;
    }
    if (/^(leadAgencyIds|sectionIds)\[/.test(path)) {
      const key = path.slice(0, path.indexOf('['));
      if (!(key in collapsed)) collapsed[key] = problem;
      continue;
    }
    collapsed[path] = problem;
  }
  // A rule that words its refusal as a whole sentence ("The amber tolerance (1) cannot be narrower than the green (2)") is said as it is, at its field.
  const sentences = Object.entries(collapsed).filter(([, problem]) => /^[A-Z]/.test(problem));
  for (const [path] of sentences) delete collapsed[path];
  const errors = formErrors(collapsed, input, INDICATOR_WORDING);
  for (const [path, problem] of sentences) addError(errors, INDICATOR_WORDING[path]?.id ?? path, problem);
  for (const problem of targetProblems) {
    if (!errors.byField.targets) addError(errors, 'targets', `Targets: ${problem}`);
  }
  return errors;
}
