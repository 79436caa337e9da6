## 项目 → 概览:配额环形图和使用情况趋势 (issue 7)
quota-volumes = 卷
quota-volume-gigabytes = 卷存储
quota-object-bytes = 对象存储
usage-period-too-long = 请选择不超过 366 天的时间段。
usage-chart-title = 每日使用情况
usage-chart-description = { $count ->
   *[other] 从 { $start } 到 { $end } 共 { $formatted } 天中每天的 vCPU 小时、内存 GiB 小时和磁盘 GiB 小时。
}
usage-days-show-table = 以表格显示
usage-day = 日期
usage-days-csv = 下载每日使用情况 (CSV)
usage-instances-csv = 下载各云主机使用情况 (CSV)
