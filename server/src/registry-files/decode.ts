import iconv from 'iconv-lite';

export type DecodedFile = { text: string; encoding: 'utf-8' | 'gbk' };

const bom = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A CSV's bytes as text, the way Excel saves them: UTF-8 with a BOM ("CSV UTF-8"), UTF-8 without
 * one, or GBK (plain "CSV" on a Chinese Windows). A BOM says UTF-8; bytes that are valid UTF-8 are
 * UTF-8; anything else is read as GB18030, of which GBK is a part.
 */
export function decodeCsv(bytes: Buffer): DecodedFile {
  if (bytes.subarray(0, 3).equals(bom)) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  }
}
