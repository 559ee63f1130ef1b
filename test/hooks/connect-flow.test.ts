// The framework-free flow takes the popup session's factory from its caller, so
// <SalesforceConnect/> can load it after paint. Until it is there a click opens nothing and the
// store hears of no attempt; once it is there, the window opens inside the click as always.
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { createPopupSession } from '../../src/core/popup-session.js';
import { createConnectFlow, type PopupSessionFactory } from '../../src/hooks/connect-flow.js';
import { fakePopupEnvironment } from '../fixtures/popup-fakes.js';

const ORIGIN = 'https://app.example.com';

function configuredFlow() {
  const fake = fakePopupEnvironment();
  const window = Object.assign(fake.host, { location: { origin: ORIGIN } });
  const adapter = createMemoryAdapter({
    latencyMs: 0,
    initial: 'configured',
    BroadcastChannel: fake.hub.Channel,
    callbackUrl: `${ORIGIN}/api/salesforce/oauth/callback`,
  });
  const events: string[] = [];
  let factory: PopupSessionFactory | undefined;
  const flow = createConnectFlow(
    () => ({
      adapter,
      environment: { ...fake.environment, window },
      onEvent: (event) => events.push(event.type),
    }),
    () => factory,
  );
  return {
    fake,
    flow,
    events,
    load: () => {
      factory = createPopupSession;
    },
  };
}

describe('createConnectFlow with a popup session loaded on demand', () => {
  it('opens nothing before the session has loaded, then opens inside the click', async () => {
    const t = configuredFlow();
    const stop = t.flow.start();
    await vi.waitFor(() =>
      expect(t.flow.store.getSnapshot().connection?.status).toBe('configured'),
    );

    t.flow.open();
    expect(t.fake.host.opened).toHaveLength(0);
    expect(t.flow.store.getSnapshot().phase).toBe('idle');
    expect(t.events).not.toContain('open');

    t.load();
    t.flow.open();
    expect(t.fake.host.opened).toHaveLength(1);
    expect(t.flow.store.getSnapshot().phase).toBe('authorizing');
    expect(t.events).toContain('open');
    t.flow.cancel();
    stop();
  });
});
