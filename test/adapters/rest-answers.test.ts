import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  readAuthorizationStart,
  readConnection,
  readErrorBody,
  readSetupInfo,
} from '../../src/adapters/rest-answers.js';
import { CONNECT_ERROR_CODES } from '../../src/core/errors.js';
import type { Connection } from '../../src/core/types.js';

const text = fc.string({ minLength: 1, maxLength: 20 });
// Every key of a Connection (the compiler checks the list stays complete).
const CONNECTION_KEYS = new Set(
  Object.keys({
    id: true,
    name: true,
    flow: true,
    fields: true,
    savedSecretFields: true,
    status: true,
    loginUrl: true,
    consumerKeyHint: true,
    hasConsumerSecret: true,
    org: true,
    user: true,
    scopes: true,
    connectedAt: true,
    updatedAt: true,
    error: true,
    orgChange: true,
  } satisfies Record<keyof Connection, true>),
);
const extraKey = text.filter((key) => !CONNECTION_KEYS.has(key));

/** Any valid connection, with optional fields present or absent. */
const connectionArb: fc.Arbitrary<Connection> = fc
  .record(
    {
      status: fc.constantFrom('disconnected', 'configured', 'connected', 'needs_reauth', 'error'),
      loginUrl: text,
      consumerKeyHint: text,
      hasConsumerSecret: fc.boolean(),
      org: fc.record(
        { id: text, instanceUrl: text, name: text, isSandbox: fc.boolean() },
        { requiredKeys: ['id', 'instanceUrl'] },
      ),
      user: fc.record(
        { id: text, username: text, displayName: text },
        { requiredKeys: ['id', 'username'] },
      ),
      scopes: fc.array(text),
      connectedAt: text,
      updatedAt: text,
      error: fc.record(
        { code: fc.constantFrom(...CONNECT_ERROR_CODES), message: text, salesforceError: text },
        { requiredKeys: ['code', 'message'] },
      ),
    },
    { requiredKeys: ['status'] },
  )
  .map((value) => value as Connection);

const KNOWN_KEYS = new Set([
  'status',
  'loginUrl',
  'consumerKeyHint',
  'hasConsumerSecret',
  'org',
  'user',
  'scopes',
  'connectedAt',
  'updatedAt',
  'error',
]);

describe('readConnection', () => {
  it('reads back every valid connection unchanged after a JSON round trip', () => {
    fc.assert(
      fc.property(connectionArb, (connection) => {
        expect(readConnection(JSON.parse(JSON.stringify(connection)))).toEqual(connection);
      }),
    );
  });

  it('never throws, and answers only known fields with a known status, whatever the JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const connection = readConnection(value);
        if (connection === undefined) return;
        expect(['disconnected', 'configured', 'connected', 'needs_reauth', 'error']).toContain(
          connection.status,
        );
        for (const key of Object.keys(connection)) expect(KNOWN_KEYS.has(key)).toBe(true);
      }),
    );
  });

  it('drops whatever else a backend sends, such as tokens', () => {
    fc.assert(
      // Keys the answer may carry are not "whatever else": `readConnection` keeps them.
      fc.property(connectionArb, fc.dictionary(extraKey, fc.jsonValue()), (connection, extra) => {
        const sent = { ...extra, ...connection };
        expect(readConnection(sent)).toEqual(connection);
      }),
    );
  });

  it('treats null as absent', () => {
    expect(
      readConnection({
        status: 'configured',
        loginUrl: null,
        org: null,
        scopes: null,
        error: null,
      }),
    ).toEqual({ status: 'configured' });
  });

  it('refuses anything without a known status', () => {
    for (const value of [null, 'connected', [], {}, { status: 'CONNECTED' }, { status: 1 }]) {
      expect(readConnection(value)).toBeUndefined();
    }
  });
});

describe('readAuthorizationStart', () => {
  it('needs a non-empty authorize URL and state, and keeps an expiry', () => {
    expect(
      readAuthorizationStart({ authorizeUrl: 'u', state: 's', expiresAt: 'e', extra: 1 }),
    ).toEqual({
      authorizeUrl: 'u',
      state: 's',
      expiresAt: 'e',
    });
    expect(readAuthorizationStart({ authorizeUrl: '', state: 's' })).toBeUndefined();
    expect(readAuthorizationStart({ authorizeUrl: 'u' })).toBeUndefined();
  });
});

describe('readSetupInfo', () => {
  it('needs a list of callback URLs', () => {
    expect(readSetupInfo({ callbackUrls: ['a'], scopes: ['api'], appName: 'A', x: 1 })).toEqual({
      callbackUrls: ['a'],
      scopes: ['api'],
      appName: 'A',
    });
    expect(readSetupInfo({ callbackUrls: ['a'], allowedLoginHosts: ['localhost:4010'] })).toEqual({
      callbackUrls: ['a'],
      allowedLoginHosts: ['localhost:4010'],
    });
    expect(readSetupInfo({ callbackUrls: ['a'], allowedLoginHosts: 'localhost:4010' })).toEqual({
      callbackUrls: ['a'],
    });
    expect(readSetupInfo({ callbackUrls: 'a' })).toBeUndefined();
    expect(readSetupInfo({ callbackUrls: [1] })).toBeUndefined();
  });
});

describe('readErrorBody', () => {
  it('reads the contract’s error body, mapping unknown codes to unknown', () => {
    expect(readErrorBody({ error: { code: 'state_mismatch', message: 'Used' } })).toEqual({
      code: 'state_mismatch',
      message: 'Used',
    });
    expect(readErrorBody({ error: { code: 'teapot' } })).toEqual({
      code: 'unknown',
      message: 'unknown',
    });
  });

  it('finds no error in other shapes', () => {
    for (const value of [
      null,
      'error',
      { error: 'invalid_client' },
      { message: 'x' },
      { error: {} },
    ]) {
      expect(readErrorBody(value)).toBeUndefined();
    }
  });
});
