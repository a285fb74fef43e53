/** govukPagination's options: previous, numbered pages (with ellipses between far-apart ones), next. */
export interface PaginationModel {
  previous: { href: string } | null;
  next: { href: string } | null;
  items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }>;
}

/**
 * The GOV.UK pagination for page `page` of `total` rows, `pageSize` a page;
 * null when everything fits on one page. Long runs of pages show the first,
 * the last and those beside the current one, as the Design System advises.
 */
export function paginationFor(page: number, total: number, pageSize: number, hrefFor: (page: number) => string): PaginationModel | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: PaginationModel['items'] = [];
  shown.forEach((number, index) => {
    if (index > 0 && number - shown[index - 1] > 1) items.push({ ellipsis: true });
    items.push({ number, href: hrefFor(number), current: number === page });
  });
  return {
    previous: page > 1 ? { href: hrefFor(Math.min(page, pages) - 1) } : null,
    next: page < pages ? { href: hrefFor(page + 1) } : null,
    items,
  };
}

/** An address with its query: empty values left out, so links stay short and shareable. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
