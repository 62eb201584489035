<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Complaint analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished">班组</translation>
    </message>
    <message>
        <source>Evaluated tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum of monthly scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair star awards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Winning team awards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SurveyPlanDialog</source>
        <comment>Incident survey (by phone)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SurveyPlanDialog</source>
        <comment>Company survey (quarterly)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SurveyPlanDialog</source>
        <comment>Annual survey</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TemplateEditor</source>
        <comment>Rating, 5 levels (非常满意 … 非常不满意)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TemplateEditor</source>
        <comment>Rating, 3 levels (满意 / 基本满意 / 不满意)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TemplateEditor</source>
        <comment>Yes / no</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TemplateEditor</source>
        <comment>Free text</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TemplateEditor</source>
        <comment>5-level rating</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TemplateEditor</source>
        <comment>3-level rating</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminDialog</name>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Customer units</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Database damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>{problem}

There is no backup of this database to restore.</source>
        <translation>{problem}

此数据库没有可恢复的备份。</translation>
    </message>
    <message>
        <source>{problem}

Restore the newest backup?
{backup}

The damaged file is kept beside it.</source>
        <translation>{problem}

是否恢复最新的备份？
{backup}

损坏的文件会保留在原位置旁边。</translation>
    </message>
    <message>
        <source>The restore failed: {error}</source>
        <translation>恢复失败：{error}</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>The database was restored from:
{path}</source>
        <translation>数据库已从以下备份恢复：
{path}</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(any team)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team:</source>
        <translation type="unfinished">班组：</translation>
    </message>
    <message>
        <source>Technician:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(choose a technician)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the technician.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <source>Callback — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished">班组</translation>
    </message>
    <message>
        <source>What was reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback by: {0} &amp;nbsp; ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished">是</translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished">否</translation>
    </message>
    <message>
        <source>In the customer&apos;s own words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required for this rating: write down the customer&apos;s problems and suggestions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacted within 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device working now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overall rating (the customer&apos;s choice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems and suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note, e.g. no answer / line busy / call again after 3 pm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a failed attempt with the time; the callback stays in the worklist for a retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the callback (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No failed attempts yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} failed attempts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This callback is already completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback of {0} saved: {1} ({2} points).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisit form {0} was created for the team lead of {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaint {0} was opened (source: callback).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt {0} logged; the callback stays in your worklist ({1}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallbackState</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallbacksTab</name>
    <message>
        <source>My callbacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisit forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting pack</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New complaint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a complaint received by phone or e-mail (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export register…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>02 Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>03 Valid?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>04/05 Record form and dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail to manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>06 Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start improvement project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished">是</translation>
    </message>
    <message>
        <source>Select a complaint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings and lessons learned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished">（无）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 处长 — director level and above escalates automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. response speed, attitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VIP complainant (director level and above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished">描述</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>02 Accept and confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the complaint with the complainant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid: the service did not meet what was agreed, and the complaint is true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer has been told (required for an invalid complaint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>03 Is the complaint valid?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsible department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Management representative (copied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>04 Complaint record form — 05 dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handling measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>06 Verify the measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As IT service manager, confirm that the measures were carried out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer confirmed the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer was notified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why close without confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement project {0} created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export complaint register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} complaints written to {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong that the application did not expect. Your saved data is safe; the last action may not have been completed. Please send the text below and the log file to your administrator.</source>
        <translation>程序遇到了意外错误。已保存的数据是安全的，但最后一个操作可能没有完成。请把下面的文字和日志文件发给系统管理员。</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Service Desk</source>
        <translation>服务台</translation>
    </message>
</context>
<context>
    <name>DailyFeedbackPage</name>
    <message>
        <source>Evaluations made on:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterTable</name>
    <message>
        <source>Filter…</source>
        <extracomment>Role under which each row&apos;s first item keeps the row object (a service dataclass).</extracomment>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>FindingsPage</name>
    <message>
        <source>All plans and callbacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unclassified only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreviewed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classified by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort the finding by problem level and type (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality control: confirm or correct the classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn into improvement project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start an improvement project for this finding, linked to its survey plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Survey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} findings, {1} unclassified, {2} unreviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a finding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem level (问题级别)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem type (问题类型)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify the finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classified by {0}. Confirm the classification or correct it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review the classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial corrective measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement project from survey {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement project {0} created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>New database — Service Desk</source>
        <translation>新数据库 — 服务台</translation>
    </message>
    <message>
        <source>This database is new. Start with an empty database and create the administrator account, or load demo data (three months of tickets, callbacks, complaints and surveys) to try the application.</source>
        <translation>这是一个新数据库。您可以从空数据库开始并创建系统管理员账户，或者载入演示数据（三个月的工单、回访、投诉和满意度调查）来试用本程序。</translation>
    </message>
    <message>
        <source>Create empty database</source>
        <translation>创建空数据库</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>载入演示数据</translation>
    </message>
    <message>
        <source>Create the administrator account. The administrator manages users, teams, customer units and settings, and is also a manager.</source>
        <translation>创建系统管理员账户。系统管理员负责管理用户、班组、客户单位和设置，同时也是管理人员。</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>重复密码：</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>创建系统管理员</translation>
    </message>
    <message>
        <source>The demo data is loaded. Log in with one of these accounts (write them down: the passwords are not shown again).</source>
        <translation>演示数据已载入。请用下列账户之一登录（请记下来：密码不会再次显示）。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Continue to log in</source>
        <translation>继续登录</translation>
    </message>
    <message>
        <source>Please enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Demo data is not available in this version: {error}</source>
        <translation>此版本不提供演示数据：{error}</translation>
    </message>
    <message>
        <source>Loading demo data (about {n} tickets)…</source>
        <translation>正在载入演示数据（约 {n} 张工单）…</translation>
    </message>
    <message>
        <source>Loading the demo data was cancelled; nothing was stored.</source>
        <translation>已取消载入演示数据，没有保存任何内容。</translation>
    </message>
    <message>
        <source>Loading the demo data failed: {error}</source>
        <translation>载入演示数据失败：{error}</translation>
    </message>
</context>
<context>
    <name>ImprovementTab</name>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue steps only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Propose an improvement project (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial corrective measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effect and confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished">编辑…</translation>
    </message>
    <message>
        <source>Meeting decision…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add step…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step done…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work done…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished">（无）</translation>
    </message>
    <message>
        <source>Source reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. meeting of 2026-11-05</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New improvement project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure agreed at the meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault analysis meeting decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark project {0} as in progress?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or owner outside the desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a work-plan step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effect evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no goal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(all units)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The measured value is computed from the data: survey answers of a unit, a dimension&apos;s mean score, or callback ratings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal: target {0}, measured now {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the effect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closure code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export tracking table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} projects written to {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnowledgeDialog</name>
    <message>
        <source>Knowledge base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search title, symptom, cause, solution…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open source &amp;ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;itle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ymptom:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cause:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;olution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source ticket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> Select the article again to reload it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in — Service Desk</source>
        <translation>登录 — 服务台</translation>
    </message>
    <message>
        <source>Service Desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Service Desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Admin</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Users, teams, units and settings…</source>
        <translation>用户、班组、客户单位和设置(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Service Desk</source>
        <translation>关于服务台(&amp;A)</translation>
    </message>
    <message>
        <source>{name} ({roles})</source>
        <translation>{name}（{roles}）</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Open or create a database</source>
        <translation>打开或新建数据库</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The backup failed: {error}</source>
        <translation>备份失败：{error}</translation>
    </message>
    <message>
        <source>The database was backed up to:
{path}

The newest {keep} backups are kept.</source>
        <translation>数据库已备份到：
{path}

系统保留最新的 {keep} 份备份。</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Replace the current database with the backup
{source}?

The current database is backed up first. You will have to log in again.</source>
        <translation>用备份
{source}
替换当前数据库吗？

当前数据库会先备份。恢复后需要重新登录。</translation>
    </message>
    <message>
        <source>Switch to tab 1 … {n}</source>
        <translation>切换到第 1 … {n} 个标签页</translation>
    </message>
    <message>
        <source>Open another database file</source>
        <translation>打开另一个数据库文件</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>显示本列表</translation>
    </message>
    <message>
        <source>In the log-in dialog: log in</source>
        <translation>在登录对话框中：登录</translation>
    </message>
    <message>
        <source>Close a dialog without saving</source>
        <translation>关闭对话框且不保存</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Service Desk {version}&lt;/h3&gt;&lt;p&gt;Tickets, callbacks, complaints, improvement projects, surveys and signed reports for a small IT service desk.&lt;/p&gt;&lt;p&gt;Database: {db}&lt;br&gt;Log file: {log}&lt;br&gt;Qt {qt}, PySide6 {pyside}, Python {python}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;服务台 {version}&lt;/h3&gt;&lt;p&gt;面向小型 IT 服务台的工单、回访、投诉、改善项目、满意度调查和签批报告。&lt;/p&gt;&lt;p&gt;数据库：{db}&lt;br&gt;日志文件：{log}&lt;br&gt;Qt {qt}，PySide6 {pyside}，Python {python}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Service Desk</source>
        <translation>关于服务台</translation>
    </message>
</context>
<context>
    <name>MeetingPackPage</name>
    <message>
        <source>The month whose closed tickets the meeting discusses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished">班组</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems and suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisit form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrective measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial corrective measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month discussed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissatisfied evaluations, revisit forms and corrective measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement projects to discuss or confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault analysis meeting on &lt;b&gt;{0}&lt;/b&gt;: {1} dissatisfied evaluations, {2} open improvement projects.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonthDialog</name>
    <message>
        <source>Export ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MyCallbacksPage</name>
    <message>
        <source>The working day to plan: it samples the tickets closed since the previous working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan callbacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample the closed tickets and hand out the callbacks of this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the callback screen of the selected callback (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished">班组</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} open, {1} overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No callbacks planned for {0} yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan of {0} (tickets closed {1} – {2}): {3} callbacks assigned — {4} to dispatchers, {5} to managers, {6} to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} tickets skipped ({1}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ticket skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This day was planned before; here is the stored plan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Set password for {name}</source>
        <translation>为 {name} 设置密码</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>重复密码：</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Fit width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromptDialog</name>
    <message>
        <source> (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} is required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a report for a period (a new draft version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check whether a PDF file is the approved report on record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a report to preview it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 version %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved by %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished">界面语言</translation>
    </message>
    <message>
        <source>Periods: 2026-10 for the monthly reports, 2026-Q3 for the quarterly report, 2026 for the annual one. The report is stored as a new draft version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approving freezes %1 version %2: its figures and PDF are stored and can no longer change. Re-enter your password to sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify a PDF file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify a file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevisitDialog</name>
    <message>
        <source>Ticket and callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished">班组</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporter location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporter phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer&apos;s problems and suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissatisfaction type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device state after repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the other dissatisfaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team lead&apos;s revisit notes (工长回访情况)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrective measures and suggestions (整改措施和建议)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault analysis meeting (故障分析会)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the form (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and hand the form in for the fault analysis meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn into improvement project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The one-page PDF in the layout of the paper form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisit form {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissatisfaction revisit form (不满意回访表) {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team lead: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement project: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already linked to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisit form {0} submitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement project {0} created from this form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting decision recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print revisit form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the PDF…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevisitFormsPage</name>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected revisit form (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished">班组</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} forms, {1} to fill, {2} overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfEvaluationPage</name>
    <message>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished">班组</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished">描述</translation>
    </message>
    <message>
        <source>Judge the ticket as a whole on:&lt;br&gt;a) completeness of the fault description and the cause analysis&lt;br&gt;b) whether the handling method was appropriate&lt;br&gt;c) work efficiency&lt;br&gt;&lt;small&gt;Internal only: the customer does not see it.&lt;/small&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrective note (required for a dissatisfied rating)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save self-evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and go to the next ticket (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team lead self-evaluation (工长自评)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overall rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} closed tickets wait for the self-evaluation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ticket waits for a self-evaluation.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsLabels</name>
    <message>
        <source>Points of the three-level scale</source>
        <extracomment>The labels of settings.SPECS, listed so that lupdate collects them (context &quot;SettingsLabels&quot;).</extracomment>
        <translation>三级评价分值</translation>
    </message>
    <message>
        <source>Points of the five-level scale</source>
        <translation>五级评价分值</translation>
    </message>
    <message>
        <source>Rating scale of callbacks</source>
        <translation>回访评价等级</translation>
    </message>
    <message>
        <source>Share of closed tickets called back</source>
        <translation>已关闭工单的回访比例</translation>
    </message>
    <message>
        <source>Share of callbacks made by dispatchers</source>
        <translation>调度回访所占比例</translation>
    </message>
    <message>
        <source>Days before a customer is called again</source>
        <translation>同一客户再次回访的间隔天数</translation>
    </message>
    <message>
        <source>Comment required at or below this rating</source>
        <translation>评价不高于此等级时必须填写意见</translation>
    </message>
    <message>
        <source>Complaint opened at or below this rating</source>
        <translation>评价不高于此等级时生成投诉</translation>
    </message>
    <message>
        <source>First response due (hours) per priority</source>
        <translation>各优先级首次响应时限（小时）</translation>
    </message>
    <message>
        <source>Resolution due (hours) per priority</source>
        <translation>各优先级解决时限（小时）</translation>
    </message>
    <message>
        <source>Day of the month of the fault analysis meeting</source>
        <translation>每月故障分析会日期（日）</translation>
    </message>
    <message>
        <source>KPI factor per evaluated ticket</source>
        <translation>每张已评价工单的考评系数</translation>
    </message>
    <message>
        <source>Repair star bonus</source>
        <translation>维修之星加分</translation>
    </message>
    <message>
        <source>Days to resolve a complaint</source>
        <translation>投诉处理时限（天）</translation>
    </message>
    <message>
        <source>Management representative (copied on dispatch)</source>
        <translation>管理者代表（投诉派发时抄送）</translation>
    </message>
    <message>
        <source>Weekend days (0 = Monday)</source>
        <translation>周末（0 = 星期一）</translation>
    </message>
    <message>
        <source>Holidays (YYYY-MM-DD)</source>
        <translation>节假日（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Backups kept</source>
        <translation>保留的备份份数</translation>
    </message>
    <message>
        <source>CJK font file for PDFs (TrueType)</source>
        <translation>PDF 中文字体文件（TrueType）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Organisation name on reports</source>
        <translation>报告上的单位名称</translation>
    </message>
    <message>
        <source>three-level</source>
        <translation>三级</translation>
    </message>
    <message>
        <source>five-level</source>
        <translation>五级</translation>
    </message>
    <message>
        <source>follow the system</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>:</source>
        <extracomment>Settings chosen from a fixed list: key → [(stored value, shown text source)].</extracomment>
        <translation>：</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The settings were saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>StandingsView</name>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technicians</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams</source>
        <translation type="unfinished">班组</translation>
    </message>
    <message>
        <source>No evaluated tickets closed in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair star (维修之星): &lt;b&gt;{0}&lt;/b&gt; (+{1} bonus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair star: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Winning team (优胜班组): &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Winning team: —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score = points ÷ evaluated tickets + evaluated tickets × {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair stars by month: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SurveyPlanDialog</name>
    <message>
        <source>Whole year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the customer units to survey; Space toggles the current unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every important unit (重要)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every core unit (核心)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anonymous questionnaire (匿名问卷): answers are not linked to the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the respondent&apos;s unit (for the per-unit satisfaction rate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer units</source>
        <translation type="unfinished">客户单位</translation>
    </message>
    <message>
        <source>Planning starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forms out by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New survey plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit survey plan {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target customers: check units and/or every important or core unit; their contacts become the recipients. The timeline follows the questionnaire and the period (R28).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period} {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TabError</name>
    <message>
        <source>The tab “{title}” could not be opened: {error}

The other tabs work as usual; the details are in the log file.</source>
        <translation>无法打开“{title}”标签页：{error}

其他标签页可以照常使用；详细信息记录在日志文件中。</translation>
    </message>
</context>
<context>
    <name>Tabs</name>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Tickets: the ticket list, ticket form and knowledge base.</source>
        <translation type="vanished">工单：工单列表、工单表单和知识库。</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Callbacks: self-evaluation, the daily callback worklist, revisit forms and monthly results.</source>
        <translation type="vanished">回访：工长自评、每日回访任务、不满意回访表和月度考评。</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Complaints: registration and the complaint flow 01–06.</source>
        <translation type="vanished">投诉：投诉登记和投诉处理流程 01–06。</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改善</translation>
    </message>
    <message>
        <source>Improvement: the improvement project tracking table.</source>
        <translation type="vanished">改善：服务改善项目跟踪管理表。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Surveys</source>
        <translation>满意度调查</translation>
    </message>
    <message>
        <source>Surveys: questionnaire templates, plans, Excel distribution and collection, analysis.</source>
        <translation>满意度调查：问卷模板、调查计划、Excel 问卷发放与回收、分析。</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Reports: PDF reports, approval, preview and printing.</source>
        <translation type="vanished">报告：PDF 报告、审批、预览和打印。</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>New team</source>
        <translation>新建班组</translation>
    </message>
    <message>
        <source>Edit team</source>
        <translation>编辑班组</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
</context>
<context>
    <name>TeamsPage</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Add team…</source>
        <translation>添加班组…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Questionnaire template: {0} (version {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introduction (Chinese)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introduction (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question (Chinese)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a question after the selected one (Ctrl+Ins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected question (Ctrl+Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected question up (Ctrl+Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected question down (Ctrl+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A survey plan uses this questionnaire: saving makes version {0}; the plans keep version {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketForm</name>
    <message>
        <source>Repeat report of {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat report (二次报修) of {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished">（无）</translation>
    </message>
    <message>
        <source>Reporter (报修人)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer &amp;unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;riority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported &amp;at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tech&amp;nician:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause analysis and resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause (原因分析):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution (处理方法):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First response:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response due {response}, resolution due {resolution}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {due}
done {done}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
{what} overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing needs the cause analysis and the resolution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (late)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeat report of {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeated by {numbers}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Assign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tart work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate to &amp;L2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate to &amp;vendor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resol&amp;ve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cl&amp;ose ticket…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add n&amp;ote…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;peat report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;knowledge article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer unit “{name}” is not in the list; choose one from the list or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate to L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the ticket escalated to second-line support?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate to vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which vendor (厂商) takes the ticket over, and why?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause analysis (原因分析)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution (处理方法)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the cause of the fault and how it was resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the ticket reopened?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketTableModel</name>
    <message>
        <source>Number</source>
        <extracomment>The TicketRow of a row, under this role on every cell. The ticket id of a row.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished">描述</translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished">班组</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketsTab</name>
    <message>
        <source>&amp;New ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a new ticket (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected ticket (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;knowledge article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knowledge &amp;base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search and edit knowledge articles (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import ledger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a ticket ledger workbook (每日故障统计工作簿)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export ledger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a month&apos;s tickets as a ledger workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search number, reporter, description, resolution…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open (not resolved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets assigned to me or recorded by me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All customer units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All technicians</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knowledge article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service Desk</source>
        <translation type="unfinished">服务台</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished">意外错误</translation>
    </message>
    <message>
        <source>Import ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New technicians</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer units</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) imported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting {month}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) exported to {path}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayTab</name>
    <message>
        <source>Refresh</source>
        <extracomment>Item data roles on column 0.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the list (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a line or press Enter to open the record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list could not be loaded; the details are in the log file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My tickets near or past their service level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My callbacks due today or overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tickets waiting for self-evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisit forms due before the fault analysis meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaints waiting for verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaints past their agreed time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement steps overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Survey plans collecting (response rate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Survey recipients to remind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{due} (overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today, {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is waiting for you here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is waiting for you. Well done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) need your attention</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n overdue</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Callback satisfaction rate by week (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfaction rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no callbacks yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaints by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation type="unfinished">投诉</translation>
    </message>
    <message>
        <source>This month&apos;s standings ({month})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no evaluations yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>New customer unit</source>
        <translation>新建客户单位</translation>
    </message>
    <message>
        <source>Edit customer unit</source>
        <translation>编辑客户单位</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Importance:</source>
        <translation>重要程度：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要程度</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Add customer unit…</source>
        <translation>添加客户单位…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation>编辑用户</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>班组：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>电子邮件：</translation>
    </message>
    <message>
        <source>Job title:</source>
        <translation>职务：</translation>
    </message>
    <message>
        <source>empty: staff without a login</source>
        <translation>留空：不需要登录的人员</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>重复密码：</translation>
    </message>
    <message>
        <source>Active (can be chosen and can log in)</source>
        <translation>启用（可被选择并可登录）</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>可登录</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Set password…</source>
        <translation>设置密码…</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Choose a user in the list first.</source>
        <translation>请先在列表中选择一个用户。</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>Service Desk</source>
        <translation>服务台</translation>
    </message>
</context>
</TS>
