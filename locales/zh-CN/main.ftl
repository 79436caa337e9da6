app-title = Zenith

## Common
common-loading = 正在加载…
common-language = 语言
common-yes = 是
common-no = 否
common-previous = 上一页
common-next = 下一页
common-pagination = 分页
common-page-of = 第 { $page } 页，共 { $pages } 页

## Errors
error-not-logged-in = 请登录后继续。
error-session-expired = 您的会话已过期，请重新登录。
error-invalid-credentials = 用户名、密码或域不正确。请检查后重试。
error-no-project = 该用户没有可用的项目。请联系云管理员为您分配项目角色。
error-forbidden = 您无权执行此操作。如需访问，请联系云管理员。
error-not-found = 您请求的内容不存在（或已被删除）。
error-bad-request = 表单不完整。请填写所有字段后重试。
error-unreachable = 无法连接 { $service }。请确认云正在运行，然后重试。
error-timeout = { $service } 未能及时响应。请稍后重试。
error-cloud = 云拒绝了该请求（{ $status }）：{ $message }
error-internal = Zenith 内部出错：{ $detail }
error-unknown-project = 您在该项目中没有角色。
error-unknown-region = 云中没有该区域。
error-back-home = 返回概览
error-404-title = 页面未找到
error-404-body = 此地址没有页面。请检查链接，或从概览重新开始。
error-403-title = 拒绝访问
error-403-body = 此页面仅供云管理员使用。如需访问，请联系管理员。

## Login
login-title = 登录您的云
login-username = 用户名
login-password = 密码
login-domain = 域
login-submit = 登录
login-signing-in = 正在登录…
login-username-required = 请输入用户名。
login-password-required = 请输入密码。
login-session-expired = 您的会话已过期，请重新登录。
login-logged-out = 您已退出登录。

## Shell
shell-skip-to-content = 跳到正文
shell-menu = 菜单
shell-breadcrumbs = 面包屑导航
header-project = 项目
header-region = 区域
header-user-menu = 用户菜单
header-signed-in-as = 已登录为 { $user }（{ $domain }）
header-logout = 退出登录
nav-project = 项目
nav-admin = 管理
nav-identity = 身份
nav-settings = 设置
nav-overview = 概览
nav-projects = 项目
nav-users = 用户
nav-system-info = 系统信息

## Overview
overview-title = 概览
overview-description = 您的项目、角色以及此区域的服务。
overview-project = 项目
overview-domain = 域：{ $domain }
overview-roles = 您的角色
overview-region = 区域
overview-regions-count = { $count ->
   *[other] 此云共有 { $formatted } 个区域
}
overview-session = 会话结束时间
overview-services = 服务
overview-services-count = { $count ->
    [0] 此区域没有服务
   *[other] 此区域有 { $formatted } 个服务
}
overview-service-type = 类型
overview-service-name = 名称
overview-service-endpoint = 端点

## Identity
projects-title = 项目
projects-description = 您可以使用的项目。
projects-name = 名称
projects-domain = 域
projects-description-column = 描述
projects-enabled = 已启用
projects-id = ID
projects-current = 当前
users-title = 用户
users-description = 云中的所有用户。
users-name = 名称
users-domain = 域
users-email = 电子邮件
users-enabled = 已启用
users-id = ID

## Admin
system-title = 系统信息
system-description = 身份服务中登记的服务和端点。
system-interface = 接口

## Settings
settings-title = 设置
settings-description = Zenith 的显示方式。保存在此浏览器中。
settings-language = 语言
settings-timezone = 时区
settings-page-size = 每页条目数
settings-save = 保存
settings-saved = 设置已保存。
settings-language-invalid = 请从列表中选择语言。
settings-timezone-invalid = 请从列表中选择时区。
settings-page-size-invalid = 请选择每页 10、20、50 或 100 条。

## Compute: instances
nav-instances = 实例
instances-title = 实例
instances-description = 此项目的服务器。状态变化中的行会自动刷新。
instances-filter-name = 名称包含
instances-filter-status = 状态
instances-any-status = 任意状态
instances-filter-apply = 筛选
instances-status-invalid = 请从列表中选择状态。
instances-empty = 没有匹配的实例。
instances-name = 名称
instances-image = 镜像
instances-addresses = IP 地址
instances-flavor = 云主机类型
instances-key-pair = 密钥对
instances-status = 状态
instances-availability-zone = 可用区
instances-task = 任务
instances-power-state = 电源状态
instances-created = 创建时间
instances-first-page = 第一页
status-active = 运行中
status-build = 构建中
status-shutoff = 已关机
status-paused = 已暂停
status-suspended = 已挂起
status-shelved-offloaded = 已搁置
status-verify-resize = 确认调整大小
status-reboot = 重启中
status-error = 错误
power-running = 运行中
power-paused = 已暂停
power-shutdown = 已关机
power-crashed = 已崩溃
power-suspended = 已挂起
power-nostate = 无状态
