// The Getting started page shows the region below with the package's import paths; tsc checks it.
import {
  createConnectHandler,
  createPostgresStore,
  type SqlClient,
} from '../../../src/server/index.js';

// Stand-ins for the app's own database pool and session lookup.
declare const pool: SqlClient;
declare function workspaceOf(request: Request): Promise<string | null>;

// #region route
// app/api/salesforce/[...path]/route.ts (Next.js; any Fetch-API server works the same way)
// `pool` is your pg Pool (or PGlite); `workspaceOf` reads your own session.
const handler = createConnectHandler({
  store: createPostgresStore(pool),
  encryptionKey: process.env.SALESFORCE_CONNECT_KEY ?? '', // openssl rand -base64 32
  publicUrl: 'https://app.example.com/api/salesforce',
  allowedOrigins: ['https://app.example.com'],
  resolveTenant: (request) => workspaceOf(request),
});

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
// #endregion route
