import { INestApplication, RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage } from 'class-validator';
import type { Client as PgClient } from 'pg';
import type { TestApp } from './test-app';

// class-transformer keeps its @Type() declarations here, the only place that says which class a nested field holds.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

/**
 * What a fuzz test needs to know about the running app: every write endpoint
 * (from Express's router, so nothing registered is missed) and, where Nest
 * declared one, the DTO its body and query are validated against, so inputs
 * can start valid and then be broken one way at a time.
 */

export type WriteMethod = 'post' | 'put' | 'patch' | 'delete';
const WRITE_METHODS: readonly WriteMethod[] = ['post', 'put', 'patch', 'delete'];

type Dto = new () => object;

export interface Endpoint {
  method: WriteMethod;
  /** Express's path, e.g. /api/activities/:id/updates. */
  path: string;
  /** The class @Body() is validated against; 'untyped' when the handler takes the body as it comes; absent when it reads none. */
  body?: Dto | 'untyped';
  query?: Dto;
  /** Mounted under a path rather than routed (a sub-application such as the queue board): its routes are not listed. */
  mounted?: boolean;
}

/** A seeded pseudo-random source (mulberry32): the same seed gives the same sequence everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  between(low: number, high: number): number {
    return low + this.int(high - low + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let at = this.next() * total;
    for (const [item, weight] of items) {
      at -= weight;
      if (at < 0) return item;
    }
    return items[items.length - 1][0];
  }
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: ExpressLayer[]; name?: string };
  name?: string;
  rawPath?: string | string[];
}

/** Every POST, PUT, PATCH and DELETE route Express knows, and the sub-applications mounted beside them. */
export function writeEndpoints(app: INestApplication): Endpoint[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  const declared = nestDeclarations(app);
  const found = new Map<string, Endpoint>();
  const walk = (stack: ExpressLayer[], prefix: string) => {
    for (const layer of stack) {
      const at = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      if (layer.route) {
        const methods = Object.keys(layer.route.methods).filter((m) => (WRITE_METHODS as readonly string[]).includes(m));
        // A route for every method at once is a fallback (Nest's not-found handler), not an endpoint.
        if (Object.keys(layer.route.methods).length > WRITE_METHODS.length + 2 || layer.route.methods._all) continue;
        for (const method of methods as WriteMethod[]) {
          const path = `${prefix}${layer.route.path}`;
          found.set(`${method} ${path}`, { method, path, ...declared.get(`${method} ${path}`) });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + at);
      } else if (layer.name === 'mounted_app' && at) {
        for (const method of WRITE_METHODS) found.set(`${method} ${at}`, { method, path: `${prefix}${at}`, mounted: true });
      }
    }
  };
  walk(express.router.stack, '');
  return [...found.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

const REQUEST_METHODS: Partial<Record<RequestMethod, WriteMethod>> = {
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

// Nest's RouteParamtypes: the first number of each key in a handler's route-argument metadata.
const BODY_ARGUMENT = '3';
const QUERY_ARGUMENT = '4';

/** The body and query DTOs of every Nest handler, by "method /api/path". */
function nestDeclarations(app: INestApplication): Map<string, Pick<Endpoint, 'body' | 'query'>> {
  const result = new Map<string, Pick<Endpoint, 'body' | 'query'>>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata('path', controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = REQUEST_METHODS[Reflect.getMetadata('method', handler) as RequestMethod];
        const own = Reflect.getMetadata('path', handler) as string | undefined;
        if (!method || own === undefined) continue;
        const path = '/' + ['api', base, own].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
        const args = (Reflect.getMetadata('__routeArguments__', controller, name) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? []) as Array<Dto | undefined>;
        const declaration: Pick<Endpoint, 'body' | 'query'> = {};
        for (const [key, argument] of Object.entries(args)) {
          const [kind] = key.split(':');
          const type = types[argument.index];
          if (kind === BODY_ARGUMENT && argument.data === undefined) declaration.body = type && type !== Object ? type : 'untyped';
          if (kind === QUERY_ARGUMENT && argument.data === undefined && type && type !== Object) declaration.query = type;
        }
        result.set(`${method} ${path}`, declaration);
      }
    }
  }
  return result;
}

interface Rule {
  name?: string;
  type: string;
  each?: boolean;
  constraints?: unknown[];
}

/** Ids of existing rows, by table, for fields and path parameters that refer to one. */
export type IdPools = Record<string, string[]>;

export interface GenerationContext {
  rand: Random;
  pools: IdPools;
  /** A version to use for `version`, when the row's current one is known. */
  version?: number;
  /** Emails of existing people, so some sign-ins and resets name a real account. */
  emails: string[];
  /** Values a real caller would know for a field (a password, a refresh token), by field name. */
  known?: Record<string, string[]>;
}

const WORDS = ['Audit', 'of', 'screening', 'decisions', 'Front', 'door', 'MASH', 'monthly', 'supervision', 'LSCB', 'SCC – CSL', '£3k per month', 'Existing resources', 'children', 'looked', 'after', 'plan', '2012'];

function text(ctx: GenerationContext, max = 60, min = 1): string {
  let out = '';
  while (out.length < min || (out.length < max && ctx.rand.chance(0.6))) out += (out ? ' ' : '') + ctx.rand.pick(WORDS);
  return out.slice(0, Math.max(min, max));
}

const pad = (n: number) => String(n).padStart(2, '0');
function date(ctx: GenerationContext): string {
  const year = ctx.rand.pick([2012, 2012, 2013, 2014]);
  const month = ctx.rand.between(1, 12);
  return `${year}-${pad(month)}-${pad(ctx.rand.between(1, 28))}`;
}

export function uuid(ctx: GenerationContext): string {
  const hex = () => ctx.rand.int(16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-8${part(3)}-${part(12)}`;
}

/** Which table an id field refers to, from its name: planIds -> plans, leadAgencyId -> lead_agencies. */
export function poolFor(field: string, pools: IdPools): string | undefined {
  const name = field.toLowerCase();
  if (/agenc|parent/.test(name)) return 'lead_agencies';
  if (/owner|user|actor|author/.test(name)) return 'users';
  for (const table of Object.keys(pools)) {
    const singular = table.replace(/ies$/, 'y').replace(/s$/, '').replace(/_/g, '');
    if (name.replace(/ids?$/, '').includes(singular)) return table;
  }
  return undefined;
}

export function idFor(ctx: GenerationContext, field: string): string {
  const table = poolFor(field, ctx.pools);
  const pool = table ? ctx.pools[table] : undefined;
  if (pool?.length && ctx.rand.chance(0.85)) return ctx.rand.pick(pool);
  // A foreign id: a row of another kind, or none at all.
  const all = Object.values(ctx.pools).flat();
  return all.length && ctx.rand.chance(0.5) ? ctx.rand.pick(all) : uuid(ctx);
}

function rulesOf(dto: Dto): Map<string, Rule[]> {
  const byProperty = new Map<string, Rule[]>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false) as Array<Rule & { propertyName: string }>) {
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  }
  return byProperty;
}

const constraint = (rules: Rule[], name: string, each = false): number | undefined => {
  const rule = rules.find((r) => r.name === name && Boolean(r.each) === each);
  return rule?.constraints?.[0] as number | undefined;
};

/** A value that meets a DTO's rules, as far as its decorators say: the starting point that mutations then break. */
export function validBody(dto: Dto, ctx: GenerationContext, depth = 0): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [property, rules] of rulesOf(dto)) {
    const optional = rules.some((r) => r.type === 'conditionalValidation');
    if (optional ? !ctx.rand.chance(depth === 0 ? 0.5 : 0.3) : !ctx.rand.chance(0.97)) continue;
    body[property] = valueFor(dto, property, rules, ctx, depth);
  }
  return body;
}

function valueFor(dto: Dto, property: string, rules: Rule[], ctx: GenerationContext, depth: number): unknown {
  const names = new Set(rules.filter((r) => !r.each).map((r) => r.name));
  if (rules.some((r) => r.type === 'nestedValidation')) {
    const nested = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction() as Dto | undefined;
    if (!nested || depth > 4) return {};
    if (names.has('isArray')) return Array.from({ length: ctx.rand.between(depth > 1 ? 0 : 1, 2) }, () => validBody(nested, ctx, depth + 1));
    return validBody(nested, ctx, depth + 1);
  }
  if (names.has('isArray')) {
    const eachRules = rules.filter((r) => r.each);
    const min = constraint(rules, 'arrayMinSize') ?? 0;
    const max = Math.min(constraint(rules, 'arrayMaxSize') ?? 5, 4);
    return Array.from({ length: ctx.rand.between(min, Math.max(min, max)) }, () => scalarFor(property, eachRules, ctx, true));
  }
  return scalarFor(property, rules.filter((r) => !r.each), ctx, false);
}

function scalarFor(property: string, rules: Rule[], ctx: GenerationContext, each: boolean): unknown {
  const names = new Set(rules.map((r) => r.name));
  const known = ctx.known?.[property];
  if (known?.length && ctx.rand.chance(0.3)) return ctx.rand.pick(known);
  const isIn = rules.find((r) => r.name === 'isIn');
  if (isIn) return ctx.rand.pick(isIn.constraints![0] as unknown[]);
  if (names.has('isUuid')) return idFor(ctx, property);
  if (names.has('isInt')) {
    if (property === 'version') return ctx.version ?? ctx.rand.between(1, 3);
    const min = constraint(rules, 'min', each) ?? 0;
    const max = constraint(rules, 'max', each) ?? min + 100;
    return ctx.rand.between(min, Math.min(max, min + 20));
  }
  if (names.has('isCalendarDate') || names.has('isWorkingDayCountable')) return date(ctx);
  if (names.has('isDueDateInput')) return ctx.rand.chance(0.2) ? date(ctx).slice(0, 7) : date(ctx);
  if (names.has('isIso8601')) return `${date(ctx)}T10:00:00Z`;
  if (names.has('isEmail')) return ctx.emails.length && ctx.rand.chance(0.5) ? ctx.rand.pick(ctx.emails) : `fuzz.${ctx.rand.int(1e6)}@council.example`;
  if (names.has('isUrl')) return `https://evidence.example.gov.uk/${ctx.rand.int(1e6)}`;
  if (names.has('isObject') || names.has('isMapping') || names.has('isStringMap')) return { activity: text(ctx, 30) };
  if (names.has('isBoolean')) return ctx.rand.chance(0.5);
  const min = constraint(rules, 'minLength', each) ?? 1;
  const max = constraint(rules, 'maxLength', each) ?? 200;
  return text(ctx, Math.min(max, 120), min);
}

/**
 * Percent-encoding as a careless client would do it: text that is not
 * well-formed Unicode goes out as the bytes of its lone surrogates (WTF-8),
 * where encodeURIComponent would throw.
 */
export function percentEncode(text: string): string {
  return Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(char);
  }).join('');
}

/** Serialises a query DTO's values the way a browser would send them. */
export function queryString(values: Record<string, unknown>): string {
  const parts = Object.entries(values).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) => `${percentEncode(key)}=${percentEncode(typeof item === 'string' ? item : String(JSON.stringify(item)))}`),
  );
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Paths from the root to every value in a tree (down to 40 levels), so a mutation can reach any of them. */
export function leafPaths(root: unknown): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (path.length) out.push(path);
    if (path.length >= 40 || !value || typeof value !== 'object') continue;
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    for (const [key, item] of entries) stack.push({ value: item, path: [...path, key] });
  }
  return out;
}

export function getAt(root: unknown, path: Array<string | number>): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], root);
}

export function setAt(root: unknown, path: Array<string | number>, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  if (parent && typeof parent === 'object') parent[path[path.length - 1]] = value;
}

export function deleteAt(root: unknown, path: Array<string | number>): void {
  const parent = getAt(root, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
  else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[path[path.length - 1] as string];
}

/** An own, enumerable property, whatever its name: `obj.__proto__ = …` would set the prototype instead. */
export function defineKey(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

export function nested(depth: number, inner: unknown = 1, kind: 'array' | 'object' = 'array'): unknown {
  let value = inner;
  for (let level = 0; level < depth; level++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/**
 * A board and a scrutiny panel chaired by `chair`, each with a meeting, an action (owned by `member`)
 * and a recommendation, so the boards' endpoints and pages are reached with ids that exist (the demo
 * data has no board). Made through the API as the test app's admin.
 */
export async function addBoardFixtures(t: TestApp, people: { chair: string; member: string }): Promise<void> {
  const chair = (await t.dataSource.query('SELECT id FROM users WHERE email = $1', [people.chair]))[0].id;
  const head = (await t.dataSource.query('SELECT id FROM users WHERE email = $1', [people.member]))[0].id;
  const board = (await t.http.post('/api/boards').send({ name: 'Fuzz board', kind: 'improvement_board', cadenceMonths: 2, chairIds: [chair], memberIds: [head] }).expect(201)).body;
  const meeting = (await t.http.post('/api/meetings').send({ boardId: board.id, meetingDate: '2012-10-15' }).expect(201)).body;
  await t.http.post('/api/actions').send({ meetingId: meeting.id, text: 'Circulate the audit', ownerIds: [head], dueOn: '2012-12-17' }).expect(201);
  const panel = (await t.http.post('/api/boards').send({ name: 'Fuzz panel', kind: 'scrutiny_panel', chairIds: [chair] }).expect(201)).body;
  await t.http.post('/api/meetings').send({ boardId: panel.id, meetingDate: '2012-11-22' }).expect(201);
  await t.http.post('/api/scrutiny-recommendations').send({ boardId: panel.id, meetingDate: '2012-09-20', title: 'Early help', actionProposed: ['Report the audit'], progress: 'achieved' }).expect(201);
}

export interface TableChecksum {
  tables: string[];
  checksum: () => Promise<Record<string, string>>;
  /** The tables whose checksum differs between two readings. */
  changed: (before: Record<string, string>, after: Record<string, string>) => string[];
}

/**
 * The database as a refused request must leave it, read on a connection of the test's own (`pg`, as the
 * app's role). Not compared: sign_in_attempts, where a refused sign-in is recorded on purpose (that record
 * is what throttles guessing), and schema_migrations, which no request touches.
 */
export async function tableChecksum(t: TestApp, pg: PgClient): Promise<TableChecksum> {
  const tables: string[] = (
    await t.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'sign_in_attempts') ORDER BY tablename`,
    )
  ).map((row: { tablename: string }) => row.tablename);
  // Per table, in one round trip: how many rows, and the newest transaction that wrote one. An insert or
  // an update commits a newer xmin, a delete lowers the count; a rolled-back write changes neither.
  const checksumSql = tables
    .map((table) => `SELECT '${table}' AS t, count(*)::int AS n, coalesce(max(x.xmin::text::bigint), 0)::text AS w FROM "${table}" x`)
    .join(' UNION ALL ');
  // A prepared statement on a connection of its own: planned once, then a single round trip each time.
  const checksum = async (): Promise<Record<string, string>> =>
    Object.fromEntries((await pg.query<{ t: string; n: number; w: string }>({ name: 'checksum', text: checksumSql })).rows.map((r) => [r.t, `${r.n}/${r.w}`]));
  const changed = (before: Record<string, string>, after: Record<string, string>) => tables.filter((table) => before[table] !== after[table]);
  return { tables, checksum, changed };
}
