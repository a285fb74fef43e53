import JSZip from 'jszip';
import { zipStream } from './zip-stream';

async function bytesOf(entries: Parameters<typeof zipStream>[0]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of zipStream(entries)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function* inPieces(text: string, size: number): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

describe('zipStream', () => {
  const FOX = 'The quick brown fox jumps over the lazy dog';

  it('writes each entry’s CRC-32 (carried across chunks) where an unzip that checks it finds it', async () => {
    const long = `${FOX} `.repeat(5000);
    const zip = await bytesOf([
      { name: 'fox.txt', content: FOX },
      { name: 'word/document.xml', content: inPieces(long, 997) },
    ]);
    // The central directory's record of the first entry: its CRC at offset 16.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip.readUInt32LE(central + 16)).toBe(0x414fa339);
    const read = await JSZip.loadAsync(zip, { checkCRC32: true });
    expect(await read.file('fox.txt')!.async('string')).toBe(FOX);
    expect(await read.file('word/document.xml')!.async('string')).toBe(long);
  });

  it('reads an empty entry as empty, with the CRC of nothing', async () => {
    const zip = await bytesOf([{ name: 'empty.txt', content: '' }]);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip.readUInt32LE(central + 16)).toBe(0);
    expect(await (await JSZip.loadAsync(zip, { checkCRC32: true })).file('empty.txt')!.async('string')).toBe('');
  });
});
