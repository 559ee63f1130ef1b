import { describe, expect, it } from 'vitest';
import { defineConnectionFields } from '../../src/core/fields.js';
import { presets } from '../../src/core/guide/presets.js';
import { createSecretBox } from '../../src/server/crypto.js';
import { reencryptAll } from '../../src/server/reencrypt.js';
import { createHarness, TEST_KEY } from './handler-harness.js';

// The integrator's fields and the connection's name on the reference server (issue 17 §1).

const fields = defineConnectionFields({
  companies: { ...presets.connectedAppDeviceFlowFullAccess.connectionFields.companies },
  region: {
    kind: 'select',
    label: 'Region',
    options: [
      { value: 'eu', label: 'Europe' },
      { value: 'us', label: 'United States' },
    ],
  },
  apiToken: { kind: 'text', label: 'API token', secret: true, required: true },
});

const TOKEN = 'vendor-token-9f2c1e7d';

function setup() {
  const h = createHarness({ fields, preflightTimeoutMs: 0 });
  const save = (extra: Record<string, unknown>) => h.save({ ...h.credentials(), ...extra });
  return { h, save };
}

describe('PUT /connection/credentials with fields and a name', () => {
  it('stores the non-secret values and the name, and GET /connection returns them', async () => {
    const { h, save } = setup();
    const saved = await save({
      name: '  Production  ',
      fields: { companies: 'Acme\nacme\n Globex ', region: 'eu', apiToken: TOKEN },
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      name: 'Production',
      fields: { companies: ['Acme', 'Globex'], region: 'eu' },
      savedSecretFields: ['apiToken'],
    });
    const connection = await h.getConnection();
    expect(connection.name).toBe('Production');
    expect(connection.fields).toEqual({ companies: ['Acme', 'Globex'], region: 'eu' });
    expect(connection.savedSecretFields).toEqual(['apiToken']);
  });

  it('encrypts the secret field at rest and never returns or logs it', async () => {
    const { h, save } = setup();
    await save({ fields: { companies: ['*'], apiToken: TOKEN } });
    await h.getConnection();
    const record = await h.store.getConnection('acme');
    expect(JSON.stringify(record)).not.toContain(TOKEN);
    expect(record?.secretFields).toBeTypeOf('string');
    const box = createSecretBox(TEST_KEY);
    const plain = await box.decrypt(record?.secretFields ?? '', {
      tenant: 'acme',
      field: 'secret_fields',
    });
    expect(JSON.parse(plain)).toEqual({ apiToken: TOKEN });
    for (const body of h.bodies) expect(body).not.toContain(TOKEN);
    expect(JSON.stringify(h.logs)).not.toContain(TOKEN);
  });

  it('keeps a saved secret field when it is sent empty, and replaces it when typed', async () => {
    const { h, save } = setup();
    await save({ fields: { companies: ['*'], apiToken: TOKEN } });
    const kept = await save({ fields: { companies: ['Acme'], apiToken: '' } });
    expect(kept.status).toBe(200);
    expect(kept.json.savedSecretFields).toEqual(['apiToken']);
    const box = createSecretBox(TEST_KEY);
    const read = async () =>
      JSON.parse(
        await box.decrypt((await h.store.getConnection('acme'))?.secretFields ?? '', {
          tenant: 'acme',
          field: 'secret_fields',
        }),
      );
    expect(await read()).toEqual({ apiToken: TOKEN });
    await save({ fields: { companies: ['Acme'], apiToken: 'new-token' } });
    expect(await read()).toEqual({ apiToken: 'new-token' });
  });

  it('needs a secret field that was never saved', async () => {
    const { save } = setup();
    const refused = await save({ fields: { companies: ['*'] } });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({
      code: 'invalid_input',
      message: 'Fill in API token.',
      field: 'fields.apiToken',
    });
  });

  it('refuses an unknown field, naming it, and saves nothing', async () => {
    const { h, save } = setup();
    const refused = await save({ fields: { companies: ['*'], apiToken: TOKEN, colour: 'red' } });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({
      code: 'invalid_input',
      message: 'This connection has no field named "colour".',
      field: 'fields.colour',
    });
    expect(await h.store.getConnection('acme')).toBeUndefined();
  });

  it('refuses * mixed with company names, in plain words', async () => {
    const { save } = setup();
    const refused = await save({ fields: { companies: ['*', 'Acme'], apiToken: TOKEN } });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({
      code: 'invalid_input',
      message: 'Use * alone to mean all, or list the names; not both.',
      field: 'fields.companies',
    });
  });

  it('refuses a select value that is not an option', async () => {
    const { save } = setup();
    const refused = await save({
      fields: { companies: ['*'], region: 'mars', apiToken: TOKEN },
    });
    expect(refused.json.error.field).toBe('fields.region');
  });

  it('refuses a name that is too long, with field "name"', async () => {
    const { h, save } = setup();
    const refused = await save({
      name: 'x'.repeat(81),
      fields: { companies: ['*'], apiToken: TOKEN },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({
      code: 'invalid_input',
      message: 'The connection name is 81 characters long; shorten it to 80 or fewer.',
      field: 'name',
    });
    expect(await h.store.getConnection('acme')).toBeUndefined();
  });

  it('keeps the saved name when a save leaves it out', async () => {
    const { h, save } = setup();
    await save({ name: 'Sandbox', fields: { companies: ['*'], apiToken: TOKEN } });
    await save({ fields: { companies: ['*'] } });
    expect((await h.getConnection()).name).toBe('Sandbox');
  });

  it('names the credential field a refusal is about', async () => {
    const { h } = setup();
    const refused = await h.save({ ...h.credentials(), consumerKey: 'has spaces in it' });
    expect(refused.json.error.field).toBe('consumerKey');
  });

  it('without field definitions, refuses any field sent', async () => {
    const h = createHarness({ preflightTimeoutMs: 0 });
    const refused = await h.save({ ...h.credentials(), fields: { region: 'eu' } });
    expect(refused.json.error.field).toBe('fields.region');
  });

  it('re-encrypts the secret fields when the key rotates', async () => {
    const { h, save } = setup();
    await save({ fields: { companies: ['*'], apiToken: TOKEN } });
    const before = (await h.store.getConnection('acme'))?.secretFields;
    const next = 'hex:8f1c2e3d4a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5';
    await reencryptAll(h.store, [next, TEST_KEY]);
    const after = (await h.store.getConnection('acme'))?.secretFields;
    expect(after).not.toBe(before);
    const plain = await createSecretBox(next).decrypt(after ?? '', {
      tenant: 'acme',
      field: 'secret_fields',
    });
    expect(JSON.parse(plain)).toEqual({ apiToken: TOKEN });
  });
});
