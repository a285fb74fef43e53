import { Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import {
  AnswerLike,
  ContractChecker,
  DocumentedOperation,
  OpenApiDocument,
  Schema,
  mediaTypeOf,
  operationsOf,
  resolve,
  validateOpenApiDocument,
} from './support/openapi-contract';
import { hashToken } from '../src/accounts/secrets';
import { ImportOptionsDto } from '../src/imports/dto/import-options.dto';
import { IndicatorImportOptionsDto } from '../src/indicators/dto/indicator-import.dto';
import { TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';

/**
 * The OpenAPI document at /api/docs-json is a contract a client (the web
 * interface, a council's script) can be generated from. These tests read the
 * running app's own document: every operation must say what it answers, and
 * the API must answer what it says. An operation added later without its
 * summary, success answer, refusals or a real answer checked here fails them.
 */

const REFERENCE = path.join(__dirname, 'fixtures', 'reference');
const paper = fs.readFileSync(path.join(REFERENCE, 'southampton-2012-quality-improvement-plan.txt'), 'utf8');
const businessPlan = fs.readFileSync(path.join(__dirname, 'fixtures', 'imports', 'outcome-first-business-plan.txt'), 'utf8');

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const REPORT_TYPES = ['text/html', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'];
const IMPORT_LIMIT = 30_000;

type Client = TestApp['http'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

let t: TestApp;
let document: OpenApiDocument;
let contract: ContractChecker;
let operations: DocumentedOperation[];

/** Answers the contract did not keep, collected so a test names every one of them. */
const broken: string[] = [];

/** The operations that have answered with success, their answer checked against the document. */
const succeeded = new Set<string>();

/** Operations a test cannot make succeed, and why; every other operation must, below. */
const CANNOT_SUCCEED_IN_A_TEST: Record<string, string> = {
  'POST /api/admin/queues/failed/{jobId}/retry': 'needs a digest that failed every retry, which a test with a working outbox does not have (its 404 is checked)',
};

function answerOf(response: request.Response): AnswerLike {
  return { status: response.status, headers: response.headers as Record<string, string>, body: response.body, text: response.text };
}

/** Sends a request and checks its answer against the document; returns the answer for the next step. */
async function call(client: Client, method: Method, url: string, body?: object, expectStatus?: number): Promise<request.Response> {
  const pending = client[method](url);
  const response = body === undefined ? await pending : await pending.send(body);
  if (expectStatus !== undefined && response.status !== expectStatus) {
    broken.push(`${method.toUpperCase()} ${url} answered ${response.status}, not ${expectStatus}: ${JSON.stringify(response.body).slice(0, 300)}`);
  }
  const problems = contract.problemsWith(method, url, answerOf(response));
  broken.push(...problems);
  const operation = contract.operationFor(method, url);
  if (operation && response.status >= 200 && response.status < 300 && problems.length === 0) succeeded.add(operation.key);
  return response;
}

/** Fills a route's parameters with values that pass no check: for calls that must be refused before any. */
const anyUrl = (route: string) => route.replace('{date}', '2030-01-01').replace('{jobId}', 'no-such-job').replace(/\{[^}]+\}/g, NOWHERE);

function schemaProblems(label: string, schema: Schema | undefined): string[] {
  const resolved = resolve(document, schema);
  if (!schema || !resolved) return [`${label}: no schema`];
  if (Object.keys(schema).length === 0) return [`${label}: an empty schema says nothing`];
  if (resolved.type === 'object' && !resolved.properties && !resolved.additionalProperties) return [`${label}: an object with no properties`];
  return [];
}

/** Every schema object in the document that says it is an object but names nothing in it. */
function emptyObjects(node: unknown, at: string, found: string[]): string[] {
  if (Array.isArray(node)) node.forEach((item, index) => emptyObjects(item, `${at}/${index}`, found));
  else if (node && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.includes('object') && !schema.properties && !schema.additionalProperties && !schema.allOf && !schema.anyOf && !schema.oneOf) {
      found.push(`${at}: an object schema with no properties (a class without @ApiProperty, or a property whose type the decorators do not say)`);
    }
    for (const [key, value] of Object.entries(schema)) {
      if (!['example', 'examples', 'default', 'enum', 'const'].includes(key)) emptyObjects(value, `${at}/${key}`, found);
    }
  }
  return found;
}

/** The fields a class accepts: every property class-validator checks, its parents' included. */
function acceptedFields(target: Function): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))].sort();
}

/** Every route handler with the classes its @Body() and @Query() take, and the operationId the document gives it. */
function routeInputs(): Array<{ operationId: string; handler: string; body?: Type<unknown>; query?: Type<unknown> }> {
  const routes: Array<{ operationId: string; handler: string; body?: Type<unknown>; query?: Type<unknown> }> = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      // The web pages (src/web) are left out of the API's document on purpose (@ApiExcludeController).
      // (@nestjs/swagger's DECORATORS.API_EXCLUDE_CONTROLLER, which its package exports do not expose.)
      if ((Reflect.getMetadata('swagger/apiExcludeController', controller) as boolean[] | undefined)?.[0]) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name as keyof typeof controller.prototype] as unknown;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const args: Record<string, { index: number; data?: unknown }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
        const types: Array<Type<unknown>> = Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? [];
        const classOf = (kind: RouteParamtypes) => {
          const arg = Object.entries(args).find(([key, value]) => key.split(':')[0] === String(kind) && value.data === undefined)?.[1];
          const type = arg ? types[arg.index] : undefined;
          return type && type !== Object && type !== String ? type : undefined;
        };
        const base = controller.name.replace(/Controller$/, '');
        routes.push({
          operationId: `${base.charAt(0).toLowerCase()}${base.slice(1)}${name.charAt(0).toUpperCase()}${name.slice(1)}`,
          handler: `${controller.name}.${name}`,
          body: classOf(RouteParamtypes.BODY),
          query: classOf(RouteParamtypes.QUERY),
        });
      }
    }
  }
  return routes;
}

beforeAll(async () => {
  t = await startTestApp({ redis: true, config: { importMaxBytes: IMPORT_LIMIT } });
  const response = await t.anon.get('/api/docs-json').expect(200);
  document = response.body;
  contract = new ContractChecker(document);
  operations = operationsOf(document);
});
afterAll(() => t?.close());

describe('The OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const result = await validateOpenApiDocument(document);
    expect({ version: result.version, errors: result.errors }).toEqual({ version: '3.1', errors: null });
    expect(result.valid).toBe(true);
  });

  it('is the one production serves: the @nestjs/swagger compiler plugin, which the SWC-compiled tests never run, is off', () => {
    const cli = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'nest-cli.json'), 'utf8'));
    const plugins: Array<string | { name: string }> = cli.compilerOptions?.plugins ?? [];
    expect(plugins.map((plugin) => (typeof plugin === 'string' ? plugin : plugin.name))).not.toContain('@nestjs/swagger');
  });

  it('gives every operation a summary, a unique operationId and a documented success answer with a schema, or an explicit no-content answer', () => {
    const problems: string[] = [];
    const ids = new Map<string, string>();
    for (const { key, operation } of operations) {
      if (!operation.summary?.trim()) problems.push(`${key}: no summary`);
      if (!operation.operationId) problems.push(`${key}: no operationId`);
      else if (ids.has(operation.operationId)) problems.push(`${key}: operationId ${operation.operationId} is also ${ids.get(operation.operationId)}'s`);
      else ids.set(operation.operationId, key);
      const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (successes.length === 0) problems.push(`${key}: no success (2xx) answer documented`);
      for (const [status, spec] of successes) {
        const content = Object.entries(spec.content ?? {});
        if (status === '204') {
          if (content.length) problems.push(`${key}: 204 No Content documents a body`);
          continue;
        }
        if (content.length === 0) problems.push(`${key}: ${status} documents no body; declare its type, or answer 204 with @ApiNoContentResponse`);
        for (const [mediaType, media] of content) problems.push(...schemaProblems(`${key} ${status} ${mediaType}`, media.schema));
      }
      for (const [mediaType, media] of Object.entries(operation.requestBody?.content ?? {})) {
        problems.push(...schemaProblems(`${key} request body ${mediaType}`, media.schema));
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents refusals as the shared JSON error body: 401 wherever a token is needed, 400 wherever there is input', () => {
    const problems: string[] = [];
    for (const { key, path: route, operation } of operations) {
      const responses = operation.responses ?? {};
      if (operation.security?.length && !responses['401']) problems.push(`${key}: needs a token but does not document 401`);
      // Input that is checked: a body, a query, a path parameter with a format (a UUID, a date).
      const checked = !!operation.requestBody || (operation.parameters ?? []).some((p) => p.in === 'query' || (p.in === 'path' && p.schema?.format));
      if (checked && !responses['400']) problems.push(`${key}: takes input but does not document 400`);
      for (const [status, spec] of Object.entries(responses)) {
        if (!/^4\d\d$/.test(status)) continue;
        const body = resolve(document, spec.content?.['application/json']?.schema);
        const required = (body?.required as string[] | undefined) ?? [];
        if (!body || !required.includes('statusCode') || !required.includes('message')) {
          problems.push(`${key}: ${status} is not documented as the JSON error body { statusCode, message, errors? } (use @ApiErrors)`);
        }
        if (!spec.description?.trim()) problems.push(`${key}: ${status} does not say when it is answered`);
      }
      for (const name of route.match(/\{[^}]+\}/g) ?? []) {
        const parameter = operation.parameters?.find((p) => p.in === 'path' && `{${p.name}}` === name);
        if (!parameter?.schema?.type) problems.push(`${key}: path parameter ${name} is not documented with a type`);
        if (name === '{id}' && parameter?.schema?.format !== 'uuid') problems.push(`${key}: path parameter {id} is not documented as a UUID (@ApiUuidParam)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents page and pageSize, with their limits, on every operation that answers a page', () => {
    const problems: string[] = [];
    let lists = 0;
    for (const { key, operation } of operations) {
      const body = resolve(document, operation.responses?.['200']?.content?.['application/json']?.schema);
      const properties = (body?.properties ?? {}) as Record<string, Schema>;
      if (!['items', 'page', 'pageSize', 'total'].every((name) => name in properties)) continue;
      lists += 1;
      const parameter = (name: string) => operation.parameters?.find((p) => p.in === 'query' && p.name === name)?.schema;
      const page = parameter('page');
      const pageSize = parameter('pageSize');
      if (!page || page.type !== 'integer' || page.minimum !== 1) problems.push(`${key}: answers a page but does not document ?page (an integer from 1)`);
      if (!pageSize || pageSize.type !== 'integer' || pageSize.minimum !== 1 || pageSize.maximum !== 200) {
        problems.push(`${key}: answers a page but does not document ?pageSize (an integer, 1 to 200)`);
      }
      if ((properties.items as Schema).type !== 'array') problems.push(`${key}: a page's items are not documented as a list`);
    }
    expect(problems).toEqual([]);
    expect(lists).toBeGreaterThanOrEqual(8);
  });

  it('declares HTML, PDF and Word for every report, chosen with ?format=', () => {
    const reports = operations.filter(({ operation }) => operation.parameters?.some((p) => p.in === 'query' && p.name === 'format'));
    expect(reports.map((report) => report.key).sort()).toEqual([
      'GET /api/meetings/{id}/action-log',
      'GET /api/meetings/{id}/pack',
      'GET /api/meetings/{id}/scrutiny-monitoring',
      'GET /api/plans/{id}/appendix',
      'GET /api/plans/{id}/performance-report',
      'GET /api/plans/{id}/progress-report',
      'GET /api/reviews/exceptions',
    ]);
    for (const { key, operation } of reports) {
      const content = operation.responses?.['200']?.content ?? {};
      expect({ key, types: Object.keys(content).sort() }).toEqual({ key, types: [...REPORT_TYPES].sort() });
      expect({ key, pdf: content['application/pdf'].schema }).toMatchObject({ key, pdf: { type: 'string', format: 'binary' } });
      const format = resolve(document, operation.parameters!.find((p) => p.name === 'format')!.schema);
      expect({ key, formats: format?.enum }).toEqual({ key, formats: ['html', 'pdf', 'docx'] });
    }
    const elsewhere = operations.filter(
      ({ operation }) => !reports.some((report) => report.operation === operation) && 'application/pdf' in (operation.responses?.['200']?.content ?? {}),
    );
    expect(elsewhere.map((operation) => operation.key)).toEqual([]);
  });

  it('documents every field the API accepts, and accepts every field it documents', () => {
    const problems: string[] = [];
    const byId = new Map(operations.map((operation) => [operation.operation.operationId, operation]));
    const schemas = document.components?.schemas ?? {};
    const named = (schema: Schema | undefined) => Object.keys((schema?.properties ?? {}) as object).sort();
    for (const route of routeInputs()) {
      const operation = byId.get(route.operationId);
      if (!operation) {
        problems.push(`${route.handler}: no operation ${route.operationId} in the document`);
        continue;
      }
      if (route.query) {
        const documented = (operation.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name).sort();
        const accepted = acceptedFields(route.query);
        if (JSON.stringify(documented) !== JSON.stringify(accepted)) {
          problems.push(`${operation.key}: accepts query ${accepted.join(', ')} but documents ${documented.join(', ') || 'none'} (@ApiPropertyOptional on ${route.query.name})`);
        }
      }
      if (route.body) {
        const ref = operation.operation.requestBody?.content?.['application/json']?.schema?.$ref;
        if (ref !== `#/components/schemas/${route.body.name}`) problems.push(`${operation.key}: takes ${route.body.name} but documents its body as ${ref ?? 'nothing'}`);
      }
    }
    // Every request class in the document, nested ones included: the fields it validates are the fields it documents.
    const validated = [...(getMetadataStorage() as unknown as { validationMetadatas: Map<Function, unknown> }).validationMetadatas.keys()];
    for (const target of validated) {
      if (!schemas[target.name]) continue;
      const accepted = acceptedFields(target);
      const documented = named(schemas[target.name]);
      if (JSON.stringify(documented) !== JSON.stringify(accepted)) {
        problems.push(`${target.name}: accepts ${accepted.join(', ')} but documents ${documented.join(', ')} (@ApiProperty on each field)`);
      }
    }
    // Imports take a JSON body or multipart fields, validated by hand as ImportOptionsDto (IndicatorImportOptionsDto for indicators).
    for (const [route, options] of [
      ['/api/imports/preview', ImportOptionsDto],
      ['/api/imports', ImportOptionsDto],
      ['/api/indicators/imports/preview', IndicatorImportOptionsDto],
      ['/api/indicators/imports', IndicatorImportOptionsDto],
    ] as const) {
      const content = document.paths[route].post?.requestBody?.content ?? {};
      for (const [mediaType, media] of Object.entries(content)) {
        const documented = named(media.schema).filter((name) => name !== 'file');
        const accepted = acceptedFields(options);
        if (JSON.stringify(documented) !== JSON.stringify(accepted)) problems.push(`POST ${route} ${mediaType}: accepts ${accepted.join(', ')} but documents ${documented.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names the fields of every object it describes: no undecorated request, query or response class', () => {
    expect(emptyObjects(document.components?.schemas, '#/components/schemas', [])).toEqual([]);
    expect(emptyObjects(document.paths, '#/paths', [])).toEqual([]);
  });
});

describe('The API answers what its document says', () => {
  it('refuses every operation that declares bearer security with the documented 401 when called without a token, and no other', async () => {
    broken.length = 0;
    const misdeclared: string[] = [];
    for (const { key, method, path: route, operation } of operations) {
      const url = anyUrl(route);
      const response = await call(t.anon, method as Method, url, method === 'get' || method === 'delete' ? undefined : {});
      const secured = !!operation.security?.length;
      if (secured && response.status !== 401) misdeclared.push(`${key} declares bearer security but answered ${response.status} without a token`);
      if (!secured && response.status === 401) misdeclared.push(`${key} answered 401 without a token but does not declare bearer security (@ApiBearerAuth)`);
    }
    expect(misdeclared).toEqual([]);
    expect(broken).toEqual([]);
  });

  /** What the write and read checks share: the ids they make and find. */
  const ctx = {} as {
    planId: string;
    sectionId: string;
    recommendationId: string;
    activityId: string;
    leadAgencyId: string;
    userId: string;
    businessPlanId: string;
    notificationsOf: Client;
    indicatorId: string;
    boardId: string;
    meetingId: string;
    actionId: string;
    panelId: string;
    panelMeetingId: string;
    scrutinyId: string;
  };

  it('answers writes, and refusals of them, with the bodies the document describes', async () => {
    broken.length = 0;
    const admin = t.http;

    // The demo plan and a place in it.
    const plans = await call(admin, 'get', '/api/plans', undefined, 200);
    ctx.planId = plans.body.items.find((plan: { title: string }) => /Quality Improvement Plan/i.test(plan.title))?.id ?? plans.body.items[0].id;
    const tree = await call(admin, 'get', `/api/plans/${ctx.planId}`, undefined, 200);
    ctx.sectionId = tree.body.sections[0].id;
    ctx.recommendationId = tree.body.sections[0].recommendations[0].id;
    ctx.activityId = tree.body.sections[0].recommendations[0].activities[0].id;

    // Sign-in, tokens, sign-out, password reset.
    const signIn = await call(t.anon, 'post', '/api/auth/sign-in', { email: 'viewer@demo.test', password: TEST_PASSWORD }, 200);
    const refreshed = await call(t.anon, 'post', '/api/auth/refresh', { refreshToken: signIn.body.refreshToken }, 200);
    await call(t.withToken(refreshed.body.accessToken), 'post', '/api/auth/sign-out', undefined, 204);
    await call(t.anon, 'post', '/api/auth/password-reset', { email: 'nobody@example.org' }, 202);
    await call(t.anon, 'post', '/api/auth/password-reset/confirm', { token: 'not-a-reset-token', password: 'a long enough passphrase' }, 400);
    const token = await call(admin, 'post', '/api/me/api-tokens', { name: 'Monthly performance export' }, 201);
    const spare = await call(admin, 'post', '/api/me/api-tokens', { name: 'Spare' }, 201);
    await call(admin, 'delete', `/api/me/api-tokens/${spare.body.id}`, undefined, 204);
    await call(t.withToken(token.body.token), 'post', '/api/me/api-tokens', { name: 'Minted by a token' }, 403);

    // Calendar feeds: made only by someone signed in, turned off, made again for the reads below.
    await call(admin, 'post', '/api/me/calendar-feed', undefined, 201);
    await call(admin, 'delete', '/api/me/calendar-feed', undefined, 204);
    await call(admin, 'delete', '/api/me/calendar-feed', undefined, 404);
    await call(admin, 'post', '/api/me/calendar-feed', undefined, 201);
    await call(t.withToken(token.body.token), 'post', '/api/me/calendar-feed', undefined, 403);
    await call(admin, 'post', `/api/plans/${ctx.planId}/calendar-feed`, undefined, 201);
    await call(admin, 'delete', `/api/plans/${ctx.planId}/calendar-feed`, undefined, 204);
    await call(admin, 'post', `/api/plans/${ctx.planId}/calendar-feed`, undefined, 201);
    await call(admin, 'post', `/api/plans/${NOWHERE}/calendar-feed`, undefined, 404);
    await call(admin, 'get', '/api/plans/not-a-plan/calendar-feed', undefined, 400);

    // Lead agencies, with a stale edit refused with the current state.
    const agency = await call(admin, 'post', '/api/lead-agencies', { name: 'Anytown Youth Offending Service', shortName: 'YOS', aliases: ['YOT'] }, 201);
    ctx.leadAgencyId = agency.body.id;
    await call(admin, 'patch', `/api/lead-agencies/${agency.body.id}`, { version: agency.body.version, aliases: ['YOT', 'Youth Offending Team'] }, 200);
    const stale = await call(admin, 'patch', `/api/lead-agencies/${agency.body.id}`, { version: agency.body.version, shortName: 'AYOS' }, 409);
    expect(stale.body.current).toMatchObject({ id: agency.body.id });
    await call(admin, 'post', '/api/lead-agencies', { name: 'Anytown Youth Offending Service' }, undefined);
    const unused = await call(admin, 'post', '/api/lead-agencies', { name: 'Anytown Parish Council', parentId: null }, 201);
    await call(admin, 'delete', `/api/lead-agencies/${unused.body.id}?version=${unused.body.version}`, undefined, 204);

    // People.
    const user = await call(
      admin,
      'post',
      '/api/users',
      {
        name: 'Olu Adebayo',
        email: 'olu.adebayo@example.org',
        roles: ['viewer'],
        planIds: [ctx.planId],
        leadAgencyIds: [ctx.leadAgencyId],
        contactForLeadAgencyIds: [ctx.leadAgencyId],
        contactPreferences: { digest: 'weekly' },
        password: TEST_PASSWORD,
      },
      201,
    );
    ctx.userId = user.body.id;
    await call(admin, 'patch', `/api/users/${user.body.id}`, { version: user.body.version, jobTitle: 'Performance analyst' }, 200);
    const olu = await t.as('olu.adebayo@example.org');
    const me = await call(olu, 'get', '/api/me', undefined, 200);
    await call(olu, 'patch', '/api/me', { version: me.body.version, contactPreferences: { digest: 'daily' } }, 200);
    await call(olu, 'post', '/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: `${TEST_PASSWORD} again` }, 200);
    await call(olu, 'patch', `/api/plans/${ctx.planId}`, { version: 1, title: 'Not mine to change' }, 403);
    await call(olu, 'get', '/api/audit', undefined, 403);

    // Closure days.
    await call(admin, 'post', '/api/closure-days', { date: '2030-12-24', description: 'Christmas closure' }, 201);
    await call(admin, 'post', '/api/closure-days', { date: '2030-12-24', description: 'Christmas closure' }, undefined);
    await call(admin, 'post', '/api/closure-days', { date: '2030-12-27', description: 'Christmas closure' }, 201);
    await call(admin, 'delete', '/api/closure-days/2030-12-27', undefined, 204);

    // A plan's tree, built and taken apart.
    const plan = await call(
      admin,
      'post',
      '/api/plans',
      {
        title: 'Contract check plan',
        kind: 'other',
        source: { publishedOn: '2030-01-15' },
        sections: [
          {
            title: 'Safeguarding',
            recommendations: [
              {
                number: 1,
                text: 'Ensure that all children in need have a plan',
                band: 'within_three_months',
                activities: [{ text: 'Audit children in need plans', outcomeMeasures: ['All plans audited'], costText: '£3k per month', leadAgencyIds: [ctx.leadAgencyId], owner: { name: 'Head of Safeguarding', email: null } }],
              },
            ],
          },
        ],
      },
      201,
    );
    await call(admin, 'patch', `/api/plans/${plan.body.id}`, { version: plan.body.version, status: 'approved' }, 200);
    const section = await call(admin, 'post', '/api/sections', { planId: plan.body.id, title: 'Looked after children' }, 201);
    await call(admin, 'patch', `/api/sections/${section.body.id}`, { version: section.body.version, sourceReference: '102' }, 200);
    const recommendation = await call(
      admin,
      'post',
      '/api/recommendations',
      { sectionId: section.body.id, number: 1, text: 'Improve health assessments', band: 'by_date', targetDate: '2030-06-30', activities: [{ text: 'Track assessments weekly' }] },
      201,
    );
    await call(admin, 'post', '/api/recommendations', { sectionId: section.body.id, number: 1, text: 'A second number one', band: 'immediately' }, undefined);
    await call(admin, 'patch', `/api/recommendations/${recommendation.body.id}`, { version: recommendation.body.version, dueDateOverride: '2030-07-31' }, 200);
    const activity = await call(admin, 'post', '/api/activities', { recommendationId: recommendation.body.id, text: 'Report to the board', dueDate: '2030-09' }, 201);
    const edited = await call(admin, 'patch', `/api/activities/${activity.body.id}`, { version: activity.body.version, ownerId: ctx.userId }, 200);
    await call(admin, 'post', `/api/activities/${activity.body.id}/updates`, { status: 'complete', version: edited.body.version }, 400);
    await call(admin, 'post', `/api/activities/${activity.body.id}/updates`, { status: 'complete', note: 'Reported in March', evidenceLinks: ['https://example.org/minutes/2030-03'], version: edited.body.version }, 201);
    await call(admin, 'post', `/api/activities/${activity.body.id}/updates`, { status: 'complete', note: 'Again', version: edited.body.version }, 409);
    await call(admin, 'post', `/api/activities/${activity.body.id}/verification`, { note: 'Minutes checked' }, 200);
    const verified = await call(admin, 'get', `/api/activities/${activity.body.id}`, undefined, 200);
    const override = await call(admin, 'put', `/api/activities/${activity.body.id}/rag-override`, { rating: 'green', reason: 'Board agreed', expiresOn: '2030-12-31', version: verified.body.version }, 200);
    await call(admin, 'put', `/api/activities/${activity.body.id}/rag-override`, { rating: 'amber', reason: 'Stale', expiresOn: '2030-12-31', version: verified.body.version }, 409);
    await call(admin, 'delete', `/api/activities/${activity.body.id}/rag-override?version=${override.body.version}`, undefined, 204);
    const current = await call(admin, 'get', `/api/activities/${activity.body.id}`, undefined, 200);
    await call(admin, 'delete', `/api/activities/${activity.body.id}/rag-override?version=${current.body.version}`, undefined, 404);
    await call(admin, 'delete', `/api/activities/${activity.body.id}?version=${current.body.version}`, undefined, 204);
    const recommendationNow = await call(admin, 'get', `/api/recommendations/${recommendation.body.id}`, undefined, 200);
    await call(admin, 'delete', `/api/recommendations/${recommendation.body.id}?version=${recommendationNow.body.version}`, undefined, 204);
    const sectionNow = await call(admin, 'get', `/api/sections/${section.body.id}`, undefined, 200);
    await call(admin, 'delete', `/api/sections/${section.body.id}?version=${sectionNow.body.version}`, undefined, 204);
    const planNow = await call(admin, 'get', `/api/plans/${plan.body.id}`, undefined, 200);
    await call(admin, 'delete', `/api/lead-agencies/${ctx.leadAgencyId}?version=${agency.body.version + 1}`, undefined, 409);
    await call(admin, 'delete', `/api/plans/${plan.body.id}?version=${planNow.body.version}`, undefined, 204);
    await call(admin, 'get', `/api/plans/${plan.body.id}`, undefined, 404);
    await call(admin, 'post', '/api/plans', { title: '', kind: 'a kind of its own', sections: [{}] }, 400);
    await call(admin, 'get', '/api/plans?pageSize=500', undefined, 400);

    // Progress on a demo activity, left in place for the reads.
    const reported = await call(admin, 'post', `/api/activities/${ctx.activityId}/updates`, { status: 'in_progress', percentComplete: 40, note: 'Half the audits done' }, 201);
    await call(admin, 'put', `/api/activities/${ctx.activityId}/rag-override`, { rating: 'amber', reason: 'Audits late', expiresOn: '2030-12-31', version: reported.body.activity.version }, 200);
    await call(admin, 'post', `/api/activities/${ctx.activityId}/verification`, { note: 'Not complete yet' }, 409);

    // Imports: a business plan with recurring commitments, and the demo paper re-imported with an edit.
    await call(admin, 'post', '/api/imports/preview', { text: businessPlan, kind: 'business_plan', startsOn: '2015-04-01' }, 200);
    const imported = await call(admin, 'post', '/api/imports', { text: businessPlan, kind: 'business_plan', startsOn: '2015-04-01', fileName: 'lscb-business-plan.txt' }, 201);
    ctx.businessPlanId = imported.body.planId;
    const lines = paper.split('\n');
    lines[20] = lines[20].replace('£3k per month', '£4k per month');
    await call(admin, 'post', '/api/imports/preview', { text: lines.join('\n'), planId: ctx.planId }, 200);
    await call(admin, 'post', '/api/imports/preview', { text: businessPlan, colour: 'red' }, 400);
    await call(admin, 'post', '/api/imports/preview', { text: businessPlan, planId: NOWHERE }, 404);
    await call(admin, 'post', '/api/imports/preview', { text: 'x'.repeat(IMPORT_LIMIT + 1) }, 413);
    const binary = await admin.post('/api/imports/preview').attach('file', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10, 0x00, 0x41]), 'plan.csv');
    expect(binary.status).toBe(415);
    broken.push(...contract.problemsWith('post', '/api/imports/preview', answerOf(binary)));
    await call(olu, 'post', '/api/imports/preview', { text: businessPlan }, 403);

    // Performance indicators: one set up, a month's value and its correction, a priority's month, the plan's settings, an import.
    const indicatorBody = {
      planId: ctx.planId,
      title: 'Percentage of re-referrals within 12 months',
      unit: 'percentage',
      polarity: 'lower_is_better',
      sectionIds: [ctx.sectionId],
      leadAgencyIds: [ctx.leadAgencyId],
      outcomeMeasures: [],
      tolerance: { basis: 'units', green: 1, amber: 2 },
      targets: [{ financialYear: 2012, target: '23%' }, { month: '2012-10', target: 'TBC' }],
      comparators: [{ name: 'Statistical Neighbours', kind: 'statistical_neighbours', source: 'LAIT', value: 28 }, { name: 'England', kind: 'england', value: null }],
    };
    const indicator = await call(admin, 'post', '/api/indicators', indicatorBody, 201);
    ctx.indicatorId = indicator.body.id;
    await call(admin, 'post', '/api/indicators', { ...indicatorBody, title: '', unit: 'percent' }, 400);
    await call(olu, 'post', '/api/indicators', { ...indicatorBody, title: 'Not mine to set up' }, 403);
    await call(admin, 'patch', `/api/indicators/${ctx.indicatorId}`, { version: indicator.body.version, ownerId: ctx.userId, definition: 'Referrals within 12 months of an earlier one' }, 200);
    await call(admin, 'patch', `/api/indicators/${ctx.indicatorId}`, { version: indicator.body.version, title: 'Stale' }, 409);
    await call(admin, 'put', `/api/indicators/${ctx.indicatorId}/values/2012-09`, { value: 26, numerator: 52, denominator: 200, status: 'provisional', note: 'Before validation' }, 200);
    await call(admin, 'put', `/api/indicators/${ctx.indicatorId}/values/2012-09`, { value: 27 }, 409);
    await call(admin, 'put', `/api/indicators/${ctx.indicatorId}/values/2012-09`, { value: 27, status: 'final', version: 1 }, 200);
    await call(admin, 'put', `/api/indicators/${ctx.indicatorId}/values/2012-10`, { notAvailable: true }, 200);
    await call(admin, 'put', `/api/indicators/${ctx.indicatorId}/values/2012-13`, { value: 1 }, 400);
    await call(olu, 'put', `/api/indicators/${ctx.indicatorId}/values/2012-11`, { value: 1 }, 403);
    const demoChair = await t.as('chair@demo.test');
    const month = `/api/sections/${ctx.sectionId}/months`;
    await call(demoChair, 'put', `${month}/2012-09/narrative`, { dataTellsUs: 'Re-referrals fell in September.', nextSteps: 'Audit a sample.' }, 200);
    await call(demoChair, 'put', `${month}/2012-09/narrative`, { nextSteps: 'Audit more.' }, 409);
    await call(demoChair, 'put', `${month}/2012-09/rating`, { rating: 'amber', riskLabel: 'medium', reason: 'Falling, not yet at target' }, 200);
    await call(demoChair, 'put', `${month}/2012-08/rating`, { rating: 'red', riskLabel: null, reason: 'Rising' }, 200);
    await call(demoChair, 'delete', `${month}/2012-08/rating?version=1`, undefined, 204);
    await call(demoChair, 'delete', `${month}/2012-08/rating?version=2`, undefined, 404);
    await call(olu, 'put', `${month}/2012-09/rating`, { rating: 'green', reason: 'Not mine to rate', version: 1 }, 403);
    await call(admin, 'put', `/api/plans/${ctx.planId}/indicator-settings`, { version: 0, tolerance: { basis: 'percent_of_target', green: 5, amber: 10 }, returnWorkingDays: 10 }, 200);
    await call(admin, 'put', `/api/plans/${ctx.planId}/indicator-settings`, { version: 0, returnWorkingDays: 5 }, 409);
    const sheet = ['Indicator,Outturn type,Sep-12,Oct-12,Target,England,Good is', 'Safeguarding', 'Percentage of child protection plans reviewed on time,PERCENTAGE,91%,≈93,95%,N/A,Higher'].join('\n');
    await call(admin, 'post', '/api/indicators/imports/preview', { planId: ctx.planId, text: sheet, format: 'csv' }, 200);
    await call(admin, 'post', '/api/indicators/imports', { planId: ctx.planId, text: sheet, format: 'csv', fileName: 'board-report.csv' }, 201);
    await call(admin, 'post', '/api/indicators/imports', { planId: ctx.planId, text: sheet, format: 'csv' }, 201);
    await call(admin, 'post', '/api/indicators/imports', { planId: ctx.planId, text: 'Indicator,Outturn type,Sep-12\nPriority 9: Not in the plan\nContacts,NUMBER,1', format: 'csv' }, 400);
    await call(admin, 'post', '/api/indicators/imports/preview', { planId: NOWHERE, text: sheet }, 404);
    await call(olu, 'post', '/api/indicators/imports/preview', { planId: ctx.planId, text: sheet }, 403);

    // Boards: a board with a meeting, its pack drafted and issued, actions agreed (and imported from minutes); a scrutiny panel's list.
    const board = await call(admin, 'post', '/api/boards', { name: 'Contract check board', kind: 'improvement_board', cadenceMonths: 2, memberIds: [ctx.userId], planIds: [], indicatorIds: [] }, 201);
    ctx.boardId = board.body.id;
    await call(admin, 'post', '/api/boards', { name: '', kind: 'committee' }, 400);
    await call(olu, 'post', '/api/boards', { name: 'Not mine to set up', kind: 'other' }, 403);
    await call(admin, 'patch', `/api/boards/${ctx.boardId}`, { version: board.body.version, cadenceMonths: 3 }, 200);
    await call(admin, 'patch', `/api/boards/${ctx.boardId}`, { version: board.body.version, cadenceMonths: 4 }, 409);
    const spareBoard = await call(admin, 'post', '/api/boards', { name: 'Spare board', kind: 'other' }, 201);
    await call(admin, 'delete', `/api/boards/${spareBoard.body.id}?version=${spareBoard.body.version}`, undefined, 204);
    const meeting = await call(admin, 'post', '/api/meetings', { boardId: ctx.boardId, meetingDate: '2012-10-15', agenda: ['Matters arising', 'Performance report'] }, 201);
    ctx.meetingId = meeting.body.id;
    await call(admin, 'post', '/api/meetings', { boardId: ctx.boardId, meetingDate: '2012-02-30' }, 400);
    await call(admin, 'patch', `/api/meetings/${ctx.meetingId}`, { version: meeting.body.version, status: 'held' }, 200);
    await call(admin, 'patch', `/api/meetings/${ctx.meetingId}`, { version: meeting.body.version, status: 'cancelled' }, 409);
    const spareMeeting = await call(admin, 'post', '/api/meetings', { boardId: ctx.boardId, meetingDate: '2012-12-17' }, 201);
    await call(admin, 'delete', `/api/meetings/${spareMeeting.body.id}?version=${spareMeeting.body.version}`, undefined, 204);
    await call(admin, 'post', `/api/meetings/${ctx.meetingId}/pack`, { asOf: '2012-10-08' }, 201);
    await call(admin, 'post', `/api/meetings/${ctx.meetingId}/pack/issue`, { asOf: '2012-10-08' }, 201);
    await call(admin, 'post', `/api/meetings/${ctx.meetingId}/pack/issue`, { asOf: '2999-01-01' }, 400);
    const action = await call(admin, 'post', '/api/actions', { meetingId: ctx.meetingId, text: 'Circulate the audit of child protection plans', ownerIds: [ctx.userId], dueOn: '2012-12-17' }, 201);
    ctx.actionId = action.body.id;
    await call(admin, 'post', '/api/actions', { meetingId: ctx.meetingId, text: 'Owned by a stranger', ownerIds: [NOWHERE] }, 400);
    const noted = await call(admin, 'patch', `/api/actions/${ctx.actionId}`, { version: action.body.version, note: 'Audit under way', status: 'in_progress' }, 200);
    await call(admin, 'patch', `/api/actions/${ctx.actionId}`, { version: action.body.version, note: 'Stale' }, 409);
    const toClose = await call(admin, 'post', '/api/actions', { meetingId: ctx.meetingId, text: 'Invite the designated doctor' }, 201);
    await call(admin, 'post', `/api/actions/${toClose.body.id}/close`, { version: toClose.body.version, note: 'Invited for December' }, 201);
    const toDelete = await call(admin, 'post', '/api/actions', { meetingId: ctx.meetingId, text: 'Recorded by mistake' }, 201);
    await call(admin, 'delete', `/api/actions/${toDelete.body.id}?version=${toDelete.body.version}`, undefined, 204);
    expect(noted.body.status).toBe('in_progress');
    const minutes = 'Action\tOwner\tDue\nReport re-referrals by team\tOA\t17/12/2012\nWrite to the CCG\tZZ\t';
    await call(admin, 'post', `/api/meetings/${ctx.meetingId}/actions/import/preview`, { text: minutes }, 200);
    await call(admin, 'post', `/api/meetings/${ctx.meetingId}/actions/import`, { text: minutes }, 201);
    await call(admin, 'post', `/api/meetings/${ctx.meetingId}/actions/import/preview`, { text: '' }, 400);
    const panel = await call(admin, 'post', '/api/boards', { name: 'Contract check scrutiny panel', kind: 'scrutiny_panel', memberIds: [ctx.userId] }, 201);
    ctx.panelId = panel.body.id;
    ctx.panelMeetingId = (await call(admin, 'post', '/api/meetings', { boardId: panel.body.id, meetingDate: '2012-11-22' }, 201)).body.id;
    const scrutiny = await call(admin, 'post', '/api/scrutiny-recommendations', { boardId: panel.body.id, meetingDate: '2012-09-20', title: 'Early help', actionProposed: ['Audit early help assessments', 'Report in March'], progress: 'achieved' }, 201);
    ctx.scrutinyId = scrutiny.body.id;
    await call(admin, 'post', '/api/scrutiny-recommendations', { boardId: panel.body.id, meetingDate: '2012-09-20', title: 'Paused', actionProposed: ['x'], progress: 'paused' }, 400);
    const responded = await call(admin, 'patch', `/api/scrutiny-recommendations/${ctx.scrutinyId}`, { version: scrutiny.body.version, actionTaken: ['Audit done', 'Reported'] }, 200);
    await call(admin, 'patch', `/api/scrutiny-recommendations/${ctx.scrutinyId}`, { version: scrutiny.body.version, actionTaken: ['Stale'] }, 409);
    await call(admin, 'post', `/api/scrutiny-recommendations/${ctx.scrutinyId}/decisions`, { meetingId: ctx.panelMeetingId, decision: 'not_accepted', note: 'Evidence still to come' }, 201);
    await call(admin, 'post', `/api/scrutiny-recommendations/${ctx.scrutinyId}/decisions`, { meetingId: ctx.meetingId, decision: 'accepted' }, 400);
    expect(responded.body.listed).toBe(true);
    const spareRecommendation = await call(admin, 'post', '/api/scrutiny-recommendations', { boardId: panel.body.id, meetingDate: '2012-09-20', title: 'By mistake', actionProposed: ['x'] }, 201);
    await call(admin, 'delete', `/api/scrutiny-recommendations/${spareRecommendation.body.id}?version=${spareRecommendation.body.version}`, undefined, 204);
    const monitoring = 'Date\tTitle\tAction proposed\tAction taken\tProgress status\n20/09/2012\tMissing children\t1) Publish the protocol 2) Train staff\t\tContinue monitoring';
    await call(admin, 'post', `/api/boards/${panel.body.id}/scrutiny-recommendations/import/preview`, { text: monitoring }, 200);
    await call(admin, 'post', `/api/boards/${panel.body.id}/scrutiny-recommendations/import`, { text: monitoring }, 201);

    // Reminders: a scan run by hand, then a person's notifications.
    await call(admin, 'post', '/api/admin/reminders/run?asOf=2012-09-06', undefined, 200);
    await call(admin, 'post', '/api/admin/reminders/run?asOf=2012-13-01', undefined, 400);
    await call(admin, 'post', '/api/admin/queues/failed/no-such-job/retry', undefined, 404);
    for (const email of ['head.csl@demo.test', 'chair@demo.test', 'head.nhs@demo.test']) {
      const person = await t.as(email);
      const notifications = await call(person, 'get', '/api/me/notifications?pageSize=5', undefined, 200);
      if (notifications.body.items.length === 0) continue;
      ctx.notificationsOf = person;
      await call(person, 'post', `/api/me/notifications/${notifications.body.items[0].id}/read`, undefined, 204);
      await call(person, 'post', '/api/me/notifications/read-all', undefined, 204);
      break;
    }
    expect(ctx.notificationsOf).toBeDefined();
    await call(admin, 'post', `/api/me/notifications/${NOWHERE}/read`, undefined, 404);

    // A password reset, after which Olu's sessions have ended. The link's token is only in the email;
    // the test knows one by giving the stored link its hash.
    await call(t.anon, 'post', '/api/auth/password-reset', { email: 'olu.adebayo@example.org' }, 202);
    await t.dataSource.query('UPDATE password_resets SET token_hash = $1 WHERE user_id = $2 AND used_at IS NULL', [hashToken('known-reset-token'), ctx.userId]);
    await call(t.anon, 'post', '/api/auth/password-reset/confirm', { token: 'known-reset-token', password: TEST_PASSWORD }, 200);

    // Too many failed sign-ins.
    for (let attempt = 0; attempt < 5; attempt++) {
      await call(t.anon, 'post', '/api/auth/sign-in', { email: 'locked.out@example.org', password: 'not the password' }, 401);
    }
    await call(t.anon, 'post', '/api/auth/sign-in', { email: 'locked.out@example.org', password: 'not the password' }, 429);

    expect(broken).toEqual([]);
  });

  /**
   * A real answer for every GET in the document, checked against its schema.
   * A GET added to the API without an entry here fails the test: add one that
   * reaches data, so its schema is checked against a real body.
   */
  it('answers every documented GET with a body its schema describes', async () => {
    broken.length = 0;
    const admin = t.http;
    type Read = { url: string; client?: Client; empty?: 'allowed' };
    const reads: Record<string, () => Read[]> = {
      'GET /health': () => [{ url: '/health', client: t.anon }],
      'GET /api/me': () => [{ url: '/api/me' }],
      'GET /api/me/api-tokens': () => [{ url: '/api/me/api-tokens' }],
      'GET /api/me/calendar-feed': () => [{ url: '/api/me/calendar-feed' }],
      'GET /api/plans/{id}/calendar-feed': () => [{ url: `/api/plans/${ctx.planId}/calendar-feed` }],
      'GET /api/me/notifications': () => [{ url: '/api/me/notifications', client: ctx.notificationsOf }],
      'GET /api/users': () => [{ url: '/api/users?role=viewer' }],
      'GET /api/users/{id}': () => [{ url: `/api/users/${ctx.userId}` }],
      'GET /api/audit': () => [{ url: '/api/audit?pageSize=100' }, { url: `/api/audit?entityType=lead_agency&entityId=${ctx.leadAgencyId}` }],
      'GET /api/closure-days': () => [{ url: '/api/closure-days' }],
      'GET /api/plans': () => [{ url: '/api/plans' }, { url: '/api/plans?kind=business_plan', client: admin }],
      'GET /api/plans/{id}': () => [{ url: `/api/plans/${ctx.planId}` }, { url: `/api/plans/${ctx.planId}`, client: undefined }],
      'GET /api/sections': () => [{ url: `/api/sections?planId=${ctx.planId}` }],
      'GET /api/sections/{id}': () => [{ url: `/api/sections/${ctx.sectionId}` }],
      'GET /api/recommendations': () => [{ url: `/api/recommendations?sectionId=${ctx.sectionId}` }],
      'GET /api/recommendations/{id}': () => [{ url: `/api/recommendations/${ctx.recommendationId}` }],
      'GET /api/activities': () => [{ url: `/api/activities?planId=${ctx.planId}&pageSize=200` }, { url: '/api/activities?overdueAsOf=2012-12-03&status=in_progress,not_started' }],
      'GET /api/activities/{id}': () => [{ url: `/api/activities/${ctx.activityId}` }],
      'GET /api/activities/{id}/updates': () => [{ url: `/api/activities/${ctx.activityId}/updates` }],
      'GET /api/activities/{id}/rag': () => [{ url: `/api/activities/${ctx.activityId}/rag?asOf=2012-09-20` }],
      'GET /api/activities/{id}/history': () => [{ url: `/api/activities/${ctx.activityId}/history` }],
      'GET /api/lead-agencies': () => [{ url: '/api/lead-agencies?pageSize=200' }],
      'GET /api/lead-agencies/{id}': () => [{ url: `/api/lead-agencies/${ctx.leadAgencyId}` }],
      'GET /api/plans/{id}/milestones': () => [{ url: `/api/plans/${ctx.businessPlanId}/milestones` }],
      'GET /api/plans/{id}/summary': () => [{ url: `/api/plans/${ctx.planId}/summary?asOf=2012-12-03` }],
      'GET /api/reviews/overdue': () => [
        { url: '/api/reviews/overdue?asOf=2012-12-03' },
        { url: `/api/reviews/overdue?asOf=2012-12-03&groupBy=owner&planId=${ctx.planId}` },
      ],
      'GET /api/reviews/at-risk': () => [{ url: '/api/reviews/at-risk?asOf=2012-09-05&groupBy=band' }],
      'GET /api/plans/{id}/appendix': () => [
        { url: `/api/plans/${ctx.planId}/appendix` },
        { url: `/api/plans/${ctx.planId}/appendix?format=docx&appendix=2` },
        { url: `/api/plans/${ctx.planId}/appendix?format=pdf` },
      ],
      'GET /api/plans/{id}/progress-report': () => [{ url: `/api/plans/${ctx.planId}/progress-report?asOf=2012-12-03&format=docx` }],
      'GET /api/reviews/exceptions': () => [{ url: '/api/reviews/exceptions?asOf=2012-12-03' }],
      // No digest fails in a test with a working outbox: the list is empty, and the schema is checked as far as that goes.
      'GET /api/admin/queues/failed': () => [{ url: '/api/admin/queues/failed', empty: 'allowed' }],
      'GET /api/admin/reminders/unheard': () => [{ url: '/api/admin/reminders/unheard' }],
      'GET /api/indicators': () => [{ url: `/api/indicators?planId=${ctx.planId}` }],
      'GET /api/indicators/{id}': () => [{ url: `/api/indicators/${ctx.indicatorId}` }],
      'GET /api/indicators/{id}/values': () => [{ url: `/api/indicators/${ctx.indicatorId}/values?from=2012-04&to=2013-03` }, { url: `/api/indicators/${ctx.indicatorId}/values?from=2012-04&to=2013-03&recordedBy=2012-12-31`, empty: 'allowed' }],
      'GET /api/indicators/{id}/values/{month}/history': () => [{ url: `/api/indicators/${ctx.indicatorId}/values/2012-09/history` }],
      'GET /api/sections/{id}/months/{month}': () => [{ url: `/api/sections/${ctx.sectionId}/months/2012-09` }, { url: `/api/sections/${ctx.sectionId}/months/2012-08` }],
      'GET /api/plans/{id}/indicator-settings': () => [{ url: `/api/plans/${ctx.planId}/indicator-settings` }],
      'GET /api/boards': () => [{ url: '/api/boards' }],
      'GET /api/boards/{id}': () => [{ url: `/api/boards/${ctx.boardId}` }],
      'GET /api/meetings': () => [{ url: `/api/meetings?boardId=${ctx.boardId}` }],
      'GET /api/meetings/{id}': () => [{ url: `/api/meetings/${ctx.meetingId}` }],
      'GET /api/meetings/{id}/pack': () => [
        { url: `/api/meetings/${ctx.meetingId}/pack` },
        { url: `/api/meetings/${ctx.meetingId}/pack?version=1&format=pdf` },
        { url: `/api/meetings/${ctx.meetingId}/pack?format=docx` },
      ],
      'GET /api/meetings/{id}/action-log': () => [{ url: `/api/meetings/${ctx.meetingId}/action-log?format=docx` }, { url: `/api/meetings/${ctx.meetingId}/action-log` }],
      'GET /api/meetings/{id}/scrutiny-monitoring': () => [{ url: `/api/meetings/${ctx.panelMeetingId}/scrutiny-monitoring` }],
      'GET /api/actions': () => [{ url: `/api/actions?boardId=${ctx.boardId}&status=open` }],
      'GET /api/actions/{id}': () => [{ url: `/api/actions/${ctx.actionId}` }],
      'GET /api/scrutiny-recommendations': () => [{ url: `/api/scrutiny-recommendations?boardId=${ctx.panelId}&show=all` }],
      'GET /api/scrutiny-recommendations/{id}': () => [{ url: `/api/scrutiny-recommendations/${ctx.scrutinyId}` }],
      'GET /api/plans/{id}/performance-report': () => [{ url: `/api/plans/${ctx.planId}/performance-report?asOf=2012-10` }, { url: `/api/plans/${ctx.planId}/performance-report?asOf=2012-10&format=docx&view=current` }],
    };

    const gets = operations.filter((operation) => operation.method === 'get').map((operation) => operation.key);
    expect({ withoutARealAnswerChecked: gets.filter((key) => !reads[key]) }).toEqual({ withoutARealAnswerChecked: [] });
    expect({ notInTheDocument: Object.keys(reads).filter((key) => !gets.includes(key)) }).toEqual({ notInTheDocument: [] });

    for (const [key, requests] of Object.entries(reads)) {
      for (const read of requests()) {
        const response = await call(read.client ?? admin, 'get', read.url, undefined, 200);
        const body = response.body as unknown;
        const list = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items) ? (body as { items: unknown[] }).items : null;
        if (list && list.length === 0 && read.empty !== 'allowed') broken.push(`${key}: ${read.url} answered an empty list, so its items were not checked against the document`);
        const operation = contract.operationFor('get', read.url)!;
        const documented = Object.keys(operation.operation.responses?.['200']?.content ?? {});
        if (!documented.includes(mediaTypeOf(response.headers['content-type']))) broken.push(`${key}: answered ${response.headers['content-type']}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('has seen every operation succeed, its answer checked, in the tests above', () => {
    const unseen = operations
      .map((operation) => operation.key)
      .filter((key) => !succeeded.has(key) && !CANNOT_SUCCEED_IN_A_TEST[key]);
    // An operation added to the API needs a call above that succeeds, so its documented answer is checked against a real one.
    expect(unseen).toEqual([]);
    expect(Object.keys(CANNOT_SUCCEED_IN_A_TEST).filter((key) => !operations.some((operation) => operation.key === key))).toEqual([]);
  });
});
