import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSecretBox,
  DecryptionError,
  EncryptionKeyError,
  parseEncryptionKey,
} from '../../src/server/crypto.js';
import { base64url, constantTimeEqual, fromBase64 } from '../../src/server/encoding.js';

const randomKey = () => crypto.getRandomValues(new Uint8Array(32));
const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const context = { tenant: 'acme', field: 'refresh_token' };

describe('encryption key', () => {
  it('accepts 32 random bytes as hex, padded base64, or prefixed base64:/hex:, with spaces around', () => {
    const key = randomKey();
    expect(parseEncryptionKey(hex(key))).toEqual(key);
    expect(parseEncryptionKey(hex(key).toUpperCase())).toEqual(key);
    expect(parseEncryptionKey(` ${base64(key)}\n`)).toEqual(key);
    expect(parseEncryptionKey(`base64:${base64(key)}`)).toEqual(key);
    expect(parseEncryptionKey(`base64:${base64url(key)}`)).toEqual(key);
    expect(parseEncryptionKey(`hex:${hex(key)}`)).toEqual(key);
    expect(parseEncryptionKey(key)).toEqual(key);
  });

  it('refuses a 43-letter passphrase that happens to decode as unpadded base64, saying how to make a key', () => {
    const passphrase = 'correcthorsebatterystaplecorrecthorsebatter';
    expect(passphrase).toHaveLength(43);
    expect(fromBase64(passphrase)).toHaveLength(32);
    expect(() => parseEncryptionKey(passphrase)).toThrow(EncryptionKeyError);
    expect(() => parseEncryptionKey(passphrase)).toThrow(/passphrase will not do.*openssl rand/);
    // Unpadded base64url without the prefix is as ambiguous, whatever its bytes.
    expect(() => parseEncryptionKey(base64url(randomKey()))).toThrow(/base64:/);
  });

  it('accepts every bare key openssl or Node prints, and refuses every 43-character bare text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        fc.pre(new Set(bytes).size >= 16);
        expect(parseEncryptionKey(base64(bytes))).toEqual(bytes);
        expect(parseEncryptionKey(hex(bytes))).toEqual(bytes);
        expect(() => parseEncryptionKey(base64url(bytes))).toThrow(EncryptionKeyError);
      }),
    );
  });

  it('refuses a missing key, saying how to make one', () => {
    for (const missing of [undefined, '', '   ']) {
      expect(() => createSecretBox(missing)).toThrow(EncryptionKeyError);
      expect(() => createSecretBox(missing)).toThrow(/missing.*openssl rand -base64 32/);
    }
    expect(() => createSecretBox([])).toThrow(/empty list/);
  });

  it('refuses a key of the wrong length, such as a password, naming the byte count', () => {
    expect(() => parseEncryptionKey('correct horse battery staple!!')).toThrow(EncryptionKeyError);
    expect(() => parseEncryptionKey(base64(randomKey().slice(0, 16)))).toThrow(
      /32 bytes.*holds 16/,
    );
    expect(() => parseEncryptionKey(hex(randomKey()).slice(0, 62))).toThrow(/32 bytes/);
  });

  it('refuses weak keys: all zeros, one repeated byte, a short pattern repeated', () => {
    expect(() => parseEncryptionKey('0'.repeat(64))).toThrow(/not random enough/);
    expect(() => parseEncryptionKey(base64(new Uint8Array(32).fill(0x41)))).toThrow(/not random/);
    expect(() => parseEncryptionKey('0123456789abcdef'.repeat(4))).toThrow(/not random/);
  });

  it('names which key of a rotation list is wrong, and never quotes a key', () => {
    const good = base64(randomKey());
    let message = '';
    try {
      createSecretBox([good, 'short']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^encryptionKey\[1\]/);
    expect(message).not.toContain('short');
  });
});

describe('secret box', () => {
  it('round-trips any text, and each encryption of the same text differs (fresh IV)', async () => {
    const box = createSecretBox(base64(randomKey()));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        const first = await box.encrypt(text, context);
        const second = await box.encrypt(text, context);
        expect(first).not.toBe(second);
        expect(first).toMatch(/^v1\.[\w-]+\.[\w-]{16}\.[\w-]+$/);
        expect(await box.decrypt(first, context)).toBe(text);
      }),
      { numRuns: 60 },
    );
    // WebCrypto work only, but slow on a busy shared machine.
  }, 30_000);

  it('never leaves the plain text visible in the envelope', async () => {
    const box = createSecretBox(base64(randomKey()));
    const secret = 'A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9B0C1D2E3F4A5B6C7D8E9F0A1B2';
    const envelope = await box.encrypt(secret, context);
    expect(envelope).not.toContain(secret);
    expect(envelope).not.toContain(base64url(new TextEncoder().encode(secret)).slice(0, 12));
  });

  it('binds a ciphertext to its tenant and field: moved elsewhere it does not decrypt', async () => {
    const box = createSecretBox(base64(randomKey()));
    const envelope = await box.encrypt('token', context);
    await expect(box.decrypt(envelope, { ...context, tenant: 'globex' })).rejects.toThrow(
      DecryptionError,
    );
    await expect(box.decrypt(envelope, { ...context, field: 'access_token' })).rejects.toThrow(
      DecryptionError,
    );
  });

  it('binds a non-default connection too, and leaves the default connection bound as before', async () => {
    const box = createSecretBox(base64(randomKey()));
    const plain = await box.encrypt('token', context);
    // The default connection, named or not, is the binding every stored value already has.
    await expect(box.decrypt(plain, { ...context, connectionId: 'default' })).resolves.toBe(
      'token',
    );
    await expect(box.decrypt(plain, { ...context, connectionId: 'uat' })).rejects.toThrow(
      DecryptionError,
    );
    const uat = await box.encrypt('token', { ...context, connectionId: 'uat' });
    await expect(box.decrypt(uat, { ...context, connectionId: 'uat' })).resolves.toBe('token');
    for (const other of [
      context,
      { ...context, connectionId: 'default' },
      { ...context, connectionId: 'prod' },
    ]) {
      await expect(box.decrypt(uat, other)).rejects.toThrow(DecryptionError);
    }
  });

  it('detects tampering with any part of the envelope', async () => {
    const box = createSecretBox(base64(randomKey()));
    const envelope = await box.encrypt('a refresh token', context);
    const [version, id, iv, sealed] = envelope.split('.') as [string, string, string, string];
    const bytes = fromBase64(sealed) as Uint8Array;
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const flipped = [version, id, iv, base64url(bytes)].join('.');
    await expect(box.decrypt(flipped, context)).rejects.toThrow(DecryptionError);
    await expect(box.decrypt('plain-text-token', context)).rejects.toThrow(
      /not an encrypted value/,
    );
    await expect(box.decrypt(`v2.${id}.${iv}.${sealed}`, context)).rejects.toThrow(DecryptionError);
  });

  it('rotates keys: the first encrypts, older ones still decrypt; a dropped key does not', async () => {
    const oldKey = base64(randomKey());
    const newKey = base64(randomKey());
    const written = await createSecretBox(oldKey).encrypt('secret', context);
    const rotated = createSecretBox([newKey, oldKey]);
    expect(await rotated.decrypt(written, context)).toBe('secret');
    const rewritten = await rotated.encrypt('secret', context);
    expect(await createSecretBox(newKey).decrypt(rewritten, context)).toBe('secret');
    await expect(createSecretBox(newKey).decrypt(written, context)).rejects.toThrow(
      /encryptionKey: \[newKey, oldKey\]/,
    );
  });
});

describe('constant-time comparison', () => {
  it('agrees with === on any pair of strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b);
        expect(constantTimeEqual(a, a)).toBe(true);
      }),
    );
  });
});
