## Project → Overview: quota donuts and usage over time (issue 7)
quota-volumes = Volumes
quota-volume-gigabytes = Volume storage
quota-object-bytes = Object storage
usage-period-too-long = Choose a period of at most 366 days.
usage-chart-title = Usage per day
usage-chart-description = { $count ->
    [one] vCPU hours, RAM GiB hours and disk GiB hours of one day, { $start }.
   *[other] vCPU hours, RAM GiB hours and disk GiB hours on each of { $formatted } days, from { $start } to { $end }.
}
usage-days-show-table = Show as table
usage-day = Day
usage-days-csv = Download per-day usage (CSV)
usage-instances-csv = Download instance usage (CSV)
