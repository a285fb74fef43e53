import { ApiProperty } from '@nestjs/swagger';
import { Assert, Describes } from '../../common/openapi';
import { vocabulary } from '../../plans/dto/plan.responses';
import type { AuthService, PasswordChanged, TokenPair } from '../auth.service';
import { API_TOKEN_SCOPES, ApiTokenScope } from '../entities/api-token.entity';
import { PLAN_ROLES, PlanRole } from '../entities/plan-member.entity';
import { ROLES, Role } from '../roles';
import type { UserView } from '../users.service';

/** What the sign-in, me and users APIs answer. */

export const PLAN_ROLE = vocabulary('PlanRole', PLAN_ROLES, 'chair: chairs the plan\'s improvement board (with the board_chair role); viewer: reads it');
export const ROLE = vocabulary('Role', ROLES, 'admin manages; board_chair reads and reviews the plans they chair; service_head reports on what their agencies lead; viewer reads the plans given');
const ID = { type: String, format: 'uuid' } as const;
const TIMESTAMP = { type: String, format: 'date-time' } as const;

export class TokenPairResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @ApiProperty({ description: 'Swap it once, at POST /api/auth/refresh, for a new pair' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Seconds the access token lasts' })
  expiresIn!: number;
}

/** What a new password ended besides: the answer tells the person. */
export class PasswordChangedResponse {
  @ApiProperty({ example: 'Your password has been changed. 2 personal API tokens have been revoked: make new ones for your scripts.' })
  message!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Sessions of the account ended (all of them for a reset link; all but this one for a change)' })
  otherSessionsEnded!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Personal API tokens revoked: every one that still worked' })
  apiTokensRevoked!: number;
}

const API_TOKEN_SCOPE = { enum: API_TOKEN_SCOPES, description: 'read_only: GET and HEAD requests only; read_write: whatever its owner may do' } as const;
const LAST_DAY = { type: String, format: 'date', nullable: true, description: 'The last day it works (Europe/London); null: until revoked' } as const;
const STOPS_AT = { ...TIMESTAMP, nullable: true, description: 'The instant it stops working: the midnight after its last day' } as const;

export class MessageResponse {
  @ApiProperty({ example: 'If that address has an account, a reset link is on its way.' })
  message!: string;
}

export class ApiTokenResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty({ description: 'What the token is for' })
  name!: string;

  @ApiProperty({ description: 'The first characters of the token, to tell tokens apart', example: 'ipm_3kQ9xZ' })
  tokenPrefix!: string;

  @ApiProperty(TIMESTAMP)
  createdAt!: Date;

  @ApiProperty(API_TOKEN_SCOPE)
  scope!: ApiTokenScope;

  @ApiProperty(LAST_DAY)
  expiresOn!: string | null;

  @ApiProperty(STOPS_AT)
  expiresAt!: Date | null;

  @ApiProperty({ ...TIMESTAMP, nullable: true })
  lastUsedAt!: Date | null;

  @ApiProperty({ ...TIMESTAMP, nullable: true })
  revokedAt!: Date | null;
}

/** The only answer that holds the token itself: it is stored as a hash. */
export class CreatedApiTokenResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Shown once: keep it somewhere safe, and send it as `Authorization: Bearer <token>`', example: 'ipm_…' })
  token!: string;

  @ApiProperty()
  tokenPrefix!: string;

  @ApiProperty(API_TOKEN_SCOPE)
  scope!: ApiTokenScope;

  @ApiProperty(LAST_DAY)
  expiresOn!: string | null;

  @ApiProperty(STOPS_AT)
  expiresAt!: Date | null;
}

export class ContactPreferencesResponse {
  @ApiProperty({ enum: ['daily', 'weekly'], description: 'Reminders as one daily digest, or one on Monday' })
  digest!: 'daily' | 'weekly';
}

export class UserLeadAgencyResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: "Hears about the agency's activities that have no owner" })
  isContact!: boolean;
}

export class UserPlanRoleResponse {
  @ApiProperty(ID)
  planId!: string;

  @ApiProperty(PLAN_ROLE)
  role!: PlanRole;
}

export class UserResponse {
  @ApiProperty(ID)
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty({ type: String, nullable: true })
  jobTitle!: string | null;

  @ApiProperty({ ...ROLE, isArray: true })
  roles!: Role[];

  @ApiProperty({ description: 'A deactivated person cannot sign in; their record stays readable' })
  active!: boolean;

  @ApiProperty({ type: () => ContactPreferencesResponse })
  contactPreferences!: ContactPreferencesResponse;

  @ApiProperty({ type: () => [UserLeadAgencyResponse], description: 'The agencies the person belongs to' })
  leadAgencies!: UserLeadAgencyResponse[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'The plans the person is given, whatever the role on each' })
  planIds!: string[];

  @ApiProperty({ type: () => [UserPlanRoleResponse], description: 'The plans the person is given with the role on each' })
  planRoles!: UserPlanRoleResponse[];

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Send it back with a change: a stale version is refused with 409' })
  version!: number;
}

type ApiTokenRow = Awaited<ReturnType<AuthService['listApiTokens']>>[number];

export type TokenPairChecked = Assert<Describes<TokenPairResponse, TokenPair>>;
export type PasswordChangedChecked = Assert<Describes<PasswordChangedResponse, PasswordChanged>>;
export type UserChecked = Assert<Describes<UserResponse, UserView>>;
export type CreatedApiTokenChecked = Assert<Describes<CreatedApiTokenResponse, Awaited<ReturnType<AuthService['createApiToken']>>>>;
export type ApiTokenChecked = Assert<Describes<ApiTokenResponse, Pick<ApiTokenRow, keyof ApiTokenResponse>>>;
