import { createHash, generateKeyPair, type KeyObject, sign } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Claims of an OpenID Connect ID token the simulator issues with the `openid` scope. */
export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  [claim: string]: unknown;
}

/**
 * Signs ID tokens with RS256 and publishes the public key as a JWKS (`/id/keys`). The RSA key is
 * made on first use: most runs never request `openid`, and key generation is the slowest thing
 * the simulator does.
 */
export class IdTokenSigner {
  #keys: Promise<{ privateKey: KeyObject; publicKey: KeyObject; kid: string }> | undefined;

  #keyPair() {
    this.#keys ??= generateKeyPairAsync('rsa', { modulusLength: 2048 }).then(
      ({ privateKey, publicKey }) => {
        const der = publicKey.export({ type: 'spki', format: 'der' });
        const kid = createHash('sha256').update(der).digest('base64url').slice(0, 16);
        return { privateKey, publicKey, kid };
      },
    );
    return this.#keys;
  }

  async sign(claims: IdTokenClaims): Promise<string> {
    const { privateKey, kid } = await this.#keyPair();
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const payload = base64url(JSON.stringify(claims));
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey);
    return `${header}.${payload}.${base64url(signature)}`;
  }

  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    const { publicKey, kid } = await this.#keyPair();
    const jwk = publicKey.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
  }
}

/** OpenID's `at_hash`: the left half of the access token's SHA-256, base64url. */
export function accessTokenHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken).digest();
  return base64url(digest.subarray(0, digest.length / 2));
}
