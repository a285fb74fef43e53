import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'crypto';
import type { Response } from 'supertest';
import {
  ActivityBody,
  LeadAgencyBody,
  PlanTreeBody,
  agencyAndDescendants,
  agencyNamed,
  allActivities,
  allRecommendations,
  createSmallPlan,
  demoPlan,
  idsOf,
  leadAgencies,
  planTree,
  smallPlanBody,
} from './support/plans-fixtures';
import { startWebApp } from './support/browser';
import { TestIdentityProvider, csrfOf, newCookieBrowser, startIdentityProvider, walk } from './support/oidc-provider';
import { TEST_PASSWORD, TestApp } from './support/test-app';

/**
 * The permission matrix of issue 3: every endpoint x every kind of caller, the
 * status it must answer, and on every refusal proof that nothing changed.
 * 404 = outside the caller's reach (ids cannot be probed); 403 = the caller
 * may see the thing (or the route is closed to their role whatever the id) but
 * may not do it; 401 = no valid token.
 *
 * `sso` is a viewer whose account single sign-on created (issue 16): no plans,
 * so it reaches nothing, as the police head (whose agency leads nothing) does,
 * and it calls with the personal API token it made after signing in, as a
 * script would. Its column is the police column, except where an API token is
 * refused whoever holds it (making tokens, feed addresses or passwords: 403),
 * marked `sso` on the row.
 */
type Client = TestApp['http'];
type Who = 'admin' | 'chair' | 'csl' | 'nhs' | 'viewer' | 'police' | 'sso';
type BadToken = 'anon' | 'expired' | 'revoked' | 'revokedApi';
type Caller = Who | BadToken;
/** Callers run in this order: refusals first, so the admin's successful write comes last and versions stay valid. */
const CALLERS: Caller[] = ['anon', 'expired', 'revoked', 'revokedApi', 'sso', 'police', 'nhs', 'csl', 'viewer', 'chair', 'admin'];
const PEOPLE: Who[] = ['admin', 'chair', 'csl', 'nhs', 'viewer', 'police'];
const EMAIL: Record<Exclude<Who, 'admin' | 'police' | 'sso'>, string> = {
  chair: 'chair@demo.test',
  csl: 'head.csl@demo.test',
  nhs: 'head.nhs@demo.test',
  viewer: 'viewer@demo.test',
};
const POLICE_EMAIL = 'head.police@demo.test';

jest.setTimeout(60_000);

let t: TestApp;
const clients = {} as Record<Caller, Client>;
/** Ids every row is built from, filled in by beforeAll. */
const f = {} as {
  demo: string; other: string; sgSection: string; otherSection: string; cslRec: string; nhsRec: string; otherRec: string;
  aCsl: string; aCslDone: string; aNhs: string; aOther: string; agency: string; cslAgency: string;
  nhsUser: string; viewerUser: string; adminToken: string; closureDay: string; ssoUser: string; feed: string;
  spare: { plan: string; section: string; rec: string; activity: string; agency: string };
  iCsl: string; iNhs: string; iOther: string;
  board: string; meeting: string; action: string; panel: string; panelMeeting: string; recommendation: string; spareBoard: string;
  spareMeeting: string; spareAction: string; spareRecommendation: string;
};

/** The current version of a row, read as the admin at call time. */
const version = async (path: string): Promise<number> => (await t.http.get(path)).body.version ?? 0;
const rag = async (activityId: string) => ({
  rating: 'amber',
  reason: 'Board asked for a closer look',
  expiresOn: '2031-12-31',
  version: await version(`/api/activities/${activityId}`),
});
const setOverride = async (activityId: string) => {
  await t.http.put(`/api/activities/${activityId}/rag-override`).send(await rag(activityId)).expect(200);
};
const clearOverride = async (c: Client, activityId: string) =>
  c.delete(`/api/activities/${activityId}/rag-override?version=${await version(`/api/activities/${activityId}`)}`);

type Call = (c: Client) => PromiseLike<Response>;
type Codes = [admin: number, chair: number, csl: number, nhs: number, viewer: number, police: number];
/** readOnly: a POST that only reads (an import preview), so it must change nothing even when allowed. */
type Row = [label: string, call: Call, codes: Codes, options?: { public?: boolean; prepare?: () => Promise<void>; sso?: number; readOnly?: boolean }];
const ALL = (code: number): Codes => [code, code, code, code, code, code];
const ADMIN_ONLY = (code: number): Codes => [code, 403, 403, 403, 403, 403];
const ONLY_ADMIN_SEES = (code: number): Codes => [code, 404, 404, 404, 404, 404];

// Indicators: each allowed write must write something new, so figures and texts differ call by call.
let written = 0;
const next = () => ++written;
const valueVersion = async (indicatorId: string, month: string): Promise<number> =>
  ((await t.http.get(`/api/indicators/${indicatorId}/values?from=${month}&to=${month}`)).body.items?.[0]?.version as number | undefined) ?? 0;
const enterValue = async (c: Client, indicatorId: string) => c.put(`/api/indicators/${indicatorId}/values/2012-11`).send({ value: next(), version: await valueVersion(indicatorId, '2012-11') });
const judgement = async (sectionId: string) => (await t.http.get(`/api/sections/${sectionId}/months/2012-10`)).body;
const writeNarrative = async (c: Client, sectionId: string) =>
  c.put(`/api/sections/${sectionId}/months/2012-10/narrative`).send({ dataTellsUs: `Written by the matrix, take ${next()}`, version: (await judgement(sectionId)).narrative?.version ?? 0 });
const ratePriority = async (c: Client, sectionId: string) =>
  c.put(`/api/sections/${sectionId}/months/2012-10/rating`).send({ rating: 'amber', riskLabel: 'medium', reason: `Matrix rating ${next()}`, version: (await judgement(sectionId)).ratingVersion ?? 0 });
const setRating = async (sectionId: string) => {
  if (!(await judgement(sectionId)).rating) await ratePriority(t.http, sectionId).then((r) => expect(r.status).toBe(200));
};
const withdrawRating = async (c: Client, sectionId: string) => c.delete(`/api/sections/${sectionId}/months/2012-10/rating?version=${(await judgement(sectionId)).ratingVersion}`);
const settingsVersion = async () => (await t.http.get(`/api/plans/${f.demo}/indicator-settings`)).body.version ?? 0;
const SHEET = (title: string) => `Indicator,Outturn type,Oct-12,Target\n${title},PERCENTAGE,50%,60%\n`;
const importSheet = (c: Client, path: string) => c.post(path).send({ planId: f.demo, text: SHEET(`Matrix imported indicator ${next()}`), format: 'csv' });

// Boards (issue 14): the matrix's board chaired by the demo chair, with head.nhs (a partner lead at the table) and the viewer as
// members; head.csl and the police head do not sit at it. It oversees no plan, so seats change nothing else in the matrix.
const BOARD_READ: Codes = [200, 200, 404, 200, 200, 404];
const BOARD_CHAIR = (code: number): Codes => [code, code, 404, 403, 403, 404];
// The matrix's scrutiny panel: chaired by the demo chair, the viewer its member.
const PANEL_READ: Codes = [200, 200, 404, 404, 200, 404];
const PANEL_CHAIR = (code: number): Codes => [code, code, 404, 404, 403, 404];
const spareMeeting = async () => {
  f.spareMeeting = (await t.http.post('/api/meetings').send({ boardId: f.board, meetingDate: '2013-02-11' }).expect(201)).body.id;
};
const spareAction = async () => {
  f.spareAction = (await t.http.post('/api/actions').send({ meetingId: f.meeting, text: `Matrix action ${next()}`, ownerIds: [f.nhsUser] }).expect(201)).body.id;
};
const spareRecommendation = async (progress = 'continue_monitoring') => {
  f.spareRecommendation = (
    await t.http.post('/api/scrutiny-recommendations').send({ boardId: f.panel, meetingDate: '2012-09-20', title: `Matrix item ${next()}`, actionProposed: ['Report back'], progress }).expect(201)
  ).body.id;
};
const MINUTES = () => `Action\tOwner\nMatrix imported action ${next()}\tNS`;
const MONITORING = () => `Date\tTitle\tAction proposed\tAction taken\tProgress status\n20/09/2012\tMatrix imported item ${next()}\tReport back\t\tContinue monitoring`;

// prettier-ignore
const ROWS: Row[] = [
  //                                                                                                              admin chair csl  nhs  viewer police
  ['GET    /health (public)', (c) => c.get('/health'), ALL(200), { public: true }],
  // Plans
  ['GET    /api/plans', (c) => c.get('/api/plans'), ALL(200)],
  ['POST   /api/plans', (c) => c.post('/api/plans').send(smallPlanBody({ title: 'Matrix plan' })), ADMIN_ONLY(201)],
  ['GET    /api/plans/:demo', (c) => c.get(`/api/plans/${f.demo}`), [200, 200, 200, 200, 200, 404]],
  ['GET    /api/plans/:other', (c) => c.get(`/api/plans/${f.other}`), ONLY_ADMIN_SEES(200)],
  ['PATCH  /api/plans/:demo', async (c) => c.patch(`/api/plans/${f.demo}`).send({ status: 'approved', version: await version(`/api/plans/${f.demo}`) }), ADMIN_ONLY(200)],
  ['DELETE /api/plans/:spare', async (c) => c.delete(`/api/plans/${f.spare.plan}?version=${await version(`/api/plans/${f.spare.plan}`)}`), ADMIN_ONLY(204)],
  ['GET    /api/plans/:demo/summary', (c) => c.get(`/api/plans/${f.demo}/summary?asOf=2012-10-01`), [200, 200, 200, 200, 200, 404]],
  ['GET    /api/plans/:other/summary', (c) => c.get(`/api/plans/${f.other}/summary`), ONLY_ADMIN_SEES(200)],
  // Sections
  ['GET    /api/sections?planId=demo', (c) => c.get(`/api/sections?planId=${f.demo}`), [200, 200, 200, 200, 200, 404]],
  ['GET    /api/sections?planId=other', (c) => c.get(`/api/sections?planId=${f.other}`), ONLY_ADMIN_SEES(200)],
  ['GET    /api/sections/:demoSafeguarding', (c) => c.get(`/api/sections/${f.sgSection}`), [200, 200, 200, 200, 200, 404]],
  ['GET    /api/sections/:other', (c) => c.get(`/api/sections/${f.otherSection}`), ONLY_ADMIN_SEES(200)],
  ['POST   /api/sections', (c) => c.post('/api/sections').send({ planId: f.demo, title: 'Matrix table' }), ADMIN_ONLY(201)],
  ['PATCH  /api/sections/:demoSafeguarding', async (c) => c.patch(`/api/sections/${f.sgSection}`).send({ sourceReference: '9', version: await version(`/api/sections/${f.sgSection}`) }), ADMIN_ONLY(200)],
  ['DELETE /api/sections/:spare', async (c) => c.delete(`/api/sections/${f.spare.section}?version=${await version(`/api/sections/${f.spare.section}`)}`), ADMIN_ONLY(204)],
  // Recommendations
  ['GET    /api/recommendations?sectionId=demo', (c) => c.get(`/api/recommendations?sectionId=${f.sgSection}`), [200, 200, 200, 200, 200, 404]],
  ['GET    /api/recommendations/:councilOnly', (c) => c.get(`/api/recommendations/${f.cslRec}`), [200, 200, 200, 404, 200, 404]],
  ['GET    /api/recommendations/:nhsLed', (c) => c.get(`/api/recommendations/${f.nhsRec}`), [200, 200, 404, 200, 200, 404]],
  ['GET    /api/recommendations/:other', (c) => c.get(`/api/recommendations/${f.otherRec}`), ONLY_ADMIN_SEES(200)],
  ['POST   /api/recommendations', (c) => c.post('/api/recommendations').send({ sectionId: f.sgSection, number: 99, band: 'within_six_months', text: 'Matrix' }), ADMIN_ONLY(201)],
  ['PATCH  /api/recommendations/:councilOnly', async (c) => c.patch(`/api/recommendations/${f.cslRec}`).send({ sourceReference: '77', version: await version(`/api/recommendations/${f.cslRec}`) }), ADMIN_ONLY(200)],
  ['DELETE /api/recommendations/:spare', async (c) => c.delete(`/api/recommendations/${f.spare.rec}?version=${await version(`/api/recommendations/${f.spare.rec}`)}`), ADMIN_ONLY(204)],
  // Activities
  ['GET    /api/activities', (c) => c.get('/api/activities'), ALL(200)],
  ['GET    /api/activities/:councilOnly', (c) => c.get(`/api/activities/${f.aCsl}`), [200, 200, 200, 404, 200, 404]],
  ['GET    /api/activities/:nhsLed', (c) => c.get(`/api/activities/${f.aNhs}`), [200, 200, 404, 200, 200, 404]],
  ['GET    /api/activities/:other', (c) => c.get(`/api/activities/${f.aOther}`), ONLY_ADMIN_SEES(200)],
  ['POST   /api/activities', (c) => c.post('/api/activities').send({ recommendationId: f.cslRec, text: 'Matrix activity' }), ADMIN_ONLY(201)],
  ['PATCH  /api/activities/:councilOnly', async (c) => c.patch(`/api/activities/${f.aCsl}`).send({ costText: 'Existing resources', version: await version(`/api/activities/${f.aCsl}`) }), ADMIN_ONLY(200)],
  ['PATCH  /api/activities/:nhsLed', async (c) => c.patch(`/api/activities/${f.aNhs}`).send({ costText: 'Existing resources', version: await version(`/api/activities/${f.aNhs}`) }), ADMIN_ONLY(200)],
  ['DELETE /api/activities/:spare', async (c) => c.delete(`/api/activities/${f.spare.activity}?version=${await version(`/api/activities/${f.spare.activity}`)}`), ADMIN_ONLY(204)],
  // Progress, verification, RAG, history
  ['POST   /api/activities/:councilOnly/updates', (c) => c.post(`/api/activities/${f.aCsl}/updates`).send({ status: 'in_progress', percentComplete: 40 }), [201, 403, 201, 404, 403, 404]],
  ['POST   /api/activities/:nhsLed/updates', (c) => c.post(`/api/activities/${f.aNhs}/updates`).send({ status: 'in_progress', percentComplete: 40 }), [201, 403, 404, 201, 403, 404]],
  ['POST   /api/activities/:other/updates', (c) => c.post(`/api/activities/${f.aOther}/updates`).send({ status: 'in_progress' }), ONLY_ADMIN_SEES(201)],
  ['GET    /api/activities/:councilOnly/updates', (c) => c.get(`/api/activities/${f.aCsl}/updates`), [200, 200, 200, 404, 200, 404]],
  ['GET    /api/activities/:nhsLed/updates', (c) => c.get(`/api/activities/${f.aNhs}/updates`), [200, 200, 404, 200, 200, 404]],
  ['GET    /api/activities/:councilOnly/rag', (c) => c.get(`/api/activities/${f.aCsl}/rag?asOf=2012-10-01`), [200, 200, 200, 404, 200, 404]],
  ['GET    /api/activities/:nhsLed/rag', (c) => c.get(`/api/activities/${f.aNhs}/rag`), [200, 200, 404, 200, 200, 404]],
  ['GET    /api/activities/:other/rag', (c) => c.get(`/api/activities/${f.aOther}/rag`), ONLY_ADMIN_SEES(200)],
  ['GET    /api/activities/:councilOnly/history', (c) => c.get(`/api/activities/${f.aCsl}/history`), [200, 200, 200, 404, 200, 404]],
  ['GET    /api/activities/:nhsLed/history', (c) => c.get(`/api/activities/${f.aNhs}/history`), [200, 200, 404, 200, 200, 404]],
  ['POST   /api/activities/:councilOnlyDone/verification', (c) => c.post(`/api/activities/${f.aCslDone}/verification`).send({ note: 'Saw the audit report' }), [200, 200, 403, 404, 403, 404]],
  ['PUT    /api/activities/:councilOnly/rag-override', async (c) => c.put(`/api/activities/${f.aCsl}/rag-override`).send(await rag(f.aCsl)), [200, 200, 403, 404, 403, 404]],
  ['PUT    /api/activities/:nhsLed/rag-override', async (c) => c.put(`/api/activities/${f.aNhs}/rag-override`).send(await rag(f.aNhs)), [200, 200, 404, 403, 403, 404]],
  ['PUT    /api/activities/:other/rag-override', async (c) => c.put(`/api/activities/${f.aOther}/rag-override`).send(await rag(f.aOther)), ONLY_ADMIN_SEES(200)],
  ['DELETE /api/activities/:councilOnly/rag-override', (c) => clearOverride(c, f.aCsl), [204, 204, 403, 404, 403, 404], { prepare: () => setOverride(f.aCsl) }],
  ['DELETE /api/activities/:other/rag-override', (c) => clearOverride(c, f.aOther), ONLY_ADMIN_SEES(204), { prepare: () => setOverride(f.aOther) }],
  // Reviews
  ['GET    /api/reviews/overdue', (c) => c.get('/api/reviews/overdue?asOf=2012-10-01'), ALL(200)],
  ['GET    /api/reviews/at-risk', (c) => c.get('/api/reviews/at-risk?asOf=2012-07-01'), ALL(200)],
  ['GET    /api/reviews/overdue?planId=demo', (c) => c.get(`/api/reviews/overdue?planId=${f.demo}`), [200, 200, 200, 200, 200, 404]],
  ['GET    /api/reviews/at-risk?planId=other', (c) => c.get(`/api/reviews/at-risk?planId=${f.other}`), ONLY_ADMIN_SEES(200)],
  // Performance indicators: read as the plan or the indicator is; values entered by the leads; set up by admins
  ['GET    /api/indicators', (c) => c.get('/api/indicators'), ALL(200)],
  ['GET    /api/indicators?planId=demo', (c) => c.get(`/api/indicators?planId=${f.demo}`), [200, 200, 200, 200, 200, 404]],
  ['GET    /api/indicators?planId=other', (c) => c.get(`/api/indicators?planId=${f.other}`), ONLY_ADMIN_SEES(200)],
  ['POST   /api/indicators', (c) => c.post('/api/indicators').send({ planId: f.demo, title: `Matrix indicator ${next()}`, unit: 'number' }), ADMIN_ONLY(201)],
  ['GET    /api/indicators/:councilLed', (c) => c.get(`/api/indicators/${f.iCsl}`), [200, 200, 200, 404, 200, 404]],
  ['GET    /api/indicators/:nhsLed', (c) => c.get(`/api/indicators/${f.iNhs}`), [200, 200, 404, 200, 200, 404]],
  ['GET    /api/indicators/:other', (c) => c.get(`/api/indicators/${f.iOther}`), ONLY_ADMIN_SEES(200)],
  ['PATCH  /api/indicators/:councilLed', async (c) => c.patch(`/api/indicators/${f.iCsl}`).send({ definition: `Counted monthly ${next()}`, version: await version(`/api/indicators/${f.iCsl}`) }), ADMIN_ONLY(200)],
  ['GET    /api/indicators/:councilLed/values', (c) => c.get(`/api/indicators/${f.iCsl}/values?from=2012-06&to=2012-12`), [200, 200, 200, 404, 200, 404]],
  ['GET    /api/indicators/:nhsLed/values/:month/history', (c) => c.get(`/api/indicators/${f.iNhs}/values/2012-10/history`), [200, 200, 404, 200, 200, 404]],
  ['PUT    /api/indicators/:councilLed/values/:month', (c) => enterValue(c, f.iCsl), [200, 403, 200, 404, 403, 404]],
  ['PUT    /api/indicators/:nhsLed/values/:month', (c) => enterValue(c, f.iNhs), [200, 403, 404, 200, 403, 404]],
  ['PUT    /api/indicators/:other/values/:month', (c) => enterValue(c, f.iOther), ONLY_ADMIN_SEES(200)],
  ['POST   /api/indicators/imports/preview', (c) => importSheet(c, '/api/indicators/imports/preview'), ADMIN_ONLY(200), { readOnly: true }],
  ['POST   /api/indicators/imports', (c) => importSheet(c, '/api/indicators/imports'), ADMIN_ONLY(201)],
  ['GET    /api/plans/:demo/indicator-settings', (c) => c.get(`/api/plans/${f.demo}/indicator-settings`), [200, 200, 200, 200, 200, 404]],
  ['PUT    /api/plans/:demo/indicator-settings', async (c) => c.put(`/api/plans/${f.demo}/indicator-settings`).send({ returnWorkingDays: (next() % 20) + 1, version: await settingsVersion() }), ADMIN_ONLY(200)],
  // A priority's month: whole-plan readers read it, the plan's chair writes it
  ['GET    /api/sections/:demoSafeguarding/months/:month', (c) => c.get(`/api/sections/${f.sgSection}/months/2012-10`), [200, 200, 403, 403, 200, 404]],
  ['GET    /api/sections/:other/months/:month', (c) => c.get(`/api/sections/${f.otherSection}/months/2012-10`), ONLY_ADMIN_SEES(200)],
  ['PUT    /api/sections/:demoSafeguarding/months/:month/narrative', (c) => writeNarrative(c, f.sgSection), [200, 200, 403, 403, 403, 404]],
  ['PUT    /api/sections/:other/months/:month/narrative', (c) => writeNarrative(c, f.otherSection), ONLY_ADMIN_SEES(200)],
  ['PUT    /api/sections/:demoSafeguarding/months/:month/rating', (c) => ratePriority(c, f.sgSection), [200, 200, 403, 403, 403, 404]],
  ['DELETE /api/sections/:demoSafeguarding/months/:month/rating', (c) => withdrawRating(c, f.sgSection), [204, 204, 403, 403, 403, 404], { prepare: () => setRating(f.sgSection) }],
  // The board's performance report shows the whole plan, as the other plan reports do
  ['GET    /api/plans/:demo/performance-report', (c) => c.get(`/api/plans/${f.demo}/performance-report?asOf=2012-10`), [200, 200, 403, 403, 200, 404]],
  ['GET    /api/plans/:other/performance-report', (c) => c.get(`/api/plans/${f.other}/performance-report?asOf=2012-10`), ONLY_ADMIN_SEES(200)],
  // Boards, meetings and packs: set up by admins; read by whoever sits at the board; run, and packs issued, by its chair
  ['GET    /api/boards', (c) => c.get('/api/boards'), ALL(200)],
  ['POST   /api/boards', (c) => c.post('/api/boards').send({ name: `Matrix board ${next()}`, kind: 'other' }), ADMIN_ONLY(201)],
  ['GET    /api/boards/:board', (c) => c.get(`/api/boards/${f.board}`), BOARD_READ],
  ['PATCH  /api/boards/:board', async (c) => c.patch(`/api/boards/${f.board}`).send({ cadenceMonths: (next() % 12) + 1, version: await version(`/api/boards/${f.board}`) }), ADMIN_ONLY(200)],
  ['DELETE /api/boards/:spare', async (c) => c.delete(`/api/boards/${f.spareBoard}?version=${await version(`/api/boards/${f.spareBoard}`)}`), ADMIN_ONLY(204)],
  ['GET    /api/meetings?boardId=board', (c) => c.get(`/api/meetings?boardId=${f.board}`), BOARD_READ],
  ['POST   /api/meetings', (c) => c.post('/api/meetings').send({ boardId: f.board, meetingDate: '2012-12-17' }), BOARD_CHAIR(201)],
  ['GET    /api/meetings/:meeting', (c) => c.get(`/api/meetings/${f.meeting}`), BOARD_READ],
  ['PATCH  /api/meetings/:meeting', async (c) => c.patch(`/api/meetings/${f.meeting}`).send({ agenda: [`Item ${next()}`], version: await version(`/api/meetings/${f.meeting}`) }), BOARD_CHAIR(200)],
  ['DELETE /api/meetings/:spare', (c) => c.delete(`/api/meetings/${f.spareMeeting}?version=1`), BOARD_CHAIR(204), { prepare: spareMeeting }],
  ['POST   /api/meetings/:meeting/pack', (c) => c.post(`/api/meetings/${f.meeting}/pack`).send({ asOf: '2012-10-08' }), BOARD_CHAIR(201)],
  ['POST   /api/meetings/:meeting/pack/issue', (c) => c.post(`/api/meetings/${f.meeting}/pack/issue`).send({ asOf: '2012-10-08' }), BOARD_CHAIR(201)],
  ['GET    /api/meetings/:meeting/pack', (c) => c.get(`/api/meetings/${f.meeting}/pack`), BOARD_READ],
  ['GET    /api/meetings/:meeting/action-log', (c) => c.get(`/api/meetings/${f.meeting}/action-log`), BOARD_READ],
  // The action log: written by the chair, closed by the chair or an owner (head.nhs owns the matrix's actions)
  ['GET    /api/actions?boardId=board', (c) => c.get(`/api/actions?boardId=${f.board}`), BOARD_READ],
  ['POST   /api/actions', (c) => c.post('/api/actions').send({ meetingId: f.meeting, text: `Matrix action ${next()}`, ownerIds: [f.nhsUser] }), BOARD_CHAIR(201)],
  ['GET    /api/actions/:action', (c) => c.get(`/api/actions/${f.action}`), BOARD_READ],
  ['PATCH  /api/actions/:action', async (c) => c.patch(`/api/actions/${f.action}`).send({ note: `Matrix note ${next()}`, version: await version(`/api/actions/${f.action}`) }), BOARD_CHAIR(200)],
  ['POST   /api/actions/:spare/close', (c) => c.post(`/api/actions/${f.spareAction}/close`).send({ note: 'Done', version: 1 }), [201, 201, 404, 201, 403, 404], { prepare: spareAction }],
  ['DELETE /api/actions/:spare', (c) => c.delete(`/api/actions/${f.spareAction}?version=1`), BOARD_CHAIR(204), { prepare: spareAction }],
  ['POST   /api/meetings/:meeting/actions/import/preview', (c) => c.post(`/api/meetings/${f.meeting}/actions/import/preview`).send({ text: MINUTES() }), BOARD_CHAIR(200), { readOnly: true }],
  ['POST   /api/meetings/:meeting/actions/import', (c) => c.post(`/api/meetings/${f.meeting}/actions/import`).send({ text: MINUTES() }), BOARD_CHAIR(201)],
  // A scrutiny panel's monitoring list: kept by its chair, read by its members
  ['GET    /api/scrutiny-recommendations?boardId=panel', (c) => c.get(`/api/scrutiny-recommendations?boardId=${f.panel}`), PANEL_READ],
  ['POST   /api/scrutiny-recommendations', (c) => c.post('/api/scrutiny-recommendations').send({ boardId: f.panel, meetingDate: '2012-09-20', title: `Matrix item ${next()}`, actionProposed: ['Report back'] }), PANEL_CHAIR(201)],
  ['GET    /api/scrutiny-recommendations/:recommendation', (c) => c.get(`/api/scrutiny-recommendations/${f.recommendation}`), PANEL_READ],
  ['PATCH  /api/scrutiny-recommendations/:recommendation', async (c) => c.patch(`/api/scrutiny-recommendations/${f.recommendation}`).send({ actionTaken: [`Matrix response ${next()}`], version: await version(`/api/scrutiny-recommendations/${f.recommendation}`) }), PANEL_CHAIR(200)],
  ['DELETE /api/scrutiny-recommendations/:spare', (c) => c.delete(`/api/scrutiny-recommendations/${f.spareRecommendation}?version=1`), PANEL_CHAIR(204), { prepare: () => spareRecommendation() }],
  ['POST   /api/scrutiny-recommendations/:spare/decisions', (c) => c.post(`/api/scrutiny-recommendations/${f.spareRecommendation}/decisions`).send({ meetingId: f.panelMeeting, decision: 'not_accepted' }), PANEL_CHAIR(201), { prepare: () => spareRecommendation('achieved') }],
  ['GET    /api/meetings/:panelMeeting/scrutiny-monitoring', (c) => c.get(`/api/meetings/${f.panelMeeting}/scrutiny-monitoring`), PANEL_READ],
  ['POST   /api/boards/:panel/scrutiny-recommendations/import/preview', (c) => c.post(`/api/boards/${f.panel}/scrutiny-recommendations/import/preview`).send({ text: MONITORING() }), PANEL_CHAIR(200), { readOnly: true }],
  ['POST   /api/boards/:panel/scrutiny-recommendations/import', (c) => c.post(`/api/boards/${f.panel}/scrutiny-recommendations/import`).send({ text: MONITORING() }), PANEL_CHAIR(201)],
  // Audit
  ['GET    /api/audit', (c) => c.get('/api/audit'), [200, 200, 403, 403, 403, 403]],
  // Reminders: work nobody hears about
  ['GET    /api/admin/reminders/unheard', (c) => c.get(`/api/admin/reminders/unheard?planId=${f.demo}`), ADMIN_ONLY(200)],
  // Lead agencies
  ['GET    /api/lead-agencies', (c) => c.get('/api/lead-agencies'), ALL(200)],
  ['GET    /api/lead-agencies/:id', (c) => c.get(`/api/lead-agencies/${f.agency}`), ALL(200)],
  ['POST   /api/lead-agencies', (c) => c.post('/api/lead-agencies').send({ name: 'Matrix Trust' }), ADMIN_ONLY(201)],
  ['PATCH  /api/lead-agencies/:id', async (c) => c.patch(`/api/lead-agencies/${f.agency}`).send({ shortName: 'NHS Soton', version: await version(`/api/lead-agencies/${f.agency}`) }), ADMIN_ONLY(200)],
  ['DELETE /api/lead-agencies/:spare', async (c) => c.delete(`/api/lead-agencies/${f.spare.agency}?version=${await version(`/api/lead-agencies/${f.spare.agency}`)}`), ADMIN_ONLY(204)],
  // Closure days
  ['GET    /api/closure-days', (c) => c.get('/api/closure-days'), ALL(200)],
  ['POST   /api/closure-days', (c) => c.post('/api/closure-days').send({ date: '2031-03-05', description: 'Matrix closure' }), ADMIN_ONLY(201)],
  ['DELETE /api/closure-days/:date', (c) => c.delete(`/api/closure-days/${f.closureDay}`), ADMIN_ONLY(204)],
  // Me: each person acts on themselves only
  ['GET    /api/me', (c) => c.get('/api/me'), ALL(200)],
  ['PATCH  /api/me', async (c) => c.patch('/api/me').send({ jobTitle: 'Updated by matrix', version: (await c.get('/api/me')).body.version ?? 0 }), ALL(200)],
  ['PATCH  /api/me (own roles)', async (c) => c.patch('/api/me').send({ roles: ['admin'], version: (await c.get('/api/me')).body.version ?? 0 }), ALL(400)],
  ['GET    /api/me/api-tokens', (c) => c.get('/api/me/api-tokens'), ALL(200)],
  ['POST   /api/me/api-tokens', (c) => c.post('/api/me/api-tokens').send({ name: 'Matrix export' }), ALL(201), { sso: 403 }],
  ['DELETE /api/me/api-tokens/:adminsToken', (c) => c.delete(`/api/me/api-tokens/${f.adminToken}`), ONLY_ADMIN_SEES(204), { sso: 403 }],
  ['POST   /api/me/password', (c) => c.post('/api/me/password').send({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }), ALL(200), { sso: 403 }],
  // Calendar feeds: each person's own; a plan's for those who read it whole. The feed itself is read by its address alone.
  ['GET    /calendar/:feed.ics (public: the address is the credential)', (c) => c.get(`/calendar/${f.feed}.ics`), ALL(200), { public: true }],
  ['GET    /api/me/calendar-feed', (c) => c.get('/api/me/calendar-feed'), ALL(200)],
  ['POST   /api/me/calendar-feed', (c) => c.post('/api/me/calendar-feed'), ALL(201), { sso: 403 }],
  ['DELETE /api/me/calendar-feed (made just above)', (c) => c.delete('/api/me/calendar-feed'), ALL(204), { sso: 404 }],
  ['GET    /api/plans/:demo/calendar-feed', (c) => c.get(`/api/plans/${f.demo}/calendar-feed`), [200, 200, 403, 403, 200, 404]],
  ['POST   /api/plans/:demo/calendar-feed', (c) => c.post(`/api/plans/${f.demo}/calendar-feed`), [201, 201, 403, 403, 201, 404], { sso: 403 }],
  ['DELETE /api/plans/:demo/calendar-feed (made just above)', (c) => c.delete(`/api/plans/${f.demo}/calendar-feed`), [204, 204, 404, 404, 204, 404]],
  ['POST   /api/plans/:other/calendar-feed', (c) => c.post(`/api/plans/${f.other}/calendar-feed`), ONLY_ADMIN_SEES(201), { sso: 403 }],
  // Users (admin only, whatever the id, even one's own)
  ['GET    /api/users', (c) => c.get('/api/users'), ADMIN_ONLY(200)],
  ['POST   /api/users', (c) => c.post('/api/users').send({ name: 'Matrix Person', email: `matrix.${randomUUID()}@demo.test`, roles: ['viewer'] }), ADMIN_ONLY(201)],
  ['GET    /api/users/:nhs', (c) => c.get(`/api/users/${f.nhsUser}`), ADMIN_ONLY(200)],
  ['PATCH  /api/users/:viewer (make admin)', async (c) => c.patch(`/api/users/${f.viewerUser}`).send({ roles: ['viewer', 'admin'], version: await version(`/api/users/${f.viewerUser}`) }), ADMIN_ONLY(200)],
];

/** Everything a request could change, read straight from PostgreSQL (sessions and tokens by revocation only). */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = ['plans', 'sections', 'recommendations', 'activities', 'outcome_measures', 'activity_lead_agencies', 'lead_agencies', 'users',
    'plan_members', 'user_lead_agencies', 'progress_updates', 'rag_overrides', 'closure_days', 'password_resets', 'auth_identities',
    'indicators', 'indicator_lead_agencies', 'indicator_sections', 'indicator_values', 'indicator_targets', 'indicator_comparators',
    'priority_narratives', 'priority_ratings', 'plan_indicator_settings',
    'boards', 'board_members', 'board_plans', 'board_indicators', 'meetings', 'meeting_actions', 'meeting_action_owners', 'scrutiny_recommendations', 'scrutiny_decisions',
    '(SELECT id, meeting_id, version, as_of, built_at, issued_at FROM meeting_packs)',
    '(SELECT id, revoked_at FROM api_tokens)', '(SELECT id, revoked_at, refresh_token_hash FROM sessions)', '(SELECT id, revoked_at FROM calendar_feeds)'];
  const columns = tables.map((table, i) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${table} x) AS t${i}`);
  const [row] = await t.dataSource.query(`SELECT ${columns.join(', ')}, (SELECT count(*) FROM audit_events) AS audit_events`);
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key.startsWith('t') ? tables[Number(key.slice(1))] : key, String(value)]));
}

const signIn = async (email: string) => (await t.anon.post('/api/auth/sign-in').send({ email, password: TEST_PASSWORD }).expect(200)).body;
const activityIdsOf = (body: { items: Array<{ id: string }> }) => idsOf(body.items);

describe('Permissions: every endpoint x every caller', () => {
  let idp: TestIdentityProvider;
  let demo: PlanTreeBody;
  let agencies: LeadAgencyBody[];
  /** Activity ids of the demo plan led by an agency or any of its divisions. */
  const ledBy = (agencyId: string) => {
    const covered = agencyAndDescendants(agencies, agencyId);
    return idsOf(allActivities(demo).filter((a) => a.leadAgencies.some((l) => covered.has(l.id))));
  };

  beforeAll(async () => {
    // On a real port: the single sign-on viewer signs in through a real OpenID Connect provider.
    t = await startWebApp({ demo: true });
    demo = await demoPlan(t);
    agencies = await leadAgencies(t);
    const nhsAgency = await agencyNamed(t, 'NHS Southampton');
    const cslAgency = await agencyNamed(t, 'SCC – CSL Directorate – Safeguarding');
    const only = (name: string) => allActivities(demo).filter((a) => a.leadAgencies.length === 1 && a.leadAgencies[0].name === name);
    const [aCsl, aCslDone] = only(cslAgency.name);
    const cslRec = allRecommendations(demo).find((r) => r.activities.some((a) => a.id === aCsl.id))!;
    const nhsRec = demo.sections[0].recommendations.find((r) => r.number === 5)!;
    // The fixtures must be what the matrix assumes: a council-only recommendation with nothing of NHS's, an NHS-only one.
    expect(cslRec.activities.some((a) => a.leadAgencies.some((l) => l.id === nhsAgency.id))).toBe(false);
    expect(nhsRec.activities.map((a) => a.leadAgencies.map((l) => l.name))).toEqual([['NHS Southampton']]);

    const other = await createSmallPlan(t, { title: 'Another council’s plan, given to nobody' });
    const police = (await t.http.post('/api/lead-agencies').send({ name: 'Hampshire Constabulary' }).expect(201)).body;
    const users = (await t.http.get('/api/users?pageSize=200').expect(200)).body.items as Array<{ id: string; email: string }>;
    await t.http
      .post('/api/users')
      .send({ name: 'Pat Police', email: POLICE_EMAIL, roles: ['service_head'], leadAgencyIds: [police.id], password: TEST_PASSWORD })
      .expect(201);
    // Spares for the admin to delete, and a complete council-only activity for the chair to verify.
    const sparePlan = await createSmallPlan(t, { title: 'Spare plan' });
    const section = (await t.http.post('/api/sections').send({ planId: demo.id, title: 'Spare table' }).expect(201)).body;
    const rec = (await t.http.post('/api/recommendations').send({ sectionId: demo.sections[0].id, number: 98, band: 'within_six_months', text: 'Spare' }).expect(201)).body;
    const activity = (await t.http.post('/api/activities').send({ recommendationId: cslRec.id, text: 'Spare activity', leadAgencyIds: [cslAgency.id] }).expect(201)).body;
    const agency = (await t.http.post('/api/lead-agencies').send({ name: 'Spare Agency' }).expect(201)).body;
    await t.http.post('/api/closure-days').send({ date: '2031-03-04', description: 'Spare closure' }).expect(201);
    await t.http.post(`/api/activities/${aCslDone.id}/updates`).send({ status: 'complete', note: 'Done and evidenced' }).expect(201);
    const adminToken = (await t.http.post('/api/me/api-tokens').send({ name: 'Admin export' }).expect(201)).body;
    // Indicators led by the council's Safeguarding division, by NHS Southampton, and one of the other plan, each with October's value.
    const indicator = async (planId: string, title: string, leadAgencyIds: string[], sectionIds: string[]) => {
      const id = (await t.http.post('/api/indicators').send({ planId, title, unit: 'percentage', polarity: 'higher_is_better', leadAgencyIds, sectionIds, targets: [{ financialYear: 2012, target: '90%' }] }).expect(201)).body.id as string;
      await t.http.put(`/api/indicators/${id}/values/2012-10`).send({ value: 80 }).expect(200);
      return id;
    };
    const iCsl = await indicator(demo.id, 'Percentage of child protection visits on time', [cslAgency.id], [demo.sections[0].id]);
    const iNhs = await indicator(demo.id, 'Percentage of health assessments on time', [nhsAgency.id], [demo.sections[1].id]);
    const iOther = await indicator(other.id, 'Percentage of visits on the other plan', [], [other.sections[0].id]);

    Object.assign(f, {
      demo: demo.id, other: other.id, sgSection: demo.sections[0].id, otherSection: other.sections[0].id,
      cslRec: cslRec.id, nhsRec: nhsRec.id, otherRec: other.sections[0].recommendations[0].id,
      aCsl: aCsl.id, aCslDone: aCslDone.id, aNhs: nhsRec.activities[0].id, aOther: allActivities(other)[0].id,
      agency: nhsAgency.id, cslAgency: cslAgency.id,
      nhsUser: users.find((u) => u.email === EMAIL.nhs)!.id, viewerUser: users.find((u) => u.email === EMAIL.viewer)!.id,
      adminToken: adminToken.id, closureDay: '2031-03-04',
      spare: { plan: sparePlan.id, section: section.id, rec: rec.id, activity: activity.id, agency: agency.id },
      iCsl, iNhs, iOther,
    });

    // The matrix's board and scrutiny panel (see BOARD_READ above), each with a meeting; an action owned by head.nhs; a recommendation.
    const chairUser = users.find((u) => u.email === EMAIL.chair)!.id;
    f.board = (await t.http.post('/api/boards').send({ name: 'Matrix Improvement Board', kind: 'improvement_board', cadenceMonths: 2, chairIds: [chairUser], memberIds: [f.nhsUser, f.viewerUser] }).expect(201)).body.id;
    f.spareBoard = (await t.http.post('/api/boards').send({ name: 'Spare board', kind: 'other' }).expect(201)).body.id;
    f.meeting = (await t.http.post('/api/meetings').send({ boardId: f.board, meetingDate: '2012-10-15' }).expect(201)).body.id;
    await t.http.post(`/api/meetings/${f.meeting}/pack`).send({ asOf: '2012-10-08' }).expect(201);
    f.action = (await t.http.post('/api/actions').send({ meetingId: f.meeting, text: 'Circulate the audit', ownerIds: [f.nhsUser] }).expect(201)).body.id;
    f.panel = (await t.http.post('/api/boards').send({ name: 'Matrix Scrutiny Panel', kind: 'scrutiny_panel', chairIds: [chairUser], memberIds: [f.viewerUser] }).expect(201)).body.id;
    f.panelMeeting = (await t.http.post('/api/meetings').send({ boardId: f.panel, meetingDate: '2012-11-22' }).expect(201)).body.id;
    f.recommendation = (await t.http.post('/api/scrutiny-recommendations').send({ boardId: f.panel, meetingDate: '2012-09-20', title: 'Early help', actionProposed: ['Report the audit'] }).expect(201)).body.id;

    // The callers. Bad tokens all belong to an administrator, the worst case.
    clients.anon = t.anon;
    clients.admin = t.http;
    for (const who of ['chair', 'csl', 'nhs', 'viewer'] as const) clients[who] = await t.as(EMAIL[who]);
    clients.police = await t.as(POLICE_EMAIL);
    const jwt = t.app.get(JwtService);
    const live = await signIn('admin@demo.test');
    const { sub, sid } = jwt.decode(live.accessToken) as { sub: string; sid: string };
    const sign = (expiresIn: number) => jwt.sign({ sub, sid }, { expiresIn, audience: 'ipm', issuer: 'ipm', algorithm: 'HS256', secret: t.config.authSecret });
    await t.withToken(sign(60)).get('/api/me').expect(200); // the forgery is right: only its expiry is wrong
    clients.expired = t.withToken(sign(-10));
    const revoked = await signIn('admin@demo.test');
    await t.withToken(revoked.accessToken).get('/api/me').expect(200);
    await t.withToken(revoked.accessToken).post('/api/auth/sign-out').expect(204);
    await t.anon.post('/api/auth/refresh').send({ refreshToken: revoked.refreshToken }).expect(401);
    clients.revoked = t.withToken(revoked.accessToken);
    const api = (await t.withToken(live.accessToken).post('/api/me/api-tokens').send({ name: 'Soon revoked' }).expect(201)).body;
    await t.withToken(api.token).get('/api/plans').expect(200);
    await t.withToken(live.accessToken).delete(`/api/me/api-tokens/${api.id}`).expect(204);
    clients.revokedApi = t.withToken(api.token);

    // A viewer whose account single sign-on made, calling with the token it made on its account page.
    idp = await startIdentityProvider((t as TestApp & { baseUrl: string }).baseUrl, ['council']);
    t.config.oidcProviders = [idp.config({ provision: true })];
    await idp.setAccount('sso-viewer', { email: 'sso.viewer@anytown.gov.uk', email_verified: true, name: 'Sasha Single' });
    await idp.signInAs('sso-viewer');
    const browser = await newCookieBrowser();
    const baseUrl = (t as TestApp & { baseUrl: string }).baseUrl;
    // Signed in, a viewer goes home, and a viewer's home is Your plans (main's web pages replaced the /notifications placeholder).
    expect((await walk(browser, `${baseUrl}/sign-in/sso/council`)).url).toBe(`${baseUrl}/your-plans`);
    const form = await walk(browser, `${baseUrl}/account/api-tokens/new`);
    const made = await browser.post(`${baseUrl}/account/api-tokens/new`, { form: { _csrf: csrfOf(form.text), name: 'Matrix script' }, maxRedirects: 0 });
    clients.sso = t.withToken(/id="api-token">([^<]+)</.exec(await made.text())![1]);
    await browser.dispose();
    const sso = (await clients.sso.get('/api/me').expect(200)).body;
    expect(sso).toMatchObject({ email: 'sso.viewer@anytown.gov.uk', roles: ['viewer'], planIds: [], leadAgencies: [] });
    f.ssoUser = sso.id;

    // A feed nobody in the matrix touches, read by its address alone.
    await t.http.post('/api/users').send({ name: 'Fay Feed', email: 'feed.owner@demo.test', roles: ['viewer'], planIds: [f.demo], password: TEST_PASSWORD }).expect(201);
    const feed = (await (await t.as('feed.owner@demo.test')).post(`/api/plans/${f.demo}/calendar-feed`).expect(201)).body;
    f.feed = /calendar\/(.+)\.ics$/.exec(feed.url)![1];
  });
  afterAll(async () => {
    await idp?.close();
    await t?.close();
  });

  describe('lists and trees show only what is within reach', () => {
    it('head.nhs lists exactly the two NHS-led activities, across all plans', async () => {
      const { body } = await clients.nhs.get('/api/activities?pageSize=200').expect(200);
      expect(body.total).toBe(2);
      expect(activityIdsOf(body)).toEqual(ledBy(f.agency));
      expect(activityIdsOf(body)).toEqual([f.aNhs, allRecommendations(demo).find((r) => r.number === 10)!.activities[0].id].sort());
    });

    it('head.nhs opens the demo plan and sees only those two activities, their recommendations and tables', async () => {
      const { body } = await clients.nhs.get(`/api/plans/${f.demo}`).expect(200);
      expect(idsOf(allActivities(body))).toEqual(ledBy(f.agency));
      expect(body.counts).toMatchObject({ sections: 2, recommendations: 2, activities: 2 });
      const sections = await clients.nhs.get(`/api/recommendations?sectionId=${f.sgSection}`).expect(200);
      expect(sections.body.items.map((r: { number: number }) => r.number)).toEqual([5]);
    });

    it('head.nhs lists only the demo plan, counted as far as its own activities', async () => {
      const plans = await clients.nhs.get('/api/plans').expect(200);
      expect(idsOf(plans.body.items)).toEqual([f.demo]);
      expect(plans.body.items[0].counts).toEqual({ sections: 2, recommendations: 2, activities: 2 });
    });

    it('head.nhs’s summary of the demo plan counts only NHS-led work', async () => {
      const summary = await clients.nhs.get(`/api/plans/${f.demo}/summary?asOf=2012-10-01`).expect(200);
      expect(summary.body.activities).toBe(2);
      expect(summary.body.recommendations.map((r: { number: number }) => r.number).sort()).toEqual([10, 5]);
    });

    it('head.nhs’s overdue review holds only NHS-led work', async () => {
      const overdue = await clients.nhs.get('/api/reviews/overdue?asOf=2013-06-01').expect(200);
      expect(overdue.body.total).toBe(2);
      expect(overdue.body.items.map((i: { activityId: string }) => i.activityId).sort()).toEqual(ledBy(f.agency));
    });

    it('head.csl lists exactly the activities its division leads, not those of the directorate above it', async () => {
      const { body } = await clients.csl.get('/api/activities?pageSize=200').expect(200);
      const expected = idsOf((await clients.admin.get(`/api/activities?pageSize=200&leadAgencyId=${f.cslAgency}`).expect(200)).body.items);
      expect(activityIdsOf(body)).toEqual(expected);
      const directorateOnly = allActivities(demo).filter((a) => a.leadAgencies.every((l) => l.name === 'SCC – CSL Directorate'));
      expect(directorateOnly.length).toBeGreaterThan(0);
      expect(activityIdsOf(body)).not.toEqual(expect.arrayContaining([directorateOnly[0].id]));
    });

    it('a partner lead (NHS) lists only the indicators their agency leads; the council head only the division’s', async () => {
      const nhs = (await clients.nhs.get('/api/indicators?pageSize=200').expect(200)).body;
      expect(nhs.items.map((i: { id: string }) => i.id)).toEqual([f.iNhs]);
      expect(nhs.items[0].can).toEqual({ enterValues: true, manage: false });
      const csl = (await clients.csl.get(`/api/indicators?planId=${f.demo}&pageSize=200`).expect(200)).body;
      expect(csl.items.map((i: { id: string }) => i.id)).toEqual([f.iCsl]);
      expect((await clients.police.get('/api/indicators').expect(200)).body).toMatchObject({ total: 0, items: [] });
      const chair = (await clients.chair.get('/api/indicators?pageSize=200').expect(200)).body;
      expect(chair.items.map((i: { id: string }) => i.id).sort()).toEqual([f.iCsl, f.iNhs].sort());
      expect(chair.items[0].can).toEqual({ enterValues: false, manage: false });
    });

    it('a service head of an agency that leads nothing sees no plan, activity or review', async () => {
      const plans = await clients.police.get('/api/plans').expect(200);
      expect(plans.body).toMatchObject({ total: 0, items: [] });
      expect((await clients.police.get('/api/activities').expect(200)).body).toMatchObject({ total: 0, items: [] });
      expect((await clients.police.get('/api/reviews/overdue?asOf=2013-06-01').expect(200)).body).toMatchObject({ total: 0, items: [] });
      expect((await clients.police.get(`/api/activities?planId=${f.demo}`).expect(200)).body.total).toBe(0);
    });

    it('a head of the demo’s Police co-leads the multi-agency activities and sees those alone', async () => {
      const policeAgency = await agencyNamed(t, 'Police');
      await t.http.post('/api/users').send({ name: 'Demo Police', email: 'head.demo-police@demo.test', roles: ['service_head'], leadAgencyIds: [policeAgency.id], password: TEST_PASSWORD }).expect(201);
      const client = await t.as('head.demo-police@demo.test');
      const { body } = await client.get('/api/activities?pageSize=200').expect(200);
      expect(body.total).toBeGreaterThan(0);
      expect(activityIdsOf(body)).toEqual(ledBy(policeAgency.id));
    });

    it('the chair and the viewer read the whole demo plan and nothing of the plan they were not given', async () => {
      for (const who of ['chair', 'viewer'] as const) {
        const plans = await clients[who].get('/api/plans').expect(200);
        expect(idsOf(plans.body.items)).toEqual([f.demo]);
        const tree = await clients[who].get(`/api/plans/${f.demo}`).expect(200);
        expect(idsOf(allActivities(tree.body))).toEqual(idsOf(allActivities(await planTree(t, f.demo))));
        const { body } = await clients[who].get('/api/activities?pageSize=200').expect(200);
        expect(body.items.every((a: ActivityBody & { planId: string }) => a.planId === f.demo)).toBe(true);
        expect((await clients[who].get(`/api/activities?planId=${f.other}`).expect(200)).body.total).toBe(0);
      }
    });

    it('the chair’s audit trail holds every event of the plans they chair and none of any other plan or of people', async () => {
      const [{ demo: demoEvents, other: otherEvents }] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE plan_id = $1)::int AS demo, count(*) FILTER (WHERE plan_id IS DISTINCT FROM $1)::int AS other FROM audit_events`,
        [f.demo],
      );
      expect(otherEvents).toBeGreaterThan(0);
      const { body } = await clients.chair.get('/api/audit?pageSize=200').expect(200);
      expect(body.total).toBe(demoEvents);
      expect(body.items.every((e: { planId: string }) => e.planId === f.demo)).toBe(true);
      const users = await clients.chair.get('/api/audit?entityType=user').expect(200);
      expect(users.body.total).toBe(0);
      const admin = await clients.admin.get('/api/audit?pageSize=1').expect(200);
      expect(admin.body.total).toBe(demoEvents + otherEvents);
    });
  });

  describe('the matrix', () => {
    const codeFor = (who: Caller, codes: Codes, options: Row[3]) => {
      if (options?.public) return codes[0];
      if (who === 'sso') return options?.sso ?? codes[PEOPLE.indexOf('police')];
      return PEOPLE.includes(who as Who) ? codes[PEOPLE.indexOf(who as Who)] : 401;
    };
    const cases = ROWS.flatMap(([label, call, codes, options]) =>
      CALLERS.map((who) => ({ label, who, call, prepare: options?.prepare, readOnly: options?.readOnly ?? false, code: codeFor(who, codes, options) })),
    );

    // Refusals and reads leave every table as it was; an allowed write really writes.
    it.each(cases)('$label as $who → $code', async ({ label, who, call, prepare, readOnly, code }) => {
      await prepare?.();
      const before = await fingerprint();
      const response = await call(clients[who]);
      expect({ status: response.status, body: response.status === code ? undefined : response.body }).toEqual({ status: code, body: undefined });
      if (code >= 400 || label.startsWith('GET') || readOnly) expect(await fingerprint()).toEqual(before);
      else expect(await fingerprint()).not.toEqual(before);
    });
  });

  describe('the viewer single sign-on made', () => {
    it('once an admin gives it the demo plan (and the viewer’s seats at the matrix’s board and panel), answers every read of the matrix as a viewer does, and reads the whole plan', async () => {
      const person = (await t.http.get(`/api/users/${f.ssoUser}`).expect(200)).body;
      await t.http.patch(`/api/users/${f.ssoUser}`).send({ planRoles: [{ planId: f.demo, role: 'viewer' }], version: person.version }).expect(200);
      // Board reads come from a seat at the board, not from a plan's role: seat it where the viewer sits.
      for (const boardId of [f.board, f.panel]) {
        const board = (await t.http.get(`/api/boards/${boardId}`).expect(200)).body;
        const memberIds = [...board.members.map((member: { id: string }) => member.id), f.ssoUser];
        await t.http.patch(`/api/boards/${boardId}`).send({ memberIds, version: board.version }).expect(200);
      }
      const reads = ROWS.filter(([label, , , options]) => label.startsWith('GET') && !options?.public);
      const answered = [];
      for (const [label, call, codes] of reads) answered.push({ label, status: (await call(clients.sso)).status, viewer: codes[PEOPLE.indexOf('viewer')] });
      expect(answered.filter((row) => row.status !== row.viewer)).toEqual([]);
      const tree = await clients.sso.get(`/api/plans/${f.demo}`).expect(200);
      expect(idsOf(allActivities(tree.body))).toEqual(idsOf(allActivities(await planTree(t, f.demo))));
    });
  });

  describe('what the successful writes above did, and did not, do', () => {
    it('the admin made the viewer an admin only when the admin asked; the viewer’s own attempts left its roles alone', async () => {
      const viewer = (await t.http.get(`/api/users/${f.viewerUser}`).expect(200)).body;
      expect(viewer.roles).toEqual(['viewer', 'admin']);
      const nhs = (await t.http.get(`/api/users/${f.nhsUser}`).expect(200)).body;
      expect(nhs.roles).toEqual(['service_head']);
    });

    it('head.nhs’s progress update landed on the NHS-led activity only, with an audit event on the demo plan', async () => {
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM progress_updates u JOIN users p ON p.id = u.author_id WHERE p.email = $1`,
        [EMAIL.nhs],
      );
      expect(count).toBe(1);
      const [{ events }] = await t.dataSource.query(
        `SELECT count(*)::int AS events FROM audit_events WHERE entity_type = 'progress_update' AND actor_id = $1 AND plan_id = $2`,
        [f.nhsUser, f.demo],
      );
      expect(events).toBe(1);
      const updates = await clients.nhs.get(`/api/activities/${f.aNhs}/updates`).expect(200);
      expect(updates.body.map((u: { author: { name: string } }) => u.author.name)).toContain('Nat Health');
    });
  });

  it('a service head named as an activity’s owner reads and updates it, though their agency does not lead it', async () => {
    const users = (await t.http.get('/api/users?pageSize=200').expect(200)).body.items as Array<{ id: string; email: string }>;
    const policeUser = users.find((u) => u.email === POLICE_EMAIL)!.id;
    const owned = await createSmallPlan(t, {
      title: 'Plan with an owned activity',
      sections: [{ title: 'T', recommendations: [{ number: 1, band: 'immediately', text: 'R', activities: [{ text: 'Owned', ownerId: policeUser }] }] }],
    });
    const activityId = allActivities(owned)[0].id;
    await clients.police.get(`/api/activities/${activityId}`).expect(200);
    await clients.police.post(`/api/activities/${activityId}/updates`).send({ status: 'in_progress' }).expect(201);
    expect(idsOf((await clients.police.get('/api/plans').expect(200)).body.items)).toEqual([owned.id]);
  });

  it('a service head named as an indicator’s owner reads, lists and makes its returns, though their agency does not lead it', async () => {
    const users = (await t.http.get('/api/users?pageSize=200').expect(200)).body.items as Array<{ id: string; email: string }>;
    const policeUser = users.find((u) => u.email === POLICE_EMAIL)!.id;
    const plan = await createSmallPlan(t, { title: 'Plan with an owned indicator' });
    const unowned = (await t.http.post('/api/indicators').send({ planId: plan.id, title: 'Number of missing episodes', unit: 'number', sectionIds: [plan.sections[0].id] }).expect(201)).body.id as string;
    const owned = (
      await t.http
        .post('/api/indicators')
        .send({ planId: plan.id, title: 'Number of joint return interviews', unit: 'number', ownerId: policeUser, leadAgencyIds: [f.cslAgency], sectionIds: [plan.sections[0].id] })
        .expect(201)
    ).body.id as string;

    const read = (await clients.police.get(`/api/indicators/${owned}`).expect(200)).body;
    expect(read.can).toEqual({ enterValues: true, manage: false });
    expect((await clients.police.get('/api/indicators?pageSize=200').expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([owned]);
    expect((await clients.police.put(`/api/indicators/${owned}/values/2012-11`).send({ value: 14 }).expect(200)).body).toMatchObject({ outcome: 'created', value: { value: 14, version: 1 } });
    const history = (await clients.police.get(`/api/indicators/${owned}/values/2012-11/history`).expect(200)).body;
    expect(history.versions.map((v: { value: number; version: number }) => [v.version, v.value])).toEqual([[1, 14]]);
    // The plan's other indicator stays beyond their reach, and so does setting indicators up.
    expect((await clients.police.get(`/api/indicators/${unowned}`)).status).toBe(404);
    expect((await clients.police.put(`/api/indicators/${unowned}/values/2012-11`).send({ value: 3 })).status).toBe(404);
    expect((await clients.police.post('/api/indicators').send({ planId: plan.id, title: 'Not theirs to set up', unit: 'number' })).status).toBe(403);
  });

  describe('per-plan roles: a person may chair one plan and only read another', () => {
    const DUAL = 'dual.role@demo.test';
    let chaired: PlanTreeBody;
    let dual: Client;

    beforeAll(async () => {
      chaired = await createSmallPlan(t, { title: 'Plan the dual-role person chairs' });
      await t.http
        .post('/api/users')
        .send({
          name: 'Dee Dual',
          email: DUAL,
          roles: ['board_chair', 'viewer'],
          password: TEST_PASSWORD,
          planRoles: [
            { planId: chaired.id, role: 'chair' },
            { planId: f.demo, role: 'viewer' },
          ],
        })
        .expect(201);
      dual = await t.as(DUAL);
    });

    it('reads both plans whole', async () => {
      expect(idsOf((await dual.get('/api/plans').expect(200)).body.items)).toEqual([chaired.id, f.demo].sort());
      expect(idsOf(allActivities((await dual.get(`/api/plans/${f.demo}`).expect(200)).body))).toEqual(idsOf(allActivities(await planTree(t, f.demo))));
    });

    it('overrides and verifies on the plan chaired (200), not on the plan read (403), and nothing changes on refusal', async () => {
      const mine = allActivities(chaired)[0].id;
      await dual.put(`/api/activities/${mine}/rag-override`).send(await rag(mine)).expect(200);
      const before = await fingerprint();
      expect((await dual.put(`/api/activities/${f.aNhs}/rag-override`).send(await rag(f.aNhs))).status).toBe(403);
      expect((await dual.post(`/api/activities/${f.aCslDone}/verification`).send({ note: 'Not mine to verify' })).status).toBe(403);
      expect(await fingerprint()).toEqual(before);
    });

    it('gets the exception report for the plan chaired only (403 for the plan read), and the audit trail of that plan alone', async () => {
      await dual.get(`/api/reviews/exceptions?planId=${chaired.id}&asOf=2012-10-01`).expect(200);
      expect((await dual.get(`/api/reviews/exceptions?planId=${f.demo}&asOf=2012-10-01`)).status).toBe(403);
      const all = (await dual.get('/api/reviews/exceptions?asOf=2030-01-01').expect(200)).text;
      expect(all).not.toContain(allActivities(demo)[0].text.slice(0, 40));
      const audit = (await dual.get('/api/audit?pageSize=200').expect(200)).body;
      expect(audit.total).toBeGreaterThan(0);
      expect(audit.items.every((e: { planId: string }) => e.planId === chaired.id)).toBe(true);
    });

    it('shows each plan’s role on the person, and keeps planIds meaning “chair” for a board chair', async () => {
      const users = (await t.http.get('/api/users?pageSize=200').expect(200)).body.items as Array<{ email: string; planRoles: unknown[]; planIds: string[] }>;
      const dualUser = users.find((u) => u.email === DUAL)!;
      expect(dualUser.planRoles).toEqual(expect.arrayContaining([{ planId: chaired.id, role: 'chair' }, { planId: f.demo, role: 'viewer' }]));
      const chair = users.find((u) => u.email === EMAIL.chair)!;
      expect(chair.planRoles).toEqual([{ planId: f.demo, role: 'chair' }]);
    });

    it('refuses a seat the person’s roles cannot fill, naming the field', async () => {
      const refused = await t.http
        .post('/api/users')
        .send({ name: 'Vic Viewer', email: `vic.${randomUUID()}@demo.test`, roles: ['viewer'], planRoles: [{ planId: f.demo, role: 'chair' }] });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toHaveProperty(['planRoles[0].role']);
      const both = await t.http
        .post('/api/users')
        .send({ name: 'Bo Both', email: `bo.${randomUUID()}@demo.test`, roles: ['viewer'], planIds: [f.demo], planRoles: [{ planId: f.demo, role: 'viewer' }] });
      expect(both.status).toBe(400);
      expect(both.body.errors).toHaveProperty('planRoles');
    });
  });
});
