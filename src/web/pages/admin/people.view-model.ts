import type { PlanRole } from '../../../accounts/entities/plan-member.entity';
import type { UserView } from '../../../accounts/users.service';

/** The person form as the page holds it: text as typed, ticked boxes, a seat (or none) per plan. */
export interface PersonForm {
  name: string;
  email: string;
  jobTitle: string;
  roles: string[];
  leadAgencyIds: string[];
  contactForLeadAgencyIds: string[];
  /** Plan id -> 'chair', 'viewer' or '' (no seat). */
  seats: Record<string, PlanRole | ''>;
  digest: string;
  /** Only when adding someone: email them a link to set their password. */
  sendLink?: boolean;
}

/** The field a plan's seat is chosen in: one radio group per plan. */
export function seatFieldId(planId: string): string {
  return `seat-${planId}`;
}

export function personFormValues(person: UserView | null): PersonForm {
  if (!person) return { name: '', email: '', jobTitle: '', roles: [], leadAgencyIds: [], contactForLeadAgencyIds: [], seats: {}, digest: 'daily', sendLink: true };
  return {
    name: person.name,
    email: person.email,
    jobTitle: person.jobTitle ?? '',
    roles: [...person.roles],
    leadAgencyIds: person.leadAgencies.map((agency) => agency.id),
    contactForLeadAgencyIds: person.leadAgencies.filter((agency) => agency.isContact).map((agency) => agency.id),
    seats: Object.fromEntries(person.planRoles.map((seat) => [seat.planId, seat.role])),
    digest: person.contactPreferences?.digest ?? 'daily',
  };
}

/**
 * What the form sends UsersService, shaped as the API's DTO: seats as
 * planRoles (the role on each plan), never planIds as well. `seats` lists the
 * plans in the order of planRoles, to put the API's `planRoles[1].role` back
 * on the plan it is about.
 */
export function personInput(values: PersonForm) {
  const seated = Object.entries(values.seats).filter((entry): entry is [string, PlanRole] => entry[1] !== '');
  return {
    seats: seated.map(([planId]) => planId),
    input: {
      name: values.name,
      email: values.email,
      jobTitle: values.jobTitle.trim() === '' ? null : values.jobTitle.trim(),
      roles: values.roles,
      leadAgencyIds: values.leadAgencyIds,
      contactForLeadAgencyIds: values.contactForLeadAgencyIds,
      planRoles: seated.map(([planId, role]) => ({ planId, role })),
      contactPreferences: { digest: values.digest },
    },
  };
}

const CHAIR_WORDS = 'Improvement board chair';

/**
 * The service's problems in the person's words and on the fields the page
 * shows: a seat's problem on that plan's radios, naming the role to tick; an
 * email that is taken; an agency list as one box.
 */
export function personProblems(problems: Record<string, string>, seats: string[], plans: Array<{ id: string; title: string }>): Record<string, string> {
  const titles = new Map(plans.map((plan) => [plan.id, plan.title]));
  const out: Record<string, string> = {};
  for (const [path, problem] of Object.entries(problems)) {
    const seat = /^planRoles\[(\d+)\]\.(role|planId)$/.exec(path);
    if (seat) {
      const planId = seats[Number(seat[1])];
      const title = titles.get(planId) ?? 'this plan';
      // Worded to follow the label "The seat on".
      const words = problem.startsWith('chair needs')
        ? `“${title}” as chair needs the ${CHAIR_WORDS} role: tick it under Roles, or choose Viewer`
        : problem.startsWith('viewer needs')
          ? `“${title}” as viewer needs the Viewer or ${CHAIR_WORDS} role: tick one under Roles`
          : `“${title}” ${problem}`;
      if (planId && !out[seatFieldId(planId)]) out[seatFieldId(planId)] = words;
      continue;
    }
    if (path === 'email' && problem.startsWith('another user')) {
      out.email = 'is already used by another person';
      continue;
    }
    const list = /^(leadAgencyIds|contactForLeadAgencyIds)\[\d+\]$/.exec(path);
    const key = list ? list[1] : path;
    if (!out[key]) out[key] = problem;
  }
  return out;
}
