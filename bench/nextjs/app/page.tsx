// A React Server Component: no 'use client' here. It renders the kit directly with a string
// apiUrl (a function such as an adapter could not cross to the client component).
import { SalesforceConnect } from 'salesforce-connect';

export default function SettingsPage() {
  return (
    <main>
      <h1>Salesforce</h1>
      <SalesforceConnect apiUrl="/api/salesforce" setup={{ appName: 'Bench Next Sync' }} />
    </main>
  );
}
