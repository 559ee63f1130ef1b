// The integrator's fields end to end: the demo page with `?fields=1` asks for a connection name
// (seed 002) and the company names (seed 003: one per row, `*` alone for all), and the demo's
// server checks every save with the same definitions (demo/demo-fields.ts). Bad input is refused
// beside its box with everything typed kept; what was saved comes back after a reload; what the
// form never sends (an unknown field) is refused by the server, naming the field. Shared by the
// PGlite file (fields.e2e.test.ts) and the PostgreSQL one (stores.pg.test.ts).
import { expect } from 'vitest';
import { CONNECTION_NAME_MAX_LENGTH } from '../../../src/core/types.js';
import { CredentialsFormPage } from '../pages/CredentialsFormPage.js';
import { StatusPage } from '../pages/StatusPage.js';
import { serverConnection } from '../support/flows.js';
import { expectNoAxeViolations } from '../support/session.js';
import { callApi } from './rest.js';
import type { E2eWorld } from './world.js';

/** 81 characters: one more than a connection name may have. */
const TOO_LONG_NAME = `Acme Production ${'x'.repeat(CONNECTION_NAME_MAX_LENGTH + 1 - 'Acme Production '.length)}`;

/**
 * A too-long name and `*` mixed with names refused beside their boxes, nothing lost and nothing
 * sent; a good save; the name and companies shown back after a reload; the server refusing an
 * unknown field, a too-long name and `*` with names sent straight to its API, keeping the saved
 * values.
 *
 * @example
 * it('…', () => fieldsSavedAndRefused(e2e));
 */
export async function fieldsSavedAndRefused(world: E2eWorld): Promise<void> {
  const { stack } = world;
  const { values } = stack;
  const { page } = await world.session({ noNavigation: true });
  await page.goto(`${stack.pageUrl}?fields=1`);
  const status = new StatusPage(page);
  const form = new CredentialsFormPage(page);
  const name = form.root.getByRole('textbox', { name: 'Connection name' });
  const companies = form.root.getByRole('textbox', { name: 'Company names' });
  const errorOf = (field: string) =>
    form.root.locator(`[data-field="${field}"] [data-sfc-part="field-error"]`);
  await status.waitFor('Not connected');
  // The list starts at its default: `*`, every company.
  expect(await companies.inputValue()).toBe('*');
  await expectNoAxeViolations(page, 'fields: empty form');

  // Bad input: a name one character too long, `*` together with a name.
  expect(TOO_LONG_NAME).toHaveLength(81);
  await name.fill(TOO_LONG_NAME);
  await form.fill(values);
  await companies.fill('*\nAcme GmbH');
  const saves: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT' || request.method() === 'POST') saves.push(request.url());
  });
  await form.submit();
  await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
  expect(await errorOf('name').innerText()).toBe(
    'The connection name is 81 characters long; shorten it to 80 or fewer.',
  );
  await expect.poll(() => companies.getAttribute('aria-invalid')).toBe('true');
  expect(await errorOf('fields.companies').innerText()).toBe(
    'Use * alone to mean all, or list the names; not both.',
  );
  // Everything typed is still there, and nothing went to the server.
  expect(await name.inputValue()).toBe(TOO_LONG_NAME);
  expect(await form.loginUrl.inputValue()).toBe(values.loginUrl);
  expect(await form.consumerKey.inputValue()).toBe(values.consumerKey);
  expect(await form.consumerSecret.inputValue()).toBe(values.consumerSecret);
  expect(await companies.inputValue()).toBe('*\nAcme GmbH');
  expect(saves).toEqual([]);
  await expectNoAxeViolations(page, 'fields: name and companies refused');

  // Put right: saved, the list read row by row (a repeat in other case kept once).
  await name.fill('Acme Production');
  await companies.fill('Acme GmbH\n  Acme Inc \nacme gmbh\n');
  await form.submit();
  await status.waitFor('Not connected — credentials saved');
  expect(await serverConnection(page)).toMatchObject({
    name: 'Acme Production',
    fields: { companies: ['Acme GmbH', 'Acme Inc'] },
  });

  // A reload shows the saved values back in their boxes.
  await page.reload();
  await status.waitFor('Not connected — credentials saved');
  await status.openSetupDetails();
  await expect.poll(() => name.inputValue()).toBe('Acme Production');
  expect(await companies.inputValue()).toBe('Acme GmbH\nAcme Inc');
  expect(await form.loginUrl.inputValue()).toBe(values.loginUrl);
  await form.secretSaved().waitFor();

  // Straight to the API: the server checks with the same definitions and names the field.
  const good = {
    loginUrl: values.loginUrl,
    consumerKey: values.consumerKey,
    consumerSecret: values.consumerSecret,
    name: 'Acme Production',
    fields: { companies: ['Acme GmbH'] },
  };
  const refusals = [
    { ...good, fields: { companies: ['Acme GmbH'], region: 'eu' } },
    { ...good, name: TOO_LONG_NAME },
    { ...good, fields: { companies: ['*', 'Acme GmbH'] } },
  ];
  const answers = [];
  for (const body of refusals)
    answers.push(await callApi(page, 'PUT', '/connection/credentials', body));
  expect(answers.map((answer) => [answer.status, answer.body.error])).toEqual([
    [
      400,
      {
        code: 'invalid_input',
        field: 'fields.region',
        message: 'This connection has no field named "region".',
      },
    ],
    [
      400,
      {
        code: 'invalid_input',
        field: 'name',
        message: 'The connection name is 81 characters long; shorten it to 80 or fewer.',
      },
    ],
    [
      400,
      {
        code: 'invalid_input',
        field: 'fields.companies',
        message: 'Use * alone to mean all, or list the names; not both.',
      },
    ],
  ]);
  // Nothing refused changed what was saved.
  expect(await serverConnection(page)).toMatchObject({
    name: 'Acme Production',
    fields: { companies: ['Acme GmbH', 'Acme Inc'] },
    hasConsumerSecret: true,
  });
}
