/**
 * base64url without padding, with only what every runtime has (`btoa`): core runs in browsers and
 * the server's handler path on edge runtimes, where `Buffer` does not exist. Internal.
 */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
