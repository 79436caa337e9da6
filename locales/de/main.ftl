app-title = Zenith

## Common
common-loading = Wird geladen…
common-language = Sprache
common-yes = Ja
common-no = Nein
common-previous = Zurück
common-next = Weiter
common-pagination = Seitennavigation
common-page-of = Seite { $page } von { $pages }

## Errors
error-not-logged-in = Bitte melden Sie sich an, um fortzufahren.
error-session-expired = Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.
error-invalid-credentials = Benutzername, Passwort oder Domäne sind falsch. Prüfen Sie die Angaben und versuchen Sie es erneut.
error-no-project = Dieser Benutzer hat kein aktives Projekt. Bitten Sie Ihre Cloud-Administration um eine Rolle in einem Projekt.
error-forbidden = Das dürfen Sie nicht. Wenden Sie sich an Ihre Cloud-Administration, wenn Sie Zugriff brauchen.
error-not-found = Das Gesuchte gibt es nicht (mehr).
error-bad-request = Das Formular war unvollständig. Füllen Sie alle Felder aus und versuchen Sie es erneut.
error-unreachable = { $service } ist nicht erreichbar. Prüfen Sie, ob die Cloud läuft, und versuchen Sie es erneut.
error-timeout = { $service } hat nicht rechtzeitig geantwortet. Versuchen Sie es gleich noch einmal.
error-cloud = Die Cloud hat die Anfrage abgelehnt ({ $status }): { $message }
error-internal = In Zenith ist ein Fehler aufgetreten: { $detail }
error-unknown-project = Sie haben in diesem Projekt keine Rolle.
error-unknown-region = Diese Region gibt es in der Cloud nicht.
error-back-home = Zurück zur Übersicht
error-404-title = Seite nicht gefunden
error-404-body = Unter dieser Adresse gibt es keine Seite. Prüfen Sie den Link oder beginnen Sie bei der Übersicht.
error-403-title = Zugriff verweigert
error-403-body = Diese Seite ist für Cloud-Administratoren. Fragen Sie dort nach, wenn Sie Zugriff brauchen.

## Login
login-title = Bei Ihrer Cloud anmelden
login-username = Benutzername
login-password = Passwort
login-domain = Domäne
login-submit = Anmelden
login-signing-in = Anmeldung läuft…
login-username-required = Geben Sie Ihren Benutzernamen ein.
login-password-required = Geben Sie Ihr Passwort ein.
login-session-expired = Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.
login-logged-out = Sie haben sich abgemeldet.

## Shell
shell-skip-to-content = Zum Inhalt springen
shell-menu = Menü
shell-breadcrumbs = Brotkrümelnavigation
header-project = Projekt
header-region = Region
header-user-menu = Benutzermenü
header-signed-in-as = Angemeldet als { $user } ({ $domain })
header-logout = Abmelden
nav-project = Projekt
nav-admin = Administration
nav-identity = Identität
nav-settings = Einstellungen
nav-overview = Übersicht
nav-projects = Projekte
nav-users = Benutzer
nav-system-info = Systeminformationen

## Overview
overview-title = Übersicht
overview-description = Ihr Projekt, Ihre Rollen und die Dienste dieser Region.
overview-project = Projekt
overview-domain = Domäne: { $domain }
overview-roles = Ihre Rollen
overview-region = Region
overview-regions-count = { $count ->
    [one] Eine Region in dieser Cloud
   *[other] { $formatted } Regionen in dieser Cloud
}
overview-session = Sitzung endet
overview-services = Dienste
overview-services-count = { $count ->
    [0] Keine Dienste in dieser Region
    [one] Ein Dienst in dieser Region
   *[other] { $formatted } Dienste in dieser Region
}
overview-service-type = Typ
overview-service-name = Name
overview-service-endpoint = Endpunkt

## Identity
projects-title = Projekte
projects-description = Die Projekte, in denen Sie arbeiten können.
projects-name = Name
projects-domain = Domäne
projects-description-column = Beschreibung
projects-enabled = Aktiv
projects-id = ID
projects-current = aktuell
users-title = Benutzer
users-description = Alle Benutzer der Cloud.
users-name = Name
users-domain = Domäne
users-email = E-Mail
users-enabled = Aktiv
users-id = ID

## Admin
system-title = Systeminformationen
system-description = Die im Identitätsdienst eingetragenen Dienste und Endpunkte.
system-interface = Schnittstelle

## Settings
settings-title = Einstellungen
settings-description = Wie Zenith Ihnen Dinge anzeigt. Wird in diesem Browser gespeichert.
settings-language = Sprache
settings-timezone = Zeitzone
settings-page-size = Einträge pro Seite
settings-save = Speichern
settings-saved = Einstellungen gespeichert.
settings-language-invalid = Wählen Sie eine Sprache aus der Liste.
settings-timezone-invalid = Wählen Sie eine Zeitzone aus der Liste.
settings-page-size-invalid = Wählen Sie 10, 20, 50 oder 100 Einträge pro Seite.

## Compute: instances
nav-instances = Instanzen
instances-title = Instanzen
instances-description = Die Server dieses Projekts. Zeilen im Zustandswechsel aktualisieren sich selbst.
instances-filter-name = Name enthält
instances-filter-status = Status
instances-any-status = Jeder Status
instances-filter-apply = Filtern
instances-status-invalid = Wählen Sie einen Status aus der Liste.
instances-empty = Keine passenden Instanzen.
instances-name = Name
instances-image = Abbild
instances-addresses = IP-Adressen
instances-flavor = Variante
instances-key-pair = Schlüsselpaar
instances-status = Status
instances-availability-zone = Verfügbarkeitszone
instances-task = Aufgabe
instances-power-state = Betriebszustand
instances-created = Erstellt
instances-first-page = Erste Seite
status-active = Aktiv
status-build = Wird erstellt
status-shutoff = Ausgeschaltet
status-paused = Pausiert
status-suspended = Angehalten
status-shelved-offloaded = Abgelegt
status-verify-resize = Größenänderung bestätigen
status-reboot = Startet neu
status-error = Fehler
power-running = Läuft
power-paused = Pausiert
power-shutdown = Heruntergefahren
power-crashed = Abgestürzt
power-suspended = Angehalten
power-nostate = Kein Zustand
