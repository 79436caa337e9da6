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
settings-page-size-invalid = 请选择每页 10、20、50、100 条或全部。

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

## Common (more)
common-confirm = 确认
common-cancel = 取消
common-cannot-undo = 此操作无法撤销。
common-refresh = 刷新
common-choose = 请选择…
age-seconds =
{ $n ->
  *[other] { $n } 秒
  }
age-minutes =
{ $n ->
  *[other] { $n } 分钟
  }
age-hours =
{ $n ->
  *[other] { $n } 小时
  }
age-days =
{ $n ->
  *[other] { $n } 天
  }

## Compute: instance list (more)
instances-age = 已运行
instances-launch = 启动云主机
instances-sort-invalid = 请通过表头选择排序列。
instances-select-all = 选择本页全部
instances-select-some = 请至少选择一个云主机。
instances-locked = 已锁定
instances-bulk-label = 对所选项:
instances-bulk-apply =
{ $count ->
  [0] 应用到所选项
  *[other] 应用到 { $count } 个云主机…
  }
instances-confirm = { $action }:{ $count } 个云主机。是否继续?
instances-action-sent = 已提交。Nova 正在处理,状态会自动更新。
instances-action-conflict = Nova 拒绝了请求:云主机当前的状态不允许此操作。请等待状态稳定或选择其他操作。(Nova:{ $message })
status-shelved = 已搁置
status-resize = 正在调整大小
status-hard-reboot = 正在硬重启
status-rebuild = 正在重建
status-deleted = 已删除
task-spawning = 正在创建
task-powering-off = 正在关机
task-powering-on = 正在开机
task-rebooting = 正在重启
task-deleting = 正在删除
task-pausing = 正在暂停
task-unpausing = 正在取消暂停
task-suspending = 正在挂起
task-resuming = 正在恢复
task-shelving = 正在搁置
task-unshelving = 正在取消搁置
task-resize-prep = 正在准备调整大小
task-rebuilding = 正在重建
task-image-snapshot = 正在创建快照

## Compute: actions
action-start = 启动
action-stop = 关机
action-reboot = 软重启
action-hard-reboot = 硬重启
action-pause = 暂停
action-unpause = 取消暂停
action-suspend = 挂起
action-resume = 恢复
action-shelve = 搁置
action-unshelve = 取消搁置
action-lock = 锁定
action-unlock = 解锁
action-confirm-resize = 确认调整大小
action-revert-resize = 撤销调整大小
action-delete = 删除
action-resize = 调整大小…
action-rebuild = 重建…
action-snapshot = 创建快照…

## Compute: instance detail
instance-back = 全部云主机
instance-fault = 故障
instance-tabs = 云主机视图
instance-tab-overview = 概况
instance-tab-console = 控制台日志
instance-tab-log = 操作日志
instance-id = ID
instance-updated = 更新时间
instance-locked = 锁定
instance-security-groups = 安全组
instance-flavor-size = { $vcpus } 个 vCPU,{ $ram } MiB 内存,{ $disk } GiB 磁盘
instance-no-addresses = 没有地址。
instance-network = 网络
instance-address = 地址
instance-address-type = 类型
instance-mac = MAC 地址
instance-metadata = 元数据
instance-no-metadata = 没有元数据。
instance-console-length = 显示行数
instance-console-all = 全部
instance-console-lines =
{ $count ->
  *[other] { $count } 行
  }
instance-log-action = 操作
instance-log-start = 开始时间
instance-log-user = 用户 ID
instance-log-request = 请求 ID
instance-log-message = 消息
instance-confirm = 对此云主机执行"{ $action }"?
instance-choose-flavor = 请选择要调整到的云主机类型。
instance-choose-image = 请选择用于重建的镜像。
instance-snapshot-name-required = 请为快照命名。
instance-choose-flavor-label = 新的云主机类型
instance-choose-image-label = 用于重建的镜像
instance-snapshot-name = 快照名称

## Compute: key pairs
common-actions = 操作
nav-keypairs = 密钥对
keypairs-title = 密钥对
keypairs-description = 用于登录云主机的 SSH 密钥。密钥对属于您本人,而不是项目。
keypairs-empty = 您还没有密钥对。
keypair-name = 密钥对名称
keypair-fingerprint = 指纹
keypair-type = 类型
keypair-public-key = 公钥(OpenSSH 格式)
keypair-create-title = 创建密钥对
keypair-create = 创建密钥对
keypair-import-title = 导入公钥
keypair-import = 导入密钥对
keypair-imported = 已导入密钥对 { $name }。
keypair-private-key-once = 请立即保存私钥:云平台不会保存它,这是唯一一次可以下载的机会。
keypair-download = 下载私钥
keypair-name-required = 请输入密钥对名称。
keypair-name-invalid = 最多 255 个字符,只能使用字母、数字、空格以及 _ - . @。
keypair-name-taken = 已存在同名密钥对,请换一个名称。
keypair-public-key-invalid = 请粘贴 OpenSSH 公钥,例如 ~/.ssh/id_ed25519.pub 的内容。
keypair-confirm-delete = 删除密钥对 { $name }?正在使用它的云主机不受影响。

## Compute: launch wizard
common-remove = 移除
launch-title = 启动云主机
launch-description = 每一步都会即时校验;在摘要页点击启动之前不会创建任何资源。
launch-steps = 启动步骤
launch-step-details = 详情
launch-step-source = 源
launch-step-flavor = 云主机类型
launch-step-networks = 网络
launch-step-security-groups = 安全组
launch-step-keypair = 密钥对
launch-step-configuration = 配置
launch-step-summary = 摘要
launch-submit = 启动
launch-name = 云主机名称
launch-count = 数量
launch-instances-left = 项目配额还允许再启动 { $count } 个。
launch-any-zone = 任意可用区
launch-name-required = 请输入云主机名称。
launch-name-too-long = 最多 255 个字符。
launch-count-invalid = 请输入 1 到 100 之间的整数。
launch-zone-invalid = 请从列表中选择可用区。
launch-images = 镜像
launch-snapshots = 云主机快照
launch-image-needs = 需要 { $disk } GiB 磁盘、{ $ram } MiB 内存
launch-no-images = 没有可用于启动的活动镜像。请在"镜像"页面上传一个。
launch-image-required = 请选择用于启动的镜像或快照。
launch-flavor-name = 云主机类型
launch-flavor-vcpus = vCPU
launch-flavor-ram = 内存
launch-flavor-disk = 根磁盘
launch-flavor-note = 不可选原因
launch-flavor-required = 请选择云主机类型。
launch-flavor-ram-too-small = 内存不满足镜像要求。
launch-flavor-disk-too-small = 根磁盘小于镜像要求。
launch-flavor-over-cores = 将超出项目的 vCPU 配额。
launch-flavor-over-ram = 将超出项目的内存配额。
launch-no-neutron = 此云平台没有网络服务,云主机将在无网络的情况下启动。
launch-no-networks = 项目没有网络,云主机将在无网络的情况下启动。
launch-no-network = 无
launch-networks-help = 选择要连接的网络;云主机将在每个网络上获得一个地址。
launch-network-shared = 共享
launch-network-required = 请从列表中至少选择一个网络。
launch-no-security-groups = 此云平台没有网络服务,因此没有可选的安全组。
launch-security-groups-help = 云主机的流量将按所选安全组的规则过滤。
launch-security-group-unknown = 请从列表中选择安全组。
launch-no-keypair = 不使用密钥对
launch-keypair-unknown = 请从列表中选择密钥对,或在下方创建。
launch-user-data = 用户数据(cloud-init)
launch-user-data-file = 或从文件加载:
launch-user-data-size = { $bytes } / { $max } 字节
launch-user-data-too-big = 用户数据超出 Nova 的上限。请缩短,或在脚本中从 URL 获取其余内容。
launch-metadata-key = 键
launch-metadata-value = 值
launch-metadata-add = 添加元数据
launch-metadata-key-invalid = 每个元数据键需为 1 到 255 个字符。
launch-metadata-key-twice = 有重复的元数据键,每个键只能使用一次。
launch-metadata-value-too-long = 元数据值最多 255 个字符。

## Compute: images
nav-images = 镜像
images-title = 镜像
images-description = 用于启动的磁盘镜像和云主机快照。上传内容经 Zenith 以流式方式传到 Glance。
images-empty = 没有匹配的镜像。
images-all = 全部
images-name = 名称
images-type = 类型
images-type-image = 镜像
images-type-snapshot = 快照
images-status = 状态
images-visibility = 可见性
visibility-private = 私有
visibility-shared = 共享
visibility-community = 社区
visibility-public = 公有
images-protected = 受保护
images-format = 磁盘格式
images-size = 大小
images-id = ID
images-owner = 所有者(项目 ID)
images-launch = 启动
images-download = 下载
images-back = 全部镜像
images-confirm-delete = 删除镜像 { $name }?由它启动的云主机会继续运行。
images-protected-delete = 此镜像受保护。请先在其页面取消"受保护",再删除。
images-upload-title = 上传镜像
images-file = 镜像文件
images-file-required = 请选择要上传的文件。
images-field-name = 名称
images-field-min_disk = 最小磁盘(GiB)
images-field-min_ram = 最小内存(MiB)
images-upload = 上传
images-upload-progress = 上传进度
images-upload-done = 上传完成,镜像已可用于启动。
images-upload-cancelled = 已取消上传,未完成的镜像已删除。
images-name-required = 请输入镜像名称。
images-format-invalid = 请从列表中选择磁盘格式。
images-visibility-invalid = 请从列表中选择可见性。
images-public-admin-only = 只有云管理员可以将镜像设为公有。请选择私有、共享或社区。
images-size-invalid = 请输入 0 或更大的整数。
images-edit = 编辑
images-properties = 属性
images-property-add = 添加属性
images-property-key-invalid = 属性名需为 1 到 255 个字符,且不能是 Glance 自身的字段名。
images-save = 保存更改
images-saved = 已保存。

## Project: quota
quota-title = 配额使用情况
quota-show-table = 以表格显示
quota-resource = 资源
quota-used = 已用
quota-limit = 上限
quota-unlimited = 无限制
quota-used-of = 已用 { $used } / { $limit }
quota-used-unlimited = 已用 { $used },无限制
quota-instances = 云主机
quota-vcpus = vCPU
quota-ram = 内存
quota-keypairs = 密钥对
quota-security-groups = 安全组
quota-floating-ips = 浮动 IP

## Settings (more)
settings-page-size-all = 全部

## Project: usage summary
usage-title = 使用情况摘要
usage-from = 开始日期
usage-to = 结束日期
usage-submit = 显示使用情况
usage-date-invalid = 请按 YYYY-MM-DD 格式输入日期。
usage-start-after-end = 开始日期不能晚于结束日期。
usage-end-in-future = 结束日期不能是将来的日期,请选择今天或更早。
usage-active = 期间内的云主机
usage-vcpu-hours = vCPU 小时
usage-ram-hours = 内存 GiB 小时
usage-disk-hours = 磁盘 GiB 小时
usage-hours = 小时
usage-state = 状态
usage-empty = 此期间没有运行的云主机。

## Admin → Compute (issue 4)
error-refused = { $message }
nav-all-instances = 所有实例
nav-flavors = 云主机类型
nav-hypervisors = 虚拟机管理器
nav-compute-services = 计算服务
nav-aggregates = 主机聚合
all-instances-title = 所有实例
all-instances-description = 所有项目的云主机，可执行与项目自身列表相同的操作。
instances-project = 项目

flavors-title = 云主机类型
flavors-description = 所有公有和私有的云主机类型，及其规格和 extra specs。
flavors-create-title = 创建云主机类型
flavors-create = 创建云主机类型
flavors-name = 名称
flavors-id = ID（可选）
flavors-id-hint = ID 留空时，Nova 会生成一个 UUID。
flavors-vcpus = vCPU
flavors-ram = 内存（MiB）
flavors-disk = 根磁盘（GB）
flavors-ephemeral = 临时磁盘（GB）
flavors-swap = 交换空间（MiB）
flavors-rxtx = RX/TX 因子
flavors-description-field = 描述
flavors-public = 公有
flavors-extra-specs = Extra Specs
flavors-more-specs = { $count ->
   *[other] 另有 { $count } 项
}
flavors-name-invalid = 请输入 1 到 255 个字符的名称。
flavors-id-invalid = ID 只能包含字母、数字、空格和“-_.”，最多 255 个字符。
flavors-vcpus-invalid = 请输入 vCPU 数量，须为不小于 1 的整数。
flavors-ram-invalid = 请以 MiB 为单位输入内存大小，须为不小于 1 的整数。
flavors-disk-invalid = 请以 GB 为单位输入根磁盘大小，须为整数（0 或更大）。
flavors-ephemeral-invalid = 请以 GB 为单位输入临时磁盘大小，须为整数（0 或更大）。
flavors-swap-invalid = 请以 MiB 为单位输入交换空间大小，须为整数（0 或更大）。
flavors-rxtx_factor-invalid = 请输入大于 0 的 RX/TX 因子，例如 1.0。
flavors-description-invalid = 描述太长。
flavors-confirm-delete = 删除云主机类型 { $name }？没有云主机在使用它。
flavors-confirm-delete-in-use = { $count ->
   *[other] 删除云主机类型 { $name }？仍有 { $count } 个云主机在使用它；它们会继续运行，但无法再调整回此云主机类型：
}
flavors-back = 全部云主机类型
flavors-spec-invalid = 键和值须为 1 到 255 个字符。
flavors-access-title = 项目访问权限
flavors-access-description = 此云主机类型为私有：只有此处勾选的项目（以及管理员）可以看到和使用它。

specs-title = Extra Specs
specs-source-cloud = 已知的键来自云的元数据定义（Glance metadefs）。
specs-source-builtin = 此云未提供元数据定义，因此 Zenith 显示其内置的 Glance 元数据定义副本。
specs-unset = （未设置）
specs-custom = 其他键
specs-key = 键
specs-value = 值
specs-add = 添加键
specs-save = 保存 Extra Specs
specs-saved = Extra Specs 已保存。

topology-flavor-title = 客户机 CPU 拓扑
topology-image-title = 客户机 CPU 拓扑（镜像属性）
topology-explain = Nova 将 vCPU 划分为插槽、核心和线程。在最大值范围内，它优先选择更多插槽而非更多核心，更多核心而非更多线程；符合首选数量的拓扑会在列表中排名靠前。镜像只能缩小云主机类型所允许的范围。
topology-preferred = 首选
topology-maximum = 最大值
topology-field-cpu_sockets = 插槽
topology-field-cpu_cores = 核心
topology-field-cpu_threads = 线程
topology-field-cpu_max_sockets = 最大插槽数
topology-field-cpu_max_cores = 最大核心数
topology-field-cpu_max_threads = 最大线程数
topology-not-integer = 请输入整数。
topology-below-one = 请输入 1 或更大的数。
topology-above-max = { $max ->
   *[other] 超出了此处适用的最大值 { $max }；请调低此值或提高最大值。
}
topology-above-flavor-max = { $max ->
   *[other] 镜像允许的值不能超过云主机类型的最大值 { $max }。
}
topology-preview-image = 结合镜像预览
topology-preview-flavor = 结合云主机类型预览
topology-no-image = 不使用镜像
topology-pick-flavor = 选择云主机类型
topology-flavor-alone = 仅此云主机类型
topology-with-image = 此云主机类型加所选镜像
topology-chosen-flavor-alone = 仅所选云主机类型
topology-flavor-with-this-image = 所选云主机类型加此镜像
topology-choose = 请在上方选择一项以查看预览。
topology-sockets = { $n ->
   *[other] { $n } 个插槽
}
topology-cores = { $n ->
   *[other] { $n } 个核心
}
topology-threads = { $n ->
   *[other] { $n } 个线程
}
topology-socket-n = 插槽 { $n }
topology-none = 无
topology-reason-order = Nova 按其顺序选取第一个可行的拓扑：线程最少，其次插槽最多。
topology-reason-no-match = 没有可行的拓扑符合首选数量，因此 Nova 按其顺序选取第一个：线程最少，其次插槽最多。
topology-reason-score = { $score ->
    [3] 与首选拓扑完全一致。
   *[other] 符合 { $score } 项首选数量；在最佳匹配中，Nova 按其顺序选取第一个（线程最少，其次插槽最多）。
}
topology-source-image = 镜像设置了首选数量，它会替换云主机类型的全部首选数量。
topology-source-flavor = 首选数量来自云主机类型。
topology-source-dropped = 云主机类型的首选数量超出了限制，因此 Nova 会不加提示地忽略它们。
topology-source-none = 云主机类型和镜像都没有设置首选数量。
topology-ranked-caption = { $count ->
    [1] 唯一可行的拓扑
   *[other] 全部 { $count } 个可行的拓扑，按 Nova 的顺序排列
}
topology-col-sockets = 插槽
topology-col-cores = 核心
topology-col-threads = 线程
topology-col-matches = 匹配数
topology-nova-choice = Nova 的选择
topology-error-invalid = 有值不是整数，因此 Nova 拒绝以此组合启动。
topology-error-limits-exceeded = 镜像的最大值超过了云主机类型的最大值，因此 Nova 拒绝启动。请调低镜像的最大值，或提高云主机类型的最大值。
topology-error-topology-exceeded = 镜像的首选数量超出了最大值允许的范围，因此 Nova 拒绝启动。请调低镜像的首选数量，或提高最大值。
topology-error-impossible = 无法在最大值范围内拆分这么多 vCPU，因此启动会失败。请提高某个最大值，或使用能在最大值范围内相乘得到的 vCPU 数量。
topology-save = 保存拓扑
topology-saved = 拓扑已保存。

hypervisors-title = 虚拟机管理器
hypervisors-description = 每个计算主机的容量，以及各主机上的云主机。
hypervisors-total = 所有主机
hypervisors-vcpus = vCPU
hypervisors-ram = 内存
hypervisors-disk = 磁盘
hypervisors-used-of = 已用 { $used } / { $total } { $unit }（{ $percent }%）
hypervisors-running = { $count ->
   *[other] { $count } 个云主机正在运行
}
hypervisors-servers = { $count ->
    [0] 没有云主机
   *[other] { $count } 个云主机
}
service-state-up = 在线
service-state-down = 离线
service-status-enabled = 已启用
service-status-disabled = 已禁用

services-title = 计算服务
services-description = 每个主机上的 Nova 服务。已禁用的计算服务不会接收新的云主机。
services-binary = 服务
services-host = 主机
services-zone = 可用区
services-status = 状态
services-state = 运行状态
services-updated = 最后上报
services-reason = 禁用原因
services-disable = 禁用
services-enable = 启用
services-reason-too-long = 原因最多 255 个字符。

aggregates-title = 主机聚合
aggregates-description = 带有元数据的主机组；设置可用区后，该组会成为用户可以选择的可用区。
aggregates-create-title = 创建主机聚合
aggregates-create = 创建主机聚合
aggregates-name = 名称
aggregates-zone = 可用区
aggregates-empty = 还没有主机聚合。
aggregates-hosts = 主机
aggregates-add-host = 添加主机
aggregates-pick-host = 选择主机
aggregates-metadata = 元数据
aggregates-metadata-save = 保存元数据
aggregates-confirm-delete = 删除主机聚合 { $name }？
aggregates-name-invalid = 请输入 1 到 255 个字符的名称。
aggregates-zone-invalid = 可用区名称最多 255 个字符，且不能包含冒号。
aggregates-host-required = 请先选择主机。
aggregates-metadata-invalid = 键不能为空；键和值最多 255 个字符。
instance-cpu-topology = 客户机 CPU 拓扑

## Object storage
nav-containers = 容器
common-close = 关闭
common-save = 保存
common-saved = 已保存。
common-copy = 复制
common-copied = 已复制
containers-title = 容器
containers-description = Swift 容器用于存放您的对象：备份、日志、网站资源等。打开容器即可浏览、上传和下载。
containers-create-title = 创建容器
containers-create = 创建容器
containers-name = 名称
containers-objects = 对象
containers-bytes = 大小
containers-policy = 存储策略
containers-policy-default = 云默认值
containers-policy-is-default = { $name }（默认）
containers-policy-fixed = 容器创建后无法更改存储策略。
containers-access = 访问权限
containers-public = 公开
containers-private = 私有
containers-public-create = 公开：任何拥有链接的人都可以读取和列出其内容
containers-public-url = 公开 URL
containers-public-at = 任何人都可以通过以下地址读取此容器
containers-make-public = 设为公开
containers-make-private = 设为私有
containers-empty = 此项目还没有容器。请在上方创建一个。
containers-totals = { $containers } 个容器，{ $objects } 个对象，共 { $bytes }
containers-confirm-delete = 删除容器“{ $name }”？
containers-confirm-delete-full = 容器“{ $name }”中有 { $objects }。先删除所有对象，再删除容器？
storage-object-count = { $count ->
   *[other] { $count } 个对象
}
containers-emptying = 正在删除容器中的对象
containers-not-empty = 容器不为空。请先删除其中的对象。
containers-metadata-title = “{ $name }”的元数据
containers-name-required = 请输入容器名称。
containers-name-slash = 容器名称不能包含“/”。
containers-name-too-long = 容器名称最多 256 字节。
containers-name-invalid = 容器名称无效：必须为 1 到 256 字节，且不能包含“/”。
containers-name-taken = 已存在同名容器。请换一个名称。
objects-breadcrumbs = 文件夹路径
objects-filter = 名称开头为
objects-filter-apply = 筛选
objects-folder-name = 新文件夹
objects-create-folder = 创建文件夹
objects-folder-required = 请输入文件夹名称。
objects-folder-slash = 文件夹名称不能包含“/”。要在文件夹内创建，请先打开该文件夹。
objects-folder = 文件夹
objects-upload = 上传文件
objects-drop-here = 或将文件拖放到此处。文件将上传到当前显示的文件夹。
objects-upload-waiting = 等待中
objects-upload-sending = { $sent } / { $total }
objects-upload-done = 已上传
objects-upload-cancelled = 已取消
objects-upload-clear = 清除已完成的上传
objects-empty = 此文件夹为空。请上传文件或创建文件夹。
objects-name = 名称
objects-size = 大小
objects-bytes = （{ $bytes } 字节）
objects-content-type = 内容类型
objects-modified = 最后修改时间
objects-expires = 自动删除时间
objects-etag = ETag（MD5）
objects-kind = 类型
objects-large = 大对象（分段）
objects-download = 下载
objects-select-all = 选择本页所有对象
objects-delete-selected = { $count ->
    [0] 删除所选项
   *[other] 删除所选的 { $count } 个对象
}
objects-confirm-delete = { $count ->
   *[other] 删除这 { $count } 个对象？
}
objects-confirm-delete-folder = 删除文件夹“{ $name }”及其中的所有内容？
objects-deleting = 正在删除对象
objects-first-page = 第一页
objects-name-required = 请输入对象名称。
objects-name-too-long = 对象名称最多 1024 字节。
objects-name-invalid = 对象名称无效：必须为 1 到 1024 字节。
objects-content-type-invalid = 请输入内容类型，例如 text/plain。
objects-copy-title = 复制或移动
objects-copy-container = 目标容器
objects-copy-name = 新名称
objects-copy-name-help = 在名称前加上文件夹路径即可复制到该文件夹中，例如 archive/report.pdf。
objects-copy = 复制
objects-move = 移动
objects-copied = 已完成。
objects-copy-same = 副本需要使用不同的名称或容器。
objects-copy-container-required = 请选择容器。
objects-copy-target-missing = 该容器已不存在。请选择其他容器。
storage-progress = { $done } / { $total }
storage-delete-failed = { $count ->
   *[other] { $count } 个对象无法删除：
}
storage-metadata = 元数据
storage-meta-key = 键
storage-meta-value = 值
storage-meta-add = 添加一行
storage-meta-remove = 移除
storage-meta-key-invalid = 元数据键只能包含字母、数字和“-”（不能有空格或“_”），最多 128 个字符。
storage-meta-value-invalid = 元数据值最多 256 字节，且不能包含换行符。
storage-meta-key-duplicate = 每个元数据键只能出现一次。
storage-meta-too-many = 最多允许 90 个元数据项。

## Orchestration (shared)
nav-stacks = 堆栈
nav-resource-types = 资源类型
nav-template-versions = 模板版本
stack-status-text = { $action }：{ $state }
stack-action-create = 创建
stack-action-update = 更新
stack-action-delete = 删除
stack-action-suspend = 挂起
stack-action-resume = 恢复
stack-action-check = 检查
stack-action-rollback = 回滚
stack-action-init = 初始化
stack-action-adopt = 接管
stack-action-snapshot = 快照
stack-action-restore = 还原
stack-state-in-progress = 进行中
stack-state-complete = 完成
stack-state-failed = 失败

## Orchestration: template tools
resource-types-title = 资源类型
resource-types-description = 此云的编排服务支持的资源类型，及其属性、特性和模板片段。
resource-types-list-label = 按命名空间分组的资源类型
resource-types-filter-label = 按名称筛选
resource-types-filter-apply = 筛选
resource-types-count = { $count ->
   *[other] { $count } 个类型
}
resource-types-empty = 没有与筛选条件匹配的资源类型。
resource-types-other = 其他
resource-types-choose = 选择一个资源类型以查看其属性、特性和模板片段。
resource-types-name-required = 请选择一个资源类型。
resource-types-not-found = 此云中不存在该资源类型。
resource-types-support = 支持状态：{ $status }
resource-types-support-since = （自 { $version } 起）
resource-types-support-deprecated = 已弃用
resource-types-support-unsupported = 不受支持
resource-types-support-hidden = 已隐藏
resource-types-support-unknown = 未知
resource-types-properties = 属性
resource-types-no-properties = 此类型没有属性。
resource-types-property-name = 名称
resource-types-property-type = 类型
resource-types-property-required = 必填
resource-types-property-update = 更新时
resource-types-property-default = 默认值
resource-types-property-constraints = 约束
resource-types-update-in-place = 原地修改
resource-types-update-replace = 替换资源
resource-types-update-immutable = 不可更改
resource-types-list-item = （每一项）
resource-types-attributes = 特性
resource-types-no-attributes = 此类型没有特性。
resource-types-attribute-name = 名称
resource-types-attribute-description = 描述
resource-types-snippet = HOT 片段
resource-types-snippet-help = 此类型的一个资源及其必填属性，可粘贴到 “resources:” 下。请替换尖括号中的占位符。
resource-types-allowed-values = 可选值：{ $values }
resource-types-range-between = 从 { $min } 到 { $max }
resource-types-range-min = 至少 { $min }
resource-types-range-max = 至多 { $max }
resource-types-length-between = 长度 { $min } 到 { $max }
resource-types-length-min = 长度至少 { $min }
resource-types-length-max = 长度至多 { $max }
resource-types-pattern = 匹配模式 { $pattern }
resource-types-custom = 必须是有效的 { $name }
template-versions-title = 模板版本
template-versions-description = 此云接受的模板格式，以及每种格式提供的函数。
template-versions-empty = 此云没有列出模板版本。
template-versions-version = 版本
template-versions-type = 类型
template-versions-aliases = 别名
template-versions-choose = 选择一个版本以查看其函数。
template-versions-functions-title = { $version } 的函数
template-versions-no-functions = 此版本没有函数。
template-versions-function-name = 函数
template-versions-function-description = 描述
template-versions-not-found = 此云中不存在该模板版本。

## Orchestration: stack detail and topology
stack-detail-back = ← 全部堆栈
stack-detail-back-to-list = 返回堆栈列表
stack-detail-deleted = 堆栈已删除。
stack-detail-tabs = 堆栈视图
stack-detail-tab-topology = 拓扑
stack-detail-tab-overview = 概况
stack-detail-tab-resources = 资源
stack-detail-tab-events = 事件
stack-detail-tab-outputs = 输出
stack-detail-tab-template = 模板
stack-detail-update = 更新
stack-detail-suspend = 挂起
stack-detail-resume = 恢复
stack-detail-check = 检查
stack-detail-delete = 删除
stack-detail-confirm-delete = 删除堆栈 { $name } 及其全部资源？
stack-detail-suspend-started = 已请求挂起。
stack-detail-resume-started = 已请求恢复。
stack-detail-check-started = 已请求检查。
stack-detail-delete-started = 已请求删除。
stack-detail-update-started = 更新已开始。
stack-detail-action-unknown = 堆栈不支持此操作。
stack-detail-id = ID
stack-detail-name = 名称
stack-detail-description = 描述
stack-detail-status = 状态
stack-detail-reason = 状态原因
stack-detail-created = 创建时间
stack-detail-updated = 更新时间
stack-detail-timeout = 超时
stack-detail-timeout-minutes = { $minutes } 分钟
stack-detail-no-timeout = 无
stack-detail-rollback = 失败时回滚
stack-detail-parameters = 参数
stack-detail-no-parameters = 此堆栈没有参数。
stack-detail-resource-name = 名称
stack-detail-resource-type = 类型
stack-detail-physical-id = 物理 ID
stack-detail-no-resources = 此堆栈没有资源。
stack-detail-member-of = { $group } 的成员：
stack-detail-resource-title = 资源 { $name }
stack-detail-required-by = 被依赖于
stack-detail-attributes = 属性
stack-detail-no-attributes = 此资源没有属性。
stack-detail-attribute = 属性
stack-detail-value = 值
stack-detail-links = 链接
stack-detail-no-events = 暂无事件。
stack-detail-events-newest = 最新事件
stack-detail-events-older = 更早的事件
stack-detail-output-key = 输出
stack-detail-output-error = 错误
stack-detail-no-outputs = 此堆栈没有输出。
stack-detail-update-title = 更新堆栈
stack-detail-update-help = 编辑模板或参数。模板不变时，只发送您修改过的参数，其余参数保持原值。留空的隐藏参数保持当前值。
stack-detail-template = 模板
stack-detail-template-required = 请输入模板。
stack-detail-hidden-keep = 隐藏：留空则保持当前值
stack-detail-preview = 预览更改
stack-detail-update-submit = 更新堆栈
stack-detail-preview-title = 更新将带来的更改
stack-detail-preview-added = 新增
stack-detail-preview-updated = 原地更新
stack-detail-preview-replaced = 替换
stack-detail-preview-deleted = 删除
stack-detail-preview-unchanged = 不变
stack-detail-preview-none = 无
stack-detail-preview-hidden-note = 在预览中，留空的隐藏参数使用其默认值。
topology-graph-title = 堆栈拓扑
topology-graph-empty = 此堆栈没有资源。
topology-graph-node = { $name }（{ $type }）：{ $status }。
topology-graph-depends = 依赖于 { $names }。
topology-graph-legend = 图例
topology-graph-legend-complete = 完成
topology-graph-legend-progress = 进行中
topology-graph-legend-failed = 失败
topology-graph-legend-other = 未创建、已删除或其他
topology-graph-legend-arrow = 箭头从一个资源指向依赖它的资源。
topology-graph-legend-member = 虚线从一个组指向其成员。
topology-graph-help = 选择一个资源，即可在“资源”标签页中查看其详情。

## Orchestration: stacks list, launch wizard, starter gallery
stacks-title = 堆栈
stacks-description = Heat 堆栈：由模板创建并统一管理的一组云资源。
stacks-filter-name = 名称
stacks-filter-name-help = 与堆栈名称完全一致。
stacks-filter-status = 状态
stacks-any-status = 任意状态
stacks-status-complete = 完成
stacks-status-failed = 失败
stacks-status-in-progress = 进行中
stacks-status-invalid = 请从列表中选择一个状态。
stacks-filter-apply = 筛选
stacks-starters = 入门模板
stacks-launch = 启动堆栈
stacks-delete-selected =
    { $count ->
        [0] 删除所选
       *[other] 删除 { $count } 个堆栈
    }
stacks-delete-started =
    { $count ->
       *[other] 正在删除 { $count } 个堆栈。
    }
stacks-confirm-delete =
    { $count ->
       *[other] 删除这 { $count } 个堆栈及其创建的所有资源？
    }
stacks-delete-failed =
    { $count ->
       *[other] { $count } 个堆栈无法删除：
    }
stacks-empty = 没有匹配的堆栈。请启动一个堆栈，或从入门模板开始。
stacks-select-all = 选择本页所有堆栈
stacks-name = 名称
stacks-status = 状态
stacks-created = 创建时间
stacks-updated = 更新时间
stacks-description-column = 描述
stacks-first-page = 第一页
stacks-delete = 删除
stacks-ago = { $age }前
launch-stack-title = 启动堆栈
launch-stack-description = 选择模板，由 Heat 检查，填写参数，预览资源，然后启动。
launch-stack-step-template = 模板
launch-stack-step-validate = 检查模板
launch-stack-step-parameters = 参数
launch-stack-step-stack = 堆栈
launch-stack-step-preview = 预览
launch-stack-step-launch = 启动
launch-stack-source = 模板来源
launch-stack-source-starter = 入门模板
launch-stack-source-file = 文件
launch-stack-source-text = 文本
launch-stack-source-url = URL
launch-stack-starter = 入门模板
launch-stack-starter-gallery = 浏览入门模板
launch-stack-file = 模板文件
launch-stack-text-help = 请在下方编辑器中输入或粘贴模板。
launch-stack-url = 模板 URL
launch-stack-url-help = Heat 会从此地址下载模板，不使用编辑器中的内容。
launch-stack-editor = 模板
launch-stack-editor-help = YAML 或 JSON 格式的 HOT 或 CloudFormation 模板，可在此编辑。
launch-stack-environment = 环境（可选）
launch-stack-environment-file = 环境文件
launch-stack-environment-help = 参数值、参数默认值以及资源类型映射，YAML 或 JSON 格式。
launch-stack-validate = 验证
launch-stack-validating = 正在验证…
launch-stack-valid = 模板有效。
launch-stack-stale = 模板在检查后已更改，请重新验证。
launch-stack-error-at = 第 { $line } 行，第 { $column } 列：{ $message }
launch-stack-error-details = Heat 的完整消息
launch-stack-template-required = 请先选择、上传、输入或链接一个模板。
launch-stack-validate-first = 请先验证模板，以便填写其参数。
launch-stack-parameters-pending = 验证模板后即可看到其参数。
launch-stack-no-parameters = 此模板没有参数。
launch-stack-other-parameters = 其他参数
launch-stack-name = 堆栈名称
launch-stack-name-help = 以字母开头，其后只能是字母、数字、“_”、“-”和“.”，最多 255 个字符。
launch-stack-name-required = 请输入堆栈名称。
launch-stack-name-too-long = 堆栈名称最多 255 个字符。
launch-stack-name-start = 堆栈名称必须以字母（a–z 或 A–Z）开头。
launch-stack-name-chars = 堆栈名称只能包含字母、数字、“_”、“-”和“.”（不能有空格）。
launch-stack-timeout = 超时（分钟）
launch-stack-timeout-help = Heat 创建堆栈可用的时间。留空则使用云的默认值。
launch-stack-timeout-invalid = 超时必须是不小于 1 的整数分钟数。
launch-stack-rollback = 失败时回滚
launch-stack-rollback-help = 如果某个资源创建失败，则删除已创建的资源。
launch-stack-preview = 预览
launch-stack-preview-help = 列出 Heat 将创建的资源，但不实际创建。
launch-stack-preview-empty = 此堆栈不会创建任何资源。
launch-stack-preview-count =
    { $count ->
       *[other] 将创建 { $count } 个资源。
    }
launch-stack-preview-name = 资源
launch-stack-preview-type = 类型
launch-stack-submit = 启动堆栈
launch-stack-launching = 正在启动…
launch-param-required = 请填写此参数：它没有默认值。
launch-param-not-number = 请输入一个数字。
launch-param-no-keypair = 不使用密钥对
starter-title = 入门模板
starter-description = 现成的模板，可以直接启动，也可以修改后使用。
starter-back = 返回堆栈列表
starter-resource-types = 资源类型
starter-launch = 启动
starter-view-template = 查看模板
starter-hide-template = 隐藏模板
starter-single-server-title = 单台服务器
starter-single-server-description = 现有网络上的一台服务器，可通过 SSH 和 ping 访问，密钥对可选。
starter-server-with-storage-title = 带存储的服务器
starter-server-with-storage-description = 一台服务器，带有存放其数据的对象存储容器，并可选挂载一个块存储卷。
starter-web-cluster-title = Web 集群
starter-web-cluster-description = 负载均衡器后的两台 Web 服务器，以及一台由 Heat 生成密码的数据库服务器。
launch-stack-check-fields = 请更正上方标出的字段，然后重试。
