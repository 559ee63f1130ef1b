import type { ConnectionNameMessages } from '../core/connection-name.js';
import type { CredentialsMessages } from '../core/credentials.js';
import type { ConnectionFieldMessages } from '../core/fields.js';
import type { LoginUrlKind, LoginUrlMessages } from '../core/login-url.js';

/**
 * Every string the credentials form shows, including the texts of core's checks it runs
 * (`validation`, `loginUrl`: partial overrides of `credentialsMessages` and `loginUrlMessages`).
 * Placeholders: `{url}`, `{kind}`, `{hint}`, `{field}`.
 *
 * @example
 * <CredentialsForm adapter={adapter} messages={{ submit: 'Save and continue' }} />
 */
export interface CredentialsFormMessages {
  loginUrlLabel: string;
  loginUrlDescription: string;
  loginUrlPlaceholder: string;
  consumerKeyLabel: string;
  consumerKeyDescription: string;
  consumerSecretLabel: string;
  consumerSecretDescription: string;
  /** After a save: the last characters of the key the server holds. */
  consumerKeyHint: string;
  /** The live line under the Login URL: `{url}` and `{kind}`. */
  loginUrlWillUse: string;
  /** Names of the kinds of login URL, for `{kind}`. */
  kinds: Record<LoginUrlKind, string>;
  showSecret: string;
  /**
   * Accessible name of the show/hide toggle (one name; it reports its pressed state). It leaves
   * out "Consumer Secret" so that finding the box by that label finds only the box.
   */
  showSecretLabel: string;
  secretSaved: string;
  replaceSecret: string;
  keepSecret: string;
  /** Under an empty secret box that replaces a saved secret. */
  replaceSecretDescription: string;
  /**
   * Under the secret box when the Consumer Key or Login URL differs from the saved ones: the
   * saved secret belongs to the other app and cannot be kept.
   */
  secretForNewApp: string;
  swapFix: string;
  /** A field's error when the check that raised it gave no text of its own. */
  fieldInvalid: string;
  /**
   * Development builds only, after the refusal of a Login URL on a host that is not Salesforce's
   * (`{host}`): tells the integrator which setting accepts it. Admins never see it in production.
   */
  loginHostNotAllowedHint: string;
  /** Client credentials flow: the Login URL box's label (it takes the My Domain URL only). */
  loginUrlLabelClientCredentials: string;
  /** Client credentials flow: the Login URL box's description, saying why. */
  loginUrlDescriptionClientCredentials: string;
  /** Client credentials flow: the refusal of https://login.salesforce.com or https://test.salesforce.com. */
  loginUrlGenericHost: string;
  submit: string;
  saving: string;
  saved: string;
  /** Beside the Save button while typed changes are not saved. */
  unsaved: string;
  /** Beside the Save button while changes are not saved and a note asks to check a value. */
  unsavedWithNotes: string;
  /** Heading of the summary when the server refused the credentials. */
  notSavedTitle: string;
  /** Heading of the summary when the credentials were kept but a check at Salesforce failed. */
  savedWithProblemTitle: string;
  invalidClient: string;
  invalidClientId: string;
  redirectUriMismatch: string;
  /** Link to the setup guide step where the fix is made. */
  showGuideStep: string;
  validation: Partial<CredentialsMessages>;
  loginUrl: Partial<LoginUrlMessages>;
  /** The connection name box (when the form asks for one). */
  connectionNameLabel: string;
  connectionNameDescription: string;
  /** Under a list field's help: one value per row. */
  listHint: string;
  /** Under a secret field with a saved value: an empty box keeps it. */
  secretFieldSaved: string;
  /** The empty first option of a select without a default. */
  selectPlaceholder: string;
  /** Texts of core's name check (`connectionNameMessages`). */
  nameValidation: Partial<ConnectionNameMessages>;
  /** Texts of core's field checks (`connectionFieldMessages`). */
  fieldValidation: Partial<ConnectionFieldMessages>;
}

/**
 * English strings of the credentials form (the kit's defaults).
 *
 * @example
 * const messages = { ...credentialsFormMessagesEn, submit: 'Save' };
 */
export const credentialsFormMessagesEn: CredentialsFormMessages = {
  loginUrlLabel: 'Login URL',
  loginUrlDescription:
    'Your My Domain URL (Setup > My Domain), https://login.salesforce.com, or https://test.salesforce.com for a sandbox.',
  loginUrlPlaceholder: 'https://yourcompany.my.salesforce.com',
  consumerKeyLabel: 'Consumer Key',
  consumerKeyDescription:
    'In Setup, open your app and click "Consumer Key and Secret" (or "Manage Consumer Details").',
  consumerSecretLabel: 'Consumer Secret',
  consumerSecretDescription: 'Shown under the Consumer Key on the same Salesforce page.',
  consumerKeyHint: 'Saved key ends in {hint}.',
  loginUrlWillUse: "We'll use {url} ({kind}).",
  kinds: {
    production: 'production',
    sandbox: 'sandbox',
    'my-domain': 'My Domain',
    'sandbox-my-domain': 'sandbox My Domain',
    developer: 'Developer Edition',
    scratch: 'scratch org',
    demo: 'demo org',
    free: 'free org',
    patch: 'patch org',
    trailblaze: 'Trailhead Playground',
    'experience-cloud': 'Experience Cloud site',
    government: 'Government Cloud',
    china: 'Salesforce China',
    custom: 'custom host',
  },
  showSecret: 'Show',
  showSecretLabel: 'Show secret',
  secretSaved: 'Consumer Secret saved.',
  replaceSecret: 'Replace',
  keepSecret: 'Keep saved secret',
  replaceSecretDescription: 'Leave it empty to keep the saved secret.',
  secretForNewApp:
    'The Consumer Key or Login URL is not the saved one, so type the Consumer Secret of this app too.',
  swapFix: 'Swap them',
  fieldInvalid: 'Check this value.',
  loginHostNotAllowedHint:
    "(Development build) To accept {host}, e.g. a local Salesforce simulator, add it to createConnectHandler's allowedLoginHosts: <SalesforceConnect> reads that list from GET /setup. A CredentialsForm of your own takes loginUrlOptions.allowedHosts.",
  loginUrlLabelClientCredentials: 'My Domain URL',
  loginUrlDescriptionClientCredentials:
    "Your org's My Domain URL (Setup > My Domain). This connection does not work on login.salesforce.com or test.salesforce.com.",
  loginUrlGenericHost:
    'Enter your My Domain URL (Setup > My Domain): this connection does not work on login.salesforce.com or test.salesforce.com.',
  submit: 'Save credentials',
  saving: 'Saving…',
  saved: 'Credentials saved.',
  unsaved: 'Not saved yet.',
  unsavedWithNotes: 'Not saved yet. Read the note above, then save.',
  notSavedTitle: "Your credentials weren't saved",
  savedWithProblemTitle: 'Saved, but Salesforce reported a problem',
  invalidClient:
    'Salesforce rejected this Consumer Secret. Copy it again from the Consumer Key and Secret page.',
  invalidClientId:
    "Salesforce doesn't know this Consumer Key at this Login URL. A new app takes up to 10 minutes to work.",
  redirectUriMismatch:
    "The Callback URL in your Salesforce app doesn't match this one. Paste it exactly as the guide shows.",
  showGuideStep: 'Show the step in the setup guide',
  validation: {},
  loginUrl: {},
  connectionNameLabel: 'Connection name',
  connectionNameDescription: 'A name to help you tell this connection apart from your others.',
  listHint: 'One per row.',
  secretFieldSaved: 'Saved. Leave it empty to keep the saved value.',
  selectPlaceholder: 'Choose…',
  nameValidation: {},
  fieldValidation: {},
};

/**
 * German strings of the credentials form, including German texts for core's Login URL and
 * credentials checks. Salesforce's own labels (Consumer Key, Setup) stay English, as in the
 * German setup guide.
 *
 * @example
 * <SalesforceConnectMessagesProvider messages={{ credentialsForm: credentialsFormMessagesDe }}>
 */
export const credentialsFormMessagesDe: CredentialsFormMessages = {
  loginUrlLabel: 'Login-URL',
  loginUrlDescription:
    'Ihre My-Domain-URL (Setup > My Domain), https://login.salesforce.com oder für eine Sandbox https://test.salesforce.com.',
  loginUrlPlaceholder: 'https://ihrefirma.my.salesforce.com',
  consumerKeyLabel: 'Consumer Key',
  consumerKeyDescription:
    'Öffnen Sie Ihre App im Setup und klicken Sie auf „Consumer Key and Secret“ (oder „Manage Consumer Details“).',
  consumerSecretLabel: 'Consumer Secret',
  consumerSecretDescription: 'Steht auf derselben Salesforce-Seite unter dem Consumer Key.',
  consumerKeyHint: 'Der gespeicherte Key endet auf {hint}.',
  loginUrlWillUse: 'Wir verwenden {url} ({kind}).',
  kinds: {
    production: 'Produktion',
    sandbox: 'Sandbox',
    'my-domain': 'My Domain',
    'sandbox-my-domain': 'Sandbox-My-Domain',
    developer: 'Developer Edition',
    scratch: 'Scratch-Org',
    demo: 'Demo-Org',
    free: 'kostenlose Org',
    patch: 'Patch-Org',
    trailblaze: 'Trailhead Playground',
    'experience-cloud': 'Experience-Cloud-Site',
    government: 'Government Cloud',
    china: 'Salesforce China',
    custom: 'eigener Host',
  },
  showSecret: 'Anzeigen',
  showSecretLabel: 'Secret anzeigen',
  secretSaved: 'Consumer Secret gespeichert.',
  replaceSecret: 'Ersetzen',
  keepSecret: 'Gespeichertes Secret behalten',
  replaceSecretDescription: 'Leer lassen, um das gespeicherte Secret zu behalten.',
  secretForNewApp:
    'Consumer Key oder Login-URL weichen von den gespeicherten ab: Geben Sie auch das Consumer Secret dieser App ein.',
  swapFix: 'Vertauschen',
  fieldInvalid: 'Prüfen Sie diesen Wert.',
  loginHostNotAllowedHint:
    '(Entwicklungs-Build) Um {host} zu akzeptieren, etwa einen lokalen Salesforce-Simulator, tragen Sie den Host in allowedLoginHosts von createConnectHandler ein: <SalesforceConnect> liest diese Liste von GET /setup. Ein eigenes CredentialsForm nimmt loginUrlOptions.allowedHosts.',
  loginUrlLabelClientCredentials: 'My-Domain-URL',
  loginUrlDescriptionClientCredentials:
    'Die My-Domain-URL Ihrer Org (Setup > My Domain). Diese Verbindung funktioniert nicht mit login.salesforce.com oder test.salesforce.com.',
  loginUrlGenericHost:
    'Geben Sie Ihre My-Domain-URL ein (Setup > My Domain): Diese Verbindung funktioniert nicht mit login.salesforce.com oder test.salesforce.com.',
  submit: 'Zugangsdaten speichern',
  saving: 'Wird gespeichert…',
  saved: 'Zugangsdaten gespeichert.',
  unsaved: 'Noch nicht gespeichert.',
  unsavedWithNotes: 'Noch nicht gespeichert. Lesen Sie den Hinweis oben, dann speichern Sie.',
  notSavedTitle: 'Ihre Zugangsdaten wurden nicht gespeichert',
  savedWithProblemTitle: 'Gespeichert, aber Salesforce meldet ein Problem',
  invalidClient:
    'Salesforce lehnt dieses Consumer Secret ab. Kopieren Sie es erneut von der Seite „Consumer Key and Secret“.',
  invalidClientId:
    'Salesforce kennt diesen Consumer Key unter dieser Login-URL nicht. Eine neue App ist erst nach bis zu 10 Minuten aktiv.',
  redirectUriMismatch:
    'Die Callback URL in Ihrer Salesforce-App stimmt nicht mit dieser überein. Fügen Sie sie genau so ein, wie die Anleitung sie zeigt.',
  showGuideStep: 'Schritt in der Anleitung zeigen',
  validation: {
    consumer_key: 'Consumer Key',
    consumer_secret: 'Consumer Secret',
    key_required: 'Geben Sie den Consumer Key ein.',
    key_has_spaces:
      'Der Consumer Key enthält keine Leerzeichen. Kopieren Sie ihn erneut aus Salesforce.',
    key_invalid_characters:
      'Ein Consumer Key besteht nur aus Buchstaben, Ziffern, Punkten und Unterstrichen. Kopieren Sie ihn erneut aus Salesforce.',
    secret_required: 'Geben Sie das Consumer Secret ein.',
    secret_has_spaces:
      'Das Consumer Secret enthält keine Leerzeichen. Kopieren Sie es erneut aus Salesforce.',
    secret_invalid_characters:
      'Das Consumer Secret besteht nur aus Buchstaben, Ziffern und Satzzeichen. Kopieren Sie es erneut aus Salesforce.',
    key_and_secret_swapped:
      'Key und Secret scheinen vertauscht: Der Consumer Key beginnt mit 3MVG.',
    secret_looks_like_key:
      'Das sieht nach dem Consumer Key aus (beginnt mit 3MVG), nicht nach dem Secret.',
    key_equals_secret: 'Das Secret ist identisch mit dem Key. Kopieren Sie das Consumer Secret.',
    key_looks_truncated: 'Dieser Key hat {length} Zeichen; üblich sind 85. Fehlt ein Teil?',
    key_unusual_format: 'Consumer Keys beginnen meist mit 3MVG. Ist das der Key?',
    secret_unusual_format:
      'Consumer Secrets bestehen meist aus 19 Ziffern oder 64 Buchstaben und Ziffern. Ist das das Secret?',
    value_has_whitespace:
      'Wir haben Zeilenumbrüche oder unsichtbare Zeichen aus dem Feld {field} entfernt. Ist der Wert vollständig?',
    value_looks_like_url: 'Das ist eine Webadresse, nicht das Feld {field}.',
    sandbox_url_with_production_hint:
      'Diese Login-URL gehört zu einer Sandbox, Sie verbinden aber eine Produktions-Org.',
    production_url_with_sandbox_hint:
      'Diese Login-URL gehört zu einer Produktions-Org, Sie verbinden aber eine Sandbox.',
  },
  connectionNameLabel: 'Name der Verbindung',
  connectionNameDescription:
    'Ein Name, an dem Sie diese Verbindung von Ihren anderen unterscheiden.',
  listHint: 'Ein Eintrag pro Zeile.',
  secretFieldSaved: 'Gespeichert. Leer lassen, um den gespeicherten Wert zu behalten.',
  selectPlaceholder: 'Bitte wählen…',
  nameValidation: {
    not_text: 'Der Name der Verbindung muss Text sein.',
    required: 'Geben Sie der Verbindung einen Namen.',
    too_long:
      'Der Name der Verbindung ist {length} Zeichen lang; kürzen Sie ihn auf höchstens {max}.',
    one_line:
      'Der Name der Verbindung enthält einen Zeilenumbruch oder ein unsichtbares Zeichen; schreiben Sie ihn in eine Zeile.',
  },
  fieldValidation: {
    unknown_field: 'Diese Verbindung hat kein Feld namens „{name}“.',
    not_an_object: 'Senden Sie die Felder als Objekt mit Werten nach Feldname.',
    required: 'Füllen Sie „{label}“ aus.',
    required_checkbox: 'Kreuzen Sie „{label}“ an, um fortzufahren.',
    not_text: '„{label}“ muss Text sein.',
    not_list: '„{label}“ muss eine Liste von Zeilen sein.',
    not_checkbox: '„{label}“ muss an oder aus sein.',
    too_long: '„{label}“ ist {length} Zeichen lang; kürzen Sie es auf höchstens {max}.',
    one_line:
      '„{label}“ enthält einen Zeilenumbruch oder ein unsichtbares Zeichen; schreiben Sie es in eine Zeile.',
    row_too_long:
      'Eine Zeile von „{label}“ ist {length} Zeichen lang; kürzen Sie sie auf höchstens {max}.',
    too_many_rows: '„{label}“ hat {count} Zeilen; erlaubt sind höchstens {max}.',
    not_an_option: 'Wählen Sie „{label}“ aus der Liste: {options}.',
    wildcard_mixed:
      'Verwenden Sie {wildcard} allein für alle oder listen Sie die Namen auf, nicht beides.',
    invalid: 'Prüfen Sie „{label}“.',
  },
  loginUrl: {
    empty: 'Geben Sie Ihre Salesforce-Login-URL ein.',
    not_a_url:
      'Das ist keine Webadresse. Eine Login-URL sieht so aus: https://acme.my.salesforce.com.',
    unsupported_scheme: 'Verwenden Sie eine Adresse, die mit https:// beginnt.',
    insecure_scheme:
      'Verwenden Sie https://. Salesforce meldet nur über eine sichere Verbindung an.',
    has_user_info:
      'Entfernen Sie den Teil vor „@“. Eine Login-URL enthält nie Benutzername oder Passwort.',
    port_not_allowed: 'Entfernen Sie „:{port}“. Salesforce-Login-URLs haben keine Portnummer.',
    host_too_long:
      'Die Adresse {host} ist {length} Zeichen lang; eine Webadresse darf höchstens {limit} haben. Kopieren Sie sie erneut aus Ihrem Browser.',
    host_label_too_long:
      'Ein Teil von {host} (zwischen zwei Punkten) ist {length} Zeichen lang; erlaubt sind höchstens {limit}. Kopieren Sie die Adresse erneut aus Ihrem Browser.',
    ip_address: 'Verwenden Sie Ihre Salesforce-Login-URL, keine IP-Adresse.',
    lookalike_host:
      '{host} sieht nur aus wie Salesforce. Prüfen Sie die Adresse. Verwenden Sie https://login.salesforce.com, https://test.salesforce.com oder Ihre My-Domain-URL.',
    non_ascii_host:
      '{host} enthält Buchstaben außerhalb von a–z, die Salesforce-Adressen nicht verwenden. Tippen Sie die Adresse von Hand.',
    not_salesforce:
      '{host} ist keine Salesforce-Adresse. Verwenden Sie https://login.salesforce.com, https://test.salesforce.com oder Ihre My-Domain-URL.',
    not_login_host:
      '{host} gehört zu Salesforce, ist aber keine Login-Adresse. Verwenden Sie https://login.salesforce.com, https://test.salesforce.com oder Ihre My-Domain-URL.',
    instance_url:
      '{host} ist ein Servername, der sich ändern kann. Verwenden Sie Ihre My-Domain-URL (Setup > My Domain).',
    legacy_site_domain:
      'Salesforce hat {host} abgeschaltet. Verwenden Sie Ihre My-Domain-URL oder die my.site.com-Adresse Ihrer Site.',
    no_my_domain:
      '{host} nennt Ihre Org nicht. Fügen Sie die Adresse einer Setup- oder Lightning-Seite ein.',
    invalid_my_domain:
      '{host} ist keine vollständige My-Domain-URL. Kopieren Sie sie aus Setup > My Domain.',
    removed_invisible_characters: 'Wir haben unsichtbare Zeichen und Zeilenumbrüche entfernt.',
    added_https: 'Wir haben https:// ergänzt.',
    lowercased: 'Wir haben die Adresse in Kleinbuchstaben geändert.',
    removed_default_port: 'Wir haben den Standardport entfernt.',
    removed_path: 'Wir verwenden nur die Adresse der Site; der Rest des Links wird nicht benötigt.',
    rewritten_from_lightning:
      'Wir verwenden {url}, die Login-Adresse zur eingefügten Lightning-URL.',
    rewritten_from_setup: 'Wir verwenden {url}, die Login-Adresse zur eingefügten Setup-URL.',
    rewritten_from_visualforce:
      'Wir verwenden {url}, die Login-Adresse zur eingefügten Visualforce-Seite.',
    rewritten_from_content: 'Wir verwenden {url}, die Login-Adresse zum eingefügten Datei-Link.',
    rewritten_legacy_sandbox: 'Wir verwenden {url}, die aktuelle Login-Adresse Ihrer Sandbox.',
  },
};
