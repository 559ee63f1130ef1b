import type { Meta, Parameters } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  createMemoryAdapter,
  type MemoryAdapter,
  type MemoryAdapterOptions,
} from '../../src/adapters/memory.js';
import { SalesforceConnect } from '../../src/components/SalesforceConnect.js';
import { errorCatalogueEn } from '../../src/core/error-catalogue.js';
import type { ConnectErrorCode } from '../../src/core/errors.js';
import type { Connection } from '../../src/core/types.js';

/**
 * Credentials of the right shapes (no warnings): an 85-character key starting with 3MVG and a
 * 19-digit secret. Nothing is sent anywhere: the memory adapter only checks their shape.
 */
export const exampleCredentials = {
  loginUrl: 'https://acme.my.salesforce.com',
  consumerKey: `3MVG9${'Xq7RmT2wZ4'.repeat(8)}`,
  consumerSecret: '8432019765513348270',
};

/**
 * Defaults of the stories' backend: calls take a noticeable 250 ms, and Salesforce "answers" the
 * popup 0.8 s after it opened, so the waiting states are visible to a designer and the whole flow
 * completes by itself, in Storybook and in the test run alike.
 */
export const flowAdapterDefaults: MemoryAdapterOptions = { latencyMs: 250, autoCallbackMs: 800 };

/**
 * A fresh memory adapter for every story render, configured by `parameters.memoryAdapter`, so no
 * story sees another's saved credentials or connection. Stories and play functions reach it as
 * `context.loaded.adapter`.
 */
export const memoryAdapterLoader = (context: { parameters: Parameters }) => ({
  adapter: createMemoryAdapter({
    ...flowAdapterDefaults,
    ...(context.parameters.memoryAdapter as MemoryAdapterOptions | undefined),
  }),
});

/**
 * What every Flows story file shares: `<SalesforceConnect/>` on a fresh memory adapter per render,
 * spies on its callbacks, guide ticks kept out of localStorage. A file spreads it and adds its
 * title (Storybook reads that literally) and whatever is its own.
 *
 * @example
 * const meta = { ...flowMeta(), title: 'Flows/Scenarios' } satisfies Meta<typeof SalesforceConnect>;
 */
export function flowMeta() {
  return {
    component: SalesforceConnect,
    loaders: [memoryAdapterLoader],
    render: (args, { loaded }) => <SalesforceConnect {...args} adapter={loadedAdapter(loaded)} />,
    args: {
      // Replaced in `render` by the loader's fresh adapter; here for the props table.
      adapter: createMemoryAdapter(),
      // Guide ticks stay in this visit: stories never share them through localStorage.
      setup: { storage: null },
      onSuccess: fn(),
      onExit: fn(),
      onEvent: fn(),
    },
    argTypes: { adapter: { control: false } },
    parameters: { layout: 'padded' },
  } satisfies Omit<Meta<typeof SalesforceConnect>, 'title'>;
}

/** The loader's adapter, typed. */
export function loadedAdapter(loaded: Record<string, unknown>): MemoryAdapter {
  const adapter = loaded.adapter;
  if (!adapter) throw new Error('This story needs memoryAdapterLoader in its loaders.');
  return adapter as MemoryAdapter;
}

/** A connected sandbox org (test.salesforce.com, Acme UAT): the stories' sandbox example. */
export const sandboxConnection: Connection = {
  status: 'connected',
  loginUrl: 'https://test.salesforce.com',
  org: {
    id: '00D000000000SBXEAA',
    name: 'Acme UAT',
    instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
    isSandbox: true,
  },
  user: {
    id: '005000000000ADMAAA',
    username: 'admin@acme.example.com.uat',
    displayName: 'Alex Admin',
  },
  connectedAt: '2025-05-02T09:30:00.000Z',
};

/** Waits long enough for the memory adapter's latency and simulated popup on a busy machine. */
export const flowTimeout = { timeout: 30_000 };

/** The whole page: the connect dialog renders in a portal outside the story's root. */
export const page = () => within(document.body);

/** The connection status region, by the stable words it always contains. */
export const connectionStatus = () =>
  page().getByRole('status', {
    name: /connected|credentials|checking|reconnect|problem|connecting/i,
  });

/** Types the example credentials into the form and saves them. */
export async function fillAndSaveCredentials(scope = page()) {
  await userEvent.type(
    scope.getByRole('textbox', { name: 'Login URL' }),
    exampleCredentials.loginUrl,
  );
  await userEvent.click(scope.getByRole('textbox', { name: 'Consumer Key' }));
  await userEvent.paste(exampleCredentials.consumerKey);
  await userEvent.click(scope.getByLabelText('Consumer Secret'));
  await userEvent.paste(exampleCredentials.consumerSecret);
  await userEvent.click(scope.getByRole('button', { name: 'Save credentials' }));
}

/**
 * Waits for the simulated Salesforce sign-in to complete (the connect dialog says "Connected to
 * …"), closes that dialog with Done and checks the status says Connected.
 */
export async function waitForSuccess() {
  const success = await page().findByRole('dialog', { name: /^Connected to/ }, flowTimeout);
  await userEvent.click(within(success).getByRole('button', { name: 'Done' }));
  await waitFor(() => expect(connectionStatus()).toHaveTextContent('Connected'), flowTimeout);
}

/** Clicks Connect (or another button of that flow) and waits for the sign-in to complete. */
export async function connectAndWaitForSuccess(scope = page(), button = 'Connect to Salesforce') {
  await userEvent.click(await scope.findByRole('button', { name: button }, flowTimeout));
  await waitForSuccess();
}

/**
 * Clicks Connect, waits for the sign-in to fail with `code` and checks the dialog explains it:
 * the catalogue's title and every one of its fixes. Returns the dialog, for what a story does next.
 */
export async function connectAndExpectExplanation(code: ConnectErrorCode) {
  const help = errorCatalogueEn.errors[code];
  await userEvent.click(
    await page().findByRole('button', { name: 'Connect to Salesforce' }, flowTimeout),
  );
  const dialog = within(
    await page().findByRole('dialog', { name: 'Could not connect to Salesforce' }, flowTimeout),
  );
  await expect(dialog.getByRole('heading', { name: help.title })).toBeVisible();
  await expect(
    within(dialog.getByRole('list', { name: 'How to fix it' })).getAllByRole('listitem'),
  ).toHaveLength(help.fixes.length);
  return dialog;
}
