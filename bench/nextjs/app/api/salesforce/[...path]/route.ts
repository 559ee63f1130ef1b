// The reference server, created on the first request: `next build` loads this module to collect
// routes, on a machine that has no SALESFORCE_CONNECT_KEY.
import { createLazyConnectHandler, createMemoryStore } from 'salesforce-connect/server';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} in the server's environment.`);
  return value;
}

const handler = createLazyConnectHandler(() => {
  const appUrl = requiredEnv('APP_URL');
  return {
    store: createMemoryStore(),
    encryptionKey: requiredEnv('SALESFORCE_CONNECT_KEY'),
    publicUrl: `${appUrl}/api/salesforce`,
    allowedOrigins: [appUrl],
    allowedLoginHosts: process.env.SALESFORCE_LOGIN_HOSTS?.split(',') ?? [],
    // The bench names the tenant in a cookie, so each measured view can start from its own backend
    // state (nothing saved, credentials saved, connected); without one, every request is 'bench'.
    resolveTenant: (request) =>
      /(?:^|;\s*)bench-tenant=([a-z0-9-]+)/.exec(request.headers.get('cookie') ?? '')?.[1] ??
      'bench',
  };
});

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
