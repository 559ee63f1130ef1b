// The demo page: Acme Analytics' Settings → Integrations, with the kit embedded as an app would
// embed it, plus demo-only tools (rehearse a failure, the values to type, theme and language).
import { type FormEvent, StrictMode, useEffect, useId, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
// Through the package's entries, as an app imports `salesforce-connect` and
// `salesforce-connect/adapters`: the demo breaks when they do.
import { createFetchAdapter } from '../src/adapters/index.js';
import { CopyField, localeDe, SalesforceConnect, SalesforceConnections } from '../src/index.js';
import { DEMO_FAULTS, type DemoFault, type DemoValues } from './demo-contract.js';
import { demoConnectionName, demoFields } from './demo-fields.js';
import '../src/components/styles.css';
import './demo.css';

/** The simulator's login hosts, which the kit must accept as a Login URL (set by demo/stack.ts). */
declare const __DEMO_LOGIN_HOSTS__: string[];
const loginUrlOptions = { allowedHosts: __DEMO_LOGIN_HOSTS__ };

// Made once: the kit takes an inline adapter too, but nothing here needs a new one.
const adapter = createFetchAdapter({ baseUrl: '/api/salesforce' });

type Theme = 'light' | 'dark';
type Locale = 'en' | 'de';
/** How the kit connects: a person signs in through a popup, or the server on its own. */
type Mode = 'authorization-code' | 'client-credentials';

/** `?flow=client-credentials` opens the page in that mode (the switch keeps the address in step). */
function initialMode(): Mode {
  return new URLSearchParams(window.location.search).get('flow') === 'client-credentials'
    ? 'client-credentials'
    : 'authorization-code';
}

/**
 * `?fields=1`: the form also asks for a connection name and the company names (the integrator
 * fields the demo's server checks with the same definitions, demo/demo-fields.ts).
 */
const fieldProps = new URLSearchParams(window.location.search).has('fields')
  ? { fields: demoFields, connectionName: demoConnectionName }
  : {};

function initialTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function App() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [locale, setLocale] = useState<Locale>('en');
  const [mode, setModeState] = useState<Mode>(initialMode);
  function setMode(next: Mode) {
    setModeState(next);
    const url = new URL(window.location.href);
    if (next === 'client-credentials') url.searchParams.set('flow', next);
    else url.searchParams.delete('flow');
    window.history.replaceState(null, '', url);
  }
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <>
      <header className="demo-header">
        <a className="demo-brand" href="/">
          <span aria-hidden="true" className="demo-logo">
            ◆
          </span>
          Acme Analytics
        </a>
        <nav aria-label="Main">
          <ul className="demo-nav">
            <li>
              <a href="/">Dashboards</a>
            </li>
            <li>
              <a href="/">Reports</a>
            </li>
            <li>
              <a href="/" aria-current="page">
                Settings
              </a>
            </li>
          </ul>
        </nav>
      </header>
      <div className="demo-layout">
        <main className="demo-main">
          <nav aria-label="Breadcrumb" className="demo-breadcrumb">
            <ol>
              <li>
                <a href="/">Settings</a>
              </li>
              <li aria-current="page">Integrations</li>
            </ol>
          </nav>
          <h1>Integrations</h1>
          <p className="demo-lead">
            Connect your CRM so that dashboards show pipeline and revenue next to product usage.
          </p>
          <section className="demo-card" aria-labelledby="salesforce-heading" lang={locale}>
            <h2 id="salesforce-heading" className="demo-card-title">
              Salesforce
            </h2>
            {/* `?view=connections`: several orgs (production and sandboxes), each its own connection. */}
            {new URLSearchParams(window.location.search).get('view') === 'connections' ? (
              <SalesforceConnections
                adapter={adapter}
                max={3}
                theme={theme}
                headingLevel={3}
                connect={{
                  credentials: { loginUrlOptions },
                  setup: { loginUrlOptions },
                  ...fieldProps,
                }}
                {...(locale === 'de' ? { messages: localeDe } : {})}
              />
            ) : (
              <SalesforceConnect
                // The mode is chosen once per mount, as an app would: switching remounts the kit.
                key={mode}
                adapter={adapter}
                flow={mode}
                theme={theme}
                credentials={{ loginUrlOptions }}
                setup={{ loginUrlOptions, headingLevel: 3 }}
                {...fieldProps}
                {...(locale === 'de' ? { messages: localeDe } : {})}
              />
            )}
          </section>
        </main>
        <aside className="demo-tools" aria-labelledby="tools-heading">
          <h2 id="tools-heading">Demo tools</h2>
          <p className="demo-note">
            Everything here runs on this machine: the “Salesforce” is a local simulator.
          </p>
          <DemoValuesBox theme={theme} mode={mode} />
          <RehearseFailure mode={mode} />
          <Preferences
            theme={theme}
            locale={locale}
            mode={mode}
            onTheme={setTheme}
            onLocale={setLocale}
            onMode={setMode}
          />
        </aside>
      </div>
    </>
  );
}

/** The values to type, fetched when the box is opened (so the page holds no secret until asked). */
function DemoValuesBox({ theme, mode }: { theme: Theme; mode: Mode }) {
  const [values, setValues] = useState<DemoValues | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  function load(open: boolean) {
    if (!open || values) return;
    fetch('/demo/values')
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((loaded: DemoValues) => setValues(loaded))
      .catch(() => setFailed(true));
  }
  return (
    <details className="demo-box" onToggle={(event) => load(event.currentTarget.open)}>
      <summary>Demo values</summary>
      {mode === 'client-credentials' ? (
        <p className="demo-note">
          The simulated org’s app “Acme Analytics” has “Enable Client Credentials Flow” on, with the
          Run As user below. Paste the My Domain URL, key and secret, save, and connect: no popup
          opens. Demo values for the local simulator, not secrets.
        </p>
      ) : (
        <p className="demo-note">
          The simulated org already has the app “Acme Analytics” with the callback URL the guide
          shows. Paste these into the form, then log in with the user in the popup. They open
          nothing but the local simulator: demo values, not secrets.
        </p>
      )}
      {failed ? (
        <p role="alert">The demo values could not be loaded. Is npm start running?</p>
      ) : null}
      {values && mode === 'client-credentials' ? (
        <div className="demo-values">
          <CopyField label="My Domain URL" value={values.myDomainUrl} data-theme={theme} />
          <CopyField label="Consumer Key" value={values.consumerKey} data-theme={theme} />
          <CopyField label="Consumer Secret" value={values.consumerSecret} data-theme={theme} />
          <CopyField label="Run As user" value={values.runAsUsername} data-theme={theme} />
        </div>
      ) : values ? (
        <div className="demo-values">
          <CopyField label="Login URL" value={values.loginUrl} data-theme={theme} />
          <CopyField label="Consumer Key" value={values.consumerKey} data-theme={theme} />
          <CopyField label="Consumer Secret" value={values.consumerSecret} data-theme={theme} />
          <CopyField label="Username" value={values.username} data-theme={theme} />
          <CopyField label="Password" value={values.password} data-theme={theme} />
        </div>
      ) : failed ? null : (
        <p className="demo-note">Loading…</p>
      )}
    </details>
  );
}

/** Sets a failure on the simulator through the demo's own endpoint, to see how the kit explains it. */
/** Which connection mode a failure belongs to: entries without `flow` are the popup's. */
const faultFlow = (entry: (typeof DEMO_FAULTS)[number]): Mode =>
  'flow' in entry ? entry.flow : 'authorization-code';

function RehearseFailure({ mode }: { mode: Mode }) {
  const selectId = useId();
  const [active, setActive] = useState<DemoFault | undefined>(undefined);
  const [choice, setChoice] = useState<string>('none');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [revoked, setRevoked] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetch('/demo/fault', { signal: controller.signal })
      .then((response) => response.json() as Promise<{ fault: DemoFault }>)
      .then(({ fault }) => {
        setActive(fault);
        setChoice(fault ?? 'none');
      })
      .catch(() => {});
    return () => controller.abort();
  }, []);

  async function apply(event: FormEvent) {
    event.preventDefault();
    const fault = choice === 'none' ? null : choice;
    setProblem(undefined);
    try {
      const response = await fetch('/demo/fault', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fault }),
      });
      const body = (await response.json()) as {
        fault?: DemoFault;
        revoked?: boolean;
        error?: string;
      };
      if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
      setActive(body.fault ?? null);
      setRevoked(body.revoked === true);
      if (body.revoked) setChoice(body.fault ?? 'none');
    } catch (error) {
      setProblem(`Could not set the failure: ${(error as Error).message}`);
    }
  }

  const described = DEMO_FAULTS.find((entry) => entry.fault === choice);
  const activeLabel = DEMO_FAULTS.find((entry) => entry.fault === active)?.label;
  return (
    <form className="demo-box" onSubmit={apply} aria-labelledby={`${selectId}-heading`}>
      <h3 id={`${selectId}-heading`}>Rehearse a failure</h3>
      <label htmlFor={selectId}>Failure</label>
      <div className="demo-row">
        <select id={selectId} value={choice} onChange={(event) => setChoice(event.target.value)}>
          <option value="none">None</option>
          {/* The current mode's failures first; the other mode's stay selectable. */}
          {(mode === 'client-credentials'
            ? (['client-credentials', 'authorization-code'] as const)
            : (['authorization-code', 'client-credentials'] as const)
          ).map((flow) => (
            <optgroup
              key={flow}
              label={
                flow === 'client-credentials' ? 'Client credentials (no popup)' : 'Popup sign-in'
              }
            >
              {DEMO_FAULTS.filter((entry) => faultFlow(entry) === flow).map((entry) => (
                <option key={entry.fault} value={entry.fault}>
                  {entry.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <button type="submit" className="demo-button">
          Apply
        </button>
      </div>
      {described ? <p className="demo-note">{described.what}</p> : null}
      <p role="status" className="demo-status">
        {active === undefined
          ? ''
          : revoked
            ? 'Revoked every token of the app at Salesforce. Reload the page to see the status change.'
            : activeLabel
              ? `Rehearsing: ${activeLabel}. It stays until you apply None.`
              : 'No failure set: the simulator behaves like Salesforce.'}
      </p>
      {problem ? <p role="alert">{problem}</p> : null}
    </form>
  );
}

function Preferences(props: {
  theme: Theme;
  locale: Locale;
  mode: Mode;
  onTheme: (theme: Theme) => void;
  onLocale: (locale: Locale) => void;
  onMode: (mode: Mode) => void;
}) {
  const choices = useMemo(
    () => [
      {
        legend: 'Connection mode',
        name: 'mode',
        value: props.mode,
        options: [
          ['authorization-code', 'Sign in through a popup'],
          ['client-credentials', 'Client credentials (no popup)'],
        ],
        set: (value: string) => props.onMode(value as Mode),
      },
      {
        legend: 'Theme',
        name: 'theme',
        value: props.theme,
        options: [
          ['light', 'Light'],
          ['dark', 'Dark'],
        ],
        set: (value: string) => props.onTheme(value as Theme),
      },
      {
        legend: 'Language of the connect kit',
        name: 'locale',
        value: props.locale,
        options: [
          ['en', 'English'],
          ['de', 'Deutsch'],
        ],
        set: (value: string) => props.onLocale(value as Locale),
      },
    ],
    [props],
  );
  return (
    <div className="demo-box">
      {choices.map((choice) => (
        <fieldset key={choice.name} className="demo-choice">
          <legend>{choice.legend}</legend>
          {choice.options.map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name={choice.name}
                value={value}
                checked={choice.value === value}
                onChange={() => choice.set(value ?? '')}
              />
              {label}
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('The demo page lost its #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
