// The same page importing from the entry that holds only the component
// (`salesforce-connect/connect`), so the bench can compare the two import paths in one build.
import { SalesforceConnect } from 'salesforce-connect/connect';

export default function ConnectEntryPage() {
  return (
    <main>
      <h1>Salesforce</h1>
      <SalesforceConnect apiUrl="/api/salesforce" setup={{ appName: 'Bench Next Sync' }} />
    </main>
  );
}
