import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFString, StandardFonts } from 'pdf-lib';
import { compactPdf } from './pdf-compact';

/**
 * A small tagged PDF written the way Chromium writes one: a classic
 * cross-reference table, plain objects, a structure tree (elements pointing
 * at pages and marked content), an outline, metadata.
 */
async function classicTaggedPdf(): Promise<Buffer> {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.setTitle('Appendix 2: (a title with "brackets") endobj and 1 0 R in it');
  const font = await document.embedFont(StandardFonts.Helvetica);
  const context = document.context;
  const root = context.obj({ Type: 'StructTreeRoot' });
  const rootRef = context.register(root);
  const elements = PDFArray.withContext(context);
  for (let index = 0; index < 3; index++) {
    const page = document.addPage([842, 595]);
    page.drawText(`Page ${index + 1}: stream text with endobj inside`, { x: 50, y: 500, size: 12, font });
    const element = context.obj({ Type: 'StructElem', S: 'P', P: rootRef, Pg: page.ref, K: PDFNumber.of(0), Alt: PDFString.of(`Cell ${index} (endobj)`) });
    elements.push(context.register(element));
  }
  root.set(PDFName.of('K'), elements);
  document.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  document.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

describe('compactPdf', () => {
  it('packs every plain object into object streams, keeping the pages, structure tree and metadata', async () => {
    const original = await classicTaggedPdf();
    expect(original.toString('latin1')).toMatch(/\nxref\n/);
    const compact = await compactPdf(original);
    const raw = compact.toString('latin1');
    expect(raw.startsWith('%PDF-1.7\n')).toBe(true);
    expect(raw).toContain('/Type /ObjStm');
    expect(raw).toContain('/Type /XRef');
    expect(raw).not.toMatch(/\nxref\n/);

    const before = await PDFDocument.load(original, { updateMetadata: false });
    const after = await PDFDocument.load(compact, { updateMetadata: false });
    expect(after.getPageCount()).toBe(3);
    expect(after.getTitle()).toBe(before.getTitle());
    const tree = after.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const kids = tree.lookup(PDFName.of('K'), PDFArray);
    expect(kids.size()).toBe(3);
    const pages = after.getPages().map((page) => page.ref.toString());
    for (let index = 0; index < 3; index++) {
      const element = kids.lookup(index, PDFDict);
      expect(element.get(PDFName.of('S'))!.toString()).toBe('/P');
      expect(element.get(PDFName.of('Pg'))!.toString()).toBe(pages[index]);
      expect(element.lookup(PDFName.of('Alt'), PDFString).decodeText()).toBe(`Cell ${index} (endobj)`);
    }
    // Every object the original had, the same object: looked up by number in both.
    for (const [ref, object] of before.context.enumerateIndirectObjects()) {
      expect(after.context.lookup(ref)?.toString()).toBe(object.toString());
    }
  });

  it('is smaller for a structure tree of any size', async () => {
    const original = await classicTaggedPdf();
    expect((await compactPdf(original)).length).toBeLessThan(original.length);
  });

  it('leaves alone a PDF of any other shape: object streams already, or an incremental update', async () => {
    const document = await PDFDocument.create();
    document.addPage();
    const modern = Buffer.from(await document.save({ useObjectStreams: true }));
    expect(await compactPdf(modern)).toBe(modern);

    const classic = await classicTaggedPdf();
    const updated = Buffer.concat([classic, Buffer.from('\n1 0 obj\n<<>>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 2 /Root 1 0 R /Prev 10>>\nstartxref\n123\n%%EOF\n')]);
    expect(await compactPdf(updated)).toBe(updated);
    const notPdf = Buffer.from('hello');
    expect(await compactPdf(notPdf)).toBe(notPdf);
  });
});
