import { constants, gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatKilobytes, measureBytes } from '../../bench/size.js';

describe('measureBytes', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(measureBytes('é€').min).toBe(5);
  });

  it('reports gzip at level 9, the size of what decompresses back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (code) => {
        const expected = gzipSync(Buffer.from(code), { level: constants.Z_BEST_COMPRESSION });
        expect(gunzipSync(expected).toString('utf8')).toBe(code);
        expect(measureBytes(code)).toEqual({
          min: Buffer.byteLength(code),
          gzip: expected.byteLength,
        });
      }),
    );
  });

  it('measures bytes given as a Uint8Array the same as the string they encode', () => {
    const code = 'export function a(){return"salesforce"}'.repeat(20);
    expect(measureBytes(new TextEncoder().encode(code))).toEqual(measureBytes(code));
  });

  it('compresses repetitive bundle-like code below its minified size', () => {
    const code = 'function f(a){return a.map(b=>b*2)}'.repeat(200);
    const size = measureBytes(code);
    expect(size.gzip).toBeLessThan(size.min / 10);
  });
});

describe('formatKilobytes', () => {
  it('divides by 1,024 and keeps one decimal', () => {
    expect(formatKilobytes(2867)).toBe('2.8 KB');
    expect(formatKilobytes(1024)).toBe('1.0 KB');
    expect(formatKilobytes(0)).toBe('0.0 KB');
  });
});
