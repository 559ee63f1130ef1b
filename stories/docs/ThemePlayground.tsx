import { type CSSProperties, type ReactNode, useId, useMemo, useState } from 'react';
import { isColorToken, type ThemeToken } from '../../.storybook/theme-tokens.js';
import { createMemoryAdapter } from '../../src/adapters/memory.js';
import { ConnectionStatus } from '../../src/components/ConnectionStatus.js';
import { CopyField } from '../../src/components/CopyField.js';
import { CredentialsForm } from '../../src/components/CredentialsForm.js';
import { ErrorExplanation } from '../../src/components/ErrorExplanation.js';
import { sandboxConnection } from '../flows/memory-flow.js';
import { themeTokens } from './theme-data.js';

const tableStyle: CSSProperties = { borderCollapse: 'collapse', inlineSize: '100%' };
const cellStyle: CSSProperties = {
  border: '1px solid #c7ccd6',
  padding: '0.35rem 0.5rem',
  textAlign: 'start',
  verticalAlign: 'top',
};

function Swatch({ color }: { color: string }) {
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        inlineSize: '1rem',
        blockSize: '1rem',
        marginInlineEnd: '0.4rem',
        verticalAlign: 'middle',
        border: '1px solid #6b7280',
        borderRadius: '0.2rem',
        background: color,
      }}
    />
  );
}

function DefaultValue({ token, value }: { token: ThemeToken; value: string | undefined }) {
  if (value === undefined) return <span>same as light</span>;
  return (
    <span>
      {isColorToken(token) ? <Swatch color={value} /> : null}
      <code>{value}</code>
    </span>
  );
}

/** The CSS an integrator would paste to get what the playground shows. */
function cssFor(overrides: Record<string, string>): string {
  const lines = Object.entries(overrides)
    .filter(([, value]) => value.trim() !== '')
    .map(([name, value]) => `  ${name}: ${value.trim()};`);
  return lines.length === 0 ? '' : `.your-settings-page {\n${lines.join('\n')}\n}`;
}

/**
 * The Theming page's live part: every public token with its light and dark default, a box to
 * set each one, and real kit components re-rendered with the values typed so far. Values are
 * applied exactly as an integrator's stylesheet would apply them: as custom properties on an
 * ancestor of the kit.
 */
export function ThemePlayground({ preview }: { preview?: ReactNode }) {
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const adapter = useMemo(() => createMemoryAdapter({ latencyMs: 600 }), []);
  const id = useId();
  const css = cssFor(overrides);
  const style = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value.trim() !== ''),
  ) as CSSProperties;

  return (
    <div>
      <table style={tableStyle}>
        <caption style={{ textAlign: 'start', fontWeight: 600, paddingBlockEnd: '0.5rem' }}>
          Public theme tokens ({themeTokens.length}), read from the kit’s stylesheets
        </caption>
        <thead>
          <tr>
            <th scope="col" style={cellStyle}>
              Custom property
            </th>
            <th scope="col" style={cellStyle}>
              Light default
            </th>
            <th scope="col" style={cellStyle}>
              Dark default
            </th>
            <th scope="col" style={cellStyle}>
              Try a value
            </th>
          </tr>
        </thead>
        <tbody>
          {themeTokens.map((token) => (
            <tr key={token.name} data-token={token.name}>
              <th scope="row" style={cellStyle}>
                <code>{token.name}</code>
              </th>
              <td style={cellStyle}>
                <DefaultValue token={token} value={token.light} />
              </td>
              <td style={cellStyle}>
                <DefaultValue token={token} value={token.dark} />
              </td>
              <td style={cellStyle}>
                <input
                  aria-label={`Value for ${token.name}`}
                  value={overrides[token.name] ?? ''}
                  placeholder={token.dark ?? token.light}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    setOverrides((current) => ({ ...current, [token.name]: value }));
                  }}
                  style={{ inlineSize: '100%', minInlineSize: '8rem', font: 'inherit' }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <fieldset style={{ marginBlock: '1rem', border: 0, padding: 0 }}>
        <legend style={{ fontWeight: 600 }}>Preview theme</legend>
        {(['light', 'dark'] as const).map((option) => (
          <label key={option} style={{ marginInlineEnd: '1rem' }}>
            <input
              type="radio"
              name={`${id}-theme`}
              value={option}
              checked={theme === option}
              onChange={() => setTheme(option)}
            />{' '}
            {option === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
        <button type="button" onClick={() => setOverrides({})} disabled={css === ''}>
          Reset every value
        </button>
      </fieldset>

      <section
        aria-label="Live preview"
        className="sfc-scope"
        data-theme={theme}
        data-testid="theme-preview"
        style={{
          ...style,
          display: 'grid',
          gap: '1.5rem',
          padding: '1.5rem',
          border: '1px solid #c7ccd6',
        }}
      >
        {preview ?? (
          <>
            <ConnectionStatus connection={sandboxConnection} onDisconnect={() => {}} />
            <ErrorExplanation
              error="redirect_uri_mismatch"
              values={{ callbackUrl: 'https://app.example.com/api/salesforce/oauth/callback' }}
              pasteHelp={false}
            />
            <CredentialsForm adapter={adapter} />
            <CopyField
              label="Callback URL"
              value="https://app.example.com/api/salesforce/oauth/callback"
            />
          </>
        )}
      </section>
      {css ? (
        <figure style={{ marginInline: 0 }}>
          <figcaption style={{ fontWeight: 600 }}>The same in your stylesheet</figcaption>
          <pre data-testid="theme-css">
            <code>{css}</code>
          </pre>
        </figure>
      ) : null}
    </div>
  );
}
