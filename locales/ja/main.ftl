app-title = Zenith

## Common
common-loading = 読み込み中…
common-language = 言語
common-yes = はい
common-no = いいえ
common-previous = 前へ
common-next = 次へ
common-pagination = ページ送り
common-page-of = { $pages } ページ中 { $page } ページ目

## Errors
error-not-logged-in = 続けるにはログインしてください。
error-session-expired = セッションの有効期限が切れました。もう一度ログインしてください。
error-invalid-credentials = ユーザー名、パスワード、またはドメインが正しくありません。確認してもう一度お試しください。
error-no-project = このユーザーには利用できるプロジェクトがありません。クラウド管理者にプロジェクトのロールを依頼してください。
error-forbidden = この操作は許可されていません。必要な場合はクラウド管理者に依頼してください。
error-not-found = 指定されたものは存在しません（削除された可能性があります）。
error-bad-request = フォームが不完全です。すべての項目を入力してもう一度お試しください。
error-unreachable = { $service } に接続できません。クラウドが動作していることを確認して、もう一度お試しください。
error-timeout = { $service } から時間内に応答がありませんでした。しばらくしてからもう一度お試しください。
error-cloud = クラウドが要求を拒否しました（{ $status }）: { $message }
error-internal = Zenith 内部でエラーが発生しました: { $detail }
error-unknown-project = そのプロジェクトにはロールがありません。
error-unknown-region = クラウドにそのリージョンはありません。
error-back-home = 概要に戻る
error-404-title = ページが見つかりません
error-404-body = このアドレスにページはありません。リンクを確認するか、概要からやり直してください。
error-403-title = アクセスが拒否されました
error-403-body = このページはクラウド管理者専用です。アクセスが必要な場合は管理者に依頼してください。

## Login
login-title = クラウドにログイン
login-username = ユーザー名
login-password = パスワード
login-domain = ドメイン
login-submit = ログイン
login-signing-in = ログイン中…
login-username-required = ユーザー名を入力してください。
login-password-required = パスワードを入力してください。
login-session-expired = セッションの有効期限が切れました。もう一度ログインしてください。
login-logged-out = ログアウトしました。

## Shell
shell-skip-to-content = 本文へスキップ
shell-menu = メニュー
shell-breadcrumbs = パンくずリスト
header-project = プロジェクト
header-region = リージョン
header-user-menu = ユーザーメニュー
header-signed-in-as = { $user }（{ $domain }）としてログイン中
header-logout = ログアウト
nav-project = プロジェクト
nav-admin = 管理
nav-identity = アイデンティティ
nav-settings = 設定
nav-overview = 概要
nav-projects = プロジェクト
nav-users = ユーザー
nav-system-info = システム情報

## Overview
overview-title = 概要
overview-description = プロジェクト、ロール、このリージョンのサービス。
overview-project = プロジェクト
overview-domain = ドメイン: { $domain }
overview-roles = ロール
overview-region = リージョン
overview-regions-count = { $count ->
   *[other] このクラウドのリージョン数: { $formatted }
}
overview-session = セッション終了
overview-services = サービス
overview-services-count = { $count ->
    [0] このリージョンにサービスはありません
   *[other] このリージョンのサービス数: { $formatted }
}
overview-service-type = 種類
overview-service-name = 名前
overview-service-endpoint = エンドポイント

## Identity
projects-title = プロジェクト
projects-description = 利用できるプロジェクト。
projects-name = 名前
projects-domain = ドメイン
projects-description-column = 説明
projects-enabled = 有効
projects-id = ID
projects-current = 現在
users-title = ユーザー
users-description = クラウドのすべてのユーザー。
users-name = 名前
users-domain = ドメイン
users-email = メール
users-enabled = 有効
users-id = ID

## Admin
system-title = システム情報
system-description = アイデンティティサービスに登録されたサービスとエンドポイント。
system-interface = インターフェース

## Settings
settings-title = 設定
settings-description = Zenith の表示方法。このブラウザーに保存されます。
settings-language = 言語
settings-timezone = タイムゾーン
settings-page-size = 1 ページの件数
settings-save = 保存
settings-saved = 設定を保存しました。
settings-language-invalid = 一覧から言語を選んでください。
settings-timezone-invalid = 一覧からタイムゾーンを選んでください。
settings-page-size-invalid = 1 ページの件数は 10、20、50、100、すべて から選んでください。

## Compute: instances
nav-instances = インスタンス
instances-title = インスタンス
instances-description = このプロジェクトのサーバー。状態が変化中の行は自動で更新されます。
instances-filter-name = 名前に含む
instances-filter-status = ステータス
instances-any-status = すべてのステータス
instances-filter-apply = 絞り込み
instances-status-invalid = 一覧からステータスを選んでください。
instances-empty = 該当するインスタンスはありません。
instances-name = 名前
instances-image = イメージ
instances-addresses = IP アドレス
instances-flavor = フレーバー
instances-key-pair = キーペア
instances-status = ステータス
instances-availability-zone = アベイラビリティーゾーン
instances-task = タスク
instances-power-state = 電源状態
instances-created = 作成日時
instances-first-page = 最初のページ
status-active = 稼働中
status-build = 構築中
status-shutoff = 停止
status-paused = 一時停止
status-suspended = 休止
status-shelved-offloaded = 退避済み
status-verify-resize = リサイズの確認
status-reboot = 再起動中
status-error = エラー
power-running = 実行中
power-paused = 一時停止
power-shutdown = シャットダウン
power-crashed = クラッシュ
power-suspended = 休止
power-nostate = 状態なし

## Common (more)
common-confirm = 確認
common-cancel = キャンセル
common-cannot-undo = この操作は元に戻せません。
common-refresh = 更新
common-choose = 選択してください…
age-seconds =
{ $n ->
  *[other] { $n } 秒
  }
age-minutes =
{ $n ->
  *[other] { $n } 分
  }
age-hours =
{ $n ->
  *[other] { $n } 時間
  }
age-days =
{ $n ->
  *[other] { $n } 日
  }

## Compute: instance list (more)
instances-age = 経過時間
instances-launch = インスタンスの起動
instances-sort-invalid = 並べ替える列は表の見出しから選んでください。
instances-select-all = このページのすべてを選択
instances-select-some = インスタンスを 1 つ以上選択してください。
instances-locked = ロック中
instances-bulk-label = 選択したものに:
instances-bulk-apply =
{ $count ->
  [0] 選択したものに適用
  *[other] { $count } 個のインスタンスに適用…
  }
instances-confirm = { $action }: { $count } 個のインスタンス。実行しますか?
instances-action-sent = 送信しました。Nova が処理中です。状態は自動で更新されます。
instances-action-conflict = Nova に拒否されました: インスタンスの現在の状態ではこの操作はできません。状態が落ち着くまで待つか、別の操作を選んでください。(Nova: { $message })
status-shelved = 退避済み
status-resize = サイズ変更中
status-hard-reboot = ハードリブート中
status-rebuild = 再構築中
status-deleted = 削除済み
task-spawning = 作成中
task-powering-off = 電源オフ中
task-powering-on = 電源オン中
task-rebooting = 再起動中
task-deleting = 削除中
task-pausing = 一時停止中
task-unpausing = 一時停止の解除中
task-suspending = サスペンド中
task-resuming = 再開中
task-shelving = 退避中
task-unshelving = 退避解除中
task-resize-prep = サイズ変更の準備中
task-rebuilding = 再構築中
task-image-snapshot = スナップショット作成中

## Compute: actions
action-start = 起動
action-stop = 停止
action-reboot = ソフトリブート
action-hard-reboot = ハードリブート
action-pause = 一時停止
action-unpause = 一時停止の解除
action-suspend = サスペンド
action-resume = 再開
action-shelve = 退避
action-unshelve = 退避解除
action-lock = ロック
action-unlock = ロック解除
action-confirm-resize = サイズ変更の確定
action-revert-resize = サイズ変更を元に戻す
action-delete = 削除
action-resize = サイズ変更…
action-rebuild = 再構築…
action-snapshot = スナップショット作成…

## Compute: instance detail
instance-back = インスタンス一覧
instance-fault = 障害
instance-tabs = インスタンスの表示
instance-tab-overview = 概要
instance-tab-console = コンソールログ
instance-tab-log = アクションログ
instance-id = ID
instance-updated = 更新日時
instance-locked = ロック
instance-security-groups = セキュリティグループ
instance-flavor-size = vCPU { $vcpus }、RAM { $ram } MiB、ディスク { $disk } GiB
instance-no-addresses = アドレスはありません。
instance-network = ネットワーク
instance-address = アドレス
instance-address-type = 種類
instance-mac = MAC アドレス
instance-metadata = メタデータ
instance-no-metadata = メタデータはありません。
instance-console-length = 表示する行数
instance-console-all = すべて
instance-console-lines =
{ $count ->
  *[other] { $count } 行
  }
instance-log-action = アクション
instance-log-start = 開始日時
instance-log-user = ユーザー ID
instance-log-request = リクエスト ID
instance-log-message = メッセージ
instance-confirm = このインスタンスを{ $action }しますか?
instance-choose-flavor = 変更後のフレーバーを選んでください。
instance-choose-image = 再構築に使うイメージを選んでください。
instance-snapshot-name-required = スナップショットの名前を入力してください。
instance-choose-flavor-label = 新しいフレーバー
instance-choose-image-label = 再構築に使うイメージ
instance-snapshot-name = スナップショット名

## Compute: key pairs
common-actions = 操作
nav-keypairs = キーペア
keypairs-title = キーペア
keypairs-description = インスタンスへのログインに使う SSH 鍵です。キーペアはプロジェクトではなくあなたに属します。
keypairs-empty = キーペアはまだありません。
keypair-name = キーペア名
keypair-fingerprint = フィンガープリント
keypair-type = 種類
keypair-public-key = 公開鍵 (OpenSSH 形式)
keypair-create-title = キーペアの作成
keypair-create = キーペアを作成
keypair-import-title = 公開鍵のインポート
keypair-import = キーペアをインポート
keypair-imported = キーペア { $name } をインポートしました。
keypair-private-key-once = 秘密鍵を今すぐ保存してください。クラウドには保存されず、ダウンロードできるのは今回だけです。
keypair-download = 秘密鍵をダウンロード
keypair-name-required = キーペアの名前を入力してください。
keypair-name-invalid = 255 文字以内の英数字、スペース、および _ - . @ のみを使用してください。
keypair-name-taken = この名前のキーペアは既に存在します。別の名前を選んでください。
keypair-public-key-invalid = ~/.ssh/id_ed25519.pub の内容などの OpenSSH 公開鍵を貼り付けてください。
keypair-confirm-delete = キーペア { $name } を削除しますか? 使用中のインスタンスには影響しません。

## Compute: launch wizard
common-remove = 削除
launch-title = インスタンスの起動
launch-description = 各ステップは入力ごとに確認されます。概要から起動するまで何も作成されません。
launch-steps = 起動の手順
launch-step-details = 詳細
launch-step-source = ソース
launch-step-flavor = フレーバー
launch-step-networks = ネットワーク
launch-step-security-groups = セキュリティグループ
launch-step-keypair = キーペア
launch-step-configuration = 設定
launch-step-summary = 概要
launch-submit = 起動
launch-name = インスタンス名
launch-count = 数
launch-instances-left = プロジェクトのクォータではあと { $count } 個起動できます。
launch-any-zone = 任意のアベイラビリティゾーン
launch-name-required = インスタンスの名前を入力してください。
launch-name-too-long = 255 文字以内にしてください。
launch-count-invalid = 1 から 100 までの整数を入力してください。
launch-zone-invalid = 一覧からアベイラビリティゾーンを選んでください。
launch-images = イメージ
launch-snapshots = インスタンスのスナップショット
launch-image-needs = 必要: ディスク { $disk } GiB、RAM { $ram } MiB
launch-no-images = 起動できるアクティブなイメージがありません。イメージのページでアップロードしてください。
launch-image-required = 起動するイメージまたはスナップショットを選んでください。
launch-flavor-name = フレーバー
launch-flavor-vcpus = vCPU
launch-flavor-ram = RAM
launch-flavor-disk = ルートディスク
launch-flavor-note = 選べない理由
launch-flavor-required = フレーバーを選んでください。
launch-flavor-ram-too-small = イメージに対して RAM が不足しています。
launch-flavor-disk-too-small = イメージに対してルートディスクが小さすぎます。
launch-flavor-over-cores = プロジェクトの vCPU クォータを超えます。
launch-flavor-over-ram = プロジェクトの RAM クォータを超えます。
launch-no-neutron = このクラウドにはネットワークサービスがないため、インスタンスはネットワークなしで起動します。
launch-no-networks = プロジェクトにネットワークがないため、ネットワークなしで起動します。
launch-no-network = なし
launch-networks-help = 接続するネットワークを選んでください。各ネットワークでアドレスが割り当てられます。
launch-network-shared = 共有
launch-network-required = 一覧からネットワークを 1 つ以上選んでください。
launch-no-security-groups = このクラウドにはネットワークサービスがないため、セキュリティグループはありません。
launch-security-groups-help = 選んだグループのルールでインスタンスの通信がフィルタされます。
launch-security-group-unknown = 一覧からセキュリティグループを選んでください。
launch-no-keypair = キーペアなし
launch-keypair-unknown = 一覧からキーペアを選ぶか、下で作成してください。
launch-user-data = ユーザーデータ (cloud-init)
launch-user-data-file = またはファイルから読み込む:
launch-user-data-size = { $max } バイト中 { $bytes } バイト
launch-user-data-too-big = ユーザーデータが Nova の上限を超えています。短くするか、残りはスクリプト内で URL から取得してください。
launch-metadata-key = キー
launch-metadata-value = 値
launch-metadata-add = メタデータを追加
launch-metadata-key-invalid = メタデータのキーは 1〜255 文字にしてください。
launch-metadata-key-twice = 同じメタデータのキーが 2 回あります。キーは 1 回ずつ使ってください。
launch-metadata-value-too-long = メタデータの値は 255 文字以内にしてください。

## Compute: images
nav-images = イメージ
images-title = イメージ
images-description = 起動に使うディスクイメージとインスタンスのスナップショットです。アップロードは Zenith を経由して Glance にストリーミングされます。
images-empty = 該当するイメージはありません。
images-all = すべて
images-name = 名前
images-type = 種類
images-type-image = イメージ
images-type-snapshot = スナップショット
images-status = 状態
images-visibility = 公開範囲
visibility-private = プライベート
visibility-shared = 共有
visibility-community = コミュニティ
visibility-public = パブリック
images-protected = 保護
images-format = ディスク形式
images-size = サイズ
images-id = ID
images-owner = 所有者 (プロジェクト ID)
images-launch = 起動
images-download = ダウンロード
images-back = イメージ一覧
images-confirm-delete = イメージ { $name } を削除しますか? このイメージから起動したインスタンスは動作し続けます。
images-protected-delete = このイメージは保護されています。先にイメージのページで「保護」を外してから削除してください。
images-upload-title = イメージのアップロード
images-file = イメージファイル
images-file-required = アップロードするファイルを選んでください。
images-field-name = 名前
images-field-min_disk = 最小ディスク (GiB)
images-field-min_ram = 最小 RAM (MiB)
images-upload = アップロード
images-upload-progress = アップロードの進行状況
images-upload-done = アップロードが完了しました。イメージから起動できます。
images-upload-cancelled = アップロードを取り消しました。未完成のイメージは削除されました。
images-name-required = イメージの名前を入力してください。
images-format-invalid = 一覧からディスク形式を選んでください。
images-visibility-invalid = 一覧から公開範囲を選んでください。
images-public-admin-only = イメージをパブリックにできるのはクラウド管理者だけです。プライベート、共有、コミュニティから選んでください。
images-size-invalid = 0 以上の整数を入力してください。
images-edit = 編集
images-properties = プロパティ
images-property-add = プロパティを追加
images-property-key-invalid = プロパティ名は 1〜255 文字で、Glance 自身の項目名は使えません。
images-save = 変更を保存
images-saved = 保存しました。

## Project: quota
quota-title = クォータの使用状況
quota-show-table = 表で表示
quota-resource = リソース
quota-used = 使用量
quota-limit = 上限
quota-unlimited = 無制限
quota-used-of = { $limit } 中 { $used } 使用
quota-used-unlimited = { $used } 使用 (無制限)
quota-instances = インスタンス
quota-vcpus = vCPU
quota-ram = RAM
quota-keypairs = キーペア
quota-security-groups = セキュリティグループ
quota-floating-ips = Floating IP

## Settings (more)
settings-page-size-all = すべて

## Project: usage summary
usage-title = 使用状況の概要
usage-from = 開始日
usage-to = 終了日
usage-submit = 使用状況を表示
usage-date-invalid = 日付は YYYY-MM-DD の形式で入力してください。
usage-start-after-end = 開始日は終了日以前にしてください。
usage-end-in-future = 終了日に未来の日付は指定できません。今日以前を選んでください。
usage-active = 期間内のインスタンス
usage-vcpu-hours = vCPU 時間
usage-ram-hours = RAM GiB 時間
usage-disk-hours = ディスク GiB 時間
usage-hours = 時間
usage-state = 状態
usage-empty = この期間に稼働したインスタンスはありません。

## Admin → Compute (issue 4)
error-refused = { $message }
nav-all-instances = すべてのインスタンス
nav-flavors = フレーバー
nav-hypervisors = ハイパーバイザー
nav-compute-services = コンピュートサービス
nav-aggregates = ホストアグリゲート
all-instances-title = すべてのインスタンス
all-instances-description = 全プロジェクトのサーバーです。各プロジェクトの一覧と同じ操作ができます。
instances-project = プロジェクト

flavors-title = フレーバー
flavors-description = パブリック・プライベートを含むすべてのフレーバーと、そのサイズおよび extra specs です。
flavors-create-title = フレーバーの作成
flavors-create = フレーバーを作成
flavors-name = 名前
flavors-id = ID (任意)
flavors-id-hint = ID を空欄にすると、Nova が UUID を生成します。
flavors-vcpus = vCPU
flavors-ram = RAM (MiB)
flavors-disk = ルートディスク (GB)
flavors-ephemeral = エフェメラルディスク (GB)
flavors-swap = スワップ (MiB)
flavors-rxtx = RX/TX 係数
flavors-description-field = 説明
flavors-public = パブリック
flavors-extra-specs = Extra Specs
flavors-more-specs = { $count ->
   *[other] ほか { $count } 件
}
flavors-name-invalid = 1〜255 文字の名前を入力してください。
flavors-id-invalid = ID に使えるのは英字、数字、スペース、「-_.」のみで、255 文字以内です。
flavors-vcpus-invalid = vCPU 数は 1 以上の整数で入力してください。
flavors-ram-invalid = RAM は MiB 単位の 1 以上の整数で入力してください。
flavors-disk-invalid = ルートディスクは GB 単位の 0 以上の整数で入力してください。
flavors-ephemeral-invalid = エフェメラルディスクは GB 単位の 0 以上の整数で入力してください。
flavors-swap-invalid = スワップは MiB 単位の 0 以上の整数で入力してください。
flavors-rxtx_factor-invalid = RX/TX 係数には 1.0 のような 0 より大きい値を入力してください。
flavors-description-invalid = 説明が長すぎます。
flavors-confirm-delete = フレーバー { $name } を削除しますか? このフレーバーを使用しているインスタンスはありません。
flavors-confirm-delete-in-use = { $count ->
   *[other] フレーバー { $name } を削除しますか? まだ { $count } 個のインスタンスが使用しています。インスタンスは動作し続けますが、このフレーバーにサイズを戻すことはできなくなります:
}
flavors-back = フレーバー一覧
flavors-spec-invalid = キーと値は 1〜255 文字にしてください。
flavors-access-title = プロジェクトのアクセス権
flavors-access-description = このフレーバーはプライベートです。ここでチェックしたプロジェクト (と管理者) だけが参照・使用できます。

specs-title = Extra Specs
specs-source-cloud = 既知のキーはクラウドのメタデータ定義 (Glance metadefs) から取得しています。
specs-source-builtin = このクラウドにはメタデータ定義がないため、Zenith に組み込まれた Glance の定義のコピーを表示しています。
specs-unset = (未設定)
specs-custom = その他のキー
specs-key = キー
specs-value = 値
specs-add = キーを追加
specs-save = Extra Specs を保存
specs-saved = Extra Specs を保存しました。

topology-flavor-title = ゲストの CPU トポロジー
topology-image-title = ゲストの CPU トポロジー (イメージのプロパティ)
topology-explain = Nova は vCPU をソケット、コア、スレッドに分割します。上限の範囲内で、コアを増やすよりソケットを、スレッドを増やすよりコアを増やす分け方を優先します。希望値に合うトポロジーは順位が上がります。イメージはフレーバーが許す範囲を狭めることしかできません。
topology-preferred = 希望値
topology-maximum = 上限
topology-field-cpu_sockets = ソケット
topology-field-cpu_cores = コア
topology-field-cpu_threads = スレッド
topology-field-cpu_max_sockets = 最大ソケット数
topology-field-cpu_max_cores = 最大コア数
topology-field-cpu_max_threads = 最大スレッド数
topology-not-integer = 整数を入力してください。
topology-below-one = 1 以上の値を入力してください。
topology-above-max = { $max ->
   *[other] ここで適用される上限 { $max } を超えています。値を下げるか、上限を上げてください。
}
topology-above-flavor-max = { $max ->
   *[other] イメージでは、フレーバーの上限 { $max } を超える値を許可できません。
}
topology-preview-image = イメージでプレビュー
topology-preview-flavor = フレーバーでプレビュー
topology-no-image = イメージなし
topology-pick-flavor = フレーバーを選択
topology-flavor-alone = このフレーバーのみ
topology-with-image = このフレーバーと選んだイメージ
topology-chosen-flavor-alone = 選んだフレーバーのみ
topology-flavor-with-this-image = 選んだフレーバーとこのイメージ
topology-choose = 上でいずれかを選ぶとプレビューが表示されます。
topology-sockets = { $n ->
   *[other] { $n } ソケット
}
topology-cores = { $n ->
   *[other] { $n } コア
}
topology-threads = { $n ->
   *[other] { $n } スレッド
}
topology-socket-n = ソケット { $n }
topology-none = なし
topology-reason-order = Nova は独自の順序で最初に可能なトポロジーを選びます: スレッドが最も少なく、次にソケットが最も多いものです。
topology-reason-no-match = 希望値に合う可能なトポロジーがないため、Nova は独自の順序で最初のものを選びます: スレッドが最も少なく、次にソケットが最も多いものです。
topology-reason-score = { $score ->
    [3] 希望するトポロジーと完全に一致します。
   *[other] 希望値のうち { $score } 個に一致します。最もよく一致するものの中から、Nova は独自の順序で最初のもの (スレッドが最少、次にソケットが最多) を選びます。
}
topology-source-image = イメージが希望値を設定しているため、フレーバーの希望値はすべて置き換えられます。
topology-source-flavor = 希望値はフレーバーで設定されています。
topology-source-dropped = フレーバーの希望値が上限を超えているため、Nova は何も通知せずにそれを無視します。
topology-source-none = フレーバーにもイメージにも希望値は設定されていません。
topology-ranked-caption = { $count ->
    [1] 可能な唯一のトポロジー
   *[other] 可能なトポロジー全 { $count } 個 (Nova の順序)
}
topology-col-sockets = ソケット
topology-col-cores = コア
topology-col-threads = スレッド
topology-col-matches = 一致数
topology-nova-choice = Nova の選択
topology-error-invalid = 整数でない値があるため、Nova はこの組み合わせでの起動を拒否します。
topology-error-limits-exceeded = イメージの上限がフレーバーの上限を超えているため、Nova は起動を拒否します。イメージの上限を下げるか、フレーバーの上限を上げてください。
topology-error-topology-exceeded = イメージの希望値が上限を超えているため、Nova は起動を拒否します。イメージの希望値を下げるか、上限を上げてください。
topology-error-impossible = この数の vCPU を上限内で分割する方法がないため、起動に失敗します。上限を上げるか、上限内の値の掛け算で表せる vCPU 数にしてください。
topology-save = トポロジーを保存
topology-saved = トポロジーを保存しました。

hypervisors-title = ハイパーバイザー
hypervisors-description = コンピュートホストごとの容量と、各ホスト上のサーバーです。
hypervisors-total = すべてのホスト
hypervisors-vcpus = vCPU
hypervisors-ram = RAM
hypervisors-disk = ディスク
hypervisors-used-of = { $total } { $unit } 中 { $used } 使用 ({ $percent } %)
hypervisors-running = { $count ->
   *[other] { $count } 台のサーバーが稼働中
}
hypervisors-servers = { $count ->
    [0] サーバーなし
   *[other] { $count } 台のサーバー
}
service-state-up = 稼働中
service-state-down = 停止中
service-status-enabled = 有効
service-status-disabled = 無効

services-title = コンピュートサービス
services-description = 各ホスト上の Nova のサービスです。無効にしたコンピュートサービスには新しいサーバーが配置されません。
services-binary = サービス
services-host = ホスト
services-zone = ゾーン
services-status = ステータス
services-state = 状態
services-updated = 最終確認
services-reason = 無効化の理由
services-disable = 無効化
services-enable = 有効化
services-reason-too-long = 理由は 255 文字以内にしてください。

aggregates-title = ホストアグリゲート
aggregates-description = メタデータを持つホストのグループです。アベイラビリティーゾーンを設定すると、ユーザーが選べるゾーンになります。
aggregates-create-title = ホストアグリゲートの作成
aggregates-create = アグリゲートを作成
aggregates-name = 名前
aggregates-zone = アベイラビリティーゾーン
aggregates-empty = ホストアグリゲートはまだありません。
aggregates-hosts = ホスト
aggregates-add-host = ホストを追加
aggregates-pick-host = ホストを選択
aggregates-metadata = メタデータ
aggregates-metadata-save = メタデータを保存
aggregates-confirm-delete = ホストアグリゲート { $name } を削除しますか?
aggregates-name-invalid = 1〜255 文字の名前を入力してください。
aggregates-zone-invalid = ゾーン名は 255 文字以内で、コロンは使えません。
aggregates-host-required = 先にホストを選んでください。
aggregates-metadata-invalid = キーは空にできません。キーと値は 255 文字以内にしてください。
instance-cpu-topology = ゲスト CPU トポロジー

## Object storage
nav-containers = コンテナー
common-close = 閉じる
common-save = 保存
common-saved = 保存しました。
common-copy = コピー
common-copied = コピーしました
containers-title = コンテナー
containers-description = Swift のコンテナーには、バックアップ、ログ、Web アセットなどのオブジェクトを格納します。コンテナーを開くと、中身の参照、アップロード、ダウンロードができます。
containers-create-title = コンテナーの作成
containers-create = コンテナーを作成
containers-name = 名前
containers-objects = オブジェクト
containers-bytes = サイズ
containers-policy = ストレージポリシー
containers-policy-default = クラウドのデフォルト
containers-policy-is-default = { $name }（デフォルト）
containers-policy-fixed = ストレージポリシーはコンテナーの作成後に変更できません。
containers-access = アクセス
containers-public = 公開
containers-private = 非公開
containers-public-create = 公開: リンクを知っていれば誰でも読み取りと一覧表示ができます
containers-public-url = 公開 URL
containers-public-at = このコンテナーを誰でも読み取れる URL:
containers-make-public = 公開にする
containers-make-private = 非公開にする
containers-empty = このプロジェクトにはまだコンテナーがありません。上で作成してください。
containers-totals = コンテナー { $containers } 個、オブジェクト { $objects } 個、合計 { $bytes }
containers-confirm-delete = コンテナー「{ $name }」を削除しますか?
containers-confirm-delete-full = コンテナー「{ $name }」には { $objects }があります。すべてのオブジェクトを削除してから、コンテナーを削除しますか?
storage-object-count = { $count ->
   *[other] { $count } 個のオブジェクト
}
containers-emptying = コンテナー内のオブジェクトを削除しています
containers-not-empty = コンテナーが空ではありません。先にオブジェクトを削除してください。
containers-metadata-title = 「{ $name }」のメタデータ
containers-name-required = コンテナー名を入力してください。
containers-name-slash = コンテナー名に「/」は使えません。
containers-name-too-long = コンテナー名は 256 バイト以内にしてください。
containers-name-invalid = このコンテナー名は無効です。「/」を含まない 1〜256 バイトの名前にしてください。
containers-name-taken = この名前のコンテナーはすでに存在します。別の名前を選んでください。
objects-breadcrumbs = フォルダーのパス
objects-filter = 次で始まる名前
objects-filter-apply = 絞り込み
objects-folder-name = 新しいフォルダー
objects-create-folder = フォルダーを作成
objects-folder-required = フォルダー名を入力してください。
objects-folder-slash = フォルダー名に「/」は使えません。フォルダーの中に作成するには、先にそのフォルダーを開いてください。
objects-folder = フォルダー
objects-upload = ファイルをアップロード
objects-drop-here = またはここにファイルをドロップしてください。表示中のフォルダーにアップロードされます。
objects-upload-waiting = 待機中
objects-upload-sending = { $total } 中 { $sent }
objects-upload-done = アップロード済み
objects-upload-cancelled = キャンセル済み
objects-upload-clear = 完了したアップロードを消去
objects-empty = このフォルダーは空です。ファイルをアップロードするか、フォルダーを作成してください。
objects-name = 名前
objects-size = サイズ
objects-bytes = （{ $bytes } バイト）
objects-content-type = コンテンツタイプ
objects-modified = 最終更新日時
objects-expires = 自動削除日時
objects-etag = ETag（MD5）
objects-kind = 種類
objects-large = ラージオブジェクト（分割）
objects-download = ダウンロード
objects-select-all = このページのオブジェクトをすべて選択
objects-delete-selected = { $count ->
    [0] 選択したものを削除
   *[other] 選択した { $count } 個のオブジェクトを削除
}
objects-confirm-delete = { $count ->
   *[other] { $count } 個のオブジェクトを削除しますか?
}
objects-confirm-delete-folder = フォルダー「{ $name }」とその中身をすべて削除しますか?
objects-deleting = オブジェクトを削除しています
objects-first-page = 最初のページ
objects-name-required = オブジェクト名を入力してください。
objects-name-too-long = オブジェクト名は 1024 バイト以内にしてください。
objects-name-invalid = このオブジェクト名は無効です。1〜1024 バイトの名前にしてください。
objects-content-type-invalid = text/plain のようなコンテンツタイプを入力してください。
objects-copy-title = コピーまたは移動
objects-copy-container = コピー先のコンテナー
objects-copy-name = 新しい名前
objects-copy-name-help = フォルダーにコピーするには、archive/report.pdf のように名前の前にフォルダーのパスを付けてください。
objects-copy = コピー
objects-move = 移動
objects-copied = 完了しました。
objects-copy-same = コピーするには別の名前かコンテナーを指定してください。
objects-copy-container-required = コンテナーを選んでください。
objects-copy-target-missing = そのコンテナーはもう存在しません。別のコンテナーを選んでください。
storage-progress = { $total } 件中 { $done } 件
storage-delete-failed = { $count ->
   *[other] { $count } 個のオブジェクトを削除できませんでした:
}
storage-metadata = メタデータ
storage-meta-key = キー
storage-meta-value = 値
storage-meta-add = 行を追加
storage-meta-remove = 削除
storage-meta-key-invalid = メタデータのキーに使えるのは英字、数字、「-」のみ（空白と「_」は不可）で、128 文字以内です。
storage-meta-value-invalid = メタデータの値は 256 バイト以内で、改行は使えません。
storage-meta-key-duplicate = 同じメタデータのキーは 1 回しか使えません。
storage-meta-too-many = メタデータは 90 項目までです。

## Orchestration (shared)
nav-stacks = スタック
nav-resource-types = リソースタイプ
nav-template-versions = テンプレートバージョン
stack-status-text = { $action }: { $state }
stack-action-create = 作成
stack-action-update = 更新
stack-action-delete = 削除
stack-action-suspend = 一時停止
stack-action-resume = 再開
stack-action-check = チェック
stack-action-rollback = ロールバック
stack-action-init = 初期化
stack-action-adopt = 採用
stack-action-snapshot = スナップショット
stack-action-restore = 復元
stack-state-in-progress = 進行中
stack-state-complete = 完了
stack-state-failed = 失敗

## Orchestration: template tools
resource-types-title = リソースタイプ
resource-types-description = このクラウドのオーケストレーションサービスが対応するリソースタイプと、そのプロパティ、属性、テンプレートのスニペットです。
resource-types-list-label = 名前空間別のリソースタイプ
resource-types-filter-label = 名前で絞り込む
resource-types-filter-apply = 絞り込む
resource-types-count = { $count ->
   *[other] { $count } 件のタイプ
}
resource-types-empty = 条件に一致するリソースタイプはありません。
resource-types-other = その他
resource-types-choose = リソースタイプを選ぶと、プロパティ、属性、テンプレートのスニペットが表示されます。
resource-types-name-required = リソースタイプを選んでください。
resource-types-not-found = このリソースタイプはこのクラウドにありません。
resource-types-support = サポート状況: { $status }
resource-types-support-since = ({ $version } から)
resource-types-support-deprecated = 非推奨
resource-types-support-unsupported = 非サポート
resource-types-support-hidden = 非表示
resource-types-support-unknown = 不明
resource-types-properties = プロパティ
resource-types-no-properties = このタイプにはプロパティがありません。
resource-types-property-name = 名前
resource-types-property-type = 型
resource-types-property-required = 必須
resource-types-property-update = 更新時
resource-types-property-default = デフォルト
resource-types-property-constraints = 制約
resource-types-update-in-place = その場で変更
resource-types-update-replace = リソースを置き換え
resource-types-update-immutable = 変更不可
resource-types-list-item = (各要素)
resource-types-attributes = 属性
resource-types-no-attributes = このタイプには属性がありません。
resource-types-attribute-name = 名前
resource-types-attribute-description = 説明
resource-types-snippet = HOT スニペット
resource-types-snippet-help = このタイプのリソースと必須プロパティです。「resources:」の下に貼り付け、山括弧内のプレースホルダーを置き換えてください。
resource-types-allowed-values = 次のいずれか: { $values }
resource-types-range-between = { $min } から { $max } まで
resource-types-range-min = { $min } 以上
resource-types-range-max = { $max } 以下
resource-types-length-between = 長さ { $min } から { $max }
resource-types-length-min = 長さ { $min } 以上
resource-types-length-max = 長さ { $max } 以下
resource-types-pattern = パターン { $pattern } に一致
resource-types-custom = 有効な { $name } であること
template-versions-title = テンプレートバージョン
template-versions-description = このクラウドが受け付けるテンプレート形式と、それぞれで使える関数です。
template-versions-empty = このクラウドにはテンプレートバージョンがありません。
template-versions-version = バージョン
template-versions-type = 種類
template-versions-aliases = 別名
template-versions-choose = バージョンを選ぶと、その関数が表示されます。
template-versions-functions-title = { $version } の関数
template-versions-no-functions = このバージョンには関数がありません。
template-versions-function-name = 関数
template-versions-function-description = 説明
template-versions-not-found = このテンプレートバージョンはこのクラウドにありません。

## Orchestration: stack detail and topology
stack-detail-back = ← スタック一覧
stack-detail-back-to-list = スタック一覧に戻る
stack-detail-deleted = スタックは削除されました。
stack-detail-tabs = スタックの表示
stack-detail-tab-topology = トポロジー
stack-detail-tab-overview = 概要
stack-detail-tab-resources = リソース
stack-detail-tab-events = イベント
stack-detail-tab-outputs = 出力
stack-detail-tab-template = テンプレート
stack-detail-update = 更新
stack-detail-suspend = 一時停止
stack-detail-resume = 再開
stack-detail-check = チェック
stack-detail-delete = 削除
stack-detail-confirm-delete = スタック { $name } とそのすべてのリソースを削除しますか？
stack-detail-suspend-started = 一時停止を要求しました。
stack-detail-resume-started = 再開を要求しました。
stack-detail-check-started = チェックを要求しました。
stack-detail-delete-started = 削除を要求しました。
stack-detail-update-started = 更新を開始しました。
stack-detail-action-unknown = この操作はスタックでは使用できません。
stack-detail-id = ID
stack-detail-name = 名前
stack-detail-description = 説明
stack-detail-status = ステータス
stack-detail-reason = ステータスの理由
stack-detail-created = 作成日時
stack-detail-updated = 更新日時
stack-detail-timeout = タイムアウト
stack-detail-timeout-minutes = { $minutes } 分
stack-detail-no-timeout = なし
stack-detail-rollback = 失敗時にロールバック
stack-detail-parameters = パラメーター
stack-detail-no-parameters = このスタックにはパラメーターがありません。
stack-detail-resource-name = 名前
stack-detail-resource-type = タイプ
stack-detail-physical-id = 物理 ID
stack-detail-no-resources = このスタックにはリソースがありません。
stack-detail-member-of = { $group } のメンバー:
stack-detail-resource-title = リソース { $name }
stack-detail-required-by = 依存元
stack-detail-attributes = 属性
stack-detail-no-attributes = このリソースには属性がありません。
stack-detail-attribute = 属性
stack-detail-value = 値
stack-detail-links = リンク
stack-detail-no-events = まだイベントはありません。
stack-detail-events-newest = 最新のイベント
stack-detail-events-older = 古いイベント
stack-detail-output-key = 出力
stack-detail-output-error = エラー
stack-detail-no-outputs = このスタックには出力がありません。
stack-detail-update-title = スタックの更新
stack-detail-update-help = テンプレートまたはパラメーターを編集します。テンプレートを変更しない場合は、変更したパラメーターだけが送信され、その他は現在の値のままです。空のままの非表示パラメーターは現在の値を保持します。
stack-detail-template = テンプレート
stack-detail-template-required = テンプレートを入力してください。
stack-detail-hidden-keep = 非表示: 空のままで現在の値を保持
stack-detail-preview = 変更をプレビュー
stack-detail-update-submit = スタックを更新
stack-detail-preview-title = 更新による変更
stack-detail-preview-added = 追加
stack-detail-preview-updated = その場で更新
stack-detail-preview-replaced = 置き換え
stack-detail-preview-deleted = 削除
stack-detail-preview-unchanged = 変更なし
stack-detail-preview-none = なし
stack-detail-preview-hidden-note = プレビューでは、空のままの非表示パラメーターにはデフォルト値が使われます。
topology-graph-title = スタックのトポロジー
topology-graph-empty = このスタックにはリソースがありません。
topology-graph-node = { $name } ({ $type }): { $status }。
topology-graph-depends = 依存先: { $names }。
topology-graph-legend = 凡例
topology-graph-legend-complete = 完了
topology-graph-legend-progress = 処理中
topology-graph-legend-failed = 失敗
topology-graph-legend-other = 未作成、削除済み、その他
topology-graph-legend-arrow = 矢印は、リソースからそれに依存するリソースへ向かいます。
topology-graph-legend-member = 破線は、グループからそのメンバーへ向かいます。
topology-graph-help = リソースを選ぶと、「リソース」タブに詳細が表示されます。

## Orchestration: stacks list, launch wizard, starter gallery
stacks-title = スタック
stacks-description = Heat スタック: テンプレートから作成され、まとめて管理されるクラウドリソースのグループです。
stacks-filter-name = 名前
stacks-filter-name-help = スタック名と完全に一致するもの。
stacks-filter-status = 状態
stacks-any-status = すべての状態
stacks-status-complete = 完了
stacks-status-failed = 失敗
stacks-status-in-progress = 処理中
stacks-status-invalid = 一覧から状態を選んでください。
stacks-filter-apply = 絞り込む
stacks-starters = スターターテンプレート
stacks-launch = スタックを起動
stacks-delete-selected =
    { $count ->
        [0] 選択したものを削除
       *[other] { $count } 個のスタックを削除
    }
stacks-delete-started =
    { $count ->
       *[other] { $count } 個のスタックを削除しています。
    }
stacks-confirm-delete =
    { $count ->
       *[other] { $count } 個のスタックと、それらが作成したすべてのリソースを削除しますか?
    }
stacks-delete-failed =
    { $count ->
       *[other] { $count } 個のスタックを削除できませんでした:
    }
stacks-empty = 該当するスタックはありません。スタックを起動するか、スターターテンプレートから始めてください。
stacks-select-all = このページのすべてのスタックを選択
stacks-name = 名前
stacks-status = 状態
stacks-created = 作成日時
stacks-updated = 更新日時
stacks-description-column = 説明
stacks-first-page = 最初のページ
stacks-delete = 削除
stacks-ago = { $age }前
launch-stack-title = スタックの起動
launch-stack-description = テンプレートを選び、Heat で検証し、パラメーターを入力し、リソースをプレビューしてから起動します。
launch-stack-step-template = テンプレート
launch-stack-step-validate = テンプレートの検証
launch-stack-step-parameters = パラメーター
launch-stack-step-stack = スタック
launch-stack-step-preview = プレビュー
launch-stack-step-launch = 起動
launch-stack-source = テンプレートの入手元
launch-stack-source-starter = スターターテンプレート
launch-stack-source-file = ファイル
launch-stack-source-text = テキスト
launch-stack-source-url = URL
launch-stack-starter = スターターテンプレート
launch-stack-starter-gallery = スターターテンプレートを見る
launch-stack-file = テンプレートファイル
launch-stack-text-help = 下のエディターにテンプレートを入力するか貼り付けてください。
launch-stack-url = テンプレートの URL
launch-stack-url-help = Heat がこのアドレスからテンプレートを取得します。エディターは使われません。
launch-stack-editor = テンプレート
launch-stack-editor-help = YAML または JSON 形式の HOT または CloudFormation テンプレート。ここで編集できます。
launch-stack-environment = 環境 (任意)
launch-stack-environment-file = 環境ファイル
launch-stack-environment-help = パラメーターの値と既定値、リソースタイプの対応付け (YAML または JSON)。
launch-stack-validate = 検証
launch-stack-validating = 検証中…
launch-stack-valid = テンプレートは有効です。
launch-stack-stale = 検証後にテンプレートが変更されました。もう一度検証してください。
launch-stack-error-at = { $line } 行 { $column } 列: { $message }
launch-stack-error-details = Heat のメッセージ全文
launch-stack-template-required = まずテンプレートを選択、アップロード、入力、またはリンクしてください。
launch-stack-validate-first = パラメーターを入力できるよう、まずテンプレートを検証してください。
launch-stack-parameters-pending = テンプレートを検証するとパラメーターが表示されます。
launch-stack-no-parameters = このテンプレートにはパラメーターがありません。
launch-stack-other-parameters = その他のパラメーター
launch-stack-name = スタック名
launch-stack-name-help = 英字で始め、英字・数字・「_」「-」「.」のみ、255 文字以内。
launch-stack-name-required = スタックの名前を入力してください。
launch-stack-name-too-long = スタック名は 255 文字以内にしてください。
launch-stack-name-start = スタック名は英字 (a–z または A–Z) で始めてください。
launch-stack-name-chars = スタック名に使えるのは英字・数字・「_」「-」「.」のみです (空白は使えません)。
launch-stack-timeout = タイムアウト (分)
launch-stack-timeout-help = Heat がスタックの作成にかけてよい時間。空欄ならクラウドの既定値です。
launch-stack-timeout-invalid = タイムアウトは 1 以上の整数 (分) にしてください。
launch-stack-rollback = 失敗時にロールバック
launch-stack-rollback-help = リソースの作成に失敗したら、作成済みのものを削除します。
launch-stack-preview = プレビュー
launch-stack-preview-help = 何も作成せずに、Heat が作成するリソースを一覧表示します。
launch-stack-preview-empty = このスタックはリソースを作成しません。
launch-stack-preview-count =
    { $count ->
       *[other] { $count } 個のリソースが作成されます。
    }
launch-stack-preview-name = リソース
launch-stack-preview-type = タイプ
launch-stack-submit = スタックを起動
launch-stack-launching = 起動中…
launch-param-required = このパラメーターを入力してください。既定値がありません。
launch-param-not-number = 数値を入力してください。
launch-param-no-keypair = キーペアなし
starter-title = スターターテンプレート
starter-description = そのまま起動することも、手を加えることもできる既製のテンプレートです。
starter-back = スタック一覧に戻る
starter-resource-types = リソースタイプ
starter-launch = 起動
starter-view-template = テンプレートを表示
starter-hide-template = テンプレートを隠す
starter-single-server-title = 単一サーバー
starter-single-server-description = 既存のネットワーク上の 1 台のサーバー。SSH と ping で到達でき、キーペアは任意です。
starter-server-with-storage-title = ストレージ付きサーバー
starter-server-with-storage-description = データ用のオブジェクトストレージコンテナーと、任意でブロックストレージボリュームを備えた 1 台のサーバー。
starter-web-cluster-title = Web クラスター
starter-web-cluster-description = ロードバランサー配下の 2 台の Web サーバーと、Heat がパスワードを生成するデータベースサーバー。
launch-stack-check-fields = 上で示された項目を修正してから、もう一度お試しください。
