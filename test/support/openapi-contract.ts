import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as path from 'path';
import { Worker } from 'worker_threads';

/**
 * Reading the app's own OpenAPI document (GET /api/docs-json) in tests: its
 * operations, and whether a real answer is one the document promises.
 *
 * Real bodies are validated with Ajv (the engine under the OpenAPI schema
 * validator) against the document's own schemas: OpenAPI 3.1 schemas are JSON
 * Schema 2020-12. Objects with named properties are closed for the check
 * (unevaluatedProperties: false) so a field the API answers and the document
 * does not name is caught, as much as one it names and does not answer.
 */

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface MediaType {
  schema?: Schema;
}

export interface ResponseSpec {
  description?: string;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, ResponseSpec>;
  security?: Array<Record<string, string[]>>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface DocumentedOperation {
  method: HttpMethod;
  path: string;
  operation: Operation;
  /** "GET /api/plans/{id}" */
  key: string;
}

export function operationsOf(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([route, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      method,
      path: route,
      operation: item[method]!,
      key: `${method.toUpperCase()} ${route}`,
    })),
  );
}

/** Follows `#/components/schemas/X` references within the document. */
export function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let depth = 0; current && typeof current.$ref === 'string' && depth < 20; depth++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = document.components?.schemas?.[name];
  }
  return current;
}

/** The media type without parameters: "text/html; charset=utf-8" -> "text/html". */
export const mediaTypeOf = (contentType: string | undefined): string => (contentType ?? '').split(';')[0].trim().toLowerCase();

const DATA_KEYWORDS = new Set(['example', 'examples', 'default', 'enum', 'const']);

function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(schema)) {
    if (!DATA_KEYWORDS.has(key)) closeObjects(value);
  }
  const properties = schema.properties;
  if (properties && typeof properties === 'object' && !('additionalProperties' in schema) && !('unevaluatedProperties' in schema)) {
    schema.unevaluatedProperties = false;
  }
}

const BASE = 'https://openapi.test/document.json';
const MAX_ERRORS = 8;
const pointer = (...segments: string[]) =>
  `${BASE}#/${segments.map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;

export interface AnswerLike {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text?: string;
}

/** Checks real answers against the operations the document describes. */
export class ContractChecker {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: Array<{ pattern: RegExp; route: string }>;

  constructor(private readonly document: OpenApiDocument) {
    const closed = JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
    closeObjects(closed.components);
    closeObjects(closed.paths);
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    // Formats that describe rather than constrain (file bodies, password fields).
    this.ajv.addFormat('binary', true);
    this.ajv.addFormat('password', true);
    this.ajv.addSchema({ ...closed, $id: BASE });
    this.routes = Object.keys(document.paths)
      // Where two routes match, the one with fewer parameters is meant: /me/notifications/read-all, not /me/notifications/{id}.
      .sort((a, b) => a.split('{').length - b.split('{').length)
      .map((route) => ({
        route,
        pattern: new RegExp(`^${route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      }));
  }

  /** The documented operation a request reaches, if any. */
  operationFor(method: string, url: string): DocumentedOperation | undefined {
    const pathOnly = url.split('?')[0];
    const lower = method.toLowerCase() as HttpMethod;
    const match = this.routes.find(({ route, pattern }) => pattern.test(pathOnly) && this.document.paths[route][lower]);
    if (!match) return undefined;
    return { method: lower, path: match.route, operation: this.document.paths[match.route][lower]!, key: `${method.toUpperCase()} ${match.route}` };
  }

  /** What is wrong with an answer, measured against the document; empty when it is what the document promises. */
  problemsWith(method: string, url: string, answer: AnswerLike): string[] {
    const request = `${method.toUpperCase()} ${url}`;
    const found = this.operationFor(method, url);
    if (!found) return [`${request}: no operation in the document`];
    const responses = found.operation.responses ?? {};
    const status = String(answer.status);
    const spec = responses[status] ?? responses[`${status[0]}XX`] ?? responses.default;
    if (!spec) return [`${request} answered ${status}, which ${found.key} does not document (it documents ${Object.keys(responses).join(', ')})`];
    const documentedStatus = responses[status] ? status : responses[`${status[0]}XX`] ? `${status[0]}XX` : 'default';
    const content = spec.content ?? {};
    const mediaTypes = Object.keys(content);
    if (mediaTypes.length === 0) {
      const empty = answer.text === undefined || answer.text === '';
      return empty ? [] : [`${request} answered ${status} with a body, where ${found.key} documents none`];
    }
    const mediaType = mediaTypeOf(answer.headers['content-type']);
    if (!content[mediaType]) return [`${request} answered ${status} as ${mediaType || 'no content type'}, where ${found.key} documents ${mediaTypes.join(', ')}`];
    if (mediaType !== 'application/json') return [];
    const key = pointer('paths', found.path, found.method, 'responses', documentedStatus, 'content', mediaType, 'schema');
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: key });
      this.validators.set(key, validate);
    }
    if (validate(answer.body)) return [];
    const errors = (validate.errors ?? []).map(
      (error) => `${request} answered ${status}: body${error.instancePath} ${error.message}${error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ''}`,
    );
    // The same mistake repeats for every row of a list; the first few say it.
    return errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), `${request}: and ${errors.length - MAX_ERRORS} more like these`] : errors;
  }
}

/** Validates the document against the OpenAPI schema of its version, with @seriousme/openapi-schema-validator (an ES module, so in a worker outside Jest's module system). */
export function validateOpenApiDocument(document: unknown): Promise<{ valid: boolean; version: string; errors: unknown }> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(path.join(__dirname, 'openapi-schema-validator.mjs'), { workerData: document });
    worker.once('message', resolvePromise);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The OpenAPI schema validator stopped with exit code ${code}`));
    });
  });
}
