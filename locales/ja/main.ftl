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
settings-page-size-invalid = 1 ページの件数は 10、20、50、100 から選んでください。

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
