import { ImportProblem } from '../import-model';

/**
 * Turning uploaded bytes into text, refusing what is not text. Councils send
 * whatever Word, Excel or a PDF viewer produced: UTF-8 (with or without a byte
 * order mark), Excel's "Unicode text" (UTF-16 with a mark), and now and then an
 * old Windows-1252 CSV, which is read only when asked for by name because a
 * guess would turn "£" and "–" into something else without anyone noticing.
 */

export const TEXT_ENCODINGS = ['utf-8', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export type FileSignature = 'zip' | 'ole' | 'pdf' | 'gzip' | 'png' | 'jpeg' | 'none';

/** What the first bytes say the file is, whatever its name. */
export function fileSignature(bytes: Uint8Array): FileSignature {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  return 'none';
}

const SIGNATURE_NAMES: Record<Exclude<FileSignature, 'none'>, string> = {
  zip: 'a ZIP archive (an XLSX or DOCX file?)',
  ole: 'an old Office 97-2003 file (.xls or .doc); save it as .xlsx or CSV',
  pdf: 'a PDF; copy the table out of it and paste the text instead',
  gzip: 'a compressed (gzip) file',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
};

export function describeSignature(signature: Exclude<FileSignature, 'none'>): string {
  return SIGNATURE_NAMES[signature];
}

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

/**
 * Text from bytes, or an ImportProblem naming the line that is not text:
 * empty input, binary content (NUL bytes, control characters, a known binary
 * signature) and bytes that are not valid in the encoding.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding = 'utf-8', what = 'The file'): DecodedText {
  if (bytes.length === 0) throw new ImportProblem('empty_input', `${what} is empty`);
  const signature = fileSignature(bytes);
  if (signature !== 'none') throw new ImportProblem('not_text', `${what} is not text: it is ${describeSignature(signature)}`, { line: 1 });

  let decoded: DecodedText;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) decoded = { text: decodeUtf16(bytes.subarray(2), 'utf-16le', what), encoding: 'utf-16le' };
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoded = { text: decodeUtf16(bytes.subarray(2), 'utf-16be', what), encoding: 'utf-16be' };
  else if (encoding === 'windows-1252') {
    assertNoNulBytes(bytes, what);
    decoded = { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  } else {
    assertNoNulBytes(bytes, what);
    const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    decoded = { text: decodeUtf8(withoutBom, what), encoding: 'utf-8' };
  }
  assertLooksLikeText(decoded.text, what);
  if (decoded.text.trim() === '') throw new ImportProblem('empty_input', `${what} is empty (it holds only blank space)`);
  return decoded;
}

/** Text sent as a string (a JSON body or a form field) passes the same checks as a file's. */
export function checkText(text: string, what = 'The text'): string {
  const withoutBom = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (withoutBom.trim() === '') throw new ImportProblem('empty_input', `${what} is empty`);
  assertLooksLikeText(withoutBom, what);
  return withoutBom;
}

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const { line, column } = lineAndColumn(bytes, offset);
    const hint = looksLikeWindows1252(bytes)
      ? ' It looks like Windows-1252 (an older Excel "CSV" save): save it as "CSV UTF-8", or send encoding=windows-1252.'
      : ' Save it as UTF-8.';
    throw new ImportProblem(
      'wrong_encoding',
      `${what} is not UTF-8 text: line ${line}, column ${column} has the byte 0x${bytes[offset].toString(16).toUpperCase().padStart(2, '0')}.${hint}`,
      { line },
    );
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', what: string): string {
  if (bytes.length % 2 !== 0) {
    throw new ImportProblem('wrong_encoding', `${what} starts with a UTF-16 byte order mark but has an odd number of bytes`, { line: 1 });
  }
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ImportProblem('wrong_encoding', `${what} starts with a UTF-16 byte order mark but is not valid UTF-16 text`, { line: 1 });
  }
}

function assertNoNulBytes(bytes: Uint8Array, what: string): void {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line } = lineAndColumn(bytes, nul);
    throw new ImportProblem('not_text', `${what} is not text: line ${line} contains binary data (a NUL byte)`, { line });
  }
}

// Tab, line feed, carriage return and form feed turn up in pasted text; other
// control characters mean a binary file, however it was named.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function assertLooksLikeText(text: string, what: string): void {
  const match = CONTROL.exec(text);
  if (!match) return;
  const line = lineOfIndex(text, match.index);
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
  throw new ImportProblem('not_text', `${what} is not text: line ${line} contains the control character U+00${code} (binary data?)`, { line });
}

/** Lines count \n, \r\n and a lone \r, as the parsers split them. */
export function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line += 1;
  }
  return line;
}

function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where UTF-8 decoding first fails, by the rules of RFC 3629 (no overlongs, no surrogates). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i += 1;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= bytes.length) return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length - 1;
}

function looksLikeWindows1252(bytes: Uint8Array): boolean {
  // £ (0xA3), – (0x96), ’ (0x92), “ ” (0x93, 0x94) and accented letters on their own.
  return bytes.some((b) => b >= 0x80);
}

// The 32 code points Windows-1252 puts where Latin-1 has C1 controls; undefined bytes stay as they are.
const WINDOWS_1252_HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d,
  0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
  0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/** Node's TextDecoder reads "windows-1252" as Latin-1, which gets "£" right but "–" and "’" wrong. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  for (const b of bytes) {
    chunk.push(WINDOWS_1252_HIGH[b] ?? b);
    if (chunk.length >= 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}
