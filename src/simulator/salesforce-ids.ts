import { randomBytes, randomInt } from 'node:crypto';

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Consumer keys, refresh tokens and access tokens also use `.` and `_`.
const keyAlphabet = `${alphanumeric}._`;

/** `length` characters drawn uniformly from `alphabet` with a CSPRNG. */
export function randomChars(length: number, alphabet: string = alphanumeric): string {
  let out = '';
  for (let index = 0; index < length; index++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A CSPRNG string for values nobody types (session ids, transaction ids): base64url. */
export function randomHandle(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

const suffixAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * Salesforce's 3-character suffix that makes a case-sensitive 15-character id safe for
 * case-insensitive systems: one character per 5-character block, whose bits flag upper-case letters.
 */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let index = 0; index < 5; index++) {
      const char = id15.charAt(block * 5 + index);
      if (char >= 'A' && char <= 'Z') bits |= 1 << index;
    }
    suffix += suffixAlphabet.charAt(bits);
  }
  return suffix;
}

/**
 * An 18-character record id: 3-character key prefix (`00D` org, `005` user), a pod-like `5g0`,
 * 9 random characters, and the checksum suffix.
 */
export function salesforceId(prefix: string): string {
  const id15 = `${prefix}5g0${randomChars(9)}`;
  return id15 + idSuffix(id15);
}

/** Completes a 15-character id to 18 characters; other ids are returned unchanged. */
export function toId18(id: string): string {
  return id.length === 15 ? id + idSuffix(id) : id;
}

/** A consumer key shaped like Salesforce's: `3MVG9` + 80 characters (85 in all). */
export function generateConsumerKey(): string {
  return `3MVG9${randomChars(80, keyAlphabet)}`;
}

/** A consumer secret shaped like a new app's: 64 upper-case hex characters. */
export function generateConsumerSecret(): string {
  return randomBytes(32).toString('hex').toUpperCase();
}

/** An access token shaped like Salesforce's session ids: the 15-character org id, `!`, and more. */
export function generateAccessToken(orgId: string): string {
  return `${orgId.slice(0, 15)}!AQ${randomChars(110, keyAlphabet)}`;
}

/** A refresh token shaped like Salesforce's (`5Aep861…`). */
export function generateRefreshToken(): string {
  return `5Aep861${randomChars(80, keyAlphabet)}`;
}

/** An authorization code shaped like Salesforce's: `aPrx…` ending `==` (so it needs URL encoding). */
export function generateAuthorizationCode(): string {
  return `aPrx${randomChars(76, keyAlphabet)}==`;
}
