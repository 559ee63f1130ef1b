// The app page the browser measures drive. The instruments are a script of their own that runs
// before this one (see instrument.ts): the kit's package.json marks its modules free of side
// effects, so as an import here the bundler would drop them.
import { Profiler, type ProfilerOnRenderCallback, StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createFetchAdapter } from '../../src/adapters/fetch.js';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import type { SalesforceConnectAdapter } from '../../src/adapters/types.js';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { SalesforceConnect } from '../../src/components/SalesforceConnect.js';
import { SetupGuide } from '../../src/components/SetupGuide.js';
import { useSalesforceConnect } from '../../src/hooks/useSalesforceConnect.js';

/** How the driver asks for an app. */
export interface MountOptions {
  /**
   * `all-in-one`: `<SalesforceConnect>`, as most apps use it. `parts`: the guide, the form and the
   * connect hook side by side, each guide and form inside its own Profiler.
   */
  app: 'all-in-one' | 'parts';
  /** `memory`: the in-browser adapter; `server`: the reference server behind this origin. */
  backend: 'memory' | 'server';
  /** Memory backend only: where the connection starts. */
  initial?: 'disconnected' | 'configured';
  /** Server backend only: the `x-tenant` header, as the app's session would name it. */
  tenant?: string;
  /** Login hosts besides Salesforce's (the simulator's), for the form and the guide. */
  allowedHosts?: string[];
}

/** Totals of one React Profiler since the last reset: commits it saw and time spent rendering. */
export interface ProfilerTotals {
  commits: number;
  actualMs: number;
}

export interface BenchPage {
  mount(options: MountOptions): void;
  /** By Profiler id: `app` (everything), and `guide` and `form` where the app has them apart. */
  profilers: Record<string, ProfilerTotals>;
  resetProfilers(): void;
}

declare global {
  interface Window {
    /** Set by the page's script, which runs after the instruments. */
    __benchPage: BenchPage;
  }
}

const callbackUrl = `${location.origin}/api/salesforce/oauth/callback`;

function adapterFor(options: MountOptions): SalesforceConnectAdapter {
  if (options.backend === 'server') {
    return createFetchAdapter({
      baseUrl: '/api/salesforce',
      headers: { 'x-tenant': options.tenant ?? 'bench' },
    });
  }
  return createMemoryAdapter({
    initial: options.initial ?? 'disconnected',
    latencyMs: 0,
    ...(options.allowedHosts ? { allowedLoginHosts: options.allowedHosts } : {}),
  });
}

/** The kit as most apps use it: one component, fed by the adapter's setup info. */
function AllInOneApp({
  adapter,
  allowedHosts,
}: {
  adapter: SalesforceConnectAdapter;
  allowedHosts?: string[];
}) {
  const hosts = allowedHosts ? { allowedHosts } : undefined;
  return (
    <main>
      <SalesforceConnect
        adapter={adapter}
        setup={{ storage: null, ...(hosts ? { loginUrlOptions: hosts } : {}) }}
        credentials={hosts ? { loginUrlOptions: hosts } : {}}
      />
    </main>
  );
}

/**
 * The kit as an app composes it from its parts: the guide, the form, and the connect flow's hook
 * behind a plain button and status line.
 */
function PartsApp({
  adapter,
  allowedHosts,
}: {
  adapter: SalesforceConnectAdapter;
  allowedHosts?: string[];
}) {
  const connect = useSalesforceConnect({ adapter });
  const hosts = allowedHosts ? { allowedHosts } : undefined;
  return (
    <main>
      <Profiler id="guide" onRender={onRender}>
        <SetupGuide
          appName="Bench Sync"
          vendorName="Bench"
          callbackUrls={[callbackUrl]}
          storage={null}
          loginUrlOptions={hosts}
        />
      </Profiler>
      <Profiler id="form" onRender={onRender}>
        <CredentialsForm
          adapter={adapter}
          connection={connect.connection}
          onSaved={() => void connect.refresh()}
          loginUrlOptions={hosts}
        />
      </Profiler>
      <button type="button" onClick={connect.open} data-ready={connect.ready ? '' : undefined}>
        Connect to Salesforce
      </button>
      <p role="status">
        {connect.connection?.status === 'connected' ? 'Connected' : 'Not connected'}
      </p>
    </main>
  );
}

const profilers: Record<string, ProfilerTotals> = {};
const onRender: ProfilerOnRenderCallback = (id, _phase, actualDuration) => {
  const totals = profilers[id] ?? { commits: 0, actualMs: 0 };
  profilers[id] = totals;
  totals.commits++;
  totals.actualMs += actualDuration;
};

let root: Root | undefined;
const container = document.getElementById('root') as HTMLElement;

window.__benchPage = {
  mount(options) {
    root?.unmount();
    root = createRoot(container);
    const App = options.app === 'all-in-one' ? AllInOneApp : PartsApp;
    root.render(
      <StrictMode>
        <Profiler id="app" onRender={onRender}>
          <App
            adapter={adapterFor(options)}
            {...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {})}
          />
        </Profiler>
      </StrictMode>,
    );
  },
  profilers,
  resetProfilers() {
    for (const id of Object.keys(profilers)) delete profilers[id];
  },
};
