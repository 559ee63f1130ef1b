import type { GuideMessages } from './messages.js';
import { SETUP_LABELS } from './setup-labels.js';

/**
 * The guide in German (formal "Sie"). Setup's labels stay in English, exactly as the English Setup
 * shows them: Salesforce's German wording varies by release and cannot be checked here, and the
 * English label is what admins type into Quick Find. Pair it with the German error catalogue so
 * the troubleshooting section matches.
 *
 * @example
 * import { errorCatalogueDe } from 'salesforce-connect';
 * buildSetupGuide(config, { messages: guideMessagesDe, catalogue: errorCatalogueDe });
 */
export const guideMessagesDe: GuideMessages = {
  locale: 'de',
  setup: SETUP_LABELS,
  terms: {
    note: 'Hinweis',
    warning: 'Achtung',
    troubleshooting: 'Fehlerbehebung',
    on: 'An',
    off: 'Aus',
    stepRef: 'Schritt {number}: {title}',
  },
  form: {
    loginUrl: 'Login-URL',
    consumerKey: 'Consumer Key',
    consumerSecret: 'Consumer Secret',
    connect: 'Mit Salesforce verbinden',
    connectionName: 'Name der Verbindung',
  },
  appKind: { eca: 'External Client App', connectedApp: 'Connected App' },
  title: 'Salesforce für {vendor} einrichten',
  intro:
    '{vendor} verbindet sich über eine App mit Ihrer Salesforce-Org, die Sie im Setup anlegen. Das dauert etwa 15 Minuten. Am Ende geben Sie drei Werte in {vendor} ein und klicken auf [button]. Die hervorgehobenen Bezeichnungen stammen aus dem englischen Setup.',
  prerequisites: {
    title: 'Berechtigungen prüfen',
    permissionsEca:
      'Ihr Benutzer hat [createEditDeleteExternalClientApps], um die App anzulegen, und [viewAllExternalClientApps], um ihre Richtlinien festzulegen.',
    permissions:
      'Ihr Benutzer hat [customizeApplication] und außerdem [modifyAllData] oder [manageConnectedApps].',
    mfa: 'Nutzt Ihre Org Multi-Faktor-Authentifizierung (MFA), ist sie aktiviert, bevor Sie die App anlegen.',
    sandbox:
      'Sie sind in der Org angemeldet, die verbunden werden soll. Eine Sandbox braucht eine eigene App: Salesforce kopiert lokale External Client Apps nicht in eine Sandbox, wenn sie erstellt oder aktualisiert wird.',
    sandboxConnectedApp:
      'Sie sind in der Org angemeldet, die verbunden werden soll. Soll eine Sandbox verbunden werden? Prüfen Sie, ob die App auch in dieser Sandbox existiert.',
    connectedAppsRestricted:
      'Seit Spring ’26 kann eine Org eine neue Connected App nur noch über eine Paketinstallation anlegen oder dort, wo der Salesforce-Support das Anlegen wieder freigeschaltet hat. Folgen Sie dieser Anleitung, wenn Ihre Org das noch darf, oder um eine bestehende Connected App zu prüfen; andernfalls fragen Sie {vendor} nach der Anleitung für eine External Client App.',
  },
  createApp: {
    title: 'Neue {appKind} anlegen',
    click: 'Klicken Sie auf [button].',
    clickClassic: 'Klicken Sie in der Liste [connectedApps] auf [new].',
    quickFind: 'Oder geben Sie [page] in das Feld [quickFind] im Setup ein.',
    quickFindClassic:
      'Die Menünamen in Salesforce Classic können abweichen: Passt einer nicht, geben Sie [connectedApps] in das Feld [quickFind] im Setup ein.',
    noConnectedApps:
      'Keine Schaltfläche [button]? Ihre Org erlaubt nur noch External Client Apps: Fragen Sie {vendor} nach der Anleitung dafür.',
    whyEca:
      'Salesforce lässt Orgs seit Spring ’26 keine neuen Connected Apps mehr anlegen, deshalb nutzt diese Anleitung eine External Client App.',
  },
  basicInformation: {
    title: 'App benennen',
    apiName: 'Wird aus dem Namen übernommen; so lassen.',
    contactEmail: 'Ihre E-Mail-Adresse.',
  },
  callbackUrl: {
    title: 'OAuth aktivieren und Callback-URL eintragen',
    titleMany: 'OAuth aktivieren und Callback-URLs eintragen',
    field: 'Fügen Sie die URL unten ein.',
    fieldMany: 'Fügen Sie jede URL unten in eine eigene Zeile ein.',
    copyLabel: 'Callback-URL',
    copyLabelMany: 'Callback-URL {number}',
    exactMatch:
      'Jede URL genau so einfügen: https, gleiche Schreibweise, kein Schrägstrich am Ende, eine pro Zeile. Sonst antwortet Salesforce mit redirect_uri_mismatch.',
  },
  scopes: {
    title: 'OAuth-Scopes auswählen',
    fieldEca: 'Verschieben Sie diese in die Liste der ausgewählten Scopes; die übrigen nicht.',
    fieldConnectedApp: 'Wählen Sie jeden in [availableOAuthScopes] aus und klicken Sie auf [add].',
    copyLabel: 'Scope-Werte',
    noRefreshToken:
      'Mit diesen Scopes gibt es kein Refresh-Token, die Verbindung endet also mit der Sitzung. Fügen Sie [scope] hinzu, sofern {vendor} nichts anderes sagt.',
    unknown:
      'Das Setup führt {values} nicht auf. Fragen Sie {vendor}, welchen Scope Sie wählen sollen.',
    changeLater:
      'Scopes später geändert? Erzeugen Sie neue Consumer-Daten ([stagedConsumerDetails] → [generate] → [apply]) und tragen Sie sie in {vendor} ein.',
    changeLaterEca:
      'Scopes später geändert? Speichern Sie und verbinden Sie sich danach in {vendor} erneut, um sie zu nutzen.',
  },
  flowSecurity: {
    title: 'Flows und Sicherheit festlegen',
    authorizationCodeAndCredentials:
      'Der Headless-Anmeldeflow von Salesforce; das Verbinden mit {vendor} braucht ihn nicht. Das Setup bietet ihn erst an, wenn der Org-Schalter [setup] → [oauthAndOpenIdConnectSettings] → [allowAuthorizationCodeAndCredentialsFlows] aktiviert ist.',
    authorizationCodeAndCredentialsConnectedApp:
      'Der Headless-Anmeldeflow von Salesforce; das Verbinden mit {vendor} braucht ihn nicht. Bietet das Setup ihn nicht an, ist vielleicht der Org-Schalter [setup] → [oauthAndOpenIdConnectSettings] → [allowAuthorizationCodeAndCredentialsFlows] aus.',
    clientCredentials: 'Salesforce bittet Sie, eine Warnung zu diesem Flow zu bestätigen.',
    pkce: '{vendor} sendet immer eine PKCE-Challenge; lassen Sie dies aktiviert.',
    pkceOff: 'Nur deaktivieren, wenn Sie darum gebeten wurden.',
    leaveOthers: 'Alle übrigen Einstellungen bleiben, wie sie sind.',
  },
  saveApp: {
    titleEca: 'App erstellen',
    titleConnectedApp: 'App speichern',
    eca: 'Klicken Sie auf [create]. Salesforce öffnet die Seite der App.',
    connectedApp: 'Klicken Sie auf [save] und dann auf [continue].',
  },
  policies: {
    title: 'Festlegen, wer sich verbinden darf',
    openEca: 'Öffnen Sie auf der Seite der App den Tab [policiesTab] und klicken Sie auf [edit].',
    openLightning:
      'Öffnen Sie das Menü neben der App, wählen Sie [manage] und klicken Sie auf [editPolicies].',
    openClassic: 'Klicken Sie auf den Namen der App, dann auf [editPolicies].',
    chooseProfiles: 'Die Profile oder Berechtigungssätze aller, die {vendor} nutzen werden.',
    adminApproved:
      'Nur Benutzer mit einem ausgewählten Profil oder Berechtigungssatz können sich verbinden; alle anderen sehen „user is not admin approved“.',
    ipRelaxation:
      'Mit [ipEnforceRelaxRefresh] bleibt eine serverseitige Verbindung bestehen: Die Anmeldung im Browser wird weiter gegen die IP-Bereiche des Benutzerprofils geprüft, und der Server von {vendor} erneuert den Zugriff von seiner eigenen Adresse aus.',
    refreshUntilRevokedHidden:
      'Nicht angeboten? Dann begrenzt die App ungenutzte Refresh-Token auf 30 Tage: Behalten Sie [refreshExpireIfUnused] 30 [days]. Die Verbindung endet dann, wenn {vendor} sie 30 Tage lang nicht genutzt hat, und jemand muss sich erneut verbinden.',
    runAs: 'Der Integrationsbenutzer, als der {vendor} handelt.',
    save: 'Klicken Sie auf [save].',
  },
  credentials: {
    title: 'Consumer Key und Secret kopieren',
    openEca:
      'Öffnen Sie die App und dort den Tab [settingsTab]. Klicken Sie unter [oauthSettings] auf [consumerKeyAndSecret].',
    openLightning:
      'Öffnen Sie das Menü neben der App und wählen Sie [view]. Klicken Sie neben [consumerKeyAndSecret] auf [manageConsumerDetails].',
    openClassic: 'Klicken Sie auf den Namen der App, dann auf [manageConsumerDetails].',
    verifyIdentity:
      'Salesforce fragt zuerst nach einer Identitätsbestätigung mit einer Ihrer registrierten Methoden.',
    copy: 'Kopieren Sie [consumerKey] und [consumerSecret]. Das Secret bleibt geheim: Fügen Sie es nur in {vendor} ein.',
    regenerate:
      'Später ersetzen: [manageConsumerDetails] → [stagedConsumerDetails] → [generate] → [apply] (dafür brauchen Sie [allowConsumerKeyRotation]). Nach [apply] gelten die alten Werte nicht mehr; tragen Sie die neuen in {vendor} ein.',
    regenerateEca:
      'Eine External Client App hat im Setup keine Schaltfläche, um sie zu ersetzen: Salesforce tauscht Key und Secret nur über seine API für vorbereitete OAuth-Zugangsdaten aus. Tragen Sie neue Werte in {vendor} ein.',
  },
  wait: {
    title: 'Bis zu 10 Minuten warten',
    text: 'Eine neue oder geänderte App kann bis zu 10 Minuten brauchen, bis sie funktioniert. Verbinden Sie sich früher, kann „client identifier invalid“ erscheinen: Warten Sie und versuchen Sie es erneut.',
  },
  enterCredentials: {
    title: '{vendor} verbinden',
    intro: 'Geben Sie in {vendor} ein:',
    loginUrl:
      'Ihre My-Domain-URL ([setup] → [myDomain]), etwa `https://ihrefirma.my.salesforce.com`; eine Developer Edition hat `https://ihrefirma.develop.my.salesforce.com` (ältere `https://ihrefirma-dev-ed.develop.my.salesforce.com`). Oder `https://login.salesforce.com` (`https://test.salesforce.com` für eine Sandbox).',
    copied: 'Der kopierte Wert.',
    connect:
      'Klicken Sie auf [button], melden Sie sich bei Salesforce an und klicken Sie auf [allow].',
    tokenLimit:
      'Salesforce erlaubt fünf Freigaben pro Benutzer und App; nach einer fünften Freigabe wird die älteste widerrufen. Erneutes Verbinden in {vendor} nutzt die bestehende Verbindung.',
    loginUrlDefault:
      'Vorausgefüllt mit {url} (Produktion). Für eine Sandbox verwenden Sie `https://test.salesforce.com` oder Ihre My-Domain-URL ([setup] → [myDomain]).',
    connectionName: 'Ein Name, an dem Sie diese Verbindung von Ihren anderen unterscheiden.',
    optional: 'Kann leer bleiben.',
    listRows: 'Ein Eintrag pro Zeile.',
    oneOf: 'Eine der Möglichkeiten: {options}.',
    checkbox: 'Ankreuzen, wenn es zutrifft.',
  },
  clientCredentials: {
    intro:
      '{vendor} verbindet sich selbstständig, von Server zu Server, über eine App, die Sie im Setup anlegen (etwa 15 Minuten). Niemand meldet sich an: Salesforce gewährt Zugriff als ein Benutzer Ihrer Wahl, der „Run As“-Benutzer. Am Ende geben Sie drei Werte in {vendor} ein und klicken auf [button]. Die hervorgehobenen Bezeichnungen stammen aus dem englischen Setup.',
    runAsUser:
      'Sie wissen, als welcher aktive Benutzer mit API-Zugriff {vendor} handeln soll (der „Run As“-Benutzer). {vendor} darf, was dieser Benutzer darf.',
    callbackField:
      'Salesforce braucht sie zum Speichern der App; dieser Ablauf ruft sie nie auf. Fügen Sie ein:',
    callbackFieldMyDomain:
      'Salesforce braucht sie zum Speichern der App; dieser Ablauf ruft sie nie auf. Fügen Sie Ihre My-Domain-URL ein ([setup] → [myDomain]).',
    noRefreshToken:
      'Dieser Ablauf erhält kein Refresh-Token: {vendor} holt bei Bedarf ein neues Token.',
    enable: 'Bestätigen Sie die Warnung: Wer Key und Secret kennt, erhält Zugriff.',
    runAs: 'Der Benutzer, als der {vendor} handelt.',
    loginUrlLabel: 'My-Domain-URL',
    loginUrl:
      'Ihre My-Domain-URL ([setup] → [myDomain]), etwa `https://ihrefirma.my.salesforce.com`. Nicht login.salesforce.com oder test.salesforce.com: Dieser Ablauf funktioniert nur unter der eigenen Domain Ihrer Org.',
    connect:
      'Klicken Sie auf [button]. Es öffnet sich kein Salesforce-Fenster: {vendor} verbindet sich als „Run As“-Benutzer.',
    renewal:
      'Niemand meldet sich erneut an. Endet der Zugriff („Run As“-Benutzer deaktiviert, Ablauf abgeschaltet), beheben Sie das und klicken Sie erneut auf [button].',
  },
};
