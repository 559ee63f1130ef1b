import type { ErrorCatalogue } from '../error-catalogue.js';
import { ConnectError, type ConnectErrorCode } from '../errors.js';
import type { NormalizeLoginUrlOptions } from '../login-url.js';
import {
  DEFAULT_SCOPES,
  grantsRefreshToken,
  OAUTH_SCOPES,
  scopeLabelsFor,
  scopesFor,
} from '../scopes.js';
import { guideMessagesEn } from './content-en.js';
import { fillTemplate, type GuideMessages, type GuideTemplate } from './messages.js';
import {
  type FieldSetting,
  type GuideBlock,
  type GuideConfig,
  type GuideStep,
  plainText,
  type ResolvedGuideConfig,
  type RichText,
  type SetupGuide,
} from './model.js';
import { guideLoginUrl, type SetupPage, setupPageUrl } from './setup-links.js';
import { guideTroubleshooting } from './troubleshooting.js';

/**
 * The scopes a guide asks for when the config names none: API access, a refresh token, identity.
 *
 * @example
 * buildSetupGuide({ ...config, scopes: [...DEFAULT_GUIDE_SCOPES, 'openid'] });
 */
export const DEFAULT_GUIDE_SCOPES: readonly string[] = DEFAULT_SCOPES;

/**
 * The errors the troubleshooting section explains when the config names none: every one an admin
 * can act on, most frequent first, so the guide handed to the Salesforce admin ("Copy
 * instructions for your Salesforce admin") carries every fix that is theirs. Errors internal to
 * the kit (aborted, state mismatch…) are left out.
 *
 * @example
 * buildSetupGuide({ ...config, troubleshooting: DEFAULT_TROUBLESHOOTING_CODES.filter((c) => c !== 'popup_blocked') });
 */
export const DEFAULT_TROUBLESHOOTING_CODES: readonly ConnectErrorCode[] = [
  'invalid_client_id',
  'redirect_uri_mismatch',
  'invalid_client',
  'app_not_approved',
  'app_not_installed',
  'app_not_found',
  'pkce_required',
  'flow_not_enabled',
  'scope_not_allowed',
  'invalid_grant',
  'ip_restricted',
  'invalid_login_url',
  'access_denied',
  'popup_blocked',
  'inactive_user',
  'inactive_org',
  'rate_limited',
];

/**
 * The errors the troubleshooting section explains for `flow: 'client-credentials'` when the config
 * names none: the ones that flow can meet (its own five first), none of the sign-in's.
 *
 * @example
 * buildSetupGuide({ ...config, flow: 'client-credentials', troubleshooting: CLIENT_CREDENTIALS_TROUBLESHOOTING_CODES });
 */
export const CLIENT_CREDENTIALS_TROUBLESHOOTING_CODES: readonly ConnectErrorCode[] = [
  'client_credentials_disabled',
  'run_as_user_missing',
  'run_as_user_inactive',
  'run_as_user_no_api',
  'generic_login_host',
  'invalid_client_id',
  'invalid_client',
  'app_not_found',
  'scope_not_allowed',
  'invalid_login_url',
  'inactive_org',
  'rate_limited',
];

/**
 * Options for {@link buildSetupGuide}.
 *
 * @example
 * buildSetupGuide(config, { messages: guideMessagesDe, catalogue: errorCatalogueDe });
 */
export interface BuildSetupGuideOptions {
  /** The guide's words; English when omitted. */
  messages?: GuideMessages;
  /** The error catalogue for the troubleshooting section, in the same language as `messages`. */
  catalogue?: ErrorCatalogue;
  /** How to read `config.loginUrl`, e.g. `allowedHosts` for a local simulator. */
  loginUrlOptions?: NormalizeLoginUrlOptions;
}

const invalid = (message: string) => new ConnectError('invalid_input', message);

function checkCallbackUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`The callback URL "${value}" is not a full URL (like https://example.com/cb).`);
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw invalid(
      `The callback URL "${value}" must start with https:// (http only for localhost).`,
    );
  }
}

/**
 * Checks a guide configuration and fills in every default. Throws `ConnectError('invalid_input')`
 * with a plain sentence naming the bad value, because a guide with a wrong callback URL would
 * send the admin down a path that cannot work.
 *
 * @example
 * resolveGuideConfig({ appName: 'Acme', vendorName: 'Acme', callbackUrls: ['https://acme.example/cb'] })
 *   .scopes // ['api', 'refresh_token', 'id']
 */
export function resolveGuideConfig(config: GuideConfig): ResolvedGuideConfig {
  const appName = config.appName.trim();
  const vendorName = config.vendorName.trim();
  if (!appName) throw invalid('The guide needs an app name (appName).');
  if (!vendorName) throw invalid('The guide needs the product’s name (vendorName).');
  const flow = config.flow ?? 'authorization-code';
  if (flow !== 'authorization-code' && flow !== 'client-credentials') {
    throw invalid(
      `The guide's flow must be "authorization-code" or "client-credentials", not "${String(flow)}".`,
    );
  }
  // The client credentials flow never opens a callback URL: without one the guide asks for the
  // My Domain URL, which Salesforce accepts to save the app.
  if (config.callbackUrls.length === 0 && flow === 'authorization-code') {
    throw invalid('The guide needs at least one callback URL (callbackUrls).');
  }
  config.callbackUrls.forEach(checkCallbackUrl);
  const scopes = config.scopes ?? DEFAULT_GUIDE_SCOPES;
  if (scopes.length === 0) throw invalid('The guide needs at least one OAuth scope (scopes).');
  const refreshToken = config.policies?.refreshToken ?? { kind: 'until-revoked' };
  if (
    'amount' in refreshToken &&
    !(Number.isInteger(refreshToken.amount) && refreshToken.amount > 0)
  ) {
    throw invalid(
      'The refresh token policy needs a whole number of hours, days or months above 0.',
    );
  }
  const { flows = {}, security = {}, policies = {}, prerequisites = {} } = config;
  // Connecting with the client credentials flow needs the flow turned on in the app.
  const given = flows.clientCredentials ?? false;
  const clientCredentials = flow === 'client-credentials' && given === false ? true : given;
  return {
    variant: config.variant ?? 'external-client-app',
    flow,
    appName,
    vendorName,
    ...(config.contactEmail?.trim() ? { contactEmail: config.contactEmail.trim() } : {}),
    callbackUrls: [...config.callbackUrls],
    scopes: [...scopes],
    flows: {
      ...(flows.authorizationCodeAndCredentials === undefined
        ? {}
        : { authorizationCodeAndCredentials: flows.authorizationCodeAndCredentials }),
      deviceFlow: flows.deviceFlow ?? false,
      clientCredentials: clientCredentials === true ? {} : clientCredentials,
    },
    security: {
      ...security,
      requireSecretForWebServerFlow: security.requireSecretForWebServerFlow ?? true,
      requireSecretForRefreshTokenFlow: security.requireSecretForRefreshTokenFlow ?? true,
      requirePkce: security.requirePkce ?? true,
    },
    policies: {
      ...policies,
      permittedUsers: policies.permittedUsers ?? 'admin-approved',
      // The option that keeps a server-side connection alive (see IpRelaxation).
      ipRelaxation: policies.ipRelaxation ?? 'enforce-relax-refresh',
      profiles: [...(policies.profiles ?? [])],
      permissionSets: [...(policies.permissionSets ?? [])],
      refreshToken,
    },
    prerequisites: { mfa: prerequisites.mfa ?? true, sandbox: prerequisites.sandbox ?? true },
    ...(config.loginUrl?.trim() ? { loginUrl: config.loginUrl.trim() } : {}),
    troubleshooting: [
      ...(config.troubleshooting ??
        (flow === 'client-credentials'
          ? CLIENT_CREDENTIALS_TROUBLESHOOTING_CODES
          : DEFAULT_TROUBLESHOOTING_CODES)),
    ],
    ...(config.connectionName ? { connectionName: config.connectionName } : {}),
    ...(config.connectionFields ? { connectionFields: config.connectionFields } : {}),
    ...(config.defaultLoginUrl?.trim() ? { defaultLoginUrl: config.defaultLoginUrl.trim() } : {}),
  };
}

/**
 * Builds the admin's setup guide: the steps to create the app in Salesforce, in this kit's words,
 * with Setup's exact labels, the values to copy, and a troubleshooting section from the error
 * catalogue. Pure: the same config gives the same guide, so it can render on the server.
 *
 * @example
 * const guide = buildSetupGuide({
 *   appName: 'Acme Sync',
 *   vendorName: 'Acme',
 *   callbackUrls: ['https://app.acme.example/oauth/callback'],
 *   loginUrl: 'https://acme.my.salesforce.com',
 * });
 * guide.steps.map((step) => step.id); // ['prerequisites', 'create-app', …, 'enter-credentials']
 */
export function buildSetupGuide(
  config: GuideConfig,
  options: BuildSetupGuideOptions = {},
): SetupGuide {
  const m = options.messages ?? guideMessagesEn;
  const resolved = resolveGuideConfig(config);
  const { variant, flows, security, policies, callbackUrls, scopes } = resolved;
  // The backend connects on its own as the Run As user: nobody signs in, no callback is opened.
  const cc = resolved.flow === 'client-credentials';
  const ccText = m.clientCredentials;
  const l = m.setup;
  const eca = variant === 'external-client-app';
  const classic = variant === 'connected-app-classic';
  const vars = {
    vendor: resolved.vendorName,
    app: resolved.appName,
    appKind: eca ? m.appKind.eca : m.appKind.connectedApp,
  };
  const say = (template: GuideTemplate, extra?: Record<string, string>): RichText =>
    fillTemplate(template, extra ? { ...vars, ...extra } : vars, l);
  const plain = (template: GuideTemplate, extra?: Record<string, string>) =>
    plainText(say(template, extra));
  const text = (t: RichText): GuideBlock => ({ type: 'text', text: t });
  const note = (t: RichText): GuideBlock => ({ type: 'note', text: t });
  const field = (
    label: string,
    set: FieldSetting,
    section?: string,
    hint?: RichText,
  ): GuideBlock => ({
    type: 'field',
    label,
    set,
    ...(section ? { section } : {}),
    ...(hint ? { hint } : {}),
  });
  const checkbox = (label: string, checked: boolean, section?: string, hint?: RichText) =>
    field(label, { kind: 'checkbox', checked }, section, hint);
  const select = (label: string, options: readonly string[], section?: string) =>
    field(label, { kind: 'select', options }, section);
  const typed = (label: string, value: string, section?: string) =>
    field(label, { kind: 'text', value }, section);
  const describe = (label: string, t: RichText, section?: string) =>
    field(label, { kind: 'describe', text: t }, section);
  const link = (label: string, path: readonly string[], page?: SetupPage): GuideBlock => {
    const href = page && setupPageUrl(resolved.loginUrl, page, options.loginUrlOptions);
    return { type: 'link', label, path, ...(href ? { href } : {}) };
  };
  // Where the app lives: the page to create it from and to find it again.
  const appsPage = eca
    ? link(
        l.externalClientAppManager,
        [l.setup, l.apps, l.externalClientApps, l.externalClientAppManager],
        'externalClientAppManager',
      )
    : classic
      ? link(l.apps, [l.setup, l.build, l.create, l.apps])
      : link(l.appManager, [l.setup, l.apps, l.appManager], 'appManager');
  const oauth = l.oauthSection;
  const flowSection = eca ? l.flowEnablement : oauth;
  const securitySection = eca ? l.security : oauth;
  const steps: GuideStep[] = [];
  const step = (id: GuideStep['id'], title: string, blocks: (GuideBlock | false)[]) =>
    steps.push({ id, title, blocks: blocks.filter((b): b is GuideBlock => b !== false) });
  const scopeOption = (values: readonly string[], label: string) =>
    `${label} (${values.join(', ')})`;

  const pre = m.prerequisites;
  step('prerequisites', plain(pre.title), [
    // Since Spring '26 most orgs cannot create a Connected App at all: say so before anything else.
    !eca && { type: 'warning', text: say(pre.connectedAppsRestricted) },
    {
      type: 'checklist',
      items: [
        say(eca ? pre.permissionsEca : pre.permissions),
        ...(cc ? [say(ccText.runAsUser)] : []),
        ...(resolved.prerequisites.mfa ? [say(pre.mfa)] : []),
        ...(resolved.prerequisites.sandbox
          ? [say(eca ? pre.sandbox : pre.sandboxConnectedApp)]
          : []),
      ],
    },
  ]);

  const create = m.createApp;
  const button = eca ? l.newExternalClientApp : classic ? l.new : l.newConnectedApp;
  step('create-app', plain(create.title), [
    appsPage,
    text(classic ? say(create.clickClassic) : say(create.click, { button })),
    classic
      ? note(say(create.quickFindClassic))
      : text(say(create.quickFind, { page: eca ? l.externalClientAppManager : l.appManager })),
    !eca && note(say(create.noConnectedApps, { button })),
    eca && note(say(create.whyEca)),
  ]);

  const basic = m.basicInformation;
  step('basic-information', plain(basic.title), [
    typed(eca ? l.externalClientAppName : l.connectedAppName, resolved.appName),
    describe(l.apiName, say(basic.apiName)),
    resolved.contactEmail
      ? typed(l.contactEmail, resolved.contactEmail)
      : describe(l.contactEmail, say(basic.contactEmail)),
    eca && select(l.distributionState, [l.local]),
  ]);

  const cb = m.callbackUrl;
  const many = callbackUrls.length > 1;
  // Client credentials without a callback URL of the product's: the org's own address will do.
  const knownLoginUrl = guideLoginUrl(resolved.loginUrl, options.loginUrlOptions);
  const pasted = cc && callbackUrls.length === 0 && knownLoginUrl ? [knownLoginUrl] : callbackUrls;
  const callbackHow = cc
    ? callbackUrls.length > 0
      ? ccText.callbackField
      : ccText.callbackFieldMyDomain
    : many
      ? cb.fieldMany
      : cb.field;
  step('callback-url', plain(many ? cb.titleMany : cb.title), [
    checkbox(eca ? l.enableOAuth : l.enableOAuthSettings, true, oauth),
    describe(l.callbackUrl, say(callbackHow), oauth),
    ...pasted.map(
      (value, index): GuideBlock => ({
        type: 'copy',
        label: plain(many ? cb.copyLabelMany : cb.copyLabel, { number: String(index + 1) }),
        value,
      }),
    ),
    // A URL that is never opened cannot mismatch.
    !cc && { type: 'warning', text: say(cb.exactMatch) },
  ]);

  const sc = m.scopes;
  const { unknown } = scopeLabelsFor(scopes);
  const refreshScope = OAUTH_SCOPES.find((scope) => scope.values.includes('refresh_token'));
  step('oauth-scopes', plain(sc.title), [
    select(
      eca ? l.oauthScopes : l.selectedOAuthScopes,
      scopesFor(scopes).map((scope) => scopeOption(scope.values, scope.label)),
      oauth,
    ),
    text(say(eca ? sc.fieldEca : sc.fieldConnectedApp)),
    { type: 'copy', label: plain(sc.copyLabel), value: scopes.join(' ') },
    cc && note(say(ccText.noRefreshToken)),
    !cc &&
      !grantsRefreshToken(scopes) &&
      !!refreshScope && {
        type: 'warning',
        text: say(sc.noRefreshToken, {
          scope: scopeOption(refreshScope.values, refreshScope.label),
        }),
      },
    unknown.length > 0 && {
      type: 'warning',
      text: say(sc.unknown, { values: unknown.join(', ') }),
    },
    note(say(eca ? sc.changeLaterEca : sc.changeLater)),
  ]);

  const fs = m.flowSecurity;
  const codeAndCredentials = flows.authorizationCodeAndCredentials;
  step('flow-security', plain(fs.title), [
    codeAndCredentials !== undefined &&
      checkbox(
        l.authorizationCodeAndCredentialsFlow,
        codeAndCredentials,
        flowSection,
        say(
          eca ? fs.authorizationCodeAndCredentials : fs.authorizationCodeAndCredentialsConnectedApp,
        ),
      ),
    flows.deviceFlow && checkbox(eca ? l.deviceFlow : l.deviceFlowConnectedApp, true, flowSection),
    !!flows.clientCredentials &&
      checkbox(
        l.clientCredentialsFlow,
        true,
        flowSection,
        say(cc ? ccText.enable : fs.clientCredentials),
      ),
    checkbox(
      eca ? l.requireSecretWebServer : l.requireSecretWebServerConnectedApp,
      security.requireSecretForWebServerFlow,
      securitySection,
    ),
    checkbox(
      eca ? l.requireSecretRefreshToken : l.requireSecretRefreshTokenConnectedApp,
      security.requireSecretForRefreshTokenFlow,
      securitySection,
    ),
    checkbox(
      eca ? l.requirePkce : l.requirePkceConnectedApp,
      security.requirePkce,
      securitySection,
      // "{vendor} always sends a PKCE challenge" is about its sign-in: nobody signs in here.
      cc ? undefined : say(security.requirePkce ? fs.pkce : fs.pkceOff),
    ),
    security.useDigitalSignatures !== undefined &&
      checkbox(l.useDigitalSignatures, security.useDigitalSignatures, oauth),
    security.introspectAllTokens !== undefined &&
      checkbox(l.introspectAllTokens, security.introspectAllTokens, oauth),
    note(say(fs.leaveOthers)),
  ]);

  const save = m.saveApp;
  step('save-app', plain(eca ? save.titleEca : save.titleConnectedApp), [
    text(say(eca ? save.eca : save.connectedApp)),
  ]);

  const p = m.policies;
  const adminApproved = policies.permittedUsers === 'admin-approved';
  const appSection = eca ? l.appPolicies : undefined;
  const oauthPolicies = l.oauthPolicies;
  const profilesLabel = eca ? l.selectProfiles : l.manageProfiles;
  const { profiles, permissionSets, startPage, ipRelaxation, refreshToken } = policies;
  const chosenUsers = [
    profiles.length > 0 && select(profilesLabel, profiles, appSection),
    permissionSets.length > 0 &&
      select(eca ? l.selectPermissionSets : l.managePermissionSets, permissionSets, appSection),
  ].filter((b) => b !== false);
  // Nobody signs in through the app: no one's profile needs choosing unless the config names some.
  const userBlocks = !adminApproved
    ? []
    : cc && chosenUsers.length === 0
      ? []
      : chosenUsers.length > 0
        ? chosenUsers
        : [describe(profilesLabel, say(p.chooseProfiles), appSection)];
  const ipOptions = {
    enforce: l.ipEnforce,
    'enforce-relax-refresh': l.ipEnforceRelaxRefresh,
    'relax-for-activated-devices': l.ipRelaxActivatedDevices,
    // The same option under its former name.
    'relax-with-second-factor': l.ipRelaxActivatedDevices,
    relax: l.ipRelax,
  };
  const refreshOption =
    refreshToken.kind === 'until-revoked'
      ? l.refreshUntilRevoked
      : refreshToken.kind === 'expire-immediately'
        ? l.refreshExpireImmediately
        : `${refreshToken.kind === 'expire-after' ? l.refreshExpireAfter : l.refreshExpireIfUnused} ${refreshToken.amount} ${l[refreshToken.unit]}`;
  const runAs = flows.clientCredentials ? flows.clientCredentials.runAs : undefined;
  const runAsSection = eca ? oauthPolicies : l.clientCredentialsSection;
  step('oauth-policies', plain(p.title), [
    !eca &&
      (classic
        ? link(l.connectedApps, [l.setup, l.administer, l.manageApps, l.connectedApps])
        : appsPage),
    text(say(eca ? p.openEca : classic ? p.openClassic : p.openLightning)),
    classic && note(say(create.quickFindClassic)),
    startPage !== undefined &&
      (eca ? select(l.startPage, [startPage], appSection) : typed(l.startUrl, startPage)),
    // An External Client App lists profiles above the OAuth policies, on the same form.
    ...(eca ? userBlocks : []),
    select(l.permittedUsers, [adminApproved ? l.adminApproved : l.selfAuthorize], oauthPolicies),
    // No sign-in and no refresh token: these two show only when the config sets them.
    !!ipRelaxation &&
      (!cc || config.policies?.ipRelaxation !== undefined) &&
      field(
        l.ipRelaxation,
        { kind: 'select', options: [ipOptions[ipRelaxation]] },
        oauthPolicies,
        say(p.ipRelaxation),
      ),
    (!cc || config.policies?.refreshToken !== undefined) &&
      field(
        l.refreshTokenPolicy,
        { kind: 'select', options: [refreshOption] },
        oauthPolicies,
        // With the 30-day idle limit on, Setup hides "valid until revoked".
        refreshToken.kind === 'until-revoked' ? say(p.refreshUntilRevokedHidden) : undefined,
      ),
    !!flows.clientCredentials &&
      (runAs
        ? field(
            l.runAs,
            { kind: 'text', value: runAs },
            runAsSection,
            cc ? say(ccText.runAs) : undefined,
          )
        : describe(l.runAs, say(cc ? ccText.runAs : p.runAs), runAsSection)),
    text(say(p.save)),
    // A Connected App's profiles are chosen on its Manage page once the policies are saved.
    ...(eca ? [] : userBlocks),
    adminApproved && !cc && note(say(p.adminApproved)),
  ]);

  const c = m.credentials;
  step('consumer-credentials', plain(c.title), [
    appsPage,
    text(say(eca ? c.openEca : classic ? c.openClassic : c.openLightning)),
    note(say(c.verifyIdentity)),
    text(say(c.copy)),
    note(say(eca ? c.regenerateEca : c.regenerate)),
  ]);

  step('wait-for-activation', plain(m.wait.title), [note(say(m.wait.text))]);

  const e = m.enterCredentials;
  const form = m.form;
  const copied = say(e.copied);
  const loginUrl = guideLoginUrl(resolved.loginUrl, options.loginUrlOptions);
  // Every box the form will show, in its order: the name, the app's credentials, then the
  // integrator's own fields with their help text.
  const optional = (required: boolean | undefined, t: RichText): RichText =>
    required ? t : [...t, { text: ' ' }, ...say(e.optional)];
  const nameField = resolved.connectionName;
  const fieldBlocks = Object.values(resolved.connectionFields ?? {}).map((definition) => {
    const help: RichText = definition.description ? [{ text: definition.description }] : [];
    const extra =
      definition.kind === 'list'
        ? say(e.listRows)
        : definition.kind === 'select'
          ? say(e.oneOf, { options: definition.options.map((o) => o.label).join(', ') })
          : definition.kind === 'checkbox'
            ? say(e.checkbox)
            : [];
    const joined =
      help.length > 0 && extra.length > 0
        ? [...help, { text: ' ' }, ...extra]
        : [...help, ...extra];
    return describe(definition.label, optional(definition.required, joined));
  });
  const defaultLoginUrl = resolved.defaultLoginUrl;
  step('enter-credentials', plain(e.title), [
    text(say(e.intro)),
    !!nameField &&
      describe(
        nameField.label ?? form.connectionName,
        optional(
          nameField.required,
          nameField.description ? [{ text: nameField.description }] : say(e.connectionName),
        ),
      ),
    cc
      ? loginUrl
        ? typed(ccText.loginUrlLabel, loginUrl)
        : describe(ccText.loginUrlLabel, say(ccText.loginUrl))
      : loginUrl
        ? typed(form.loginUrl, loginUrl)
        : describe(
            form.loginUrl,
            defaultLoginUrl ? say(e.loginUrlDefault, { url: defaultLoginUrl }) : say(e.loginUrl),
          ),
    describe(form.consumerKey, copied),
    describe(form.consumerSecret, copied),
    ...fieldBlocks,
    text(say(cc ? ccText.connect : e.connect, { button: form.connect })),
    note(cc ? say(ccText.renewal, { button: form.connect }) : say(e.tokenLimit)),
  ]);

  return {
    variant,
    title: plain(m.title),
    intro: say(cc ? ccText.intro : m.intro, { button: form.connect }),
    steps,
    troubleshooting: guideTroubleshooting({
      codes: resolved.troubleshooting,
      stepIds: steps.map((s) => s.id),
      catalogue: options.catalogue,
      values: {
        callbackUrl: callbackUrls[0],
        loginUrl: loginUrl ?? resolved.loginUrl,
        appName: resolved.appName,
      },
    }),
    config: resolved,
    terms: m.terms,
  };
}
