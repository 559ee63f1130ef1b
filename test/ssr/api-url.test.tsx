// What a React Server Component passes crosses as serialized props: a string apiUrl, no adapter.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SalesforceConnect } from '../../src/components/SalesforceConnect.js';

describe('SalesforceConnect from serializable props', () => {
  it('renders on the server with only apiUrl, calling nothing while it renders', () => {
    const calls: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = async (input) => {
      calls.push(String(input));
      throw new Error('no request during a server render');
    };
    try {
      const props = JSON.parse(
        JSON.stringify({ apiUrl: '/api/salesforce', setup: { storage: null } }),
      );
      const html = renderToString(<SalesforceConnect {...props} />);
      expect(html).toContain('data-sfc-part="salesforce-connect"');
      expect(html).toContain('Checking the Salesforce connection…');
      expect(calls).toEqual([]);
    } finally {
      globalThis.fetch = original;
    }
  });
});
