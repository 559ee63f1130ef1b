import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, createFetchAdapter } from '../../src/adapters/fetch.js';
import { CONNECT_ERROR_CODES } from '../../src/core/errors.js';
import { createRestContractBackend } from '../testing/rest-contract-backend.js';

// docs/openapi.yaml is the contract the server helper implements and the fetch adapter speaks.
// These checks keep the document and the adapter from drifting apart. The document is written
// in a regular layout (two spaces per level), which lets them read it without a YAML parser.

const yaml = readFileSync(
  fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url)),
  'utf8',
);
const lines = yaml.split('\n');

interface Operation {
  method: string;
  path: string;
  operationId?: string;
  csrf: boolean;
}

function documentedOperations(): Operation[] {
  const operations: Operation[] = [];
  let inPaths = false;
  let path = '';
  for (const line of lines) {
    if (/^\S/.test(line)) inPaths = line === 'paths:';
    if (!inPaths) continue;
    const pathMatch = /^ {2}(\/\S*):$/.exec(line);
    if (pathMatch?.[1]) path = pathMatch[1];
    const methodMatch = /^ {4}(get|put|post|delete|patch):$/.exec(line);
    if (methodMatch?.[1])
      operations.push({ method: methodMatch[1].toUpperCase(), path, csrf: false });
    const current = operations.at(-1);
    const id = /^ {6}operationId: (\w+)$/.exec(line)?.[1];
    if (current && id) current.operationId = id;
    if (current && line.includes("$ref: '#/components/parameters/XRequestedWith'"))
      current.csrf = true;
  }
  return operations;
}

/** The items of the `enum:` list under a schema. */
function documentedEnum(schema: string): string[] {
  const start = lines.indexOf(`    ${schema}:`);
  const values: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^ {4}\S/.test(line)) break;
    const item = /^ {8}- (\w+)$/.exec(line)?.[1];
    if (item) values.push(item);
  }
  return values;
}

/** Every request the fetch adapter makes, with the one header that matters here. */
async function adapterOperations() {
  const backend = createRestContractBackend();
  const adapter = createFetchAdapter({ baseUrl: '/api/salesforce', fetch: backend.fetch });
  await adapter.getConnection();
  await adapter.saveCredentials({
    loginUrl: 'https://login.salesforce.com',
    consumerKey:
      '3MVG9IHf89I1t8hrvswazsWedXWY0i1qK20PSFaInvUgLFB6vrcb9bbWFTSIHpO8G2jxBLJA6uZGyPFC5Aejq',
    consumerSecret: '1234567890123456789',
  });
  const start = await adapter.startAuthorization({ returnOrigin: 'https://app.example.com' });
  const message = backend.memory.simulateCallback({ state: start.state, broadcast: false });
  await adapter.completeAuthorization({
    code: 'code' in message ? (message.code ?? '') : '',
    state: start.state,
  });
  // A reconnect that lands in another org, then the choice.
  backend.memory.setScenario('org_changed');
  const again = await adapter.startAuthorization({ returnOrigin: 'https://app.example.com' });
  const landed = backend.memory.simulateCallback({ state: again.state, broadcast: false });
  await expect(
    adapter.completeAuthorization({
      code: 'code' in landed ? (landed.code ?? '') : '',
      state: again.state,
    }),
  ).rejects.toMatchObject({ code: 'org_changed' });
  backend.memory.setScenario('happy');
  expect((await adapter.resolveOrgChange({ choice: 'keep_new' })).orgChange).toBeUndefined();
  await adapter.disconnect();
  await adapter.getSetupInfo();
  // A connection without a popup: the client credentials flow.
  await adapter.saveCredentials({
    loginUrl: 'https://acme.my.salesforce.com',
    consumerKey:
      '3MVG9IHf89I1t8hrvswazsWedXWY0i1qK20PSFaInvUgLFB6vrcb9bbWFTSIHpO8G2jxBLJA6uZGyPFC5Aejq',
    consumerSecret: '1234567890123456789',
    flow: 'client-credentials',
  });
  expect((await adapter.connectWithClientCredentials()).status).toBe('connected');
  return backend.requests.map((request) => ({
    method: request.method,
    path: new URL(request.url).pathname.replace('/api/salesforce', ''),
    csrf: request.headers.get(CSRF_HEADER.name) === CSRF_HEADER.value,
  }));
}

describe('docs/openapi.yaml', () => {
  it('is OpenAPI 3.1', () => {
    expect(lines[0]).toBe('openapi: 3.1.0');
  });

  it('documents exactly the requests the fetch adapter makes, plus the callback page', async () => {
    const documented = documentedOperations().map(({ method, path, csrf }) => ({
      method,
      path,
      csrf,
    }));
    const sent = await adapterOperations();
    const key = (op: { method: string; path: string }) => `${op.method} ${op.path}`;
    expect(documented.map(key).sort()).toEqual(
      [...new Set(sent.map(key)), 'GET /oauth/callback'].sort(),
    );
    // The CSRF header is documented as required exactly where the adapter sends it.
    for (const op of sent) {
      expect(documented.find((doc) => key(doc) === key(op))?.csrf, key(op)).toBe(op.csrf);
    }
  });

  it('names each adapter operation after the adapter method that calls it', () => {
    expect(
      documentedOperations()
        .map((op) => op.operationId)
        .sort(),
    ).toEqual(
      [
        'completeAuthorization',
        'connectWithClientCredentials',
        'disconnect',
        'getConnection',
        'getSetupInfo',
        'oauthCallback',
        'resolveOrgChange',
        'saveCredentials',
        'startAuthorization',
      ].sort(),
    );
  });

  it('lists every error code of the kit, in order', () => {
    expect(documentedEnum('ConnectErrorCode')).toEqual([...CONNECT_ERROR_CODES]);
  });

  it('lists every connection status', () => {
    expect(documentedEnum('ConnectionStatus')).toEqual([
      'disconnected',
      'configured',
      'connected',
      'needs_reauth',
      'error',
    ]);
  });

  it('requires the CSRF header with the value the adapter sends', () => {
    expect(yaml).toContain(
      `      name: ${CSRF_HEADER.name}\n      in: header\n      required: true`,
    );
    expect(yaml).toContain(`        const: ${CSRF_HEADER.value}`);
  });
});
