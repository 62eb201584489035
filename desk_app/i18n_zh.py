"""Simplified Chinese for the English source strings used with `desk_app.i18n.t`."""

ZH: dict[str, str] = {
    # roles
    "Service desk agent": "服务台",
    "Technician L2": "二线运维",
    "Team lead": "工长",
    "Dispatcher": "调度",
    "Manager": "管理人员",
    "Quality controller": "质量控制",
    "Administrator": "系统管理员",
    # channels
    "Hotline": "报修电话",
    "Email": "电子邮件",
    "Walk-in": "现场报修",
    "Self-service": "自助服务",
    # ticket states
    "New": "新建",
    "Assigned": "已分派",
    "In progress": "处理中",
    "Escalated (L2)": "已升级（二线）",
    "Escalated (vendor)": "已升级（厂商）",
    "Resolved": "已解决",
    "Closed": "已关闭",
    # ratings
    "Very satisfied": "非常满意",
    "Satisfied": "满意",
    "Basically satisfied": "基本满意",
    "Dissatisfied": "不满意",
    "Very dissatisfied": "非常不满意",
    # importance
    "Normal": "一般",
    "Important": "重要",
    "Core": "核心",
    # errors and messages
    "You are not allowed to do this: {action}.": "您无权执行此操作：{action}。",
    "Wrong user name or password.": "用户名或密码错误。",
    "This account is disabled.": "该账户已停用。",
    "This account has no login.": "该人员没有登录账户。",
    "The password must have at least {n} characters.": "密码至少需要 {n} 个字符。",
    "{field} is required.": "{field}不能为空。",
    "{field} is too long (at most {n} characters).": "{field}过长（最多 {n} 个字符）。",
    "The user name {name} is already taken.": "用户名 {name} 已被使用。",
    "A team named {name} already exists.": "名为 {name} 的班组已存在。",
    "A customer unit named {name} already exists.": "名为 {name} 的客户单位已存在。",
    "{who} changed this record at {when} after you opened it. Reload it and apply your change again.":
        "您打开此记录后，{who} 于 {when} 修改了它。请重新加载后再修改。",
    "This record no longer exists.": "该记录已不存在。",
    "The database file {path} is newer (schema {found}) than this application (schema {supported}). "
    "Please update the application.":
        "数据库文件 {path} 的版本（{found}）比本程序支持的版本（{supported}）新，请升级程序。",
    "The database file {path} is damaged: {detail}": "数据库文件 {path} 已损坏：{detail}",
    "The database is locked by another program or workstation. Try again in a moment.":
        "数据库正被其他程序或工作站锁定，请稍后再试。",
    "The database file is read-only. Check the file permissions.": "数据库文件为只读，请检查文件权限。",
    "The disk is full. Free some space and try again.": "磁盘已满，请释放空间后重试。",
    "The database file cannot be opened. Check the path and permissions.": "无法打开数据库文件，请检查路径和权限。",
    "{path} is not a Service Desk database.": "{path} 不是服务台数据库。",
    "Setting {key}: {problem}": "设置 {key}：{problem}",
    "unknown setting": "未知的设置项",
    "must be a number between {lo} and {hi}": "必须是 {lo} 到 {hi} 之间的数字",
    "must be a whole number between {lo} and {hi}": "必须是 {lo} 到 {hi} 之间的整数",
    "has the wrong form": "格式不正确",
    "At least one role is required.": "至少需要一个角色。",
    "Unknown role: {role}.": "未知角色：{role}。",
    "You cannot remove your own administrator role or disable yourself.": "不能取消自己的管理员角色或停用自己。",
    "The database already holds data; demo data goes into an empty database only.":
        "数据库中已有数据；演示数据只能载入空数据库。",
    "{field} has the wrong form: 2–40 letters, digits, '.', '_' or '-'.":
        "{field}格式不正确：应为 2–40 个字母、数字、“.”、“_”或“-”。",
    "{field} has the wrong form.": "{field}格式不正确。",
    "User name": "用户名",
    "Full name": "姓名",
    "Phone": "电话",
    "Title": "职务",
    "Team name": "班组名称",
    "Description": "描述",
    "Importance": "重要程度",
    "Unit name": "单位名称",
    "Address": "地址",
}
