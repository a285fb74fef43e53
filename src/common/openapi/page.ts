import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { PAGE_SIZE_LIMIT } from '../pagination';

const pages = new Map<Type<unknown>, Type<unknown>>();

/**
 * The documented shape of `Page<T>` (src/common/pagination.ts) for one item
 * class: a named schema (`PlanListItemPage`) a generated client can use as a
 * type. One class per item class, however many operations answer it.
 */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; page: number; pageSize: number; total: number }> {
  const existing = pages.get(item);
  if (existing) return existing as Type<{ items: T[]; page: number; pageSize: number; total: number }>;

  class Page {
    items!: T[];
    page!: number;
    pageSize!: number;
    total!: number;
  }
  ApiProperty({ type: () => [item], description: 'This page of results' })(Page.prototype, 'items');
  ApiProperty({ type: 'integer', minimum: 1, description: 'The page number, from 1, as asked for' })(Page.prototype, 'page');
  ApiProperty({ type: 'integer', minimum: 1, maximum: PAGE_SIZE_LIMIT, description: 'Rows per page, as asked for' })(Page.prototype, 'pageSize');
  ApiProperty({ type: 'integer', minimum: 0, description: 'Rows on every page together' })(Page.prototype, 'total');
  Object.defineProperty(Page, 'name', { value: `${item.name}Page` });
  pages.set(item, Page);
  return Page;
}
