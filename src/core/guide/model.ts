import type { ErrorActor } from '../error-catalogue.js';
import type { ConnectErrorCode } from '../errors.js';
import type { ConnectionFieldDefinitions, ConnectionNameField } from '../fields.js';
import type { GuideStepId } from '../guide-step-ids.js';
import type { ConnectionFlow } from '../types.js';

/**
 * Which kind of app the admin creates. External Client Apps are the default: since Spring '26 no
 * org may create new Connected Apps (Salesforce Help article 005228017), except through a package
 * install or where Salesforce Support turned creation back on; the Connected App guides open with
 * that condition. The two Connected App variants differ only in where Setup
 * keeps things (Lightning Experience or Salesforce Classic).
 *
 * @example
 * buildSetupGuide({ ...config, variant: 'connected-app-classic' });
 */
export type GuideVariant =
  | 'external-client-app'
  | 'connected-app-lightning'
  | 'connected-app-classic';

/**
 * A run of text. `ui` marks an exact label on screen (a Salesforce field, tab or button) so the
 * UI can style it and the admin can search for it; `code` marks a value to type or copy.
 *
 * @example
 * const segment: TextSegment = { text: 'Callback URL', ui: true };
 */
export interface TextSegment {
  text: string;
  ui?: true;
  code?: true;
}

/**
 * Text as a list of segments; plain text is one segment without marks.
 *
 * @example
 * const html = text.map((s) => (s.ui ? `<b>${s.text}</b>` : s.text)).join('');
 */
export type RichText = readonly TextSegment[];

/**
 * What the admin does with one field in Setup.
 *
 * @example
 * const tick: FieldSetting = { kind: 'checkbox', checked: true };
 */
export type FieldSetting =
  /** Tick (`checked: true`) or untick a checkbox. */
  | { kind: 'checkbox'; checked: boolean }
  /** Type (or paste) exactly this value. */
  | { kind: 'text'; value: string }
  /** Choose these options, by their labels in Setup (one for a picklist, several for a list). */
  | { kind: 'select'; options: readonly string[] }
  /** No fixed value: this says what to enter (e.g. "your email address"). */
  | { kind: 'describe'; text: RichText };

/**
 * A structured piece of a step. Blocks carry no markup: renderers (React, Markdown) style them.
 *
 * @example
 * if (block.type === 'copy') renderCopyField(block.label, block.value);
 */
export type GuideBlock =
  | { type: 'text'; text: RichText }
  | {
      type: 'field';
      /** The field's exact label in Setup, e.g. "Callback URL". */
      label: string;
      /** The Setup section (or tab) that holds the field, when it helps to find it. */
      section?: string;
      set: FieldSetting;
      hint?: RichText;
    }
  | {
      /** A value the admin copies into Setup (callback URL, scope list). Shown with a copy button. */
      type: 'copy';
      label: string;
      value: string;
    }
  | { type: 'checklist'; items: readonly RichText[] }
  | {
      type: 'link';
      /** The page's name in Setup, e.g. "External Client App Manager". */
      label: string;
      /** The way there through Setup's menu, e.g. ["Setup", "Apps", …]; always present. */
      path: readonly string[];
      /** A deep link into the admin's own org, when the My Domain is known. */
      href?: string;
    }
  | { type: 'note'; text: RichText }
  | { type: 'warning'; text: RichText };

/**
 * One step of the guide; its id never changes (progress and error links use it).
 *
 * @example
 * guide.steps.map((step, i) => `${i + 1}. ${step.title}`);
 */
export interface GuideStep {
  id: GuideStepId;
  title: string;
  summary?: string;
  blocks: readonly GuideBlock[];
  /** True when the step only applies to some orgs (nothing breaks if it is skipped). */
  optional?: boolean;
}

/**
 * One error the admin may meet, with the fix and the step where the fix is made.
 *
 * @example
 * const item = guide.troubleshooting.find((t) => t.code === error.code);
 * if (item?.stepId) scrollToStep(item.stepId);
 */
export interface GuideTroubleshootingItem {
  code: ConnectErrorCode;
  title: string;
  cause: string;
  fixes: readonly string[];
  /** Who must act on the fixes: the person connecting or the Salesforce admin. */
  actor: ErrorActor;
  /** The catalogue's sentence saying who must act. */
  whoActs: string;
  /** The guide step to go back to; only set when this guide has that step. */
  stepId?: GuideStepId;
}

/**
 * Who may use the app: everyone who approves it, or only the profiles and permission sets chosen.
 *
 * @example
 * buildSetupGuide({ ...config, policies: { permittedUsers: 'self-authorize' } });
 */
export type PermittedUsers = 'admin-approved' | 'self-authorize';

/**
 * How long a refresh token lives (Setup's "Refresh Token Policy").
 *
 * @example
 * const policy: RefreshTokenPolicy = { kind: 'expire-if-unused', amount: 90, unit: 'days' };
 */
export type RefreshTokenPolicy =
  | { kind: 'until-revoked' }
  | { kind: 'expire-immediately' }
  | {
      kind: 'expire-after' | 'expire-if-unused';
      amount: number;
      unit: 'hours' | 'days' | 'months';
    };

/**
 * Setup's four "IP Relaxation" choices (Salesforce Help: "Connected App IP Relaxation and
 * Continuous IP Enforcement"). `enforce-relax-refresh` is the one that keeps a server-side
 * connection working while sign-in stays checked; the default guide config picks it.
 * `relax-with-second-factor` is the option's former name and reads as
 * `relax-for-activated-devices`.
 *
 * @example
 * buildSetupGuide({ ...config, policies: { ipRelaxation: 'enforce-relax-refresh' } });
 */
export type IpRelaxation =
  | 'enforce'
  | 'enforce-relax-refresh'
  | 'relax-for-activated-devices'
  | 'relax'
  /** @deprecated Salesforce renamed it "Relax IP restrictions for activated devices". */
  | 'relax-with-second-factor';

/**
 * OAuth flows to switch on besides the authorization code flow the kit itself uses.
 *
 * @example
 * buildSetupGuide({ ...config, flows: { clientCredentials: { runAs: 'integration@acme.com' } } });
 */
export interface GuideFlows {
  /**
   * Tick "Enable Authorization Code and Credentials Flow". That is Salesforce's headless-login
   * flow (it also needs an org-wide switch); the kit's own authorization code flow works without
   * it, so the guide shows this field only when it is set.
   */
  authorizationCodeAndCredentials?: boolean;
  /** Tick "Enable Device Flow" (External Client App) or "Enable for Device Flow" (Connected App). */
  deviceFlow?: boolean;
  /** Tick "Enable Client Credentials Flow"; `runAs` names the user the flow acts as. */
  clientCredentials?: boolean | { runAs?: string };
}

/**
 * The app's Security checkboxes. The three `require…` ones default to on.
 *
 * @example
 * buildSetupGuide({ ...config, security: { requireSecretForRefreshTokenFlow: false } });
 */
export interface GuideSecurity {
  requireSecretForWebServerFlow?: boolean;
  requireSecretForRefreshTokenFlow?: boolean;
  /** Require PKCE; default on, since the kit always sends an S256 code challenge. */
  requirePkce?: boolean;
  /** "Use Digital Signatures" (Connected Apps); shown only when set. */
  useDigitalSignatures?: boolean;
  /** "Introspect All Tokens" (Connected Apps); shown only when set. */
  introspectAllTokens?: boolean;
}

/**
 * The app's policies (ECA: Policies tab; Connected App: Manage → Edit Policies).
 *
 * @example
 * buildSetupGuide({ ...config, policies: { profiles: ['Sales'], permissionSets: ['Acme Users'] } });
 */
export interface GuidePolicies {
  /** Default `admin-approved`: only chosen profiles and permission sets may connect. */
  permittedUsers?: PermittedUsers;
  /** Profile names to select (admin-approved only); when none are given the guide asks for them. */
  profiles?: readonly string[];
  /** Permission set names to select (admin-approved only). */
  permissionSets?: readonly string[];
  /** Default `until-revoked`, so the connection lasts until someone revokes it. */
  refreshToken?: RefreshTokenPolicy;
  /**
   * Default `enforce-relax-refresh`: sign-in stays checked against the profile's IP ranges and the
   * server can refresh from its own address. The guide says why beside the field.
   */
  ipRelaxation?: IpRelaxation;
  /** The start page option (External Client App) or start URL (Connected App); shown when set. */
  startPage?: string;
}

/**
 * What the first step checks before the admin starts.
 *
 * @example
 * buildSetupGuide({ ...config, prerequisites: { sandbox: false } });
 */
export interface GuidePrerequisites {
  /** Mention multi-factor authentication; default true. */
  mfa?: boolean;
  /** Mention that a sandbox needs its own app; default true. */
  sandbox?: boolean;
}

/**
 * Everything a guide is built from. Only `appName`, `vendorName` and `callbackUrls` are required.
 *
 * @example
 * const config: GuideConfig = {
 *   appName: 'Acme Sync',
 *   vendorName: 'Acme',
 *   callbackUrls: ['https://app.acme.com/oauth/callback'],
 * };
 */
export interface GuideConfig {
  /** Default `external-client-app`. */
  variant?: GuideVariant;
  /**
   * How the product connects. `authorization-code` (default): a person signs in through a
   * Salesforce popup. `client-credentials`: the backend connects on its own as the app's Run As
   * user; the guide then turns on "Enable Client Credentials Flow", asks for the Run As user
   * (`flows.clientCredentials.runAs` names it), explains that the callback URL is never opened
   * (`callbackUrls` may be empty: the guide asks for the My Domain URL), and asks for the My
   * Domain URL as the Login URL.
   */
  flow?: ConnectionFlow | undefined;
  /** The name the admin gives the app in Salesforce. */
  appName: string;
  /** The product that connects, as the admin knows it. */
  vendorName: string;
  /** The app's contact email; when absent the guide asks for the admin's own. */
  contactEmail?: string;
  /** Callback URLs to paste, exactly; at least one (none needed with `flow: 'client-credentials'`). */
  callbackUrls: readonly string[];
  /** OAuth scope values; default `api`, `refresh_token`, `id`. */
  scopes?: readonly string[];
  flows?: GuideFlows;
  security?: GuideSecurity;
  policies?: GuidePolicies;
  prerequisites?: GuidePrerequisites;
  /** The org's login URL, when known: turns Setup paths into links into the admin's own org. */
  loginUrl?: string;
  /** Error codes for the troubleshooting section; default: every code an admin can act on. */
  troubleshooting?: readonly ConnectErrorCode[];
  /**
   * The form asks for a connection name: the last step lists it. `SalesforceConnect` passes it
   * from `setup` to its form.
   */
  connectionName?: ConnectionNameField;
  /**
   * The integrator's fields the form asks for (`defineConnectionFields`): the last step lists
   * each with its help text. `SalesforceConnect` passes them from `setup` to its form.
   */
  connectionFields?: ConnectionFieldDefinitions;
  /**
   * The Login URL the form starts with (e.g. `https://login.salesforce.com` for production);
   * the last step says so. `SalesforceConnect` passes it from `setup` to its form.
   */
  defaultLoginUrl?: string;
}

/**
 * A guide configuration with every default filled in.
 *
 * @example
 * buildSetupGuide(config).config.scopes; // ['api', 'refresh_token', 'id'] when none were given
 */
export interface ResolvedGuideConfig {
  variant: GuideVariant;
  flow: ConnectionFlow;
  appName: string;
  vendorName: string;
  contactEmail?: string;
  callbackUrls: readonly string[];
  scopes: readonly string[];
  flows: {
    authorizationCodeAndCredentials?: boolean;
    deviceFlow: boolean;
    clientCredentials: false | { runAs?: string };
  };
  security: {
    requireSecretForWebServerFlow: boolean;
    requireSecretForRefreshTokenFlow: boolean;
    requirePkce: boolean;
    useDigitalSignatures?: boolean;
    introspectAllTokens?: boolean;
  };
  policies: {
    permittedUsers: PermittedUsers;
    profiles: readonly string[];
    permissionSets: readonly string[];
    refreshToken: RefreshTokenPolicy;
    ipRelaxation?: IpRelaxation;
    startPage?: string;
  };
  prerequisites: Required<GuidePrerequisites>;
  loginUrl?: string;
  troubleshooting: readonly ConnectErrorCode[];
  connectionName?: ConnectionNameField;
  connectionFields?: ConnectionFieldDefinitions;
  defaultLoginUrl?: string;
}

/**
 * Words a renderer needs around the guide's content (Markdown export, the React component).
 *
 * @example
 * fillMessage(guide.terms.stepRef, { number: 4, title: guide.steps[3].title });
 */
export interface GuideTerms {
  note: string;
  warning: string;
  troubleshooting: string;
  /** A ticked checkbox. */
  on: string;
  /** An unticked checkbox. */
  off: string;
  /** A reference to a step, with `{number}` and `{title}`: "Step {number}: {title}". */
  stepRef: string;
}

/**
 * A complete setup guide, ready to render or export.
 *
 * @example
 * const guide: SetupGuide = buildSetupGuide(config);
 * const markdown = guideToMarkdown(guide);
 */
export interface SetupGuide {
  variant: GuideVariant;
  title: string;
  intro: RichText;
  steps: readonly GuideStep[];
  troubleshooting: readonly GuideTroubleshootingItem[];
  config: ResolvedGuideConfig;
  terms: GuideTerms;
}

/**
 * Marks an exact on-screen label (Salesforce field, tab or button) inside a message.
 *
 * @example
 * const text = ['Click ', ui('New External Client App'), '.'];
 */
export function ui(text: string): TextSegment {
  return { text, ui: true };
}

/**
 * Marks a value to type or copy inside a message.
 *
 * @example
 * const text = ['Use ', code('https://test.salesforce.com'), ' for a sandbox.'];
 */
export function code(text: string): TextSegment {
  return { text, code: true };
}

/**
 * The plain text of rich text, marks dropped (for search, `aria-label`s and tests).
 *
 * @example
 * plainText([{ text: 'Click ' }, ui('Save'), { text: '.' }]) // 'Click Save.'
 */
export function plainText(text: RichText): string {
  return text.map((part) => part.text).join('');
}
