import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { RouteInfo } from '@nestjs/common/interfaces';

/**
 * Paths that are not pages: the JSON API, health, and the queue board. The
 * web's middleware (helmet, cookies, CSRF) and its error pages leave these
 * alone, so the API answers exactly as it did before there were pages.
 */
export function isPagePath(path: string): boolean {
  return !/^\/(api|health|admin\/queues)(\/|$)/i.test(path);
}

/**
 * The routes of the page controllers, to leave out of the API's /api prefix:
 * pages live at /, /sign-in, /account… Read from the controllers themselves,
 * so a new page needs no list kept by hand.
 *
 * Nest matches an exclusion against each route's path as written, as a
 * pattern: "/plans/:planId" would also match the API's "/plans/:id" and take
 * that off /api. So each page path is escaped to match only itself, written
 * exactly so; a page and an API route written identically are refused at
 * start-up (assertNoClash).
 */
export function pageRoutes(controllers: Type[]): RouteInfo[] {
  return controllerRoutes(controllers).map((route) => ({ ...route, path: literalPattern(route.path) }));
}

/** A path-to-regexp pattern that matches exactly this text (":id" as the two characters and name, not a parameter). */
export function literalPattern(path: string): string {
  return path.replace(/[{}()[\]+?!:*\\]/g, (character) => `\\${character}`);
}

/** Refuses to start when an API route is written exactly as a page route: one of them would be unreachable or lose its /api prefix. */
export function assertNoClash(pages: RouteInfo[], others: RouteInfo[]): void {
  const taken = new Set(pages.map((route) => `${route.method} ${route.path.toLowerCase()}`));
  const clashes = others.filter((route) => taken.has(`${route.method} ${route.path.toLowerCase()}`) || (route.method === RequestMethod.ALL && pages.some((page) => page.path.toLowerCase() === route.path.toLowerCase())));
  if (clashes.length) {
    throw new Error(`API routes written exactly as page routes: ${clashes.map((route) => `${RequestMethod[route.method]} ${route.path}`).join(', ')}. Name the page's path or parameters differently.`);
  }
}

/** Each handler's path (the controller's joined with its own) and method. */
export function controllerRoutes(controllers: Type[]): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const controller of controllers) {
    const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const own = Reflect.getMetadata(PATH_METADATA, handler);
      if (own === undefined) continue;
      const method = (Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined) ?? RequestMethod.GET;
      for (const prefix of base) for (const path of pathsOf(own)) routes.push({ path: join(prefix, path), method });
    }
  }
  return routes;
}

function pathsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [value === undefined ? '' : String(value)];
}

function join(base: string, path: string): string {
  const joined = [base, path].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
  return `/${joined}`;
}
