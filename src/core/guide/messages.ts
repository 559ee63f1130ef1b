import type { GuideTerms, RichText, TextSegment } from './model.js';
import type { SetupLabels } from './setup-labels.js';

/**
 * A message template. Three marks, nothing else:
 * - `[name]` an exact on-screen label: a Setup label (`[save]` → "Save") or a label given by the
 *   builder (`[button]`);
 * - `{name}` a value as plain text (`{vendor}`, `{app}`, `{count}`…);
 * - `` `text` `` a value to type or copy.
 * Values are inserted after parsing, so a product name with brackets or backticks stays text.
 *
 * @example
 * const save: GuideTemplate = 'Click [save], then wait for {vendor}.';
 */
export type GuideTemplate = string;

/**
 * Every word of the setup guide in one language. A locale is a complete replacement: pass another
 * object of this type to `buildSetupGuide(config, { messages })`. Salesforce's own labels live in
 * `setup` and are quoted through `[name]`, never paraphrased.
 *
 * @example
 * const messages: GuideMessages = { ...guideMessagesEn, title: 'Connect {vendor} to Salesforce' };
 * buildSetupGuide(config, { messages });
 */
export interface GuideMessages {
  /** BCP 47 language tag, e.g. `en`. */
  locale: string;
  setup: SetupLabels;
  terms: GuideTerms;
  /** Labels of the product's credentials form and connect button (the kit's own UI). */
  form: {
    loginUrl: string;
    consumerKey: string;
    consumerSecret: string;
    connect: string;
    /** The connection name box (`GuideConfig.connectionName` without a label of its own). */
    connectionName: string;
  };
  /** The app kinds as nouns, available to every template as `{appKind}`. */
  appKind: { eca: string; connectedApp: string };
  /** `{vendor}`. */
  title: GuideTemplate;
  /** `{vendor}`, `[button]` (the connect button). */
  intro: GuideTemplate;
  prerequisites: {
    title: GuideTemplate;
    /** External Client App: the two ECA permissions. */
    permissionsEca: GuideTemplate;
    /** Connected App: Customize Application and Modify All Data or Manage Connected Apps. */
    permissions: GuideTemplate;
    mfa: GuideTemplate;
    /** External Client App: local apps are not copied into sandboxes. */
    sandbox: GuideTemplate;
    sandboxConnectedApp: GuideTemplate;
    /** Connected App variants open with this: since Spring '26 only some orgs may create one. */
    connectedAppsRestricted: GuideTemplate;
  };
  createApp: {
    title: GuideTemplate;
    /** `[button]`: the button that starts a new app. */
    click: GuideTemplate;
    /** Salesforce Classic: the New button sits in the Connected Apps list. */
    clickClassic: GuideTemplate;
    /** `[page]`: the page to type into Quick Find. */
    quickFind: GuideTemplate;
    /** Salesforce Classic: its menu names are not on a current Salesforce page, so offer Quick Find. */
    quickFindClassic: GuideTemplate;
    /** Connected App variants, `[button]`: what to do when the org allows no new Connected Apps. */
    noConnectedApps: GuideTemplate;
    /** External Client App: one sentence on why the guide uses one. */
    whyEca: GuideTemplate;
  };
  basicInformation: { title: GuideTemplate; apiName: GuideTemplate; contactEmail: GuideTemplate };
  callbackUrl: {
    title: GuideTemplate;
    titleMany: GuideTemplate;
    field: GuideTemplate;
    fieldMany: GuideTemplate;
    /** The copy field's label; `{number}` when there are several. */
    copyLabel: GuideTemplate;
    copyLabelMany: GuideTemplate;
    exactMatch: GuideTemplate;
  };
  scopes: {
    title: GuideTemplate;
    fieldEca: GuideTemplate;
    fieldConnectedApp: GuideTemplate;
    copyLabel: GuideTemplate;
    /** `[scope]`: the scope that grants a refresh token. */
    noRefreshToken: GuideTemplate;
    /** `{values}`: the scopes Setup does not list. */
    unknown: GuideTemplate;
    /** Connected App: new scopes need new consumer details. */
    changeLater: GuideTemplate;
    changeLaterEca: GuideTemplate;
  };
  flowSecurity: {
    title: GuideTemplate;
    /** External Client App: the headless flow, its org switch, and that Connect does not need it. */
    authorizationCodeAndCredentials: GuideTemplate;
    authorizationCodeAndCredentialsConnectedApp: GuideTemplate;
    clientCredentials: GuideTemplate;
    pkce: GuideTemplate;
    pkceOff: GuideTemplate;
    leaveOthers: GuideTemplate;
  };
  saveApp: {
    titleEca: GuideTemplate;
    titleConnectedApp: GuideTemplate;
    eca: GuideTemplate;
    connectedApp: GuideTemplate;
  };
  policies: {
    title: GuideTemplate;
    openEca: GuideTemplate;
    openLightning: GuideTemplate;
    openClassic: GuideTemplate;
    /** What to choose when no profile or permission set was configured. */
    chooseProfiles: GuideTemplate;
    adminApproved: GuideTemplate;
    /** Why the recommended IP Relaxation option keeps a server-side connection working. */
    ipRelaxation: GuideTemplate;
    /** What to pick when "Refresh token is valid until revoked" is hidden (30-day idle limit). */
    refreshUntilRevokedHidden: GuideTemplate;
    runAs: GuideTemplate;
    save: GuideTemplate;
  };
  credentials: {
    title: GuideTemplate;
    openEca: GuideTemplate;
    openLightning: GuideTemplate;
    openClassic: GuideTemplate;
    verifyIdentity: GuideTemplate;
    copy: GuideTemplate;
    /** Connected App: Manage Consumer Details → Staged Consumer Details. */
    regenerate: GuideTemplate;
    /** External Client App: no button in Setup; staged credentials through the API only. */
    regenerateEca: GuideTemplate;
  };
  wait: { title: GuideTemplate; text: GuideTemplate };
  enterCredentials: {
    title: GuideTemplate;
    intro: GuideTemplate;
    loginUrl: GuideTemplate;
    copied: GuideTemplate;
    /** `[button]`: the connect button. */
    connect: GuideTemplate;
    tokenLimit: GuideTemplate;
    /** The Login URL when the form starts with `{url}` (`GuideConfig.defaultLoginUrl`). */
    loginUrlDefault: GuideTemplate;
    /** The connection name's help when the integrator gave none. */
    connectionName: GuideTemplate;
    /** After the help of a field the admin may leave empty. */
    optional: GuideTemplate;
    /** A list field: one value per row. */
    listRows: GuideTemplate;
    /** A select field: `{options}`. */
    oneOf: GuideTemplate;
    /** A checkbox field. */
    checkbox: GuideTemplate;
  };
  /**
   * What changes when the product connects with the client credentials flow (`flow:
   * 'client-credentials'`): nobody signs in, the backend asks for a token as the Run As user.
   */
  clientCredentials: {
    /** `{vendor}`, `[button]`: the guide's intro. */
    intro: GuideTemplate;
    /** Prerequisites: the user the app acts as. */
    runAsUser: GuideTemplate;
    /** Callback URL step: why a URL is pasted although the flow never opens it. */
    callbackField: GuideTemplate;
    /** Callback URL step when the product gave no callback URL: paste the My Domain URL. */
    callbackFieldMyDomain: GuideTemplate;
    /** Scopes step: the flow gets no refresh token. */
    noRefreshToken: GuideTemplate;
    /** Flow step: the checkbox's hint. */
    enable: GuideTemplate;
    /** Policies step: the Run As field's hint. */
    runAs: GuideTemplate;
    /** Enter step: the form's label of the Login URL box in this flow ("My Domain URL"). */
    loginUrlLabel: string;
    /** Enter step: the Login URL must be the My Domain URL. */
    loginUrl: GuideTemplate;
    /** Enter step: `[button]`, no sign-in. */
    connect: GuideTemplate;
    /** Enter step: new tokens without anyone signing in again. */
    renewal: GuideTemplate;
  };
}

const marks = /\[(\w+)\]|\{(\w+)\}|`([^`]+)`/g;

/**
 * Fills a {@link GuideTemplate}: `[name]` becomes a label segment (from `values`, else `labels`),
 * `{name}` plain text, `` `x` `` a code segment. A name it does not know stays as written, so a
 * typo shows up in the guide instead of vanishing.
 *
 * @example
 * fillTemplate('Click [save] in {vendor}.', { vendor: 'Acme' }, SETUP_LABELS);
 * // [{ text: 'Click ' }, { text: 'Save', ui: true }, { text: ' in ' }, { text: 'Acme' }, { text: '.' }]
 */
export function fillTemplate(
  template: GuideTemplate,
  values: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>> = {},
): RichText {
  const out: TextSegment[] = [];
  const push = (segment: TextSegment) => {
    if (segment.text) out.push(segment);
  };
  // Own keys only: a template naming `[constructor]` must not reach Object.prototype.
  const own = (record: Readonly<Record<string, string>>, key: string) =>
    Object.hasOwn(record, key) ? record[key] : undefined;
  let last = 0;
  for (const match of template.matchAll(marks)) {
    const [whole, label, name, literal] = match;
    push({ text: template.slice(last, match.index) });
    last = match.index + whole.length;
    const value = label
      ? (own(values, label) ?? own(labels, label))
      : name
        ? own(values, name)
        : literal;
    push(
      value === undefined
        ? { text: whole }
        : label
          ? { text: value, ui: true }
          : literal
            ? { text: value, code: true }
            : { text: value },
    );
  }
  push({ text: template.slice(last) });
  return out;
}
