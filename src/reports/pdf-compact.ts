import { promisify } from 'util';
import { deflate } from 'zlib';

const deflateAsync = promisify(deflate);

/**
 * Chromium writes a tagged PDF's structure tree (an element per table cell,
 * paragraph and run of text) as plain, uncompressed objects, each listed in a
 * classic cross-reference table: at 5,000 activities three quarters of the
 * file. This packs those objects, unchanged, into compressed object streams
 * with a cross-reference stream (PDF 1.5), the form every current reader
 * expects: the same objects, so the same pages, text, structure tree,
 * bookmarks and metadata, in about a third of the bytes. Streams (page
 * contents, fonts) stay as they are; they are compressed already.
 *
 * It reads only the shape Chromium writes (one classic cross-reference table,
 * generation 0, no incremental update or encryption); anything else is
 * returned untouched, so the worst case is a larger file, never a broken one.
 */
export async function compactPdf(pdf: Buffer, objectsPerStream = 400): Promise<Buffer> {
  const layout = readClassicLayout(pdf);
  if (!layout) return pdf;
  const { objects, trailer, headerEnd } = layout;

  const plain: Array<{ number: number; body: Buffer }> = [];
  const streams: Array<{ number: number; bytes: Buffer }> = [];
  for (const object of objects) {
    if (object.isStream) streams.push({ number: object.number, bytes: object.bytes });
    else plain.push({ number: object.number, body: object.body });
  }

  let next = layout.size;
  const packs: Array<{ number: number; members: number[]; data: Buffer; first: number }> = [];
  const packing: Array<Promise<void>> = [];
  for (let start = 0; start < plain.length; start += objectsPerStream) {
    const members = plain.slice(start, start + objectsPerStream);
    const offsets: string[] = [];
    const bodies: Buffer[] = [];
    let at = 0;
    for (const member of members) {
      offsets.push(`${member.number} ${at}`);
      bodies.push(member.body, NEWLINE);
      at += member.body.length + 1;
    }
    const header = Buffer.from(`${offsets.join(' ')}\n`, 'latin1');
    const pack = { number: next++, members: members.map((member) => member.number), data: Buffer.alloc(0), first: header.length };
    packs.push(pack);
    packing.push(
      deflateAsync(Buffer.concat([header, ...bodies])).then((data) => {
        pack.data = data;
      }),
    );
  }
  await Promise.all(packing);

  // Type 1 entries (offset in the file) for streams and object streams, type 2 (object stream, index) for the rest.
  const size = next + 1;
  const xrefNumber = next;
  const entries: Array<[number, number, number]> = Array.from({ length: size }, () => [0, 0, 0]);
  entries[0] = [0, 0, 0xffff];
  // Object streams are PDF 1.5: say so in the header, keeping its binary comment.
  const versionLine = pdf.indexOf('\n', 0, 'latin1') + 1;
  const version = Math.max(1.5, Number(/^%PDF-(\d\.\d)/.exec(pdf.subarray(0, versionLine).toString('latin1'))?.[1] ?? 0));
  const parts: Buffer[] = [Buffer.from(`%PDF-${version.toFixed(1)}\n`, 'latin1'), pdf.subarray(versionLine, headerEnd)];
  let offset = parts[0].length + parts[1].length;
  const write = (bytes: Buffer) => {
    parts.push(bytes);
    offset += bytes.length;
  };
  for (const stream of streams) {
    entries[stream.number] = [1, offset, 0];
    write(stream.bytes);
    write(NEWLINE);
  }
  for (const pack of packs) {
    entries[pack.number] = [1, offset, 0];
    pack.members.forEach((member, index) => (entries[member] = [2, pack.number, index]));
    write(Buffer.from(`${pack.number} 0 obj\n<</Type /ObjStm /N ${pack.members.length} /First ${pack.first} /Filter /FlateDecode /Length ${pack.data.length}>>\nstream\n`, 'latin1'));
    write(pack.data);
    write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  const xrefOffset = offset;
  entries[xrefNumber] = [1, xrefOffset, 0];
  const table = Buffer.alloc(size * 7);
  entries.forEach(([type, field, index], row) => {
    table.writeUInt8(type, row * 7);
    table.writeUInt32BE(field, row * 7 + 1);
    table.writeUInt16BE(index, row * 7 + 5);
  });
  const xref = await deflateAsync(table);
  write(
    Buffer.from(
      `${xrefNumber} 0 obj\n<</Type /XRef /Size ${size} /W [1 4 2] ${trailer} /Filter /FlateDecode /Length ${xref.length}>>\nstream\n`,
      'latin1',
    ),
  );
  write(xref);
  write(Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const NEWLINE = Buffer.from('\n', 'latin1');

interface ClassicObject {
  number: number;
  /** The whole object as written, "n 0 obj" to "endobj". */
  bytes: Buffer;
  /** What lies between "n 0 obj" and "endobj". */
  body: Buffer;
  isStream: boolean;
}

interface ClassicLayout {
  objects: ClassicObject[];
  size: number;
  /** The trailer's /Root, /Info and /ID, as written. */
  trailer: string;
  /** Where the header (version and binary comment) ends and the first object starts. */
  headerEnd: number;
}

/** The objects of a PDF written with one classic cross-reference table, or null for any other shape. */
function readClassicLayout(pdf: Buffer): ClassicLayout | null {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return null;
  const tail = pdf.subarray(Math.max(0, pdf.length - 64)).toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref) return null;
  const xrefAt = Number(startxref[1]);
  const trailerAt = pdf.indexOf('trailer', xrefAt, 'latin1');
  if (pdf.subarray(xrefAt, xrefAt + 4).toString('latin1') !== 'xref' || trailerAt < 0) return null;

  const trailerText = pdf.subarray(trailerAt, pdf.length).toString('latin1');
  const dict = /^trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(trailerText);
  if (!dict || /\/(Prev|Encrypt|XRefStm)\b/.test(dict[1])) return null;
  const size = Number(/\/Size\s+(\d+)/.exec(dict[1])?.[1]);
  const root = /\/Root\s+\d+\s+0\s+R/.exec(dict[1])?.[0];
  if (!size || !root) return null;
  const info = /\/Info\s+\d+\s+0\s+R/.exec(dict[1])?.[0] ?? '';
  const id = /\/ID\s*\[[^\]]*\]/.exec(dict[1])?.[0] ?? '';

  // Subsections: "first count", then count entries of 20 bytes ("oooooooooo ggggg n \n").
  const offsets: Array<{ number: number; offset: number }> = [];
  let at = pdf.indexOf('\n', xrefAt, 'latin1') + 1;
  while (at < trailerAt) {
    const lineEnd = pdf.indexOf('\n', at, 'latin1');
    const line = pdf.subarray(at, lineEnd).toString('latin1');
    if (line.trim() === '') {
      at = lineEnd + 1;
      continue;
    }
    const heading = /^(\d+) (\d+)\s*$/.exec(line);
    if (!heading) return null;
    const first = Number(heading[1]);
    const count = Number(heading[2]);
    at = lineEnd + 1;
    for (let i = 0; i < count; i++, at += 20) {
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(pdf.subarray(at, at + 18).toString('latin1'));
      if (!entry) return null;
      if (entry[3] === 'n') {
        if (entry[2] !== '00000') return null;
        offsets.push({ number: first + i, offset: Number(entry[1]) });
      }
    }
  }
  offsets.sort((a, b) => a.offset - b.offset);
  if (offsets.length === 0) return null;

  const objects: ClassicObject[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const { number, offset } = offsets[i];
    const end = i + 1 < offsets.length ? offsets[i + 1].offset : xrefAt;
    const chunk = pdf.subarray(offset, end);
    const opening = `${number} 0 obj`;
    if (chunk.subarray(0, opening.length).toString('latin1') !== opening) return null;
    const close = chunk.lastIndexOf('endobj', chunk.length, 'latin1');
    if (close < 0) return null;
    let bodyEnd = close;
    while (bodyEnd > opening.length && isWhite(chunk[bodyEnd - 1])) bodyEnd--;
    let bodyStart = opening.length;
    while (bodyStart < bodyEnd && isWhite(chunk[bodyStart])) bodyStart++;
    const body = chunk.subarray(bodyStart, bodyEnd);
    const isStream = body.subarray(Math.max(0, body.length - 9)).toString('latin1') === 'endstream';
    objects.push({ number, bytes: chunk.subarray(0, close + 'endobj'.length), body, isStream });
  }
  return { objects, size, trailer: [root, info, id].filter(Boolean).join(' '), headerEnd: offsets[0].offset };
}

function isWhite(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
}
