// A server component calling the main entry's server-safe exports on the server. The entry is a
// plain barrel (its React modules are each 'use client'), so these are the functions themselves,
// not client references that throw when a server calls them. The bench checks the HTML.
import { ConnectError, explainError } from 'salesforce-connect';

export default function ServerSafePage() {
  const error = new ConnectError('timeout', 'Salesforce did not answer in time.');
  return (
    <main>
      <p data-bench="server-explanation">{explainError(error.code).title}</p>
    </main>
  );
}
