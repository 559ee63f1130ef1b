// The list renders on the server (plain Node: no window, no document) without a warning: its
// heading, and that it is loading; the connections arrive in the browser.
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { SalesforceConnections } from '../../src/components/SalesforceConnections.js';
import { localeDe } from '../../src/messages/locales.js';

describe('SalesforceConnections on the server', () => {
  it('renders its heading, the loading line and Add connection, with no warning', () => {
    expect(typeof document).toBe('undefined');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const html = renderToString(
        <SalesforceConnections adapter={createMemoryAdapter({ latencyMs: 0 })} max={3} />,
      );
      expect(html).toContain('Salesforce connections</h2>');
      expect(html).toContain('Loading your Salesforce connections…');
      expect(html).toContain('Add connection');
      const german = renderToString(
        <SalesforceConnections apiUrl="/api/salesforce" messages={localeDe} />,
      );
      expect(german).toContain('Salesforce-Verbindungen');
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
