import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { PdfRenderer } from '../src/reports/pdf-renderer';

/**
 * The PDF printer keeps its pages warm between papers (making a context and a
 * page was about half of a short paper's time): one page per paper printed
 * at once, the same browser throughout, nothing of one paper in the next, and
 * a page that printed a very large paper or lost its browser tab not kept.
 */
describe('PdfRenderer: warm print pages', () => {
  const renderer = new PdfRenderer();
  const work = mkdtempSync(path.join(tmpdir(), 'ipm-pdf-'));
  afterAll(async () => {
    await renderer.onModuleDestroy();
    rmSync(work, { recursive: true, force: true });
  });

  const paper = (text: string, padding = 0) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${text}</title></head><body><h1>${text}</h1><!--${'x'.repeat(padding)}--></body></html>`;
  const textOf = (pdf: Buffer): string => {
    const file = path.join(work, `${Math.random().toString(16).slice(2)}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ').trim();
  };

  it('prints papers one after another on one page of one browser, each with only its own text', async () => {
    const texts: string[] = [];
    for (const title of ['Appendix for the June board', 'Progress report for July', 'Exceptions for August']) texts.push(textOf(await renderer.render(paper(title))));
    expect(texts).toEqual(['Appendix for the June board', 'Progress report for July', 'Exceptions for August']);
    expect([renderer.launchCount, renderer.pageCount]).toEqual([1, 1]);
  });

  it('prints two papers at once on two pages, and keeps both for the next two', async () => {
    const first = await Promise.all([renderer.render(paper('First A')), renderer.render(paper('First B'))]);
    expect(renderer.pageCount).toBe(2);
    const second = await Promise.all([renderer.render(paper('Second A')), renderer.render(paper('Second B'))]);
    expect(renderer.pageCount).toBe(2);
    expect([...first, ...second].map(textOf)).toEqual(['First A', 'First B', 'Second A', 'Second B']);
  });

  it('closes the page that printed a very large paper, so its memory goes with it', async () => {
    expect(textOf(await renderer.render(paper('A paper of over a megabyte', 1_100_000)))).toBe('A paper of over a megabyte');
    // One page is left warm: two papers at once need a new one beside it.
    await Promise.all([renderer.render(paper('After A')), renderer.render(paper('After B'))]);
    expect(renderer.pageCount).toBe(3);
  });

  it('replaces a warm page that has gone (its tab crashed or was closed)', async () => {
    const warm = (renderer as unknown as { warm: Array<{ page: { close: () => Promise<void> } }> }).warm;
    await Promise.all(warm.map((printer) => printer.page.close()));
    expect(textOf(await renderer.render(paper('After the crash')))).toBe('After the crash');
    expect(renderer.pageCount).toBe(4);
    expect(renderer.launchCount).toBe(1);
  });
});
