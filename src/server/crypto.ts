import { DEFAULT_CONNECTION_ID } from '../core/types.js';
import { base64url, fromBase64, fromHex, utf8 } from './encoding.js';

/**
 * The integrator's encryption key: 32 random bytes, written so that the encoding is unambiguous:
 * `base64:` or `hex:` followed by the bytes, or bare as exactly 44 padded base64 characters (what
 * `openssl rand -base64 32` prints) or exactly 64 hex characters. A list rotates keys: the first
 * encrypts, every one decrypts; `reencryptAll` finishes a rotation so the old key can go.
 *
 * @example
 * // Generate one with: openssl rand -base64 32
 * const encryptionKey: EncryptionKeyInput = process.env.SALESFORCE_CONNECT_KEY ?? '';
 * const rotating: EncryptionKeyInput = [process.env.NEW_KEY ?? '', process.env.OLD_KEY ?? ''];
 */
export type EncryptionKeyInput = string | Uint8Array | readonly (string | Uint8Array)[];

/**
 * What a value is bound to: a ciphertext moved to another tenant or another field does not
 * decrypt (it is AES-GCM associated data).
 *
 * @example
 * await box.encrypt(refreshToken, { tenant: 'acme', field: 'refresh_token' });
 */
export interface EncryptionContext {
  tenant: string;
  field: string;
  /**
   * The connection within the tenant. Absent or `default` binds to the tenant and field only
   * (exactly as before several connections existed, so stored values still decrypt); any other id
   * is bound too, so one connection's value does not decrypt as another's.
   */
  connectionId?: string | undefined;
}

/**
 * Encrypts and decrypts stored secrets with AES-256-GCM (WebCrypto, so it runs on Node and edge
 * runtimes). Each encryption uses a fresh random 96-bit IV. Envelopes read
 * `v1.<key id>.<iv>.<ciphertext>`, all base64url.
 *
 * @example
 * const box = createSecretBox(process.env.SALESFORCE_CONNECT_KEY ?? '');
 * const stored = await box.encrypt('s3cret', { tenant: 'acme', field: 'consumer_secret' });
 * await box.decrypt(stored, { tenant: 'acme', field: 'consumer_secret' }); // 's3cret'
 */
export interface SecretBox {
  encrypt(plaintext: string, context: EncryptionContext): Promise<string>;
  decrypt(envelope: string, context: EncryptionContext): Promise<string>;
  /** Whether an envelope was written with the current (first) key: if not, write it again. */
  isCurrent(envelope: string): Promise<boolean>;
}

/**
 * Thrown at startup for a missing, malformed or weak encryption key; the message says how to make
 * a good one. It never contains the key.
 *
 * @example
 * try {
 *   createConnectHandler(options);
 * } catch (error) {
 *   if (error instanceof EncryptionKeyError) console.error(error.message);
 * }
 */
export class EncryptionKeyError extends Error {
  override readonly name = 'EncryptionKeyError';
}

/**
 * Thrown when a stored value cannot be decrypted: it was written with a key that is no longer
 * configured, or it was tampered with or moved to another tenant.
 *
 * @example
 * catch (error) { if (error instanceof DecryptionError) askAdminToSaveCredentialsAgain(); }
 */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const ENVELOPE_VERSION = 'v1';
const HOW_TO_MAKE_ONE =
  "Generate one with `openssl rand -base64 32` (or `node -e \"console.log('base64:' + crypto.randomBytes(32).toString('base64'))\"`) and keep it in your secret manager.";
// Bare forms: padded base64 and even-length hex; other lengths are then refused by byte count.
const BARE_BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*[A-Za-z0-9+/_-]{2,3}={1,2}$/;
const BARE_HEX = /^(?:[0-9a-fA-F]{2})+$/;

// A random 32-byte key has about 30 distinct byte values; fewer than 16 means a pattern
// (all zeros, a repeated character, a short phrase repeated), not randomness.
const MIN_DISTINCT_BYTES = 16;

function describeKey(position: number, count: number) {
  return count > 1 ? `encryptionKey[${position}]` : 'encryptionKey';
}

/**
 * Turns one key as written by the integrator into its 32 bytes, or throws an
 * {@link EncryptionKeyError} in plain words (missing, not hex or base64, not 32 bytes, not random).
 * Use it to check a key at deploy time.
 *
 * @example
 * parseEncryptionKey(process.env.SALESFORCE_CONNECT_KEY ?? ''); // throws when unusable
 */
export function parseEncryptionKey(
  value: string | Uint8Array,
  label = 'encryptionKey',
): Uint8Array {
  let bytes: Uint8Array | undefined;
  if (value instanceof Uint8Array) {
    bytes = value;
  } else if (typeof value !== 'string' || value.trim() === '') {
    throw new EncryptionKeyError(
      `${label} is missing. The server encrypts the consumer secret and tokens with it. ${HOW_TO_MAKE_ONE}`,
    );
  } else {
    const text = value.trim();
    // Only encodings that cannot be mistaken for a passphrase: 43 letters happen to decode as
    // unpadded base64 to 32 bytes, so a bare key needs the exact padded or hex form.
    const prefixed = /^(base64|hex):(.*)$/i.exec(text);
    if (prefixed) {
      const body = (prefixed[2] ?? '').trim();
      bytes = prefixed[1]?.toLowerCase() === 'hex' ? fromHex(body) : fromBase64(body);
      if (!bytes) {
        throw new EncryptionKeyError(
          `${label} starts with "${prefixed[1]}:" but what follows is not ${prefixed[1]?.toLowerCase() === 'hex' ? 'hex' : 'base64'}. ${HOW_TO_MAKE_ONE}`,
        );
      }
    } else if (BARE_HEX.test(text)) {
      bytes = fromHex(text);
    } else if (BARE_BASE64.test(text)) {
      bytes = fromBase64(text);
    }
    if (!bytes) {
      throw new EncryptionKeyError(
        `${label} is not a key in a recognised form: it must be 32 random bytes written as "base64:" or "hex:" followed by the bytes, or as exactly 44 base64 characters ending in "=", or 64 hex characters. A password or passphrase will not do. ${HOW_TO_MAKE_ONE}`,
      );
    }
  }
  if (bytes.length !== KEY_BYTES) {
    throw new EncryptionKeyError(
      `${label} must be 32 bytes (AES-256), but it holds ${bytes.length}. A password or a shorter key will not do. ${HOW_TO_MAKE_ONE}`,
    );
  }
  if (new Set(bytes).size < MIN_DISTINCT_BYTES) {
    throw new EncryptionKeyError(
      `${label} is not random enough (it repeats the same few bytes, like an all-zero key). ${HOW_TO_MAKE_ONE}`,
    );
  }
  return bytes;
}

/**
 * Every configured key, checked; the first one encrypts. Throws {@link EncryptionKeyError}.
 *
 * @example
 * const [current, ...older] = parseEncryptionKeys([newKey, oldKey]);
 */
export function parseEncryptionKeys(input: EncryptionKeyInput | undefined): Uint8Array[] {
  const list = Array.isArray(input) ? (input as readonly (string | Uint8Array)[]) : [input];
  if (list.length === 0) {
    throw new EncryptionKeyError(`encryptionKey is an empty list. ${HOW_TO_MAKE_ONE}`);
  }
  return list.map((value, position) =>
    parseEncryptionKey(value as string | Uint8Array, describeKey(position, list.length)),
  );
}

interface LoadedKey {
  id: string;
  key: CryptoKey;
}

async function loadKey(bytes: Uint8Array): Promise<LoadedKey> {
  // The id tells which key wrote an envelope; it is a hash prefix and reveals nothing of the key.
  const label = utf8.encode('salesforce-connect key id');
  const material = new Uint8Array(label.length + bytes.length);
  material.set(label);
  material.set(bytes, label.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', material));
  const key = await crypto.subtle.importKey('raw', new Uint8Array(bytes), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return { id: base64url(digest.slice(0, 6)), key };
}

const associatedData = (context: EncryptionContext) =>
  utf8.encode(
    JSON.stringify(
      context.connectionId === undefined || context.connectionId === DEFAULT_CONNECTION_ID
        ? [ENVELOPE_VERSION, context.field, context.tenant]
        : [ENVELOPE_VERSION, context.field, context.tenant, context.connectionId],
    ),
  );

/**
 * A {@link SecretBox} over the integrator's key(s). Validates the keys at once (throws
 * {@link EncryptionKeyError}); imports them into WebCrypto on first use.
 *
 * @example
 * const box = createSecretBox([process.env.NEW_KEY ?? '', process.env.OLD_KEY ?? '']);
 */
export function createSecretBox(input: EncryptionKeyInput | undefined): SecretBox {
  const keyBytes = parseEncryptionKeys(input);
  let loaded: Promise<LoadedKey[]> | undefined;
  const keys = () => {
    loaded ??= Promise.all(keyBytes.map(loadKey));
    return loaded;
  };

  return {
    async encrypt(plaintext, context) {
      const [current] = await keys();
      if (!current) throw new EncryptionKeyError('No encryption key is configured.');
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: associatedData(context) },
        current.key,
        utf8.encode(plaintext),
      );
      return [ENVELOPE_VERSION, current.id, base64url(iv), base64url(new Uint8Array(sealed))].join(
        '.',
      );
    },

    async isCurrent(envelope) {
      const [current] = await keys();
      const parts = typeof envelope === 'string' ? envelope.split('.') : [];
      return parts[0] === ENVELOPE_VERSION && parts[1] === current?.id;
    },

    async decrypt(envelope, context) {
      const parts = typeof envelope === 'string' ? envelope.split('.') : [];
      const [version, keyId, ivText, sealedText] = parts;
      const iv = ivText === undefined ? undefined : fromBase64(ivText);
      const sealed = sealedText === undefined ? undefined : fromBase64(sealedText);
      if (parts.length !== 4 || version !== ENVELOPE_VERSION || !iv || !sealed) {
        throw new DecryptionError(`The stored ${context.field} is not an encrypted value.`);
      }
      const all = await keys();
      // The key that wrote it first; the others too, in case ids collide (they are short).
      const ordered = [...all.filter((k) => k.id === keyId), ...all.filter((k) => k.id !== keyId)];
      for (const { key } of ordered) {
        try {
          const plain = await crypto.subtle.decrypt(
            { name: 'AES-GCM', iv: new Uint8Array(iv), additionalData: associatedData(context) },
            key,
            new Uint8Array(sealed),
          );
          return utf8.decode(new Uint8Array(plain));
        } catch {
          // Wrong key, tampered or moved ciphertext: try the next key.
        }
      }
      throw new DecryptionError(
        `The stored ${context.field} cannot be decrypted with the configured encryptionKey. If the key was changed, list the old key after the new one (encryptionKey: [newKey, oldKey]); otherwise save the credentials again and reconnect.`,
      );
    },
  };
}
