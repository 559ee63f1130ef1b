import '../../src/components/styles.css';
import { afterEach, describe, expect, it } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { SetupGuide, type SetupGuideProps } from '../../src/components/SetupGuide.js';
import { ConnectError } from '../../src/core/errors.js';
import { expectNoAxeViolations } from '../helpers/axe.js';

const config: SetupGuideProps = {
  appName: 'Acme Sync',
  vendorName: 'Acme',
  callbackUrls: ['https://app.acme.com/oauth/callback'],
  loginUrl: 'https://acme.my.salesforce.com',
  storage: null,
};

const toggle = (id: string) =>
  document.querySelector<HTMLElement>(`#sfc-step-${id} [data-sfc-part="step-toggle"]`);

afterEach(async () => {
  history.replaceState(null, '', location.pathname + location.search);
  await page.viewport(1024, 768);
  await cdp().send('Emulation.setEmulatedMedia', { media: '' });
});

describe('SetupGuide in Chromium', () => {
  it('works by keyboard: open a step, copy its value, tick it done', async () => {
    await render(<SetupGuide {...config} hideVariantSwitch />);
    // Copy, Download, then the first step's heading button.
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.tab();
    const first = page.getByRole('button', { name: /Check your access/ });
    await expect.element(first).toHaveFocus();
    await expect.element(first).toHaveAttribute('aria-expanded', 'true');
    await userEvent.keyboard('{Enter}');
    await expect.element(first).toHaveAttribute('aria-expanded', 'false');
    const body = document.querySelector<HTMLElement>(
      '#sfc-step-prerequisites [data-sfc-part="step-body"]',
    );
    expect(getComputedStyle(body as HTMLElement).display).toBe('none');

    const callback = page.getByRole('button', { name: /Turn on OAuth and add the callback URL/ });
    (callback.element() as HTMLElement).focus();
    await userEvent.keyboard(' ');
    await expect.element(callback).toHaveAttribute('aria-expanded', 'true');
    await userEvent.tab();
    const box = page.getByRole('textbox', { name: 'Callback URL' });
    await expect.element(box).toHaveFocus();
    const input = box.element() as HTMLInputElement;
    expect(input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0)).toBe(
      'https://app.acme.com/oauth/callback',
    );
    await userEvent.tab();
    await expect.element(page.getByRole('button', { name: 'Copy Callback URL' })).toHaveFocus();
    await userEvent.tab();
    const done = document.querySelector<HTMLInputElement>(
      '#sfc-step-callback-url input[type="checkbox"]',
    );
    expect(document.activeElement).toBe(done);
    await userEvent.keyboard(' ');
    expect(done?.checked).toBe(true);
    expect(document.activeElement).toBe(done);
    await expect.element(page.getByText(/^1 of \d+ done$/)).toBeVisible();
  });

  it('keeps the focus on the Done box of the current step when ticking moves on', async () => {
    await render(<SetupGuide {...config} />);
    const done = document.querySelector<HTMLInputElement>(
      '#sfc-step-prerequisites input[type="checkbox"]',
    ) as HTMLInputElement;
    await userEvent.click(done);
    expect(toggle('create-app')?.getAttribute('aria-expanded')).toBe('true');
    expect(done.checked).toBe(true);
    expect(document.activeElement).toBe(done);
    expect(done.checkVisibility()).toBe(true);
  });

  it('opens and focuses the guide step a credentials error links to', async () => {
    await render(
      <>
        <SetupGuide {...config} />
        <CredentialsForm
          adapter={{
            saveCredentials: async () => {
              throw new ConnectError('redirect_uri_mismatch', 'redirect_uri must match');
            },
          }}
          defaultValues={{
            loginUrl: 'login.salesforce.com',
            consumerKey: `3MVG9${'D'.repeat(80)}`,
            consumerSecret: '1234567890123456789',
          }}
        />
      </>,
    );
    await userEvent.click(page.getByRole('button', { name: 'Save credentials' }));
    await userEvent.click(page.getByRole('link', { name: 'Show the step in the setup guide' }));
    await expect.poll(() => document.activeElement).toBe(toggle('callback-url'));
    expect(location.hash).toBe('#sfc-step-callback-url');
    expect(toggle('callback-url')?.getAttribute('aria-expanded')).toBe('true');
    const rect = toggle('callback-url')?.getBoundingClientRect();
    expect(rect && rect.top >= 0 && rect.bottom <= window.innerHeight).toBe(true);
  });

  it('fits a 320 px wide screen', async () => {
    await page.viewport(320, 640);
    const { container } = await render(
      <SetupGuide {...config} defaultCurrentStepId="flow-security" />,
    );
    // Everything open, the troubleshooting's long URLs included.
    for (const button of container.querySelectorAll<HTMLElement>('[aria-expanded="false"]')) {
      await userEvent.click(button);
    }
    const root = container.querySelector('section') as HTMLElement;
    expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(container);
  });

  it('prints every step expanded, without buttons', async () => {
    const { container } = await render(<SetupGuide {...config} />);
    await cdp().send('Emulation.setEmulatedMedia', { media: 'print' });
    const bodies = container.querySelectorAll<HTMLElement>('[data-sfc-part="step-body"]');
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) expect(getComputedStyle(body).display).not.toBe('none');
    const trouble = container.querySelector<HTMLElement>('[data-sfc-part="troubleshooting-body"]');
    expect(getComputedStyle(trouble as HTMLElement).display).not.toBe('none');
    for (const button of container.querySelectorAll<HTMLElement>('.sfc-button')) {
      expect(getComputedStyle(button).display).toBe('none');
    }
    const actions = container.querySelector<HTMLElement>('[data-sfc-part="guide-actions"]');
    expect(getComputedStyle(actions as HTMLElement).display).toBe('none');
    const variantSwitch = container.querySelector<HTMLElement>('[data-sfc-part="variant-switch"]');
    expect(getComputedStyle(variantSwitch as HTMLElement).display).toBe('none');
  });

  it('passes axe with real colours, light and dark, everything open', async () => {
    for (const theme of ['light', 'dark']) {
      const { container, unmount } = await render(
        <SetupGuide {...config} data-theme={theme} defaultVariant="connected-app-lightning" />,
      );
      for (const button of container.querySelectorAll<HTMLElement>('[aria-expanded="false"]')) {
        await userEvent.click(button);
      }
      await userEvent.click(
        container.querySelector('#sfc-step-prerequisites input[type="checkbox"]') as HTMLElement,
      );
      await expectNoAxeViolations(container);
      await unmount();
    }
  });
});
