import type { CSSProperties } from 'react';
import {
  MEMORY_SCENARIO_OUTCOMES,
  type MemoryScenario,
  memoryScenarioOutcome,
} from '../../src/adapters/memory-scenarios.js';
import {
  type ErrorCatalogue as Catalogue,
  type ExplanationValues,
  errorCatalogueEn,
  explainError,
} from '../../src/core/error-catalogue.js';
import { CONNECT_ERROR_CODES, type ConnectErrorCode } from '../../src/core/errors.js';
import { errorCatalogueDe } from '../../src/core/locales/de.js';
import { scenarioStoryId } from '../flows/scenario-ids.js';

// Example values filled into the explanations, as a backend's `getSetupInfo` would give them. Not
// exported: Storybook's docgen would tag an exported object of a .tsx file with __docgenInfo.
const exampleExplanationValues: ExplanationValues = {
  callbackUrl: 'https://app.example.com/api/salesforce/oauth/callback',
  loginUrl: 'https://acme.my.salesforce.com',
  appName: 'Example App Salesforce Connector',
};

const catalogues: { catalogue: Catalogue; label: string }[] = [
  { catalogue: errorCatalogueEn, label: 'English' },
  { catalogue: errorCatalogueDe, label: 'Deutsch' },
];

/** The memory adapter's scenarios that end in each code, so every entry links to a live demo. */
const scenariosByCode = new Map<ConnectErrorCode, MemoryScenario[]>();
for (const [scenario, outcome] of Object.entries(MEMORY_SCENARIO_OUTCOMES)) {
  const list = scenariosByCode.get(outcome.code) ?? [];
  list.push(scenario as MemoryScenario);
  scenariosByCode.set(outcome.code, list);
}

const gridStyle: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))',
  gap: '1rem',
};

function Explanation({
  code,
  catalogue,
  label,
}: { code: ConnectErrorCode } & (typeof catalogues)[number]) {
  const help = explainError(code, { catalogue, values: exampleExplanationValues });
  return (
    <div lang={catalogue.locale} data-locale={catalogue.locale}>
      <p style={{ margin: 0, fontSize: '0.8em', textTransform: 'uppercase' }}>{label}</p>
      <p style={{ fontWeight: 600, marginBlock: '0.25rem' }}>{help.title}</p>
      <p style={{ marginBlock: '0.25rem' }}>{help.cause}</p>
      <p style={{ marginBlock: '0.25rem', fontStyle: 'italic' }} data-actor={help.actor}>
        {help.whoActs}
      </p>
      <ol style={{ marginBlock: '0.25rem', paddingInlineStart: '1.25rem' }}>
        {help.fixes.map((fix) => (
          <li key={fix}>{fix}</li>
        ))}
      </ol>
    </div>
  );
}

/**
 * The Errors page's body: every code in `CONNECT_ERROR_CODES`, explained by core's
 * `explainError` from the English and the German catalogue, with the guide step that fixes it,
 * whether trying again helps, and the memory adapter's scenarios that reproduce it. Rendered from
 * the catalogues themselves, so the page cannot drift from what the components show.
 */
export function ErrorCataloguePage() {
  return (
    <div>
      <p>
        {CONNECT_ERROR_CODES.length} codes. Values in braces are filled in from the backend’s setup
        information; here with the example values{' '}
        {Object.entries(exampleExplanationValues).map(([name, value], index) => (
          <span key={name}>
            {index > 0 ? ', ' : ''}
            <code>{name}</code> = <code>{value}</code>
          </span>
        ))}
        .
      </p>
      {CONNECT_ERROR_CODES.map((code) => {
        const help = explainError(code);
        const scenarios = scenariosByCode.get(code) ?? [];
        return (
          <section key={code} id={`error-${code}`} aria-labelledby={`error-${code}-heading`}>
            <h3 id={`error-${code}-heading`}>
              <code>{code}</code>
            </h3>
            <dl style={{ display: 'flex', flexWrap: 'wrap', columnGap: '1.5rem' }}>
              <div>
                <dt style={{ display: 'inline', fontWeight: 600 }}>Try again helps: </dt>
                <dd style={{ display: 'inline', margin: 0 }}>{help.retryable ? 'yes' : 'no'}</dd>
              </div>
              <div>
                <dt style={{ display: 'inline', fontWeight: 600 }}>Fixed in guide step: </dt>
                <dd style={{ display: 'inline', margin: 0 }}>
                  {help.guideStepId ? <code>{help.guideStepId}</code> : 'none'}
                </dd>
              </div>
              {scenarios.length > 0 ? (
                <div>
                  <dt style={{ display: 'inline', fontWeight: 600 }}>See it happen: </dt>
                  <dd style={{ display: 'inline', margin: 0 }}>
                    {scenarios.map((scenario, index) => {
                      const outcome = memoryScenarioOutcome(scenario);
                      return (
                        <span key={scenario}>
                          {index > 0 ? ', ' : ''}
                          <a href={`./?path=/story/${scenarioStoryId(scenario)}`} target="_top">
                            scenario <code>{scenario}</code>
                          </a>
                          {outcome?.salesforceError ? (
                            <>
                              {' '}
                              (Salesforce: <code>{outcome.salesforceError}</code>)
                            </>
                          ) : null}
                        </span>
                      );
                    })}
                  </dd>
                </div>
              ) : null}
            </dl>
            <div style={gridStyle}>
              {catalogues.map((entry) => (
                <Explanation key={entry.catalogue.locale} code={code} {...entry} />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
