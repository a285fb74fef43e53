import { applyDecorators, BadRequestException, Controller, Injectable, NotFoundException, PipeTransform, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { Page } from '../accounts/roles';
import { ReachForPages } from './reach-for-pages.interceptor';

/**
 * A controller of web pages: outside the /api prefix and the OpenAPI
 * document, reached with the browser's session cookie (the same AuthGuard,
 * @Public() and @Roles() as the API). List it in WebModule's PAGE_CONTROLLERS.
 * The person's reach is worked out before the handler (ReachForPages), for
 * the navigation.
 */
export const PageController = (path = ''): ClassDecorator => applyDecorators(Controller(path), ApiExcludeController(), Page(), UseInterceptors(ReachForPages));

/** An id in a page's address that is not a UUID names nothing: the same 404 page as an id that does not exist. */
@Injectable()
export class PageIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new NotFoundException();
    return value;
  }
}

export const pageId = new PageIdPipe();

/** A page's query parameter that must be a whole number from 1 (a page of a list). */
export function pageNumber(value: unknown): number {
  if (value === undefined || value === '') return 1;
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) < 1) throw new BadRequestException('page must be a whole number from 1');
  return Number(value);
}
