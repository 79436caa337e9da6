## プロジェクト → 概要: クォータのドーナツグラフと使用状況の推移 (issue 7)
quota-volumes = ボリューム
quota-volume-gigabytes = ボリュームストレージ
quota-object-bytes = オブジェクトストレージ
usage-period-too-long = 期間は 366 日以内で選んでください。
usage-chart-title = 日別の使用状況
usage-chart-description = { $count ->
   *[other] { $start } から { $end } までの { $formatted } 日間の、日ごとの vCPU 時間、RAM GiB 時間、ディスク GiB 時間。
}
usage-days-show-table = 表で表示
usage-day = 日付
usage-days-csv = 日別の使用状況をダウンロード (CSV)
usage-instances-csv = インスタンス別の使用状況をダウンロード (CSV)
