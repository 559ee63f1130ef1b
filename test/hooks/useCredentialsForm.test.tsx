import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConnectError } from '../../src/core/errors.js';
import type { Connection, CredentialsInput } from '../../src/core/types.js';
import {
  type UseCredentialsFormOptions,
  useCredentialsForm,
} from '../../src/hooks/useCredentialsForm.js';

const KEY = `3MVG9${'B'.repeat(80)}`;
const SECRET = '9876543210987654321';

const saving = () => ({
  saveCredentials: vi.fn(
    async (input: CredentialsInput): Promise<Connection> => ({
      status: 'configured',
      loginUrl: input.loginUrl,
      consumerKeyHint: input.consumerKey.slice(-4),
      hasConsumerSecret: true,
    }),
  ),
});

/** A bare form rendered from the hook alone, as a headless integrator would. */
function HeadlessForm(
  props: UseCredentialsFormOptions & {
    keyRef?: React.Ref<HTMLInputElement>;
    onKeyChange?: (event: React.ChangeEvent<HTMLInputElement>) => void;
  },
) {
  const { keyRef, onKeyChange, ...options } = props;
  const form = useCredentialsForm(options);
  return (
    <form onSubmit={form.submit} noValidate data-status={form.status}>
      {(['loginUrl', 'consumerKey', 'consumerSecret'] as const).map((name) => (
        <div key={name}>
          <label htmlFor={form.ids[name].input}>{name}</label>
          <p id={form.ids[name].description}>about {name}</p>
          <input
            {...form.getFieldProps(
              name,
              name === 'consumerKey'
                ? { ref: keyRef, onChange: onKeyChange, 'data-mine': 'yes' }
                : {},
            )}
          />
          {form.fieldError(name) ? <p id={form.ids[name].error}>{form.fieldError(name)}</p> : null}
        </div>
      ))}
      <output>{form.loginUrlInfo?.summary}</output>
      <button type="submit">Save</button>
    </form>
  );
}

/**
 * Renders the hook alone (no inputs), sets `values` as typed and submits. Returns the hook's
 * latest result, read after every render.
 */
async function submitHeadless(
  options: UseCredentialsFormOptions,
  values: { loginUrl: string; consumerKey: string; consumerSecret: string },
) {
  let latest: ReturnType<typeof useCredentialsForm> | undefined;
  function Probe() {
    latest = useCredentialsForm(options);
    return null;
  }
  render(<Probe />);
  act(() => {
    latest?.setValue('loginUrl', values.loginUrl);
    latest?.setValue('consumerKey', values.consumerKey);
    latest?.setValue('consumerSecret', values.consumerSecret);
  });
  await act(async () => latest?.submit());
  return () => latest;
}

describe('useCredentialsForm', () => {
  it('reads the Login URL live with core normalization', async () => {
    const { result } = renderHook(() => useCredentialsForm({ adapter: saving() }));
    expect(result.current.loginUrlInfo).toBeUndefined();
    act(() => result.current.setValue('loginUrl', 'acme--uat.sandbox.lightning.force.com/one'));
    expect(result.current.loginUrlInfo).toMatchObject({
      ok: true,
      url: 'https://acme--uat.sandbox.my.salesforce.com',
      kind: 'sandbox-my-domain',
      sandbox: true,
    });
    act(() => result.current.setValue('loginUrl', 'http://login.salesforce.com'));
    expect(result.current.loginUrlInfo).toMatchObject({ ok: false, code: 'insecure_scheme' });
  });

  it('accepts a local simulator host only when allowed', () => {
    const { result } = renderHook(() =>
      useCredentialsForm({
        adapter: saving(),
        loginUrlOptions: { allowedHosts: ['localhost:4010'] },
      }),
    );
    act(() => result.current.setValue('loginUrl', 'http://localhost:4010'));
    expect(result.current.loginUrlInfo).toMatchObject({
      ok: true,
      kind: 'custom',
      summary: "We'll use http://localhost:4010 (custom host).",
    });
  });

  it('lists warnings for the current values, shown per field once it was touched', () => {
    const { result } = renderHook(() => useCredentialsForm({ adapter: saving() }));
    act(() => result.current.setValue('consumerKey', '3MVG9short'));
    expect(result.current.warnings.map((warning) => warning.code)).toEqual(['key_looks_truncated']);
    expect(result.current.fieldWarnings('consumerKey')).toEqual([]);
    act(() => result.current.setValue('consumerKey', '3MVG9short', { shouldTouch: true }));
    expect(result.current.fieldWarnings('consumerKey')).toHaveLength(1);
    expect(result.current.getFieldProps('consumerKey')['aria-describedby']).toContain(
      result.current.ids.consumerKey.warning,
    );
  });

  it('merges the integrator’s ref, handlers and props into the field props', async () => {
    const user = userEvent.setup();
    const keyRef = createRef<HTMLInputElement>();
    const onKeyChange = vi.fn();
    render(
      <HeadlessForm adapter={saving()} keyRef={keyRef} onKeyChange={onKeyChange} id="creds" />,
    );
    const key = screen.getByLabelText('consumerKey');
    expect(keyRef.current).toBe(key);
    expect(key).toHaveAttribute('id', 'creds-consumerKey');
    expect(key).toHaveAttribute('data-mine', 'yes');
    expect(key).toHaveAttribute('autocomplete', 'off');
    expect(key).toHaveAttribute('spellcheck', 'false');
    expect(key).toHaveAccessibleDescription('about consumerKey');
    await user.type(key, 'x');
    expect(onKeyChange).toHaveBeenCalledTimes(1);
  });

  it('lets the integrator veto the form’s change handling with preventDefault', async () => {
    const user = userEvent.setup();
    let latest: ReturnType<typeof useCredentialsForm> | undefined;
    function Probe() {
      latest = useCredentialsForm({ adapter: saving() });
      return (
        <input
          aria-label="key"
          {...latest.getFieldProps('consumerKey', { onChange: (event) => event.preventDefault() })}
        />
      );
    }
    render(<Probe />);
    await user.type(screen.getByLabelText('key'), 'abc');
    expect(latest?.getValues('consumerKey')).toBe('');
  });

  it('saves the parsed values, reports the connection, and clears the secret from its state', async () => {
    const adapter = saving();
    const onSaved = vi.fn();
    const latest = await submitHeadless(
      { adapter, onSaved },
      { loginUrl: 'TEST.salesforce.com', consumerKey: ` ${KEY}\u200B`, consumerSecret: SECRET },
    );
    expect(adapter.saveCredentials).toHaveBeenCalledWith(
      { loginUrl: 'https://test.salesforce.com', consumerKey: KEY, consumerSecret: SECRET },
      { signal: expect.any(AbortSignal) },
    );
    expect(latest()?.status).toBe('saved');
    expect(latest()?.getValues('consumerSecret')).toBe('');
    expect(latest()?.formState.defaultValues?.consumerSecret).toBe('');
    expect(latest()?.secret.saved).toBe(true);
    expect(latest()?.consumerKeyHint).toBe('Saved key ends in BBBB.');
    expect(onSaved).toHaveBeenCalledWith({
      connection: expect.objectContaining({ status: 'configured' }),
    });
  });

  it('maps a server error onto the field it concerns and says where', async () => {
    const adapter = {
      saveCredentials: vi.fn(async () => {
        throw new ConnectError('invalid_client', 'invalid client credentials');
      }),
    };
    const latest = await submitHeadless(
      { adapter },
      { loginUrl: 'login.salesforce.com', consumerKey: KEY, consumerSecret: SECRET },
    );
    expect(latest()?.status).toBe('failed');
    expect(latest()?.serverError?.code).toBe('invalid_client');
    expect(latest()?.serverErrorInfo).toMatchObject({ saved: false, field: 'consumerSecret' });
    expect(latest()?.formState.errors.consumerSecret?.message).toMatch(
      /rejected this Consumer Secret/,
    );
    expect(latest()?.getValues()).toEqual({
      loginUrl: 'login.salesforce.com',
      consumerKey: KEY,
      consumerSecret: SECRET,
    });
  });

  it('turns a thrown non-kit error into a form-level adapter error', async () => {
    const adapter = {
      saveCredentials: vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    };
    const latest = await submitHeadless(
      { adapter },
      { loginUrl: 'login.salesforce.com', consumerKey: KEY, consumerSecret: SECRET },
    );
    expect(latest()?.serverError?.code).toBe('adapter_error');
    expect(latest()?.serverErrorInfo).toEqual({ saved: false, message: 'Failed to fetch' });
  });

  it('fills an empty Login URL from a connection that arrives later, but never over typing', async () => {
    const user = userEvent.setup();
    const adapter = saving();
    const { rerender } = render(<HeadlessForm adapter={adapter} />);
    rerender(
      <HeadlessForm
        adapter={adapter}
        connection={{ status: 'configured', loginUrl: 'https://acme.my.salesforce.com' }}
      />,
    );
    await waitFor(() =>
      expect(screen.getByLabelText('loginUrl')).toHaveValue('https://acme.my.salesforce.com'),
    );

    const other = render(<HeadlessForm adapter={adapter} />);
    const box = other.container.querySelector('input[name="loginUrl"]') as HTMLInputElement;
    await user.type(box, 'test.salesforce.com');
    other.rerender(
      <HeadlessForm
        adapter={adapter}
        connection={{ status: 'configured', loginUrl: 'https://acme.my.salesforce.com' }}
      />,
    );
    expect(box).toHaveValue('test.salesforce.com');
  });

  it('accepts an empty secret only while one is saved', async () => {
    const adapter = saving();
    let latest: ReturnType<typeof useCredentialsForm> | undefined;
    function Probe({ connection }: { connection?: Connection }) {
      latest = useCredentialsForm({ adapter, connection });
      return null;
    }
    const { rerender } = render(<Probe />);
    act(() => {
      latest?.setValue('loginUrl', 'login.salesforce.com');
      latest?.setValue('consumerKey', KEY);
    });
    await act(async () => latest?.submit());
    expect(latest?.formState.errors.consumerSecret?.message).toBe('Enter the Consumer Secret.');
    expect(adapter.saveCredentials).not.toHaveBeenCalled();

    rerender(<Probe connection={{ status: 'configured', hasConsumerSecret: true }} />);
    await act(async () => latest?.submit());
    expect(adapter.saveCredentials).toHaveBeenCalledWith(
      expect.objectContaining({ consumerSecret: '' }),
      expect.anything(),
    );
  });

  it('answers aria-describedby and the error text from one place, also for an error without text', () => {
    const { result } = renderHook(() => useCredentialsForm({ adapter: saving() }));
    expect(result.current.fieldError('consumerKey')).toBeUndefined();
    expect(result.current.getFieldProps('consumerKey')['aria-describedby']).not.toContain(
      result.current.ids.consumerKey.error,
    );
    // An integrator's own check that sets an error but no message.
    act(() => result.current.setError('consumerKey', { type: 'custom' }));
    expect(result.current.fieldError('consumerKey')).toBe('Check this value.');
    const props = result.current.getFieldProps('consumerKey');
    expect(props['aria-invalid']).toBe(true);
    expect(props['aria-describedby']).toContain(result.current.ids.consumerKey.error);
    act(() => result.current.setError('consumerKey', { type: 'custom', message: 'Not ours.' }));
    expect(result.current.fieldError('consumerKey')).toBe('Not ours.');
  });

  it('swaps the key and the secret', () => {
    const { result } = renderHook(() => useCredentialsForm({ adapter: saving() }));
    act(() => {
      result.current.setValue('consumerKey', SECRET);
      result.current.setValue('consumerSecret', KEY);
    });
    expect(result.current.warnings[0]?.code).toBe('key_and_secret_swapped');
    act(() => result.current.swapKeyAndSecret());
    expect(result.current.getValues()).toMatchObject({ consumerKey: KEY, consumerSecret: SECRET });
    expect(result.current.warnings).toEqual([]);
  });
});
