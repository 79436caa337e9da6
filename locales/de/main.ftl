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
settings-page-size-invalid = Wählen Sie 10, 20, 50, 100 oder Alle Einträge pro Seite.

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

## Common (more)
common-confirm = Bestätigen
common-cancel = Abbrechen
common-cannot-undo = Das lässt sich nicht rückgängig machen.
common-refresh = Aktualisieren
common-choose = Auswählen …
age-seconds =
{ $n ->
  [one] 1 Sekunde
  *[other] { $n } Sekunden
  }
age-minutes =
{ $n ->
  [one] 1 Minute
  *[other] { $n } Minuten
  }
age-hours =
{ $n ->
  [one] 1 Stunde
  *[other] { $n } Stunden
  }
age-days =
{ $n ->
  [one] 1 Tag
  *[other] { $n } Tage
  }

## Compute: instance list (more)
instances-age = Alter
instances-launch = Instanz starten
instances-sort-invalid = Wählen Sie die Sortierspalte über die Tabellenüberschriften.
instances-select-all = Alle auf dieser Seite auswählen
instances-select-some = Wählen Sie mindestens eine Instanz aus.
instances-locked = Gesperrt
instances-bulk-label = Mit der Auswahl:
instances-bulk-apply =
{ $count ->
  [0] Auf Auswahl anwenden
  [one] Auf 1 Instanz anwenden …
  *[other] Auf { $count } Instanzen anwenden …
  }
instances-confirm =
{ $action }: { $count ->
  [one] 1 Instanz
  *[other] { $count } Instanzen
  }. Fortfahren?
instances-action-sent = Erledigt. Nova führt es aus; der Status aktualisiert sich selbst.
instances-action-conflict = Nova hat abgelehnt: Der aktuelle Zustand der Instanz erlaubt das nicht. Warten Sie, bis er sich stabilisiert, oder wählen Sie eine andere Aktion. (Nova: { $message })
status-shelved = Zurückgestellt
status-resize = Größe wird geändert
status-hard-reboot = Harter Neustart
status-rebuild = Wird neu aufgebaut
status-deleted = Gelöscht
task-spawning = Wird erzeugt
task-powering-off = Wird ausgeschaltet
task-powering-on = Wird eingeschaltet
task-rebooting = Startet neu
task-deleting = Wird gelöscht
task-pausing = Wird angehalten
task-unpausing = Wird fortgesetzt
task-suspending = Wird in Ruhezustand versetzt
task-resuming = Wird aufgeweckt
task-shelving = Wird zurückgestellt
task-unshelving = Wird wiederhergestellt
task-resize-prep = Größenänderung wird vorbereitet
task-rebuilding = Wird neu aufgebaut
task-image-snapshot = Snapshot wird erstellt

## Compute: actions
action-start = Starten
action-stop = Ausschalten
action-reboot = Weicher Neustart
action-hard-reboot = Harter Neustart
action-pause = Anhalten
action-unpause = Fortsetzen
action-suspend = Ruhezustand
action-resume = Aufwecken
action-shelve = Zurückstellen
action-unshelve = Wiederherstellen
action-lock = Sperren
action-unlock = Entsperren
action-confirm-resize = Größenänderung bestätigen
action-revert-resize = Größenänderung zurücknehmen
action-delete = Löschen
action-resize = Größe ändern …
action-rebuild = Neu aufbauen …
action-snapshot = Snapshot erstellen …

## Compute: instance detail
instance-back = Alle Instanzen
instance-fault = Fehler
instance-tabs = Ansichten der Instanz
instance-tab-overview = Übersicht
instance-tab-console = Konsolenprotokoll
instance-tab-log = Aktionsprotokoll
instance-id = ID
instance-updated = Aktualisiert
instance-locked = Gesperrt
instance-security-groups = Sicherheitsgruppen
instance-flavor-size = { $vcpus } vCPU, { $ram } MiB RAM, { $disk } GiB Festplatte
instance-no-addresses = Keine Adressen.
instance-network = Netzwerk
instance-address = Adresse
instance-address-type = Typ
instance-mac = MAC-Adresse
instance-metadata = Metadaten
instance-no-metadata = Keine Metadaten.
instance-console-length = Anzuzeigende Zeilen
instance-console-all = Alle
instance-console-lines =
{ $count ->
  [one] 1 Zeile
  *[other] { $count } Zeilen
  }
instance-log-action = Aktion
instance-log-start = Begonnen
instance-log-user = Benutzer-ID
instance-log-request = Anfrage-ID
instance-log-message = Meldung
instance-confirm = { $action }: diese Instanz?
instance-choose-flavor = Wählen Sie die neue Variante.
instance-choose-image = Wählen Sie das Abbild für den Neuaufbau.
instance-snapshot-name-required = Geben Sie dem Snapshot einen Namen.
instance-choose-flavor-label = Neue Variante
instance-choose-image-label = Abbild für den Neuaufbau
instance-snapshot-name = Name des Snapshots

## Compute: key pairs
common-actions = Aktionen
nav-keypairs = Schlüsselpaare
keypairs-title = Schlüsselpaare
keypairs-description = SSH-Schlüssel für die Anmeldung an Ihren Instanzen. Schlüsselpaare gehören Ihnen, nicht dem Projekt.
keypairs-empty = Sie haben noch keine Schlüsselpaare.
keypair-name = Name des Schlüsselpaars
keypair-fingerprint = Fingerabdruck
keypair-type = Typ
keypair-public-key = Öffentlicher Schlüssel (OpenSSH-Format)
keypair-create-title = Schlüsselpaar erstellen
keypair-create = Schlüsselpaar erstellen
keypair-import-title = Öffentlichen Schlüssel importieren
keypair-import = Schlüsselpaar importieren
keypair-imported = Schlüsselpaar { $name } importiert.
keypair-private-key-once = Speichern Sie den privaten Schlüssel jetzt: Die Cloud bewahrt ihn nicht auf, und er lässt sich nur dieses eine Mal herunterladen.
keypair-download = Privaten Schlüssel herunterladen
keypair-name-required = Geben Sie einen Namen für das Schlüsselpaar ein.
keypair-name-invalid = Verwenden Sie höchstens 255 Buchstaben, Ziffern, Leerzeichen und nur die Zeichen _ - . @.
keypair-name-taken = Ein Schlüsselpaar mit diesem Namen gibt es schon. Wählen Sie einen anderen Namen.
keypair-public-key-invalid = Fügen Sie einen öffentlichen OpenSSH-Schlüssel ein, etwa den Inhalt von ~/.ssh/id_ed25519.pub.
keypair-confirm-delete = Schlüsselpaar { $name } löschen? Instanzen, die es verwenden, laufen weiter.

## Compute: launch wizard
common-remove = Entfernen
launch-title = Instanz starten
launch-description = Jeder Schritt wird sofort geprüft; erst beim Start aus der Zusammenfassung wird etwas angelegt.
launch-steps = Schritte
launch-step-details = Details
launch-step-source = Quelle
launch-step-flavor = Variante
launch-step-networks = Netzwerke
launch-step-security-groups = Sicherheitsgruppen
launch-step-keypair = Schlüsselpaar
launch-step-configuration = Konfiguration
launch-step-summary = Zusammenfassung
launch-submit = Starten
launch-name = Name der Instanz
launch-count = Anzahl
launch-instances-left = Das Kontingent des Projekts erlaubt noch { $count }.
launch-any-zone = Beliebige Verfügbarkeitszone
launch-name-required = Geben Sie einen Namen für die Instanz ein.
launch-name-too-long = Verwenden Sie höchstens 255 Zeichen.
launch-count-invalid = Geben Sie eine ganze Zahl von 1 bis 100 ein.
launch-zone-invalid = Wählen Sie eine Verfügbarkeitszone aus der Liste.
launch-images = Abbilder
launch-snapshots = Instanz-Snapshots
launch-image-needs = braucht { $disk } GiB Festplatte, { $ram } MiB RAM
launch-no-images = Es gibt keine aktiven Abbilder zum Starten. Laden Sie eines auf der Seite „Abbilder“ hoch.
launch-image-required = Wählen Sie ein Abbild oder einen Snapshot zum Starten.
launch-flavor-name = Variante
launch-flavor-vcpus = vCPUs
launch-flavor-ram = RAM
launch-flavor-disk = Root-Festplatte
launch-flavor-note = Warum nicht
launch-flavor-required = Wählen Sie eine Variante.
launch-flavor-ram-too-small = Zu wenig RAM für das Abbild.
launch-flavor-disk-too-small = Root-Festplatte zu klein für das Abbild.
launch-flavor-over-cores = Würde das vCPU-Kontingent des Projekts überschreiten.
launch-flavor-over-ram = Würde das RAM-Kontingent des Projekts überschreiten.
launch-no-neutron = Diese Cloud hat keinen Netzwerkdienst; die Instanz startet ohne Netzwerk.
launch-no-networks = Das Projekt hat keine Netzwerke; die Instanz startet ohne Netzwerk.
launch-no-network = Keines
launch-networks-help = Wählen Sie die Netzwerke; die Instanz erhält in jedem eine Adresse.
launch-network-shared = gemeinsam
launch-network-required = Wählen Sie mindestens ein Netzwerk aus der Liste.
launch-no-security-groups = Diese Cloud hat keinen Netzwerkdienst, daher gibt es keine Sicherheitsgruppen.
launch-security-groups-help = Der Verkehr der Instanz wird nach den Regeln der gewählten Gruppen gefiltert.
launch-security-group-unknown = Wählen Sie Sicherheitsgruppen aus der Liste.
launch-no-keypair = Kein Schlüsselpaar
launch-keypair-unknown = Wählen Sie ein Schlüsselpaar aus der Liste oder erstellen Sie unten eines.
launch-user-data = Benutzerdaten (cloud-init)
launch-user-data-file = Oder aus einer Datei laden:
launch-user-data-size = { $bytes } von { $max } Bytes
launch-user-data-too-big = Die Benutzerdaten sind zu groß für Nova. Kürzen Sie sie oder laden Sie den Rest im Skript von einer URL.
launch-metadata-key = Schlüssel
launch-metadata-value = Wert
launch-metadata-add = Metadaten hinzufügen
launch-metadata-key-invalid = Jeder Metadaten-Schlüssel braucht 1 bis 255 Zeichen.
launch-metadata-key-twice = Ein Metadaten-Schlüssel kommt doppelt vor. Verwenden Sie jeden Schlüssel nur einmal.
launch-metadata-value-too-long = Metadaten-Werte dürfen höchstens 255 Zeichen haben.

## Compute: images
nav-images = Abbilder
images-title = Abbilder
images-description = Festplattenabbilder und Instanz-Snapshots zum Starten. Uploads fließen als Datenstrom über Zenith zu Glance.
images-empty = Keine passenden Abbilder.
images-all = Alle
images-name = Name
images-type = Typ
images-type-image = Abbild
images-type-snapshot = Snapshot
images-status = Status
images-visibility = Sichtbarkeit
visibility-private = Privat
visibility-shared = Geteilt
visibility-community = Community
visibility-public = Öffentlich
images-protected = Geschützt
images-format = Festplattenformat
images-size = Größe
images-id = ID
images-owner = Eigentümer (Projekt-ID)
images-launch = Starten
images-download = Herunterladen
images-back = Alle Abbilder
images-confirm-delete = Abbild { $name } löschen? Daraus gestartete Instanzen laufen weiter.
images-protected-delete = Dieses Abbild ist geschützt. Entfernen Sie zuerst „Geschützt“ auf seiner Seite und löschen Sie es dann.
images-upload-title = Abbild hochladen
images-file = Abbilddatei
images-file-required = Wählen Sie die hochzuladende Datei.
images-field-name = Name
images-field-min_disk = Mindestgröße Festplatte (GiB)
images-field-min_ram = Mindest-RAM (MiB)
images-upload = Hochladen
images-upload-progress = Fortschritt des Uploads
images-upload-done = Upload abgeschlossen. Das Abbild kann gestartet werden.
images-upload-cancelled = Upload abgebrochen; das unfertige Abbild wurde entfernt.
images-name-required = Geben Sie einen Namen für das Abbild ein.
images-format-invalid = Wählen Sie ein Festplattenformat aus der Liste.
images-visibility-invalid = Wählen Sie eine Sichtbarkeit aus der Liste.
images-public-admin-only = Nur Cloud-Administratoren können Abbilder öffentlich machen. Wählen Sie privat, geteilt oder Community.
images-size-invalid = Geben Sie eine ganze Zahl ab 0 ein.
images-edit = Bearbeiten
images-properties = Eigenschaften
images-property-add = Eigenschaft hinzufügen
images-property-key-invalid = Eigenschaftsnamen brauchen 1 bis 255 Zeichen und dürfen kein eigenes Feld von Glance sein.
images-save = Änderungen speichern
images-saved = Gespeichert.

## Project: quota
quota-title = Kontingentnutzung
quota-show-table = Als Tabelle zeigen
quota-resource = Ressource
quota-used = Verwendet
quota-limit = Grenze
quota-unlimited = Unbegrenzt
quota-used-of = { $used } von { $limit } verwendet
quota-used-unlimited = { $used } verwendet, unbegrenzt
quota-instances = Instanzen
quota-vcpus = vCPUs
quota-ram = RAM
quota-keypairs = Schlüsselpaare
quota-security-groups = Sicherheitsgruppen
quota-floating-ips = Floating-IPs

## Settings (more)
settings-page-size-all = Alle

## Project: usage summary
usage-title = Nutzungsübersicht
usage-from = Von
usage-to = Bis
usage-submit = Nutzung anzeigen
usage-date-invalid = Geben Sie ein Datum als JJJJ-MM-TT ein.
usage-start-after-end = Der Beginn muss am oder vor dem Ende liegen.
usage-end-in-future = Das Ende darf nicht in der Zukunft liegen; wählen Sie heute oder früher.
usage-active = Instanzen im Zeitraum
usage-vcpu-hours = vCPU-Stunden
usage-ram-hours = RAM-GiB-Stunden
usage-disk-hours = Festplatten-GiB-Stunden
usage-hours = Stunden
usage-state = Zustand
usage-empty = In diesem Zeitraum lief keine Instanz.

## Admin → Compute (issue 4)
error-refused = { $message }
nav-all-instances = Alle Instanzen
nav-flavors = Varianten
nav-hypervisors = Hypervisoren
nav-compute-services = Compute-Dienste
nav-aggregates = Host-Aggregate
all-instances-title = Alle Instanzen
all-instances-description = Die Server aller Projekte, mit denselben Aktionen wie in der Liste eines Projekts.
instances-project = Projekt

flavors-title = Varianten
flavors-description = Alle Varianten, öffentlich und privat, mit ihren Größen und Extra Specs.
flavors-create-title = Variante erstellen
flavors-create = Variante erstellen
flavors-name = Name
flavors-id = ID (optional)
flavors-id-hint = Lassen Sie die ID leer, dann erzeugt Nova eine UUID.
flavors-vcpus = vCPUs
flavors-ram = RAM (MiB)
flavors-disk = Root-Festplatte (GB)
flavors-ephemeral = Ephemere Festplatte (GB)
flavors-swap = Swap (MiB)
flavors-rxtx = RX/TX-Faktor
flavors-description-field = Beschreibung
flavors-public = Öffentlich
flavors-extra-specs = Extra Specs
flavors-more-specs = { $count ->
    [one] und eine weitere
   *[other] und { $count } weitere
}
flavors-name-invalid = Geben Sie einen Namen mit 1 bis 255 Zeichen ein.
flavors-id-invalid = Eine ID darf nur Buchstaben, Ziffern, Leerzeichen und „-_.“ enthalten, höchstens 255 Zeichen.
flavors-vcpus-invalid = Geben Sie die Anzahl der vCPUs als ganze Zahl ein, mindestens 1.
flavors-ram-invalid = Geben Sie den RAM in MiB als ganze Zahl ein, mindestens 1.
flavors-disk-invalid = Geben Sie die Root-Festplatte in GB als ganze Zahl ein (0 oder mehr).
flavors-ephemeral-invalid = Geben Sie die ephemere Festplatte in GB als ganze Zahl ein (0 oder mehr).
flavors-swap-invalid = Geben Sie den Swap in MiB als ganze Zahl ein (0 oder mehr).
flavors-rxtx_factor-invalid = Geben Sie einen RX/TX-Faktor über 0 ein, etwa 1.0.
flavors-description-invalid = Die Beschreibung ist zu lang.
flavors-confirm-delete = Variante { $name } löschen? Keine Instanz verwendet sie.
flavors-confirm-delete-in-use = { $count ->
    [one] Variante { $name } löschen? Eine Instanz verwendet sie noch; sie läuft weiter, ihre Größe lässt sich aber nicht mehr auf diese Variante zurück ändern:
   *[other] Variante { $name } löschen? { $count } Instanzen verwenden sie noch; sie laufen weiter, ihre Größe lässt sich aber nicht mehr auf diese Variante zurück ändern:
}
flavors-back = Alle Varianten
flavors-spec-invalid = Schlüssel und Werte brauchen 1 bis 255 Zeichen.
flavors-access-title = Projektzugriff
flavors-access-description = Diese Variante ist privat: Nur die hier angehakten Projekte (und Administratoren) können sie sehen und verwenden.

specs-title = Extra Specs
specs-source-cloud = Bekannte Schlüssel stammen aus den Metadatendefinitionen der Cloud (Glance-Metadefs).
specs-source-builtin = Diese Cloud bietet keine Metadatendefinitionen, daher zeigt Zenith seine eingebaute Kopie der Definitionen von Glance.
specs-unset = (nicht gesetzt)
specs-custom = Weitere Schlüssel
specs-key = Schlüssel
specs-value = Wert
specs-add = Schlüssel hinzufügen
specs-save = Extra Specs speichern
specs-saved = Extra Specs gespeichert.

topology-flavor-title = CPU-Topologie des Gasts
topology-image-title = CPU-Topologie des Gasts (Abbild-Eigenschaften)
topology-explain = Nova teilt die vCPUs auf Sockel, Kerne und Threads auf. Innerhalb der Maxima zieht es mehr Sockel mehr Kernen vor und mehr Kerne mehr Threads; eine bevorzugte Anzahl rückt eine Topologie in der Liste nach oben. Das Abbild darf nur einschränken, was die Variante erlaubt.
topology-preferred = Bevorzugt
topology-maximum = Maximum
topology-field-cpu_sockets = Sockel
topology-field-cpu_cores = Kerne
topology-field-cpu_threads = Threads
topology-field-cpu_max_sockets = Max. Sockel
topology-field-cpu_max_cores = Max. Kerne
topology-field-cpu_max_threads = Max. Threads
topology-not-integer = Geben Sie eine ganze Zahl ein.
topology-below-one = Geben Sie 1 oder mehr ein.
topology-above-max = { $max ->
    [one] Das liegt über dem hier geltenden Maximum von 1; senken Sie den Wert oder erhöhen Sie das Maximum.
   *[other] Das liegt über dem hier geltenden Maximum von { $max }; senken Sie den Wert oder erhöhen Sie das Maximum.
}
topology-above-flavor-max = { $max ->
    [one] Das Abbild darf nicht mehr erlauben als das Maximum der Variante von 1.
   *[other] Das Abbild darf nicht mehr erlauben als das Maximum der Variante von { $max }.
}
topology-preview-image = Vorschau mit einem Abbild
topology-preview-flavor = Vorschau mit einer Variante
topology-no-image = Kein Abbild
topology-pick-flavor = Variante wählen
topology-flavor-alone = Nur diese Variante
topology-with-image = Diese Variante mit dem gewählten Abbild
topology-chosen-flavor-alone = Nur die gewählte Variante
topology-flavor-with-this-image = Die gewählte Variante mit diesem Abbild
topology-choose = Wählen Sie oben etwas aus, um die Vorschau zu sehen.
topology-sockets = { $n ->
    [one] 1 Sockel
   *[other] { $n } Sockel
}
topology-cores = { $n ->
    [one] 1 Kern
   *[other] { $n } Kerne
}
topology-threads = { $n ->
    [one] 1 Thread
   *[other] { $n } Threads
}
topology-socket-n = Sockel { $n }
topology-none = keine
topology-reason-order = Nova nimmt die erste mögliche Topologie in seiner Reihenfolge: die wenigsten Threads, dann die meisten Sockel.
topology-reason-no-match = Keine mögliche Topologie passt zu den bevorzugten Anzahlen, daher nimmt Nova die erste in seiner Reihenfolge: die wenigsten Threads, dann die meisten Sockel.
topology-reason-score = { $score ->
    [one] Sie erfüllt 1 der bevorzugten Anzahlen; unter den besten Treffern nimmt Nova die erste in seiner Reihenfolge (wenigste Threads, dann meiste Sockel).
    [3] Sie entspricht genau der bevorzugten Topologie.
   *[other] Sie erfüllt { $score } der bevorzugten Anzahlen; unter den besten Treffern nimmt Nova die erste in seiner Reihenfolge (wenigste Threads, dann meiste Sockel).
}
topology-source-image = Das Abbild setzt eine bevorzugte Anzahl; sie ersetzt alle der Variante.
topology-source-flavor = Die Vorgabe stammt von der Variante.
topology-source-dropped = Die bevorzugten Anzahlen der Variante überschreiten die Grenzen, daher ignoriert Nova sie kommentarlos.
topology-source-none = Weder die Variante noch das Abbild setzt eine bevorzugte Anzahl.
topology-ranked-caption = { $count ->
    [one] Die einzige mögliche Topologie
   *[other] Alle { $count } möglichen Topologien, in der Reihenfolge von Nova
}
topology-col-sockets = Sockel
topology-col-cores = Kerne
topology-col-threads = Threads
topology-col-matches = Treffer
topology-nova-choice = Wahl von Nova
topology-error-invalid = Ein Wert ist keine ganze Zahl, daher verweigert Nova den Start mit dieser Kombination.
topology-error-limits-exceeded = Die Maxima des Abbilds überschreiten die der Variante, daher verweigert Nova den Start. Senken Sie die Maxima des Abbilds oder erhöhen Sie die der Variante.
topology-error-topology-exceeded = Das Abbild bevorzugt mehr, als die Maxima erlauben, daher verweigert Nova den Start. Senken Sie die bevorzugten Anzahlen des Abbilds oder erhöhen Sie die Maxima.
topology-error-impossible = Keine Aufteilung dieser Anzahl von vCPUs passt in die Maxima, daher schlägt der Start fehl. Erhöhen Sie ein Maximum oder wählen Sie eine vCPU-Anzahl, die sich innerhalb der Maxima als Produkt bilden lässt.
topology-save = Topologie speichern
topology-saved = Topologie gespeichert.

hypervisors-title = Hypervisoren
hypervisors-description = Kapazität pro Compute-Host und die Server auf jedem.
hypervisors-total = Alle Hosts
hypervisors-vcpus = vCPUs
hypervisors-ram = RAM
hypervisors-disk = Festplatte
hypervisors-used-of = { $used } von { $total } { $unit } belegt ({ $percent } %)
hypervisors-running = { $count ->
    [one] 1 Server läuft
   *[other] { $count } Server laufen
}
hypervisors-servers = { $count ->
    [0] Keine Server
    [one] 1 Server
   *[other] { $count } Server
}
service-state-up = läuft
service-state-down = ausgefallen
service-status-enabled = aktiviert
service-status-disabled = deaktiviert

services-title = Compute-Dienste
services-description = Die Dienste von Nova auf jedem Host. Ein deaktivierter Compute-Dienst nimmt keine neuen Server an.
services-binary = Dienst
services-host = Host
services-zone = Zone
services-status = Status
services-state = Zustand
services-updated = Zuletzt gesehen
services-reason = Grund für die Deaktivierung
services-disable = Deaktivieren
services-enable = Aktivieren
services-reason-too-long = Der Grund darf höchstens 255 Zeichen haben.

aggregates-title = Host-Aggregate
aggregates-description = Gruppen von Hosts mit Metadaten; eine Verfügbarkeitszone macht die Gruppe zu einer Zone, die Benutzer auswählen können.
aggregates-create-title = Host-Aggregat erstellen
aggregates-create = Aggregat erstellen
aggregates-name = Name
aggregates-zone = Verfügbarkeitszone
aggregates-empty = Es gibt noch keine Host-Aggregate.
aggregates-hosts = Hosts
aggregates-add-host = Host hinzufügen
aggregates-pick-host = Host wählen
aggregates-metadata = Metadaten
aggregates-metadata-save = Metadaten speichern
aggregates-confirm-delete = Host-Aggregat { $name } löschen?
aggregates-name-invalid = Geben Sie einen Namen mit 1 bis 255 Zeichen ein.
aggregates-zone-invalid = Ein Zonenname hat höchstens 255 Zeichen und keinen Doppelpunkt.
aggregates-host-required = Wählen Sie zuerst einen Host.
aggregates-metadata-invalid = Schlüssel dürfen nicht leer sein; Schlüssel und Werte haben höchstens 255 Zeichen.
instance-cpu-topology = Gast-CPU-Topologie

## Object storage
nav-containers = Container
common-close = Schließen
common-save = Speichern
common-saved = Gespeichert.
common-copy = Kopieren
common-copied = Kopiert
containers-title = Container
containers-description = Swift-Container enthalten Ihre Objekte: Backups, Logs, Web-Assets. Öffnen Sie einen Container, um ihn zu durchsuchen und Dateien hoch- oder herunterzuladen.
containers-create-title = Container erstellen
containers-create = Container erstellen
containers-name = Name
containers-objects = Objekte
containers-bytes = Größe
containers-policy = Speicherrichtlinie
containers-policy-default = Standard der Cloud
containers-policy-is-default = { $name } (Standard)
containers-policy-fixed = Die Speicherrichtlinie lässt sich nach dem Erstellen des Containers nicht mehr ändern.
containers-access = Zugriff
containers-public = Öffentlich
containers-private = Privat
containers-public-create = Öffentlich: Jeder mit dem Link kann den Container lesen und seinen Inhalt auflisten
containers-public-url = Öffentliche URL
containers-public-at = Jeder kann diesen Container lesen unter
containers-make-public = Öffentlich machen
containers-make-private = Privat machen
containers-empty = Dieses Projekt hat noch keine Container. Erstellen Sie oben einen.
containers-totals = { $containers } Container, { $objects } Objekte, insgesamt { $bytes }
containers-confirm-delete = Container „{ $name }“ löschen?
containers-confirm-delete-full = Container „{ $name }“ enthält { $objects }. Erst alle Objekte und dann den Container löschen?
storage-object-count = { $count ->
    [one] 1 Objekt
   *[other] { $count } Objekte
}
containers-emptying = Objekte des Containers werden gelöscht
containers-not-empty = Der Container ist nicht leer. Löschen Sie zuerst seine Objekte.
containers-metadata-title = Metadaten von „{ $name }“
containers-name-required = Geben Sie einen Containernamen ein.
containers-name-slash = Ein Containername darf kein „/“ enthalten.
containers-name-too-long = Ein Containername darf höchstens 256 Bytes lang sein.
containers-name-invalid = Dieser Containername ist ungültig: Er muss 1 bis 256 Bytes lang sein und darf kein „/“ enthalten.
containers-name-taken = Es gibt bereits einen Container mit diesem Namen. Wählen Sie einen anderen Namen.
objects-breadcrumbs = Ordnerpfad
objects-filter = Namen beginnend mit
objects-filter-apply = Filtern
objects-folder-name = Neuer Ordner
objects-create-folder = Ordner erstellen
objects-folder-required = Geben Sie einen Ordnernamen ein.
objects-folder-slash = Ein Ordnername darf kein „/“ enthalten. Öffnen Sie zuerst den Ordner, um darin einen weiteren anzulegen.
objects-folder = Ordner
objects-upload = Dateien hochladen
objects-drop-here = oder Dateien hierher ziehen. Sie landen im angezeigten Ordner.
objects-upload-waiting = Wartet
objects-upload-sending = { $sent } von { $total }
objects-upload-done = Hochgeladen
objects-upload-cancelled = Abgebrochen
objects-upload-clear = Abgeschlossene Uploads entfernen
objects-empty = Dieser Ordner ist leer. Laden Sie Dateien hoch oder erstellen Sie einen Ordner.
objects-name = Name
objects-size = Größe
objects-bytes = ({ $bytes } Bytes)
objects-content-type = Inhaltstyp
objects-modified = Zuletzt geändert
objects-expires = Wird automatisch gelöscht am
objects-etag = ETag (MD5)
objects-kind = Art
objects-large = Großes Objekt (segmentiert)
objects-download = Herunterladen
objects-select-all = Alle Objekte auf dieser Seite auswählen
objects-delete-selected = { $count ->
    [0] Ausgewählte löschen
    [one] 1 ausgewähltes Objekt löschen
   *[other] { $count } ausgewählte Objekte löschen
}
objects-confirm-delete = { $count ->
    [one] Dieses Objekt löschen?
   *[other] Diese { $count } Objekte löschen?
}
objects-confirm-delete-folder = Ordner „{ $name }“ mit seinem gesamten Inhalt löschen?
objects-deleting = Objekte werden gelöscht
objects-first-page = Erste Seite
objects-name-required = Geben Sie einen Objektnamen ein.
objects-name-too-long = Ein Objektname darf höchstens 1024 Bytes lang sein.
objects-name-invalid = Dieser Objektname ist ungültig: Er muss 1 bis 1024 Bytes lang sein.
objects-content-type-invalid = Geben Sie einen Inhaltstyp wie text/plain ein.
objects-copy-title = Kopieren oder verschieben
objects-copy-container = In Container
objects-copy-name = Neuer Name
objects-copy-name-help = Stellen Sie einen Ordnerpfad voran, um in einen Ordner zu kopieren, z. B. archive/report.pdf.
objects-copy = Kopieren
objects-move = Verschieben
objects-copied = Erledigt.
objects-copy-same = Die Kopie braucht einen anderen Namen oder Container.
objects-copy-container-required = Wählen Sie einen Container.
objects-copy-target-missing = Dieser Container existiert nicht mehr. Wählen Sie einen anderen.
storage-progress = { $done } von { $total }
storage-delete-failed = { $count ->
    [one] 1 Objekt konnte nicht gelöscht werden:
   *[other] { $count } Objekte konnten nicht gelöscht werden:
}
storage-metadata = Metadaten
storage-meta-key = Schlüssel
storage-meta-value = Wert
storage-meta-add = Zeile hinzufügen
storage-meta-remove = Entfernen
storage-meta-key-invalid = Ein Metadatenschlüssel darf nur Buchstaben, Ziffern und „-“ enthalten (keine Leerzeichen, kein „_“), höchstens 128 Zeichen.
storage-meta-value-invalid = Ein Metadatenwert darf höchstens 256 Bytes lang sein und keine Zeilenumbrüche enthalten.
storage-meta-key-duplicate = Jeder Metadatenschlüssel darf nur einmal vorkommen.
storage-meta-too-many = Es sind höchstens 90 Metadateneinträge erlaubt.

## Orchestration (shared)
nav-stacks = Stacks
nav-resource-types = Ressourcentypen
nav-template-versions = Vorlagenversionen
stack-status-text = { $action }: { $state }
stack-action-create = Erstellen
stack-action-update = Aktualisieren
stack-action-delete = Löschen
stack-action-suspend = Anhalten
stack-action-resume = Fortsetzen
stack-action-check = Prüfen
stack-action-rollback = Zurücksetzen
stack-action-init = Initialisiert
stack-action-adopt = Übernehmen
stack-action-snapshot = Snapshot
stack-action-restore = Wiederherstellen
stack-state-in-progress = läuft
stack-state-complete = abgeschlossen
stack-state-failed = fehlgeschlagen

## Orchestration: template tools
resource-types-title = Ressourcentypen
resource-types-description = Die Ressourcentypen, die der Orchestrierungsdienst dieser Cloud unterstützt, mit ihren Eigenschaften, Attributen und einem Vorlagen-Ausschnitt.
resource-types-list-label = Ressourcentypen nach Namensraum
resource-types-filter-label = Nach Name filtern
resource-types-filter-apply = Filtern
resource-types-count = { $count ->
    [one] Ein Typ
   *[other] { $count } Typen
}
resource-types-empty = Kein Ressourcentyp passt zum Filter.
resource-types-other = Sonstige
resource-types-choose = Wählen Sie einen Ressourcentyp, um seine Eigenschaften, Attribute und einen Vorlagen-Ausschnitt zu sehen.
resource-types-name-required = Wählen Sie einen Ressourcentyp.
resource-types-not-found = Diesen Ressourcentyp gibt es in dieser Cloud nicht.
resource-types-support = Unterstützungsstatus: { $status }
resource-types-support-since = (seit { $version })
resource-types-support-deprecated = Veraltet
resource-types-support-unsupported = Nicht unterstützt
resource-types-support-hidden = Verborgen
resource-types-support-unknown = Unbekannt
resource-types-properties = Eigenschaften
resource-types-no-properties = Dieser Typ hat keine Eigenschaften.
resource-types-property-name = Name
resource-types-property-type = Typ
resource-types-property-required = Erforderlich
resource-types-property-update = Bei Aktualisierung
resource-types-property-default = Standardwert
resource-types-property-constraints = Einschränkungen
resource-types-update-in-place = Wird direkt geändert
resource-types-update-replace = Ersetzt die Ressource
resource-types-update-immutable = Nicht änderbar
resource-types-list-item = (jedes Element)
resource-types-attributes = Attribute
resource-types-no-attributes = Dieser Typ hat keine Attribute.
resource-types-attribute-name = Name
resource-types-attribute-description = Beschreibung
resource-types-snippet = HOT-Ausschnitt
resource-types-snippet-help = Eine Ressource dieses Typs mit ihren erforderlichen Eigenschaften, zum Einfügen unter „resources:“. Ersetzen Sie die Platzhalter in spitzen Klammern.
resource-types-allowed-values = Einer von: { $values }
resource-types-range-between = Von { $min } bis { $max }
resource-types-range-min = Mindestens { $min }
resource-types-range-max = Höchstens { $max }
resource-types-length-between = Länge { $min } bis { $max }
resource-types-length-min = Länge mindestens { $min }
resource-types-length-max = Länge höchstens { $max }
resource-types-pattern = Entspricht dem Muster { $pattern }
resource-types-custom = Muss ein gültiges { $name } sein
template-versions-title = Vorlagenversionen
template-versions-description = Die Vorlagenformate, die diese Cloud akzeptiert, und die Funktionen, die jedes anbietet.
template-versions-empty = Die Cloud nennt keine Vorlagenversionen.
template-versions-version = Version
template-versions-type = Typ
template-versions-aliases = Aliasse
template-versions-choose = Wählen Sie eine Version, um ihre Funktionen zu sehen.
template-versions-functions-title = Funktionen von { $version }
template-versions-no-functions = Diese Version hat keine Funktionen.
template-versions-function-name = Funktion
template-versions-function-description = Beschreibung
template-versions-not-found = Diese Vorlagenversion gibt es in dieser Cloud nicht.

## Orchestration: stack detail and topology
stack-detail-back = ← Alle Stacks
stack-detail-back-to-list = Zurück zur Stack-Liste
stack-detail-deleted = Der Stack wurde gelöscht.
stack-detail-tabs = Stack-Ansichten
stack-detail-tab-topology = Topologie
stack-detail-tab-overview = Übersicht
stack-detail-tab-resources = Ressourcen
stack-detail-tab-events = Ereignisse
stack-detail-tab-outputs = Ausgaben
stack-detail-tab-template = Vorlage
stack-detail-update = Aktualisieren
stack-detail-suspend = Anhalten
stack-detail-resume = Fortsetzen
stack-detail-check = Prüfen
stack-detail-delete = Löschen
stack-detail-confirm-delete = Den Stack { $name } mit allen seinen Ressourcen löschen?
stack-detail-suspend-started = Anhalten angefordert.
stack-detail-resume-started = Fortsetzen angefordert.
stack-detail-check-started = Prüfung angefordert.
stack-detail-delete-started = Löschen angefordert.
stack-detail-update-started = Die Aktualisierung hat begonnen.
stack-detail-action-unknown = Diese Aktion gibt es für Stacks nicht.
stack-detail-id = ID
stack-detail-name = Name
stack-detail-description = Beschreibung
stack-detail-status = Status
stack-detail-reason = Statusgrund
stack-detail-created = Erstellt
stack-detail-updated = Aktualisiert
stack-detail-timeout = Zeitlimit
stack-detail-timeout-minutes = { $minutes ->
    [one] { $minutes } Minute
   *[other] { $minutes } Minuten
}
stack-detail-no-timeout = Keines
stack-detail-rollback = Bei Fehler zurücksetzen
stack-detail-parameters = Parameter
stack-detail-no-parameters = Dieser Stack hat keine Parameter.
stack-detail-resource-name = Name
stack-detail-resource-type = Typ
stack-detail-physical-id = Physische ID
stack-detail-no-resources = Dieser Stack hat keine Ressourcen.
stack-detail-member-of = Mitglied von { $group }:
stack-detail-resource-title = Ressource { $name }
stack-detail-required-by = Benötigt von
stack-detail-attributes = Attribute
stack-detail-no-attributes = Diese Ressource hat keine Attribute.
stack-detail-attribute = Attribut
stack-detail-value = Wert
stack-detail-links = Links
stack-detail-no-events = Noch keine Ereignisse.
stack-detail-events-newest = Neueste Ereignisse
stack-detail-events-older = Ältere Ereignisse
stack-detail-output-key = Ausgabe
stack-detail-output-error = Fehler
stack-detail-no-outputs = Dieser Stack hat keine Ausgaben.
stack-detail-update-title = Stack aktualisieren
stack-detail-update-help = Ändern Sie die Vorlage oder die Parameter. Bei unveränderter Vorlage werden nur die geänderten Parameter gesendet, die übrigen behalten ihre Werte. Leer gelassene verborgene Parameter behalten ihren aktuellen Wert.
stack-detail-template = Vorlage
stack-detail-template-required = Geben Sie eine Vorlage ein.
stack-detail-hidden-keep = Verborgen: leer lassen, um den Wert zu behalten
stack-detail-preview = Änderungen anzeigen
stack-detail-update-submit = Stack aktualisieren
stack-detail-preview-title = Was die Aktualisierung ändern würde
stack-detail-preview-added = Hinzugefügt
stack-detail-preview-updated = Direkt aktualisiert
stack-detail-preview-replaced = Ersetzt
stack-detail-preview-deleted = Gelöscht
stack-detail-preview-unchanged = Unverändert
stack-detail-preview-none = Keine
stack-detail-preview-hidden-note = In der Vorschau erhalten leer gelassene verborgene Parameter ihre Standardwerte.
topology-graph-title = Stack-Topologie
topology-graph-empty = Dieser Stack hat keine Ressourcen.
topology-graph-node = { $name } ({ $type }): { $status }.
topology-graph-depends = Hängt ab von { $names }.
topology-graph-legend = Legende
topology-graph-legend-complete = Abgeschlossen
topology-graph-legend-progress = In Arbeit
topology-graph-legend-failed = Fehlgeschlagen
topology-graph-legend-other = Nicht erstellt, gelöscht oder anderes
topology-graph-legend-arrow = Pfeile führen von einer Ressource zu den Ressourcen, die von ihr abhängen.
topology-graph-legend-member = Gestrichelte Linien führen von einer Gruppe zu ihren Mitgliedern.
topology-graph-help = Wählen Sie eine Ressource, um ihre Details im Reiter „Ressourcen“ zu sehen.

## Orchestration: stacks list, launch wizard, starter gallery
stacks-title = Stacks
stacks-description = Heat-Stacks: Gruppen von Cloud-Ressourcen, die aus einer Vorlage entstehen und gemeinsam verwaltet werden.
stacks-filter-name = Name
stacks-filter-name-help = Der genaue Name des Stacks.
stacks-filter-status = Status
stacks-any-status = Jeder Status
stacks-status-complete = Abgeschlossen
stacks-status-failed = Fehlgeschlagen
stacks-status-in-progress = In Arbeit
stacks-status-invalid = Wählen Sie einen Status aus der Liste.
stacks-filter-apply = Filtern
stacks-starters = Startvorlagen
stacks-launch = Stack starten
stacks-delete-selected =
    { $count ->
        [0] Auswahl löschen
        [one] 1 Stack löschen
       *[other] { $count } Stacks löschen
    }
stacks-delete-started =
    { $count ->
        [one] 1 Stack wird gelöscht.
       *[other] { $count } Stacks werden gelöscht.
    }
stacks-confirm-delete =
    { $count ->
        [one] Diesen Stack und alle Ressourcen, die er angelegt hat, löschen?
       *[other] Diese { $count } Stacks und alle Ressourcen, die sie angelegt haben, löschen?
    }
stacks-delete-failed =
    { $count ->
        [one] 1 Stack konnte nicht gelöscht werden:
       *[other] { $count } Stacks konnten nicht gelöscht werden:
    }
stacks-empty = Keine passenden Stacks. Starten Sie einen, oder beginnen Sie mit einer Startvorlage.
stacks-select-all = Alle Stacks dieser Seite auswählen
stacks-name = Name
stacks-status = Status
stacks-created = Erstellt
stacks-updated = Aktualisiert
stacks-description-column = Beschreibung
stacks-first-page = Erste Seite
stacks-delete = Löschen
stacks-ago = Alter: { $age }
launch-stack-title = Stack starten
launch-stack-description = Wählen Sie eine Vorlage, lassen Sie sie von Heat prüfen, füllen Sie die Parameter aus, sehen Sie sich die Ressourcen in der Vorschau an und starten Sie dann.
launch-stack-step-template = Vorlage
launch-stack-step-validate = Vorlage prüfen
launch-stack-step-parameters = Parameter
launch-stack-step-stack = Stack
launch-stack-step-preview = Vorschau
launch-stack-step-launch = Starten
launch-stack-source = Herkunft der Vorlage
launch-stack-source-starter = Startvorlage
launch-stack-source-file = Datei
launch-stack-source-text = Text
launch-stack-source-url = URL
launch-stack-starter = Startvorlage
launch-stack-starter-gallery = Startvorlagen durchsehen
launch-stack-file = Vorlagendatei
launch-stack-text-help = Tippen oder fügen Sie die Vorlage unten in den Editor ein.
launch-stack-url = URL der Vorlage
launch-stack-url-help = Heat lädt die Vorlage von dieser Adresse; der Editor wird nicht verwendet.
launch-stack-editor = Vorlage
launch-stack-editor-help = Eine HOT- oder CloudFormation-Vorlage in YAML oder JSON. Sie können sie hier bearbeiten.
launch-stack-environment = Umgebung (optional)
launch-stack-environment-file = Umgebungsdatei
launch-stack-environment-help = Parameterwerte und -vorgaben sowie Zuordnungen von Ressourcentypen, in YAML oder JSON.
launch-stack-validate = Prüfen
launch-stack-validating = Wird geprüft …
launch-stack-valid = Die Vorlage ist gültig.
launch-stack-stale = Die Vorlage wurde seit der Prüfung geändert. Prüfen Sie sie erneut.
launch-stack-error-at = Zeile { $line }, Spalte { $column }: { $message }
launch-stack-error-details = Vollständige Meldung von Heat
launch-stack-template-required = Wählen, laden, tippen oder verlinken Sie zuerst eine Vorlage.
launch-stack-validate-first = Prüfen Sie zuerst die Vorlage, damit ihre Parameter ausgefüllt werden können.
launch-stack-parameters-pending = Prüfen Sie die Vorlage, um ihre Parameter zu sehen.
launch-stack-no-parameters = Diese Vorlage hat keine Parameter.
launch-stack-other-parameters = Weitere Parameter
launch-stack-name = Name des Stacks
launch-stack-name-help = Beginnt mit einem Buchstaben; danach Buchstaben, Ziffern, „_“, „-“ und „.“; höchstens 255 Zeichen.
launch-stack-name-required = Geben Sie einen Namen für den Stack ein.
launch-stack-name-too-long = Der Name des Stacks darf höchstens 255 Zeichen lang sein.
launch-stack-name-start = Der Name des Stacks muss mit einem Buchstaben (a–z oder A–Z) beginnen.
launch-stack-name-chars = Der Name des Stacks darf nur Buchstaben, Ziffern, „_“, „-“ und „.“ enthalten (keine Leerzeichen).
launch-stack-timeout = Zeitlimit (Minuten)
launch-stack-timeout-help = Wie lange Heat zum Anlegen des Stacks brauchen darf. Leer lassen für die Vorgabe der Cloud.
launch-stack-timeout-invalid = Das Zeitlimit muss eine ganze Zahl von Minuten sein, mindestens 1.
launch-stack-rollback = Bei Fehler zurückrollen
launch-stack-rollback-help = Schlägt das Anlegen einer Ressource fehl, wird das bereits Angelegte gelöscht.
launch-stack-preview = Vorschau
launch-stack-preview-help = Listet die Ressourcen auf, die Heat anlegen würde, ohne etwas anzulegen.
launch-stack-preview-empty = Der Stack würde keine Ressourcen anlegen.
launch-stack-preview-count =
    { $count ->
        [one] 1 Ressource würde angelegt.
       *[other] { $count } Ressourcen würden angelegt.
    }
launch-stack-preview-name = Ressource
launch-stack-preview-type = Typ
launch-stack-submit = Stack starten
launch-stack-launching = Wird gestartet …
launch-param-required = Füllen Sie diesen Parameter aus: Er hat keinen Standardwert.
launch-param-not-number = Geben Sie eine Zahl ein.
launch-param-no-keypair = Kein Schlüsselpaar
starter-title = Startvorlagen
starter-description = Fertige Vorlagen, die Sie so starten oder anpassen können.
starter-back = Zurück zu den Stacks
starter-resource-types = Ressourcentypen
starter-launch = Starten
starter-view-template = Vorlage ansehen
starter-hide-template = Vorlage ausblenden
starter-single-server-title = Einzelner Server
starter-single-server-description = Ein Server in einem bestehenden Netz, per SSH und Ping erreichbar, mit optionalem Schlüsselpaar.
starter-server-with-storage-title = Server mit Speicher
starter-server-with-storage-description = Ein Server mit einem Objektspeicher-Container für seine Daten und optional einem Blockspeicher-Volume.
starter-web-cluster-title = Web-Cluster
starter-web-cluster-description = Zwei Webserver hinter einem Load Balancer und ein Datenbankserver, dessen Passwort Heat erzeugt.
launch-stack-check-fields = Korrigieren Sie die oben markierten Felder und versuchen Sie es erneut.
