import { describe, expect, it } from 'vitest';
import { guideLoginUrl, SETUP_PAGE_PATHS, setupPageUrl } from '../../../src/core/guide/index.js';

describe('setupPageUrl', () => {
  it.each([
    ['https://acme.my.salesforce.com', 'https://acme.my.salesforce.com'],
    ['https://acme--uat.sandbox.my.salesforce.com', 'https://acme--uat.sandbox.my.salesforce.com'],
    [
      'https://acme-dev-ed.develop.my.salesforce.com',
      'https://acme-dev-ed.develop.my.salesforce.com',
    ],
    [
      'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
      'https://acme.my.salesforce.com',
    ],
    ['https://acme.my.salesforce-setup.com/', 'https://acme.my.salesforce.com'],
    ['https://acme.my.salesforce.mil', 'https://acme.my.salesforce.mil'],
  ])('links %s to Setup on %s', (loginUrl, origin) => {
    expect(setupPageUrl(loginUrl, 'externalClientAppManager')).toBe(
      `${origin}/lightning/setup/ManageExternalClientApplication/home`,
    );
    expect(setupPageUrl(loginUrl, 'appManager')).toBe(
      `${origin}/lightning/setup/NavigationMenus/home`,
    );
  });

  it.each([
    ['https://login.salesforce.com'],
    ['https://test.salesforce.com'],
    ['https://acme.my.site.com'],
    ['https://evil.example.com'],
    ['not a url'],
    [''],
  ])('gives no link for %j (the guide shows the Setup path instead)', (loginUrl) => {
    expect(setupPageUrl(loginUrl, 'appManager')).toBeUndefined();
  });

  it('gives no link for a host the integrator allowed (a simulator has no Setup)', () => {
    const options = { allowedHosts: ['localhost:4010'] };
    expect(setupPageUrl('http://localhost:4010', 'appManager', options)).toBeUndefined();
    expect(guideLoginUrl('http://localhost:4010', options)).toBe('http://localhost:4010');
  });

  it('keeps every Setup path in one place, as absolute paths', () => {
    for (const path of Object.values(SETUP_PAGE_PATHS))
      expect(path).toMatch(/^\/lightning\/setup\/\w+\/home$/);
  });
});

describe('guideLoginUrl', () => {
  it('normalizes what the admin pasted, or gives nothing', () => {
    expect(guideLoginUrl(' https://ACME.my.salesforce.com/home ')).toBe(
      'https://acme.my.salesforce.com',
    );
    expect(guideLoginUrl('https://evil.example.com')).toBeUndefined();
    expect(guideLoginUrl(undefined)).toBeUndefined();
  });
});
