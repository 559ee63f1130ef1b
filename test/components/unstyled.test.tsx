import { render, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { ConnectDialog } from '../../src/components/ConnectDialog.js';
import { CopyField } from '../../src/components/CopyField.js';
import { kitClasses } from '../../src/components/internal/parts.js';
import {
  preloadSalesforceConnect,
  SalesforceConnect,
} from '../../src/components/SalesforceConnect.js';

// These tests pin what each view does once its parts are there; SalesforceConnect.lazy.isolated
// pins the views before they arrive.
beforeAll(() => preloadSalesforceConnect());

/** Every class the kit put on an element under `root` (integrators' own classes excluded). */
const kitClassesIn = (root: Element) =>
  [...root.querySelectorAll('[class]')].flatMap((el) =>
    [...el.classList].filter((name) => name.startsWith('sfc-')),
  );

describe('unstyled', () => {
  it('kitClasses gives the kit class, or nothing when unstyled', () => {
    expect(kitClasses(false)('sfc-button')).toBe('sfc-button');
    expect(kitClasses(undefined)('sfc-button')).toBe('sfc-button');
    expect(kitClasses(true)('sfc-button')).toBeUndefined();
  });

  it('CopyField keeps no kit class on any part, but keeps its parts', () => {
    const { container } = render(
      <CopyField label="Callback URL" value="https://a.example/cb" unstyled />,
    );
    expect(kitClassesIn(container)).toEqual([]);
    expect(container.querySelector('[data-sfc-part="copy-field-label"]')).not.toBeNull();
  });

  it('ConnectDialog keeps no kit class inside the dialog', () => {
    render(
      <ConnectDialog
        defaultOpen
        unstyled
        connect={{
          phase: 'authorizing',
          popupState: 'blocked',
          connection: { status: 'configured' },
          error: undefined,
          open: vi.fn(),
          cancel: vi.fn(),
          retry: vi.fn(),
          focusPopup: vi.fn(() => true),
        }}
      />,
    );
    const dialog = screen.getByRole('dialog');
    expect(kitClassesIn(dialog)).toEqual([]);
    expect(dialog.querySelector('[data-sfc-part="dialog-actions"]')).not.toBeNull();
  });

  it('SalesforceConnect passes unstyled down to every part it renders', async () => {
    const adapter = createMemoryAdapter({ latencyMs: 0, initial: 'connected' });
    const { container } = render(
      <SalesforceConnect adapter={adapter} setup={{ storage: null }} unstyled />,
    );
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Connected'));
    expect(kitClassesIn(container)).toEqual([]);
  });
});
