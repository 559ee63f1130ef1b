// The app the bench builds with each bundler: a settings page that shows the kit, as an
// integrator writes it. JavaScript, so the typecheck needs no built dist/ for it.
import { createRoot } from 'react-dom/client';
import { createFetchAdapter } from 'salesforce-connect/adapters';
import { SalesforceConnect } from 'salesforce-connect/connect';

const adapter = createFetchAdapter({ baseUrl: '/api/salesforce' });
const root = document.getElementById('root');
if (root) createRoot(root).render(<SalesforceConnect adapter={adapter} />);
