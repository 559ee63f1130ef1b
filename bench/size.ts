import { constants, gzipSync } from 'node:zlib';

/** Bytes of one bundle as shipped (minified) and as sent over the wire (gzip level 9). */
export interface ByteSize {
  min: number;
  gzip: number;
}

/**
 * Measures minified code the way the bench reports it: raw bytes and gzip at level 9 (what a
 * server with `gzip_comp_level 9` sends; brotli would be smaller for everyone alike).
 *
 * @example
 * measureBytes('export const a=1;'); // → { min: 17, gzip: 37 }
 */
export function measureBytes(code: string | Uint8Array): ByteSize {
  const bytes = typeof code === 'string' ? Buffer.from(code, 'utf8') : code;
  const gzip = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).byteLength;
  return { min: bytes.byteLength, gzip };
}

/**
 * Bytes as kilobytes (1 KB = 1,024 bytes) with one decimal, as the tables print them.
 *
 * @example
 * formatKilobytes(2867); // → '2.8 KB'
 */
export function formatKilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
