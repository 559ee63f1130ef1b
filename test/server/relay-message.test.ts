import { describe, expect, it } from 'vitest';
import { isOAuthPopupMessage } from '../../src/core/popup-protocol.js';
import { relayMessage } from '../../src/server/relay-page.js';

describe('the relay page message', () => {
  it('says oauth_complete with the state and nothing else after a connection', () => {
    expect(
      relayMessage({ outcome: 'connected', state: 's-1', targetOrigin: 'https://app.example.com' }),
    ).toEqual({
      source: 'salesforce-connect',
      v: 1,
      type: 'oauth_complete',
      state: 's-1',
    });
  });

  it('carries the error code and text after a failure, never a code', () => {
    const message = relayMessage({
      outcome: 'failed',
      state: 's-2',
      targetOrigin: 'https://app.example.com',
      error: { code: 'access_denied', message: 'The admin denied access.' },
    });
    expect(message).toEqual({
      source: 'salesforce-connect',
      v: 1,
      type: 'oauth_complete',
      state: 's-2',
      error: 'access_denied',
      error_description: 'The admin denied access.',
    });
    // The kit's own reader accepts what the page sends.
    expect(isOAuthPopupMessage(message)).toBe(true);
  });

  it('sends nothing for a state it does not know', () => {
    expect(
      relayMessage({
        outcome: 'unknown_state',
        error: { code: 'state_mismatch', message: 'Expired.' },
      }),
    ).toBeUndefined();
  });
});
