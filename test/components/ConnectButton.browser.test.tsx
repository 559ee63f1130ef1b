import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { ConnectButton, type ConnectButtonFlow } from '../../src/components/ConnectButton.js';
import { expectNoAxeViolations } from '../helpers/axe.js';
import '../../src/components/styles.css';

const flow = (overrides: Partial<ConnectButtonFlow> = {}): ConnectButtonFlow => ({
  phase: 'idle',
  connection: { status: 'configured' },
  ready: true,
  open: vi.fn(),
  ...overrides,
});

describe('ConnectButton in Chromium', () => {
  it('keeps its accessible name and visible label in step when it says Reconnect', async () => {
    const screen = await render(
      <div>
        <ConnectButton connect={flow({ connection: { status: 'needs_reauth' } })} />
        {/* A control that breaks the rule, to prove the rule runs here. */}
        <button type="button" aria-label="Connect to Salesforce">
          Go now
        </button>
      </div>,
    );
    const results = await axe.run(screen.container, { runOnly: ['label-content-name-mismatch'] });
    const offenders = results.violations.flatMap((violation) =>
      violation.nodes.map((node) => node.html),
    );
    expect(offenders).toHaveLength(1);
    expect(offenders[0]).toContain('Go now');
  });

  it('passes axe, contrast included, in light and dark, idle and busy', async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const phase of ['idle', 'completing'] as const) {
        const screen = await render(
          <div className="sfc-scope" data-theme={theme}>
            <ConnectButton connect={flow({ phase })} />
          </div>,
        );
        await expectNoAxeViolations(screen.container);
        await screen.unmount();
      }
    }
  });
});
