import type { ClientCredentialsLoginUrlMessages } from '../client-credentials-login-url.js';
import type { ErrorCatalogue } from '../error-catalogue.js';

// Setup labels stay in English (in quotes) where the German Salesforce wording is uncertain: many
// German admins work in the English Setup, and the English label is what they search for.
// Placeholders stand where the German stand-ins (feminine, nominative or accusative) read well.

const pasteHere =
  'Hat Salesforce eine Fehlerseite gezeigt, kopieren Sie deren Adresse oder Text und fügen Sie ihn hier ein – dann erklären wir den Fehler.';

/**
 * The error catalogue in German (formal "Sie"), for `explainError(code, { catalogue })`.
 *
 * @example
 * import { errorCatalogueDe } from 'salesforce-connect';
 * import { explainError } from 'salesforce-connect/core';
 * explainError('invalid_client_id', { catalogue: errorCatalogueDe }).title;
 * // 'Salesforce erkennt den Consumer Key nicht'
 */
export const errorCatalogueDe: ErrorCatalogue = {
  locale: 'de',
  missingValues: {
    callbackUrl: 'die Callback-URL aus der Einrichtungsanleitung',
    loginUrl: 'die gespeicherte Login-URL',
    appName: 'Ihre App',
    connectionName: 'eine andere Ihrer Verbindungen',
  },
  actors: {
    'person-connecting': 'Das können Sie selbst hier beheben.',
    'salesforce-admin':
      'Das behebt Ihr Salesforce-Admin im Setup: Schicken Sie ihm diese Anleitung, falls Sie es nicht selbst sind.',
  },
  errors: {
    popup_blocked: {
      title: 'Der Browser hat das Salesforce-Fenster blockiert',
      cause: 'Ihr Browser hat verhindert, dass sich das Anmeldefenster von Salesforce öffnet.',
      fixes: [
        'Klicken Sie auf „Salesforce öffnen“, um es selbst zu öffnen.',
        'Oder erlauben Sie Pop-ups für diese Website und verbinden Sie sich dann erneut.',
      ],
    },
    popup_closed: {
      title: 'Das Salesforce-Fenster wurde geschlossen',
      cause: 'Das Anmeldefenster wurde geschlossen, bevor Salesforce fertig war.',
      fixes: [
        'Verbinden Sie sich erneut und schließen Sie die Anmeldung im Fenster ab.',
        pasteHere,
      ],
    },
    timeout: {
      title: 'Salesforce hat zu lange gebraucht',
      cause: 'Aus dem Anmeldefenster kam nicht rechtzeitig eine Antwort.',
      fixes: ['Verbinden Sie sich erneut.', pasteHere],
    },
    aborted: {
      title: 'Verbindung abgebrochen',
      cause: 'Der Verbindungsversuch wurde beendet, bevor er abgeschlossen war.',
      fixes: ['Verbinden Sie sich erneut, sobald Sie bereit sind.'],
    },
    state_mismatch: {
      title: 'Die Antwort von Salesforce wurde ignoriert',
      cause:
        'Sie gehörte nicht zu diesem Verbindungsversuch (vielleicht zu einem älteren oder einem anderen Tab) und war daher nicht vertrauenswürdig.',
      fixes: [
        'Schließen Sie andere Salesforce-Anmeldefenster und verbinden Sie sich auf dieser Seite erneut.',
      ],
    },
    network: {
      title: 'Der Server ist nicht erreichbar',
      cause: 'Die Anfrage ist fehlgeschlagen, bevor eine Antwort kam.',
      fixes: ['Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.'],
    },
    adapter_error: {
      title: 'Der Server hat ein Problem gemeldet',
      cause: 'Der Server, der diese Verbindung verwaltet, hat mit einem Fehler geantwortet.',
      fixes: [
        'Versuchen Sie es gleich noch einmal.',
        'Wenn es wieder passiert, wenden Sie sich an den Support.',
      ],
    },
    invalid_login_url: {
      title: 'Das ist keine Salesforce-Login-URL',
      cause:
        'Die Login-URL muss eine Salesforce-Adresse sein: https://login.salesforce.com, https://test.salesforce.com für eine Sandbox oder Ihre My Domain (https://ihrefirma.my.salesforce.com).',
      fixes: [
        'Kopieren Sie die Adresse aus Ihrem Browser, während Sie bei Salesforce angemeldet sind, oder nutzen Sie eine der Adressen oben.',
      ],
    },
    invalid_input: {
      title: 'Ein Wert fehlt oder ist ungültig',
      cause: 'Ein Pflichtwert ist leer oder hat das falsche Format.',
      fixes: ['Prüfen und korrigieren Sie die markierten Felder.'],
    },
    not_configured: {
      title: 'Salesforce ist noch nicht eingerichtet',
      cause:
        'Für diese Verbindung sind noch kein Consumer Key und kein Consumer Secret gespeichert.',
      fixes: [
        'Folgen Sie der Einrichtungsanleitung und geben Sie dann Login-URL, Consumer Key und Consumer Secret ein.',
      ],
    },
    unauthorized: {
      title: 'Sie dürfen diese Verbindung nicht ändern',
      cause:
        'Ihre Sitzung hier ist abgelaufen, oder Ihrem Konto fehlt die Berechtigung, die Salesforce-Verbindung zu verwalten.',
      fixes: [
        'Melden Sie sich erneut an oder bitten Sie einen Administrator dieses Produkts, Salesforce zu verbinden.',
      ],
    },
    access_denied: {
      title: 'Der Zugriff wurde nicht erlaubt',
      cause: 'Auf der Salesforce-Seite, die um Zugriff bittet, wurde „Deny“ (Ablehnen) geklickt.',
      fixes: ['Verbinden Sie sich erneut und klicken Sie auf „Allow“ (Zulassen).'],
    },
    invalid_client_id: {
      title: 'Salesforce erkennt den Consumer Key nicht',
      cause:
        'Salesforce meldet „client identifier invalid“: Die Org, zu der {loginUrl} führt, hat keine App mit diesem Consumer Key.',
      fixes: [
        'Haben Sie die App gerade erst erstellt oder geändert? Warten Sie bis zu 10 Minuten, bis Salesforce sie aktiviert hat, und verbinden Sie sich dann erneut.',
        'Kopieren Sie den Consumer Key noch einmal vollständig (er ist lang und beginnt meist mit 3MVG) und speichern Sie ihn.',
        'Prüfen Sie die Login-URL: Eine in einer Sandbox erstellte App braucht https://test.salesforce.com oder die My Domain der Sandbox, eine in der Produktion erstellte https://login.salesforce.com oder Ihre My Domain.',
      ],
    },
    redirect_uri_mismatch: {
      title: 'Die Callback-URL stimmt nicht überein',
      cause:
        'Salesforce meldet „redirect_uri must match configuration“: Die in der App gespeicherte „Callback URL“ weicht von der ab, die diese Verbindung verwendet.',
      fixes: [
        'Öffnen Sie in Setup {appName} und tragen Sie als „Callback URL“ genau {callbackUrl} ein – mit https, ohne Schrägstrich am Ende und ohne Leerzeichen.',
        'Speichern Sie, warten Sie bis zu 10 Minuten und verbinden Sie sich dann erneut.',
      ],
    },
    invalid_client: {
      title: 'Das Consumer Secret ist falsch',
      cause:
        'Salesforce hat das Consumer Secret abgelehnt („invalid client credentials“). Es ist vielleicht vertippt, veraltet oder mit dem Consumer Key vertauscht.',
      fixes: [
        'Holen Sie beide Werte neu: Öffnen Sie in Setup {appName}, klicken Sie auf „Manage Consumer Details“ (Connected App) bzw. „Consumer Key and Secret“ im Tab „Settings“ (External Client App), bestätigen Sie Ihre Identität mit einer Ihrer registrierten Methoden und kopieren Sie beide Werte.',
        'Fügen Sie den Key (beginnt meist mit 3MVG) als Consumer Key ein und das Secret (19 Ziffern oder 64 Buchstaben und Ziffern) als Consumer Secret.',
        'Wurden die Werte neu generiert, gilt nur das neueste Paar.',
      ],
    },
    invalid_grant: {
      title: 'Die Salesforce-Autorisierung ist nicht mehr gültig',
      cause:
        'Salesforce akzeptiert sie nicht mehr: Sie ist abgelaufen, wurde widerrufen, zu lange nicht benutzt, oder die Anmeldung hat zu lange gedauert. Salesforce erlaubt fünf Freigaben pro Benutzer und App; nach einer fünften Freigabe wird die älteste widerrufen.',
      fixes: [
        'Verbinden Sie sich erneut.',
        'Läuft sie immer wieder ab, öffnen Sie {appName} und stellen Sie in den OAuth-Richtlinien „Refresh Token Policy“ auf „Refresh token is valid until revoked“.',
        'Diese Option fehlt im Setup, wenn die App ungenutzte Refresh-Token auf 30 Tage begrenzt. Dann endet die Verbindung, sobald sie 30 Tage lang nicht genutzt wurde, und jemand muss sich erneut verbinden.',
      ],
    },
    app_not_approved: {
      title: 'Sie sind für diese App nicht freigegeben',
      cause:
        'Für {appName} steht „Permitted Users“ auf „Admin approved users are pre-authorized“, und Ihr Profil oder Berechtigungssatz ist nicht ausgewählt (Salesforce meldet eventuell nur OAUTH_APP_ACCESS_DENIED).',
      fixes: [
        'Fügen Sie in den Richtlinien der App das Profil Ihres Benutzers oder einen Ihrer Berechtigungssätze hinzu, speichern Sie und verbinden Sie sich erneut.',
        'Oder stellen Sie „Permitted Users“ auf „All users may self-authorize“.',
      ],
    },
    app_not_installed: {
      title: 'Die App ist in dieser Org blockiert',
      cause:
        'Salesforce lässt diesen Benutzer {appName} nicht verwenden. Seit September 2025 sperren Orgs nicht installierte Apps für die meisten Benutzer, und auch die API-Zugriffssteuerung kann eine App sperren.',
      fixes: [
        'Installieren Sie die App: Öffnen Sie im Setup „Connected Apps OAuth Usage“, suchen Sie {appName} und klicken Sie auf „Install“.',
        'Oder geben Sie den Benutzern, die sich verbinden, die Berechtigung „Approve Uninstalled Connected Apps“ (oder „Use Any API Client“).',
        'Stellen Sie danach in ihren OAuth-Richtlinien „Permitted Users“ auf „Admin approved users are pre-authorized“ und wählen Sie die Profile oder Berechtigungssätze der Benutzer aus, die sich verbinden.',
      ],
    },
    app_not_found: {
      title: 'Die App gibt es in dieser Org nicht',
      cause:
        'Höchstwahrscheinlich führt die Login-URL zu einer anderen Org als der, in der die App liegt: Hinter {loginUrl} findet Salesforce keine App mit diesem Consumer Key („External client app is not installed in this org“). Auch einer Sandbox fehlt sie: Salesforce kopiert lokale External Client Apps nicht in eine Sandbox, wenn sie erstellt oder aktualisiert wird.',
      fixes: [
        'Prüfen Sie, ob {loginUrl} zu der Org führt, in der die App erstellt wurde: Eine Sandbox braucht https://test.salesforce.com oder ihre eigene My Domain, die Produktion https://login.salesforce.com oder Ihre My Domain.',
        'Soll eine Sandbox verbunden werden, bitten Sie Ihren Salesforce-Admin, die App in dieser Sandbox anzulegen, und speichern Sie hier deren eigenen Consumer Key und deren eigenes Consumer Secret.',
      ],
    },
    pkce_required: {
      title: 'Die PKCE-Prüfung ist fehlgeschlagen',
      cause:
        'Salesforce verlangt für {appName} PKCE (einen einmaligen Nachweis, der die Anmeldung schützt), doch er fehlte oder passte nicht.',
      fixes: [
        'Verbinden Sie sich erneut: Jeder Versuch startet eine neue Prüfung.',
        'Schlägt es weiter fehl, wenden Sie sich an den Support. Lassen Sie die PKCE-Einstellung der App eingeschaltet.',
      ],
    },
    flow_not_enabled: {
      title: 'Der Anmeldeablauf ist nicht aktiviert',
      cause:
        'Salesforce hat die Anmeldung abgelehnt, weil {appName} diesen OAuth-Ablauf nicht zulässt.',
      fixes: [
        'Prüfen Sie in den OAuth-Einstellungen der App, dass OAuth aktiviert ist und unter „Flow Enablement“ jeder Ablauf angehakt ist, den die Einrichtungsanleitung nennt; speichern Sie, warten Sie bis zu 10 Minuten und verbinden Sie sich dann erneut.',
      ],
    },
    scope_not_allowed: {
      title: 'Der App fehlt ein angeforderter Bereich',
      cause:
        '{appName} in Salesforce bietet einen OAuth-Bereich nicht an, den die Verbindung anfordert.',
      fixes: [
        'Fügen Sie in den OAuth-Einstellungen der App jeden Bereich, den die Einrichtungsanleitung nennt, zu „Selected OAuth Scopes“ hinzu, speichern Sie, warten Sie bis zu 10 Minuten und verbinden Sie sich dann erneut.',
      ],
    },
    client_credentials_disabled: {
      title: 'Die App erlaubt keine Verbindung ohne Anmeldefenster',
      cause:
        'Bei {appName} ist „Enable Client Credentials Flow“ nicht eingeschaltet, das eine Verbindung ohne Anmeldefenster braucht.',
      fixes: [
        'External Client App: Öffnen Sie {appName} im „External Client App Manager“, dann Settings → OAuth Settings → Flow Enablement, und haken Sie „Enable Client Credentials Flow“ an.',
        'Connected App: Bearbeiten Sie {appName} im „App Manager“ und haken Sie unter „API (Enable OAuth Settings)“ „Enable Client Credentials Flow“ an.',
        'Speichern Sie, prüfen Sie, dass die App einen Run-As-Benutzer hat, warten Sie bis zu 10 Minuten und verbinden Sie sich dann erneut.',
      ],
    },
    run_as_user_missing: {
      title: 'Die App hat keinen Run-As-Benutzer',
      cause:
        'Salesforce meldet „no client credentials user enabled“: {appName} nennt keinen Run-As-Benutzer, den Salesforce-Benutzer, als der diese Verbindung handelt.',
      fixes: [
        'External Client App: Öffnen Sie {appName}, dann Policies → Edit → OAuth Policies, und wählen Sie den Run-As-Benutzer.',
        'Connected App: Öffnen Sie {appName} im „App Manager“ mit Manage → Edit Policies und wählen Sie unter „Client Credentials Flow“ den Run-As-Benutzer.',
        'Wählen Sie einen aktiven Benutzer mit „API Enabled“, speichern Sie und verbinden Sie sich dann erneut.',
      ],
    },
    run_as_user_inactive: {
      title: 'Der Run-As-Benutzer der App ist inaktiv',
      cause:
        'Salesforce meldet den Run-As-Benutzer von {appName}, als den diese Verbindung handelt, als inaktiv.',
      fixes: [
        'Aktivieren Sie den Benutzer im Setup unter „Users“ wieder oder wählen Sie in den Richtlinien von {appName} einen anderen Run-As-Benutzer; verbinden Sie sich dann erneut.',
      ],
    },
    run_as_user_no_api: {
      title: 'Der Run-As-Benutzer der App darf die API nicht nutzen',
      cause:
        'Salesforce lehnt die API-Aufrufe des Run-As-Benutzers von {appName} ab (API_DISABLED_FOR_ORG): Ihm fehlt „API Enabled“, oder die Org hat keinen API-Zugriff.',
      fixes: [
        'Geben Sie dem Benutzer „API Enabled“ in seinem Profil oder einem Berechtigungssatz, oder wählen Sie in den Richtlinien von {appName} einen anderen Run-As-Benutzer; verbinden Sie sich dann erneut.',
      ],
    },
    generic_login_host: {
      title: 'Verwenden Sie für diese Verbindung Ihre My-Domain-URL',
      cause:
        'Eine Verbindung ohne Anmeldefenster bietet Salesforce nur unter der eigenen Adresse Ihrer Org an, nicht unter login.salesforce.com oder test.salesforce.com („request not supported on this domain“).',
      fixes: [
        'Kopieren Sie die „Current My Domain URL“ aus Setup → My Domain (etwa https://ihrefirma.my.salesforce.com), geben Sie sie als Login-URL ein, speichern Sie und verbinden Sie sich erneut.',
      ],
    },
    inactive_user: {
      title: 'Dieser Salesforce-Benutzer ist inaktiv',
      cause: 'Der angemeldete Benutzer ist in Salesforce deaktiviert.',
      fixes: [
        'Melden Sie sich mit einem aktiven Benutzer an oder bitten Sie einen Salesforce-Admin, diesen wieder zu aktivieren.',
      ],
    },
    inactive_org: {
      title: 'Diese Salesforce-Org ist inaktiv',
      cause: 'Salesforce meldet, dass die Org, bei der Sie sich angemeldet haben, deaktiviert ist.',
      fixes: [
        'Prüfen Sie, ob {loginUrl} zu der Org führt, die Sie nutzen, oder fragen Sie Salesforce, warum sie inaktiv ist.',
      ],
    },
    org_changed: {
      title: 'Das ist eine andere Salesforce-Org als zuvor',
      cause: 'Eine aktualisierte Sandbox hat unter derselben Adresse eine neue Org-ID.',
      fixes: ['Behalten Sie die neue Org oder gehen Sie zur alten zurück.'],
    },
    connection_limit: {
      title: 'Es können keine weiteren Salesforce-Verbindungen hinzugefügt werden',
      cause:
        'Dieses Produkt erlaubt pro Konto eine feste Zahl von Salesforce-Verbindungen, und alle sind belegt.',
      fixes: [
        'Entfernen Sie eine Verbindung, die Sie nicht mehr brauchen, und fügen Sie diese dann erneut hinzu.',
        'Oder ändern Sie eine bestehende Verbindung, sodass sie diese Zugangsdaten verwendet.',
      ],
    },
    duplicate_org: {
      title: 'Diese Salesforce-Org ist bereits verbunden',
      cause:
        'Die Org, bei der Sie sich angemeldet haben, ist bereits als {connectionName} verbunden, und jede Org darf nur einmal verbunden werden.',
      fixes: [
        'Melden Sie sich bei einer anderen Org an (prüfen Sie die Login-URL) oder nutzen Sie die bestehende Verbindung zu dieser Org.',
      ],
    },
    rate_limited: {
      title: 'Zu viele Anmeldeversuche',
      cause: 'Salesforce begrenzt Anmeldungen im Moment.',
      fixes: ['Warten Sie einige Minuten und versuchen Sie es dann erneut.'],
    },
    ip_restricted: {
      title: 'Salesforce hat die Verbindung wegen IP-Adresse oder Anmeldezeiten blockiert',
      cause:
        'Salesforce meldet „ip restricted or invalid login hours“: Das Profil des Benutzers erlaubt Anmeldungen nur von bestimmten IP-Adressen oder zu bestimmten Zeiten, und diese Anmeldung lag außerhalb davon.',
      fixes: [
        'Öffnen Sie {appName} und stellen Sie in den OAuth-Richtlinien „IP Relaxation“ auf „Enforce IP restrictions, but relax for refresh tokens“: Die Anmeldung im Browser wird weiter geprüft, und der Server kann die Verbindung von seiner eigenen Adresse aus erneuern. Speichern Sie und verbinden Sie sich erneut.',
        'Passiert es außerhalb der Bürozeiten, erweitern Sie die Anmeldezeiten im Profil des Benutzers oder verbinden Sie sich innerhalb dieser Zeiten.',
      ],
    },
    salesforce_unavailable: {
      title: 'Salesforce antwortet nicht',
      cause: 'Salesforce hat mit einem Serverfehler geantwortet oder wird gerade gewartet.',
      fixes: ['Versuchen Sie es in ein paar Minuten erneut.'],
    },
    unknown: {
      title: 'Etwas ist schiefgelaufen',
      cause: 'Ein unerwarteter Fehler hat die Verbindung verhindert.',
      fixes: [
        'Versuchen Sie es erneut.',
        pasteHere,
        'Bleibt der Fehler, wenden Sie sich mit den Details an den Support.',
      ],
    },
  },
};

/**
 * German texts for `checkClientCredentialsLoginUrl`'s refusal of a generic login host.
 *
 * @example
 * checkClientCredentialsLoginUrl(url, { messages: clientCredentialsLoginUrlMessagesDe });
 */
export const clientCredentialsLoginUrlMessagesDe: ClientCredentialsLoginUrlMessages = {
  production:
    '{host} geht hier nicht: Eine Verbindung ohne Anmeldefenster funktioniert nur unter der eigenen Adresse Ihrer Org. Geben Sie stattdessen Ihre My-Domain-URL ein, etwa https://ihrefirma.my.salesforce.com (Setup > My Domain).',
  sandbox:
    '{host} geht hier nicht: Eine Verbindung ohne Anmeldefenster funktioniert nur unter der eigenen Adresse Ihrer Sandbox. Geben Sie stattdessen deren My-Domain-URL ein, etwa https://ihrefirma--sandboxname.sandbox.my.salesforce.com (Setup > My Domain, in der Sandbox).',
};
