// The Getting started page shows this file with the package's import paths; tsc checks it.
import { createFetchAdapter } from '../../../src/adapters/index.js';
import { SalesforceConnect } from '../../../src/index.js';
import '../../../src/components/styles.css';

const adapter = createFetchAdapter({ baseUrl: '/api/salesforce' });

export function SalesforceSettings() {
  return <SalesforceConnect adapter={adapter} />;
}
