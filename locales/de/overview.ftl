## Projekt → Übersicht: Kontingent-Ringe und Nutzung im Zeitverlauf (Issue 7)
quota-volumes = Datenträger
quota-volume-gigabytes = Datenträgerspeicher
quota-object-bytes = Objektspeicher
usage-period-too-long = Wählen Sie einen Zeitraum von höchstens 366 Tagen.
usage-chart-title = Nutzung pro Tag
usage-chart-description = { $count ->
    [one] vCPU-Stunden, RAM-GiB-Stunden und Festplatten-GiB-Stunden eines Tages, { $start }.
   *[other] vCPU-Stunden, RAM-GiB-Stunden und Festplatten-GiB-Stunden an jedem von { $formatted } Tagen, vom { $start } bis zum { $end }.
}
usage-days-show-table = Als Tabelle zeigen
usage-day = Tag
usage-days-csv = Nutzung pro Tag herunterladen (CSV)
usage-instances-csv = Nutzung pro Instanz herunterladen (CSV)
