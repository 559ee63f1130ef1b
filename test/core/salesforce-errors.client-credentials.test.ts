import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromSalesforceErrorInFlow } from '../../src/core/client-credentials-errors.js';
import { fromSalesforceError, parseSalesforceErrorText } from '../../src/core/salesforce-errors.js';

// The answers as reported (docs/sources.md names where each one comes from).
const genericHost = {
  error: 'invalid_grant',
  error_description: 'request not supported on this domain',
};
const noRunAs = { error: 'invalid_grant', error_description: 'no client credentials user enabled' };

describe('fromSalesforceError: the client credentials flow', () => {
  it('maps "request not supported on this domain" to generic_login_host in every flow', () => {
    expect(fromSalesforceError(genericHost).code).toBe('generic_login_host');
    expect(fromSalesforceErrorInFlow(genericHost, { flow: 'client-credentials' }).code).toBe(
      'generic_login_host',
    );
  });

  it('maps "no client credentials user enabled" to run_as_user_missing', () => {
    const error = fromSalesforceError(noRunAs, { status: 400 });
    expect(error.code).toBe('run_as_user_missing');
    expect(error.salesforceError).toBe('invalid_grant');
    expect(error.message).toMatch(/no client credentials user enabled/);
  });

  it('maps "client credentials flow not enabled" whatever error code comes with it', () => {
    for (const error of ['invalid_grant', 'invalid_client', 'unauthorized_client', '']) {
      expect(
        fromSalesforceError({ error, error_description: 'client credentials flow not enabled' })
          .code,
      ).toBe('client_credentials_disabled');
    }
  });

  it('reads a grant type Salesforce will not serve as the flow switched off, in this flow only', () => {
    const body = { error: 'unsupported_grant_type', error_description: 'grant type not supported' };
    expect(fromSalesforceError(body).code).toBe('flow_not_enabled');
    expect(fromSalesforceErrorInFlow(body, { flow: 'client-credentials' }).code).toBe(
      'client_credentials_disabled',
    );
  });

  it('reads an inactive user as the Run As user in this flow', () => {
    expect(fromSalesforceError({ error: 'inactive_user' }).code).toBe('inactive_user');
    expect(
      fromSalesforceErrorInFlow({ error: 'inactive_user' }, { flow: 'client-credentials' }).code,
    ).toBe('run_as_user_inactive');
    expect(
      fromSalesforceErrorInFlow(
        { error: 'invalid_grant', error_description: 'inactive user' },
        { flow: 'client-credentials' },
      ).code,
    ).toBe('run_as_user_inactive');
  });

  it("reads the REST API's API_DISABLED_FOR_ORG as a Run As user without API access", () => {
    const body = [
      {
        errorCode: 'API_DISABLED_FOR_ORG',
        message: 'The REST API is not enabled for this Organization.',
      },
    ];
    expect(fromSalesforceErrorInFlow(body, { status: 403, flow: 'client-credentials' }).code).toBe(
      'run_as_user_no_api',
    );
    expect(fromSalesforceError(body, { status: 403 }).code).toBe('unknown');
  });

  it('keeps the other answers as they are in this flow', () => {
    expect(
      fromSalesforceErrorInFlow(
        { error: 'invalid_client', error_description: 'invalid client credentials' },
        { flow: 'client-credentials' },
      ).code,
    ).toBe('invalid_client');
  });
});

describe('fromSalesforceError: the flow decides only what is about the user or the flow', () => {
  const errors = fc.oneof(
    fc.constantFrom(
      'invalid_grant',
      'invalid_client',
      'inactive_user',
      'unsupported_grant_type',
      'API_DISABLED_FOR_ORG',
      'invalid_client_id',
      'rate_limit_exceeded',
    ),
    fc.string({ maxLength: 20 }),
  );
  const descriptions = fc.oneof(
    fc.constantFrom(
      'request not supported on this domain',
      'no client credentials user enabled',
      'client credentials flow not enabled',
      'inactive user',
      'authentication failure',
      'invalid client credentials',
    ),
    fc.string({ maxLength: 40 }),
  );

  it('never reports the popup flow’s user or flow codes for a client-credentials answer', () => {
    fc.assert(
      fc.property(errors, descriptions, (error, description) => {
        const code = fromSalesforceErrorInFlow(
          { error, error_description: description },
          { flow: 'client-credentials' },
        ).code;
        expect(['inactive_user', 'flow_not_enabled']).not.toContain(code);
      }),
    );
  });

  it('changes nothing else: outside the user and flow codes both flows agree', () => {
    const flowSpecific = new Set([
      'inactive_user',
      'flow_not_enabled',
      'run_as_user_inactive',
      'run_as_user_no_api',
      'client_credentials_disabled',
      'unknown',
      'invalid_grant',
    ]);
    fc.assert(
      fc.property(errors, descriptions, (error, description) => {
        const body = { error, error_description: description };
        const popup = fromSalesforceError(body).code;
        const clientCredentials = fromSalesforceErrorInFlow(body, {
          flow: 'client-credentials',
        }).code;
        if (!flowSpecific.has(popup)) expect(clientCredentials).toBe(popup);
      }),
    );
  });
});

describe('parseSalesforceErrorText: the client credentials flow', () => {
  it('explains the pasted answers', () => {
    expect(
      parseSalesforceErrorText(
        '{"error":"invalid_grant","error_description":"request not supported on this domain"}',
      )?.code,
    ).toBe('generic_login_host');
    expect(
      parseSalesforceErrorText('invalid_grant: no client credentials user enabled')?.code,
    ).toBe('run_as_user_missing');
    expect(parseSalesforceErrorText('Client credentials flow not enabled')?.code).toBe(
      'client_credentials_disabled',
    );
  });
});
