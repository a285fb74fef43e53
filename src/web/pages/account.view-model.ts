import type { UserView } from '../../accounts/users.service';
import { roleName } from '../navigation';

export interface TokenRow {
  id: string;
  name: string;
  tokenPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** The digest choices, shaped for govukRadios. */
export const DIGEST_CHOICES = [
  { value: 'daily', text: 'Daily', hint: { text: 'One email on each working day you have something due, overdue or escalated.' } },
  { value: 'weekly', text: 'Weekly', hint: { text: 'One email on the first working day of each week. Escalations to the board chair still come on the day.' } },
] as const;

/** What "Your account" shows: the person, their reminder emails and their API tokens, in words. */
export function accountViewModel(user: UserView, tokens: TokenRow[], now: Date = new Date()) {
  const digest = user.contactPreferences?.digest === 'weekly' ? 'weekly' : 'daily';
  return {
    user: {
      name: user.name,
      email: user.email,
      jobTitle: user.jobTitle,
      roles: user.roles.map(roleName),
      agencies: user.leadAgencies.map((agency) => ({ name: agency.name, isContact: agency.isContact })),
      digest: DIGEST_CHOICES.find((choice) => choice.value === digest)!.text,
    },
    tokens: tokens.map((token) => ({
      id: token.id,
      name: token.name,
      tokenPrefix: token.tokenPrefix,
      createdAt: token.createdAt,
      lastUsedAt: token.lastUsedAt,
      status: token.revokedAt ? 'Revoked' : token.expiresAt && token.expiresAt <= now ? 'Expired' : 'Active',
      active: !token.revokedAt && !(token.expiresAt && token.expiresAt <= now),
    })),
  };
}
