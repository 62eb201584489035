<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>AnalysisDialog</name>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Complaint analysis</source>
        <translation>投诉分析</translation>
    </message>
    <message>
        <source>By type</source>
        <translation>按类型</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>按单位</translation>
    </message>
    <message>
        <source>By source</source>
        <translation>按来源</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
</context>
<context>
    <name>AnalysisPage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Recompute the analysis (F5)</source>
        <translation>重新计算分析结果（F5）</translation>
    </message>
    <message>
        <source>&amp;Plan:</source>
        <translation>调查计划(&amp;P)：</translation>
    </message>
    <message>
        <source>Response rate</source>
        <translation>回收率</translation>
    </message>
    <message>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Mean score</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Very dissatisfied answers</source>
        <translation>非常不满意答卷</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>问题发现</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案类型</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>答题数</translation>
    </message>
    <message>
        <source>Satisfaction rate (%)</source>
        <translation>满意率（%）</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Yes (%)</source>
        <translation>是（%）</translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要程度</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>调查对象</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已回收</translation>
    </message>
    <message>
        <source>Satisfied (%)</source>
        <translation>满意（%）</translation>
    </message>
    <message>
        <source>Mean score per dimension</source>
        <translation>各维度平均分</translation>
    </message>
    <message>
        <source>Trend over earlier surveys of this questionnaire</source>
        <translation>本问卷历次调查趋势</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>题目数</translation>
    </message>
    <message>
        <source>Satisfaction rate per customer unit (客户单位服务满意率)</source>
        <translation>客户单位服务满意率</translation>
    </message>
    <message>
        <source>Findings by problem level and type</source>
        <translation>按问题级别和类型统计的问题</translation>
    </message>
    <message>
        <source>Comments by dimension</source>
        <translation>按维度分列的意见</translation>
    </message>
    <message>
        <source>No survey plan yet.</source>
        <translation>尚无调查计划。</translation>
    </message>
    <message>
        <source>{template}, period {period}{anonymous}</source>
        <translation>{template}，期间 {period}{anonymous}</translation>
    </message>
    <message>
        <source>, anonymous</source>
        <translation>，匿名</translation>
    </message>
    <message>
        <source>{0} of {1} returned</source>
        <translation>已回收 {0}/{1}</translation>
    </message>
    <message>
        <source>{0} of {1} rating answers</source>
        <translation>{1} 个评价答案中的 {0} 个</translation>
    </message>
    <message>
        <source>points, out of {0}</source>
        <translation>分，满分 {0}</translation>
    </message>
    <message>
        <source>complaints: {0}</source>
        <translation>投诉：{0}</translation>
    </message>
    <message>
        <source>{0} classified, {1} reviewed</source>
        <translation>已分类 {0}，已复核 {1}</translation>
    </message>
    <message>
        <source>No rating answers yet</source>
        <translation>尚无评价答案</translation>
    </message>
    <message>
        <source>Response rate (%)</source>
        <translation>回收率（%）</translation>
    </message>
    <message>
        <source>No earlier survey of this questionnaire to compare with</source>
        <translation>本问卷没有可供对比的历次调查</translation>
    </message>
    <message>
        <source>Comments are listed by dimension below.</source>
        <translation>意见按维度列在下方。</translation>
    </message>
    <message>
        <source>{0} of {1} rating answers satisfied</source>
        <translation>{1} 个评价答案中 {0} 个满意</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>{0} findings: {1} classified by the desk, {2} reviewed by quality control.</source>
        <translation>共 {0} 条问题：服务台已分类 {1} 条，质量控制已复核 {2} 条。</translation>
    </message>
    <message>
        <source>No comments.</source>
        <translation>没有意见。</translation>
    </message>
    <message>
        <source>Written analysis</source>
        <translation>书面分析</translation>
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
        <translation>分派工单</translation>
    </message>
    <message>
        <source>(any team)</source>
        <translation>（任意班组）</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>班组：</translation>
    </message>
    <message>
        <source>Technician:</source>
        <translation>维修人：</translation>
    </message>
    <message>
        <source>Note (optional):</source>
        <translation>备注（可选）：</translation>
    </message>
    <message>
        <source>(choose a technician)</source>
        <translation>（请选择维修人）</translation>
    </message>
    <message>
        <source>Choose the technician.</source>
        <translation>请选择维修人。</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <source>Callback — {0}</source>
        <translation>回访 — {0}</translation>
    </message>
    <message>
        <source>Ticket {0}</source>
        <translation>工单 {0}</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>报修时间</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修人</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>What was reported</source>
        <translation>报修内容</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>Callback by: {0} &amp;nbsp; ({1})</source>
        <translation>回访人：{0} &amp;nbsp;（{1}）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>In the customer&apos;s own words</source>
        <translation>请按客户原话记录</translation>
    </message>
    <message>
        <source>Required for this rating: write down the customer&apos;s problems and suggestions.</source>
        <translation>此评价必须填写：请记录客户反映的问题和建议。</translation>
    </message>
    <message>
        <source>Phone script</source>
        <translation>回访话术</translation>
    </message>
    <message>
        <source>Contacted within 1 hour</source>
        <translation>1 小时内联系客户</translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Device working now</source>
        <translation>设备/系统现已正常</translation>
    </message>
    <message>
        <source>Overall rating (the customer&apos;s choice)</source>
        <translation>总体评价（由客户选择）</translation>
    </message>
    <message>
        <source>Problems and suggestions</source>
        <translation>问题和建议</translation>
    </message>
    <message>
        <source>Call attempts</source>
        <translation>呼叫记录</translation>
    </message>
    <message>
        <source>Note, e.g. no answer / line busy / call again after 3 pm</source>
        <translation>备注，例如：无人接听 / 占线 / 下午 3 点后再打</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>无法联系</translation>
    </message>
    <message>
        <source>Log a failed attempt with the time; the callback stays in the worklist for a retry</source>
        <translation>记录一次未接通的呼叫及时间；该回访留在任务列表中稍后重试</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Record the callback (Ctrl+S)</source>
        <translation>记录回访结果（Ctrl+S）</translation>
    </message>
    <message>
        <source>No failed attempts yet.</source>
        <translation>尚无未接通记录。</translation>
    </message>
    <message>
        <source>{0} failed attempts:</source>
        <translation>{0} 次未接通：</translation>
    </message>
    <message>
        <source>This callback is already completed.</source>
        <translation>此回访已完成。</translation>
    </message>
    <message>
        <source>Callback of {0} saved: {1} ({2} points).</source>
        <translation>{0} 的回访已保存：{1}（{2} 分）。</translation>
    </message>
    <message>
        <source>Revisit form {0} was created for the team lead of {1}.</source>
        <translation>已为{1}的工长生成不满意回访表 {0}。</translation>
    </message>
    <message>
        <source>the team</source>
        <translation>该班组</translation>
    </message>
    <message>
        <source>Complaint {0} was opened (source: callback).</source>
        <translation>已生成投诉 {0}（来源：回访）。</translation>
    </message>
    <message>
        <source>Callback saved</source>
        <translation>回访已保存</translation>
    </message>
    <message>
        <source>Attempt {0} logged; the callback stays in your worklist ({1}).</source>
        <translation>已记录第 {0} 次呼叫；该回访仍在您的任务列表中（{1}）。</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>CallbackState</name>
    <message>
        <source>Pending</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>无法联系</translation>
    </message>
</context>
<context>
    <name>CallbacksTab</name>
    <message>
        <source>My callbacks</source>
        <translation>我的回访</translation>
    </message>
    <message>
        <source>Self-evaluation</source>
        <translation>工长自评</translation>
    </message>
    <message>
        <source>Revisit forms</source>
        <translation>不满意回访表</translation>
    </message>
    <message>
        <source>Daily feedback</source>
        <translation>每日反馈</translation>
    </message>
    <message>
        <source>Monthly results</source>
        <translation>月度考评</translation>
    </message>
    <message>
        <source>Meeting pack</source>
        <translation>会议资料</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>Overdue only</source>
        <translation>仅显示逾期</translation>
    </message>
    <message>
        <source>Only open complaints past their agreed resolution time</source>
        <translation>仅显示超过约定解决时间的未结投诉</translation>
    </message>
    <message>
        <source>New complaint…</source>
        <translation>新建投诉…</translation>
    </message>
    <message>
        <source>Register a complaint received by phone or e-mail (Ctrl+N)</source>
        <translation>登记通过电话或电子邮件收到的投诉（Ctrl+N）</translation>
    </message>
    <message>
        <source>Export register…</source>
        <translation>导出投诉登记表…</translation>
    </message>
    <message>
        <source>Write the listed complaints to an Excel workbook</source>
        <translation>将列出的投诉写入 Excel 工作簿</translation>
    </message>
    <message>
        <source>Analysis…</source>
        <translation>分析…</translation>
    </message>
    <message>
        <source>Complaints counted by type, unit, source and month</source>
        <translation>按类型、单位、来源和月份统计投诉</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <source>02 Accept</source>
        <translation>02 受理</translation>
    </message>
    <message>
        <source>Accept the complaint and confirm it with the complainant</source>
        <translation>受理投诉并与投诉人确认</translation>
    </message>
    <message>
        <source>03 Valid?</source>
        <translation>03 是否有效</translation>
    </message>
    <message>
        <source>Valid: the service did not meet what was agreed (e.g. an SLO) and the complaint is true</source>
        <translation>有效投诉：所提供的服务未达到约定（如服务级别目标），且投诉经核实属实</translation>
    </message>
    <message>
        <source>04/05 Record form and dispatch</source>
        <translation>04/05 记录单与派发</translation>
    </message>
    <message>
        <source>Fill the complaint record form and dispatch it to the responsible department manager, copying the management representative</source>
        <translation>填写投诉记录单，派发给责任部门经理，并抄送管理者代表</translation>
    </message>
    <message>
        <source>E-mail to manager</source>
        <translation>邮件通知部门经理</translation>
    </message>
    <message>
        <source>Open an e-mail to the department manager in your mail program</source>
        <translation>在邮件程序中给部门经理写邮件</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>处理措施</translation>
    </message>
    <message>
        <source>Record the handling measures taken</source>
        <translation>记录已采取的处理措施</translation>
    </message>
    <message>
        <source>06 Verify</source>
        <translation>06 验证</translation>
    </message>
    <message>
        <source>The IT service manager verifies that the measures were carried out</source>
        <translation>IT服务经理验证措施已落实</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close with the customer&apos;s confirmation, or record why it closes without</source>
        <translation>经客户确认后关闭，或记录未经确认关闭的原因</translation>
    </message>
    <message>
        <source>Findings…</source>
        <translation>经验总结…</translation>
    </message>
    <message>
        <source>Start improvement project</source>
        <translation>发起服务改善项目</translation>
    </message>
    <message>
        <source>Start an improvement project from this valid complaint, keeping the link</source>
        <translation>由此有效投诉发起服务改善项目，并保留关联</translation>
    </message>
    <message>
        <source>Print feedback form…</source>
        <translation>打印反馈表…</translation>
    </message>
    <message>
        <source>The customer complaint feedback form (客户投诉反馈表) as a PDF</source>
        <translation>以 PDF 格式输出客户投诉反馈表</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Select a complaint.</source>
        <translation>请选择一条投诉。</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>有效性</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>验证人</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>关闭说明</translation>
    </message>
    <message>
        <source>Findings and lessons learned</source>
        <translation>处理结果与经验总结</translation>
    </message>
    <message>
        <source>Improvement projects</source>
        <translation>服务改善项目</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>e.g. 处长 — director level and above escalates automatically</source>
        <translation>例如：处长 — 处级及以上自动升级</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Related ticket</source>
        <translation>相关工单</translation>
    </message>
    <message>
        <source>e.g. response speed, attitude</source>
        <translation>例如：响应速度、服务态度</translation>
    </message>
    <message>
        <source>VIP complainant (director level and above)</source>
        <translation>VIP 投诉人（处级及以上）</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <source>02 Accept and confirm</source>
        <translation>02 受理并确认</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Confirm the complaint with the complainant.</source>
        <translation>与投诉人确认投诉内容。</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Valid: the service did not meet what was agreed, and the complaint is true</source>
        <translation>有效：所提供的服务未达到约定要求，且投诉属实</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The customer has been told (required for an invalid complaint)</source>
        <translation>已告知客户（无效投诉必填）</translation>
    </message>
    <message>
        <source>03 Is the complaint valid?</source>
        <translation>03 是否为有效投诉？</translation>
    </message>
    <message>
        <source>Responsible department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Department manager</source>
        <translation>部门经理</translation>
    </message>
    <message>
        <source>Management representative (copied)</source>
        <translation>管理者代表（抄送）</translation>
    </message>
    <message>
        <source>04 Complaint record form — 05 dispatch</source>
        <translation>04 投诉记录单 — 05 派发</translation>
    </message>
    <message>
        <source>Handling measures</source>
        <translation>处理措施</translation>
    </message>
    <message>
        <source>06 Verify the measures</source>
        <translation>06 验证处理措施</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>验证结果</translation>
    </message>
    <message>
        <source>As IT service manager, confirm that the measures were carried out.</source>
        <translation>作为 IT 服务经理，确认各项措施已落实。</translation>
    </message>
    <message>
        <source>The customer confirmed the result</source>
        <translation>客户已确认处理结果</translation>
    </message>
    <message>
        <source>The customer was notified</source>
        <translation>已通知客户</translation>
    </message>
    <message>
        <source>Why close without confirmation</source>
        <translation>未经确认即关闭的原因</translation>
    </message>
    <message>
        <source>Close the complaint</source>
        <translation>关闭投诉</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>处理结果与经验总结</translation>
    </message>
    <message>
        <source>Improvement project</source>
        <translation>服务改善项目</translation>
    </message>
    <message>
        <source>Improvement project {0} created.</source>
        <translation>已创建服务改善项目 {0}。</translation>
    </message>
    <message>
        <source>Print complaint feedback form</source>
        <translation>打印客户投诉反馈表</translation>
    </message>
    <message>
        <source>Export complaint register</source>
        <translation>导出投诉登记表</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>{0} complaints written to {1}</source>
        <translation>已将 {0} 条投诉写入 {1}</translation>
    </message>
    <message>
        <source>Escalated to the general manager</source>
        <translation>已升级至总经理</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
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
        <translation>评价日期：</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评价类型</translation>
    </message>
    <message>
        <source>Evaluation results of {0}, per team</source>
        <translation>{0} 的评价结果（按班组）</translation>
    </message>
    <message>
        <source>No evaluations on {0}.</source>
        <translation>{0} 没有评价。</translation>
    </message>
    <message>
        <source>Problems and suggestions</source>
        <translation>问题和建议</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价等级</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修人</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>{0} dissatisfied</source>
        <translation>{0} 次不满意</translation>
    </message>
    <message>
        <source>{0} evaluations, {1} points</source>
        <translation>{0} 次评价，共 {1} 分</translation>
    </message>
</context>
<context>
    <name>ExportResultDialog</name>
    <message>
        <source>Workbooks of {0}</source>
        <translation>{0} 的问卷工作簿</translation>
    </message>
    <message>
        <source>{0} workbooks written to {1}. Survey plan {2} is now {3}.</source>
        <translation>已将 {0} 份工作簿写入 {1}。调查计划 {2} 现为“{3}”。</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
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
        <translation>全部调查计划和回访</translation>
    </message>
    <message>
        <source>Unclassified only</source>
        <translation>仅未分类</translation>
    </message>
    <message>
        <source>Unreviewed only</source>
        <translation>仅未复核</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>调查计划</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Problem level</source>
        <translation>问题级别</translation>
    </message>
    <message>
        <source>Problem type</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Classified by</source>
        <translation>分类人</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>复核人</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>复核时间</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Classify…</source>
        <translation>分类…</translation>
    </message>
    <message>
        <source>Sort the finding by problem level and type (Enter)</source>
        <translation>按问题级别和类型对问题分类（Enter）</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>复核…</translation>
    </message>
    <message>
        <source>Quality control: confirm or correct the classification</source>
        <translation>质量控制：确认或更正分类</translation>
    </message>
    <message>
        <source>Turn into improvement project…</source>
        <translation>转为服务改善项目…</translation>
    </message>
    <message>
        <source>Start an improvement project for this finding, linked to its survey plan</source>
        <translation>针对此问题发起服务改善项目，并关联其调查计划</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>调查计划：</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>满意度调查</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>{0} findings, {1} unclassified, {2} unreviewed</source>
        <translation>共 {0} 条问题，{1} 条未分类，{2} 条未复核</translation>
    </message>
    <message>
        <source>Select a finding.</source>
        <translation>请选择一条问题。</translation>
    </message>
    <message>
        <source>Problem level (问题级别)</source>
        <translation>问题级别</translation>
    </message>
    <message>
        <source>Problem type (问题类型)</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Classify the finding</source>
        <translation>问题分类</translation>
    </message>
    <message>
        <source>Classified by {0}. Confirm the classification or correct it.</source>
        <translation>由 {0} 分类。请确认或更正分类。</translation>
    </message>
    <message>
        <source>Review the classification</source>
        <translation>复核分类</translation>
    </message>
    <message>
        <source>Problem description</source>
        <translation>改善问题描述</translation>
    </message>
    <message>
        <source>Initial corrective measure</source>
        <translation>初步整改措施</translation>
    </message>
    <message>
        <source>Improvement project from survey {0}</source>
        <translation>源自满意度调查 {0} 的服务改善项目</translation>
    </message>
    <message>
        <source>Improvement project</source>
        <translation>服务改善项目</translation>
    </message>
    <message>
        <source>Improvement project {0} created.</source>
        <translation>已创建服务改善项目 {0}。</translation>
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
    <name>FormPrint</name>
    <message>
        <source>Making the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
</context>
<context>
    <name>GlobalSearchDialog</name>
    <message>
        <source>Find a record</source>
        <translation>查找记录</translation>
    </message>
    <message>
        <source>Ticket GD-…, complaint TS-…, revisit form HF-…, project GS-…, reporter name or phone</source>
        <translation>工单 GD-…、投诉 TS-…、回访表 HF-…、改善项目 GS-…、报修人姓名或电话</translation>
    </message>
    <message>
        <source>Type a record number, a reporter&apos;s name or a phone number; Enter opens the selected result</source>
        <translation>输入记录编号、报修人姓名或电话号码；按回车打开选中的结果</translation>
    </message>
    <message>
        <source>Type at least two characters.</source>
        <translation>请至少输入两个字符。</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s); Enter opens the selected one.</source>
        <translation>
            <numerusform>共 %n 条结果；按回车打开选中的一条。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>未找到记录。</translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message>
        <source>Returned questionnaires</source>
        <translation>回收的问卷</translation>
    </message>
    <message>
        <source>{0} files: {1} accepted, {2} rejected.</source>
        <translation>共 {0} 个文件：接受 {1} 个，拒收 {2} 个。</translation>
    </message>
    <message>
        <source>The import was cancelled: the files not listed were not read.</source>
        <translation>导入已取消：未列出的文件没有读取。</translation>
    </message>
    <message>
        <source>Very dissatisfied answers opened complaints {0}.</source>
        <translation>非常不满意的答卷已生成投诉 {0}。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>调查计划</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source> ({0} findings)</source>
        <translation>（{0} 条问题）</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>复制结果(&amp;C)</translation>
    </message>
    <message>
        <source>Copy every file&apos;s outcome as text, e.g. to paste into an e-mail</source>
        <translation>以文本形式复制每个文件的处理结果，例如粘贴到电子邮件中</translation>
    </message>
</context>
<context>
    <name>ImprovementTab</name>
    <message>
        <source>Overdue steps only</source>
        <translation>仅显示逾期步骤</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>Propose an improvement project (Ctrl+N)</source>
        <translation>提出服务改善项目（Ctrl+N）</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出跟踪表…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Problem description</source>
        <translation>改善问题描述</translation>
    </message>
    <message>
        <source>Problem source</source>
        <translation>问题来源</translation>
    </message>
    <message>
        <source>Initial corrective measure</source>
        <translation>初步整改措施</translation>
    </message>
    <message>
        <source>Agreed measure</source>
        <translation>会议确定整改措施</translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation>会议日期</translation>
    </message>
    <message>
        <source>Work plan</source>
        <translation>推进工作计划</translation>
    </message>
    <message>
        <source>Effect and confirmation</source>
        <translation>整改效果评定和确认</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Overdue steps</source>
        <translation>逾期步骤</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Meeting decision…</source>
        <translation>会议决定…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Add step…</source>
        <translation>添加步骤…</translation>
    </message>
    <message>
        <source>Step done…</source>
        <translation>步骤完成…</translation>
    </message>
    <message>
        <source>Work done…</source>
        <translation>工作完成…</translation>
    </message>
    <message>
        <source>Goal…</source>
        <translation>目标…</translation>
    </message>
    <message>
        <source>Confirm…</source>
        <translation>确认…</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Select a project.</source>
        <translation>请选择一个项目。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Source reference</source>
        <translation>来源记录</translation>
    </message>
    <message>
        <source>e.g. meeting of 2026-11-05</source>
        <translation>例如：2026-11-05 的会议</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Only projects with a work-plan step past its due date</source>
        <translation>仅显示有工作计划步骤逾期的项目</translation>
    </message>
    <message>
        <source>Write the tracking table to an Excel workbook</source>
        <translation>将跟踪表写入 Excel 工作簿</translation>
    </message>
    <message>
        <source>Print table…</source>
        <translation>打印跟踪表…</translation>
    </message>
    <message>
        <source>The tracking table (服务改善项目跟踪管理表) as a PDF: the selected project, or every project when none is selected</source>
        <translation>以 PDF 格式输出服务改善项目跟踪管理表：选中的项目；未选中时输出全部项目</translation>
    </message>
    <message>
        <source>Record the measure agreed at the fault analysis meeting and the meeting date</source>
        <translation>记录故障分析会确定的整改措施及会议日期</translation>
    </message>
    <message>
        <source>Add a step of the work plan, with its owner and due date</source>
        <translation>添加推进工作计划的步骤，含负责人和完成期限</translation>
    </message>
    <message>
        <source>The work is done: describe its effect for the confirmation</source>
        <translation>工作已完成：填写整改效果以供确认</translation>
    </message>
    <message>
        <source>An indicator with base and target values, measured from the data</source>
        <translation>设定指标的基准值和目标值，实测值由数据计算</translation>
    </message>
    <message>
        <source>The manager confirms the effect and closes the project</source>
        <translation>管理人员确认整改效果并关闭项目</translation>
    </message>
    <message>
        <source>Close the project as withdrawn (asks first)</source>
        <translation>以“撤销”关闭项目（会先确认）</translation>
    </message>
    <message>
        <source>Open a done or confirmed project again</source>
        <translation>重新打开已完成或已确认的项目</translation>
    </message>
    <message>
        <source>New improvement project</source>
        <translation>新建服务改善项目</translation>
    </message>
    <message>
        <source>Edit project</source>
        <translation>编辑项目</translation>
    </message>
    <message>
        <source>Measure agreed at the meeting</source>
        <translation>会议讨论确定的整改措施</translation>
    </message>
    <message>
        <source>Fault analysis meeting decision</source>
        <translation>故障分析会决定</translation>
    </message>
    <message>
        <source>Start the work</source>
        <translation>开始推进</translation>
    </message>
    <message>
        <source>Mark project {0} as in progress?</source>
        <translation>将项目 {0} 标记为处理中？</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Or owner outside the desk</source>
        <translation>或服务台以外的负责人</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Add a work-plan step</source>
        <translation>添加工作计划步骤</translation>
    </message>
    <message>
        <source>Step done</source>
        <translation>步骤完成</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>工作完成</translation>
    </message>
    <message>
        <source>Effect evaluation</source>
        <translation>整改效果评定</translation>
    </message>
    <message>
        <source>(no goal)</source>
        <translation>（无目标）</translation>
    </message>
    <message>
        <source>(all units)</source>
        <translation>（全部单位）</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Measured from</source>
        <translation>统计起始</translation>
    </message>
    <message>
        <source>Measured to</source>
        <translation>统计截止</translation>
    </message>
    <message>
        <source>Base value</source>
        <translation>基准值</translation>
    </message>
    <message>
        <source>Target value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>复查日期</translation>
    </message>
    <message>
        <source>Project goal</source>
        <translation>项目目标</translation>
    </message>
    <message>
        <source>The measured value is computed from the data: survey answers of a unit, a dimension&apos;s mean score, or callback ratings.</source>
        <translation>实测值根据数据计算：某单位的调查答案、某维度的平均分或回访评价。</translation>
    </message>
    <message>
        <source>Goal: target {0}, measured now {1}.</source>
        <translation>目标：目标值 {0}，当前实测值 {1}。</translation>
    </message>
    <message>
        <source>Confirm the effect</source>
        <translation>确认整改效果</translation>
    </message>
    <message>
        <source>Closure code</source>
        <translation>关闭代码</translation>
    </message>
    <message>
        <source>Withdraw the project</source>
        <translation>撤销项目</translation>
    </message>
    <message>
        <source>Withdraw improvement project {0}? It is closed with the code “withdrawn”.</source>
        <translation>撤销服务改善项目 {0}？项目将以“撤销”结案。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reopen the project</source>
        <translation>重新打开项目</translation>
    </message>
    <message>
        <source>Print tracking table</source>
        <translation>打印服务改善项目跟踪管理表</translation>
    </message>
    <message>
        <source>Export tracking table</source>
        <translation>导出跟踪管理表</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>{0} projects written to {1}</source>
        <translation>已将 {0} 个项目写入 {1}</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>base</source>
        <translation>基准</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>review</source>
        <translation>复查</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
</context>
<context>
    <name>KnowledgeDialog</name>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Search title, symptom, cause, solution…</source>
        <translation>搜索标题、现象、原因、解决方法…</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Open source &amp;ticket</source>
        <translation>打开来源工单(&amp;T)</translation>
    </message>
    <message>
        <source>T&amp;itle:</source>
        <translation>标题(&amp;I)：</translation>
    </message>
    <message>
        <source>S&amp;ymptom:</source>
        <translation>现象(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Cause:</source>
        <translation>原因(&amp;C)：</translation>
    </message>
    <message>
        <source>S&amp;olution:</source>
        <translation>解决方法(&amp;O)：</translation>
    </message>
    <message>
        <source>Source ticket:</source>
        <translation>来源工单：</translation>
    </message>
    <message>
        <source>&amp;New article</source>
        <translation>新建文章(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source> Select the article again to reload it.</source>
        <translation>请重新选择该文章以重新加载。</translation>
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
        <source>That record cannot be shown here.</source>
        <translation>无法在此显示该记录。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Find a record…</source>
        <translation>查找记录(&amp;F)…</translation>
    </message>
    <message>
        <source>Find a ticket, complaint, revisit form or project by number, reporter name or phone (Ctrl+K)</source>
        <translation>按编号、报修人姓名或电话查找工单、投诉、回访表或改善项目（Ctrl+K）</translation>
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
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo my last edit…</source>
        <translation>撤销我的上次修改(&amp;U)…</translation>
    </message>
    <message>
        <source>Put back the values your last field edit replaced (within 30 minutes, if nobody changed them since)</source>
        <translation>恢复您上次修改前的内容（30 分钟内，且此后无人再改）</translation>
    </message>
    <message>
        <source>Replace ALL the data of the PostgreSQL database with the backup
{source}?

The current data is backed up first. The restore is one transaction: it replaces everything or, on any error, nothing. Other workstations using the desk wait while it runs and then see the restored data; tell their users first. You will have to log in again.</source>
        <translation>用备份
{source}
替换 PostgreSQL 数据库中的全部数据吗？

会先备份当前数据。恢复在一个事务中完成：要么全部替换，出现任何错误则什么都不改变。正在使用服务台的其他工作站在恢复期间会等待，之后看到恢复后的数据；请先通知其用户。之后您需要重新登录。</translation>
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
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>There is no recent edit of yours to undo.</source>
        <translation>没有可撤销的近期修改。</translation>
    </message>
    <message>
        <source>Undo your edit of {time} ({record}), putting back: {fields}?</source>
        <translation>撤销您 {time} 对 {record} 的修改，恢复：{fields}？</translation>
    </message>
    <message>
        <source>Edit undone.</source>
        <translation>已撤销修改。</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>Switch to tab 1 … {n}</source>
        <translation>切换到第 1 … {n} 个标签页</translation>
    </message>
    <message>
        <source>Find a record by number, reporter name or phone</source>
        <translation>按编号、报修人姓名或电话查找记录</translation>
    </message>
    <message>
        <source>Undo my last edit</source>
        <translation>撤销我的上次修改</translation>
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
        <source>Open the selected line&apos;s record</source>
        <translation>打开选中行的记录</translation>
    </message>
    <message>
        <source>Reload the list</source>
        <translation>重新加载列表</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Open the selected ticket</source>
        <translation>打开选中的工单</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>In the ticket form: save</source>
        <translation>在工单表单中：保存</translation>
    </message>
    <message>
        <source>In the knowledge base: go to the search box</source>
        <translation>在知识库中：转到搜索框</translation>
    </message>
    <message>
        <source>Open the selected callback or revisit form</source>
        <translation>打开选中的回访或回访表</translation>
    </message>
    <message>
        <source>Save the callback, the self-evaluation or the revisit form</source>
        <translation>保存回访、工长自评或不满意回访表</translation>
    </message>
    <message>
        <source>Complaints, improvement, surveys</source>
        <translation>投诉、改善、满意度调查</translation>
    </message>
    <message>
        <source>New complaint, project or survey plan</source>
        <translation>新建投诉、改善项目或调查计划</translation>
    </message>
    <message>
        <source>Findings: review the selected finding</source>
        <translation>问题发现：复核选中的问题</translation>
    </message>
    <message>
        <source>Survey analysis: compute again</source>
        <translation>调查分析：重新计算</translation>
    </message>
    <message>
        <source>Questionnaire editor: add or remove a question</source>
        <translation>问卷编辑器：添加或删除题目</translation>
    </message>
    <message>
        <source>Questionnaire editor: move a question</source>
        <translation>问卷编辑器：移动题目</translation>
    </message>
    <message>
        <source>Dialogs</source>
        <translation>对话框</translation>
    </message>
    <message>
        <source>Confirm the dialog (OK)</source>
        <translation>确认对话框（确定）</translation>
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
        <translation>会议讨论的已关闭工单所属月份</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修人</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评价类型</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价等级</translation>
    </message>
    <message>
        <source>Problems and suggestions</source>
        <translation>问题和建议</translation>
    </message>
    <message>
        <source>Revisit form</source>
        <translation>不满意回访表</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Corrective measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Agreed measure</source>
        <translation>会议确定整改措施</translation>
    </message>
    <message>
        <source>Improvement project</source>
        <translation>服务改善项目</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Problem description</source>
        <translation>改善问题描述</translation>
    </message>
    <message>
        <source>Problem source</source>
        <translation>问题来源</translation>
    </message>
    <message>
        <source>Initial corrective measure</source>
        <translation>初步整改措施</translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation>会议日期</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Print agenda…</source>
        <translation>打印议程…</translation>
    </message>
    <message>
        <source>The meeting agenda (故障分析会议程) of this month as a PDF</source>
        <translation>本月故障分析会议程（PDF）</translation>
    </message>
    <message>
        <source>Month discussed:</source>
        <translation>讨论月份：</translation>
    </message>
    <message>
        <source>Dissatisfied evaluations, revisit forms and corrective measures</source>
        <translation>不满意评价、不满意回访表和整改措施</translation>
    </message>
    <message>
        <source>Improvement projects to discuss or confirm</source>
        <translation>待讨论或确认的服务改善项目</translation>
    </message>
    <message>
        <source>Print meeting agenda</source>
        <translation>打印故障分析会议程</translation>
    </message>
    <message>
        <source>Fault analysis meeting on &lt;b&gt;{0}&lt;/b&gt;: {1} dissatisfied evaluations, {2} open improvement projects.</source>
        <translation>故障分析会日期 &lt;b&gt;{0}&lt;/b&gt;：{1} 条不满意评价，{2} 个未完成的服务改善项目。</translation>
    </message>
</context>
<context>
    <name>MonthDialog</name>
    <message>
        <source>Export ledger</source>
        <translation>导出统计工作簿</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
</context>
<context>
    <name>MyCallbacksPage</name>
    <message>
        <source>The working day to plan: it samples the tickets closed since the previous working day</source>
        <translation>要安排的工作日：抽取自上一个工作日以来关闭的工单</translation>
    </message>
    <message>
        <source>Plan callbacks</source>
        <translation>安排回访</translation>
    </message>
    <message>
        <source>Sample the closed tickets and hand out the callbacks of this day</source>
        <translation>抽取已关闭的工单并分配当天的回访任务</translation>
    </message>
    <message>
        <source>Show completed</source>
        <translation>显示已完成</translation>
    </message>
    <message>
        <source>Call…</source>
        <translation>回访…</translation>
    </message>
    <message>
        <source>Open the callback screen of the selected callback (Enter)</source>
        <translation>打开所选回访的回访界面（Enter）</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>回访期限</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修人</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>呼叫次数</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价等级</translation>
    </message>
    <message>
        <source>Plan for:</source>
        <translation>安排日期：</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>{0} open, {1} overdue</source>
        <translation>{0} 条待办，{1} 条逾期</translation>
    </message>
    <message>
        <source>No callbacks planned for {0} yet.</source>
        <translation>{0} 尚未安排回访。</translation>
    </message>
    <message>
        <source>Plan of {0} (tickets closed {1} – {2}): {3} callbacks assigned — {4} to dispatchers, {5} to managers, {6} to you.</source>
        <translation>{0} 的回访安排（{1} – {2} 关闭的工单）：共分配 {3} 条回访 — 调度 {4} 条，管理人员 {5} 条，您 {6} 条。</translation>
    </message>
    <message>
        <source>{0} tickets skipped ({1}).</source>
        <translation>跳过 {0} 张工单（{1}）。</translation>
    </message>
    <message>
        <source>No ticket skipped.</source>
        <translation>没有跳过的工单。</translation>
    </message>
    <message>
        <source>This day was planned before; here is the stored plan.</source>
        <translation>这一天已经安排过，以下是已保存的安排。</translation>
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
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n 页</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation>新建调查计划(&amp;N)…</translation>
    </message>
    <message>
        <source>Plan a survey: questionnaire, period, customers, timeline (Ctrl+N)</source>
        <translation>制定调查计划：问卷、期间、调查对象、时间安排（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Import returned…</source>
        <translation>导入回收问卷(&amp;I)…</translation>
    </message>
    <message>
        <source>Import returned questionnaires: files or a whole folder (you can also drop them on this page)</source>
        <translation>导入回收的问卷：单个文件或整个文件夹（也可以直接拖放到本页）</translation>
    </message>
    <message>
        <source>Files…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <source>A folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>问卷</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>调查对象</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已回收</translation>
    </message>
    <message>
        <source>Response rate (%)</source>
        <translation>回收率（%）</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the draft plan</source>
        <translation>修改草稿状态的调查计划</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the draft plan</source>
        <translation>删除草稿状态的调查计划</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <source>The relationship manager approves the plan</source>
        <translation>由客户关系经理批准调查计划</translation>
    </message>
    <message>
        <source>Back to draft…</source>
        <translation>退回草稿…</translation>
    </message>
    <message>
        <source>Withdraw the approval so the plan can be changed</source>
        <translation>撤回批准，以便修改调查计划</translation>
    </message>
    <message>
        <source>E&amp;xport workbooks…</source>
        <translation>导出问卷工作簿(&amp;X)…</translation>
    </message>
    <message>
        <source>Write one Excel questionnaire per recipient into a folder and mark them sent</source>
        <translation>为每个调查对象生成一份 Excel 问卷写入文件夹，并标记为已发放</translation>
    </message>
    <message>
        <source>&amp;Close collection</source>
        <translation>结束回收(&amp;C)</translation>
    </message>
    <message>
        <source>End the collection: later workbooks are refused</source>
        <translation>结束回收：之后交回的问卷将被拒收</translation>
    </message>
    <message>
        <source>Reopen collection</source>
        <translation>重新开始回收</translation>
    </message>
    <message>
        <source>Accept returned workbooks again</source>
        <translation>重新接受交回的问卷</translation>
    </message>
    <message>
        <source>&amp;Mark analysed…</source>
        <translation>标记为已分析(&amp;M)…</translation>
    </message>
    <message>
        <source>Record the written analysis of the closed plan</source>
        <translation>记录已结束回收的调查计划的书面分析</translation>
    </message>
    <message>
        <source>Show analysis</source>
        <translation>查看分析</translation>
    </message>
    <message>
        <source>Open this plan on the Analysis page</source>
        <translation>在“分析”页打开此调查计划</translation>
    </message>
    <message>
        <source>Show findings</source>
        <translation>查看问题</translation>
    </message>
    <message>
        <source>Open this plan&apos;s findings</source>
        <translation>打开此调查计划的问题发现</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>调查对象</translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Reminded</source>
        <translation>已催收</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add recipient…</source>
        <translation>添加调查对象…</translation>
    </message>
    <message>
        <source>Add a person who is not a stored contact</source>
        <translation>添加不在联系人中的人员</translation>
    </message>
    <message>
        <source>Remove recipient</source>
        <translation>移除调查对象</translation>
    </message>
    <message>
        <source>Take the selected recipient off the plan</source>
        <translation>从调查计划中移除所选调查对象</translation>
    </message>
    <message>
        <source>Refresh from contacts</source>
        <translation>按联系人刷新</translation>
    </message>
    <message>
        <source>Re-read the contacts of the target units (kept recipients keep their token)</source>
        <translation>重新读取目标单位的联系人（保留的调查对象保留原令牌）</translation>
    </message>
    <message>
        <source>Distribution list</source>
        <translation>发放清单</translation>
    </message>
    <message>
        <source>Mark &amp;reminded</source>
        <translation>标记为已催收(&amp;R)</translation>
    </message>
    <message>
        <source>Record today as the reminder date of the selected recipients (all listed ones when none is selected)</source>
        <translation>将今天记为所选调查对象的催收日期（未选择时为列表中的全部对象）</translation>
    </message>
    <message>
        <source>E-mail reminder…</source>
        <translation>邮件催收…</translation>
    </message>
    <message>
        <source>Open an e-mail to the selected recipients (all listed ones when none is selected)</source>
        <translation>给所选调查对象写电子邮件（未选择时为列表中的全部对象）</translation>
    </message>
    <message>
        <source>To remind</source>
        <translation>待催收</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>Select a survey plan.</source>
        <translation>请选择一个调查计划。</translation>
    </message>
    <message>
        <source>Target customers</source>
        <translation>调查对象单位</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>, the unit is kept</source>
        <translation>，保留所在单位</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>计划人</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间安排</translation>
    </message>
    <message>
        <source>planning from {0}, forms out by {1}, collected by {2}</source>
        <translation>{0} 开始计划，{1} 前发放问卷，{2} 前回收</translation>
    </message>
    <message>
        <source>{0}; sent {1}, returned {2} ({3}), reminded {4}</source>
        <translation>{0}；已发放 {1}，已回收 {2}（{3}），已催收 {4}</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发放</translation>
    </message>
    <message>
        <source>Distribution list ({0})</source>
        <translation>发放清单（{0}）</translation>
    </message>
    <message>
        <source>To remind ({0})</source>
        <translation>待催收（{0}）</translation>
    </message>
    <message>
        <source>Delete survey plan</source>
        <translation>删除调查计划</translation>
    </message>
    <message>
        <source>Delete the draft survey plan {0} “{1}”?</source>
        <translation>删除草稿状态的调查计划 {0}“{1}”？</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Back to draft</source>
        <translation>退回草稿</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>End the collection of {0}? Workbooks returned later are refused.</source>
        <translation>结束 {0} 的问卷回收？之后交回的问卷将被拒收。</translation>
    </message>
    <message>
        <source>{0} of {1} recipients have not returned theirs.</source>
        <translation>{1} 个调查对象中有 {0} 个尚未交回问卷。</translation>
    </message>
    <message>
        <source>Close collection</source>
        <translation>结束回收</translation>
    </message>
    <message>
        <source>Response rate {0} ({1} of {2}); satisfaction rate {3}; mean score {4}.</source>
        <translation>回收率 {0}（{1}/{2}）；满意率 {3}；平均分 {4}。</translation>
    </message>
    <message>
        <source>Lowest dimension: {0} ({1:.2f}).</source>
        <translation>得分最低的维度：{0}（{1:.2f}）。</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Analysis of {0}</source>
        <translation>{0} 的分析</translation>
    </message>
    <message>
        <source>The written analysis of the survey: findings, causes and the improvements to make (R31).</source>
        <translation>调查的书面分析：发现的问题、原因及需要进行的改进（R31）。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Add recipient to {0}</source>
        <translation>向 {0} 添加调查对象</translation>
    </message>
    <message>
        <source>Take {0} off survey plan {1}?</source>
        <translation>从调查计划 {1} 中移除 {0}？</translation>
    </message>
    <message>
        <source>Read the contacts of the target units again? Recipients who are no longer contacts of those units are taken off the plan.</source>
        <translation>重新读取目标单位的联系人？已不再是这些单位联系人的调查对象将从计划中移除。</translation>
    </message>
    <message>
        <source>{0} recipients added, {1} removed.</source>
        <translation>新增 {0} 个调查对象，移除 {1} 个。</translation>
    </message>
    <message>
        <source>Record today as the reminder date of {0} recipients?</source>
        <translation>将今天记为 {0} 个调查对象的催收日期？</translation>
    </message>
    <message>
        <source>Mark reminded</source>
        <translation>标记为已催收</translation>
    </message>
    <message>
        <source>Reminder: {0}</source>
        <translation>催收：{0}</translation>
    </message>
    <message>
        <source>Dear customer,

we have not received your questionnaire “{0}” yet. Please fill it in and send it back by {1}.

Thank you for your support.</source>
        <translation>尊敬的客户：

我们尚未收到您的问卷“{0}”。请您填写后于 {1} 前交回。

感谢您的支持！</translation>
    </message>
    <message>
        <source>Surveys</source>
        <translation>满意度调查</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Folder for the workbooks of {0}</source>
        <translation>{0} 问卷工作簿的保存文件夹</translation>
    </message>
    <message>
        <source>Only recipients who have no workbook yet</source>
        <translation>仅限尚无问卷工作簿的调查对象</translation>
    </message>
    <message>
        <source>Language of the questionnaire</source>
        <translation>问卷语言</translation>
    </message>
    <message>
        <source>Chinese (简体中文)</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Export workbooks</source>
        <translation>导出问卷工作簿</translation>
    </message>
    <message>
        <source>One protected Excel questionnaire per recipient goes to {0}; the recipients are marked sent.</source>
        <translation>每个调查对象一份受保护的 Excel 问卷，保存到 {0}；调查对象将标记为已发放。</translation>
    </message>
    <message>
        <source>Writing the workbooks of {0}…</source>
        <translation>正在生成 {0} 的问卷工作簿…</translation>
    </message>
    <message>
        <source>The export was cancelled. The workbooks already written to {0} are kept and their recipients marked sent; export again with “only recipients who have no workbook yet” to finish.</source>
        <translation>导出已取消。已写入 {0} 的工作簿会保留，其调查对象已标记为已发放；请勾选“仅限尚无问卷工作簿的调查对象”再次导出以完成。</translation>
    </message>
    <message>
        <source>Returned questionnaires</source>
        <translation>回收的问卷</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Folder of returned questionnaires</source>
        <translation>回收问卷所在文件夹</translation>
    </message>
    <message>
        <source>Reading the returned questionnaires…</source>
        <translation>正在读取回收的问卷…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>No .xlsx file was found there.</source>
        <translation>该处没有找到 .xlsx 文件。</translation>
    </message>
</context>
<context>
    <name>PromptDialog</name>
    <message>
        <source> (optional)</source>
        <translation>（可选）</translation>
    </message>
    <message>
        <source>{field} is required.</source>
        <translation>{field}不能为空。</translation>
    </message>
</context>
<context>
    <name>RecordListTab</name>
    <message>
        <source>All states</source>
        <extracomment>One action button: (key, text, slot, tooltip).</extracomment>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Generate…</source>
        <translation>生成…</translation>
    </message>
    <message>
        <source>Generate a report for a period (a new draft version)</source>
        <translation>生成某一期间的报告（新的草稿版本）</translation>
    </message>
    <message>
        <source>Verify a file…</source>
        <translation>验证文件…</translation>
    </message>
    <message>
        <source>Check whether a PDF file is the approved report on record</source>
        <translation>检查 PDF 文件是否为已批准存档的报告</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>文件编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>报告类型</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Drafter</source>
        <translation>起草人</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Approved at</source>
        <translation>批准时间</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Version history</source>
        <translation>版本记录</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>报告类型：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Select a report to preview it.</source>
        <translation>请选择一份报告进行预览。</translation>
    </message>
    <message>
        <source>%1 version %2 — %3</source>
        <translation>%1 第 %2 版 — %3</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>已驳回：%1</translation>
    </message>
    <message>
        <source>Approved by %1 at %2</source>
        <translation>由 %1 于 %2 批准</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Generate a report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <source>Periods: 2026-10 for the monthly reports, 2026-Q3 for the quarterly report, 2026 for the annual one. The report is stored as a new draft version.</source>
        <translation>期间格式：月度报告填 2026-10，季度报告填 2026-Q3，年度报告填 2026。报告保存为新的草稿版本。</translation>
    </message>
    <message>
        <source>Generating the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Approve report</source>
        <translation>批准报告</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <source>Approving freezes %1 version %2: its figures and PDF are stored and can no longer change. Re-enter your password to sign.</source>
        <translation>批准后将冻结 %1 第 %2 版：其数据和 PDF 将被保存且不能再更改。请重新输入密码以签批。</translation>
    </message>
    <message>
        <source>Reject report</source>
        <translation>驳回报告</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Verify a PDF file</source>
        <translation>验证 PDF 文件</translation>
    </message>
    <message>
        <source>Verify a file</source>
        <translation>验证文件</translation>
    </message>
</context>
<context>
    <name>RevisitDialog</name>
    <message>
        <source>Ticket and callback</source>
        <translation>工单与回访</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Reporter location</source>
        <translation>报修人位置</translation>
    </message>
    <message>
        <source>Report time</source>
        <translation>报修时间</translation>
    </message>
    <message>
        <source>Reporter phone</source>
        <translation>报修人电话</translation>
    </message>
    <message>
        <source>Callback person</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Callback time</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Customer&apos;s problems and suggestions</source>
        <translation>客户反映的问题和建议</translation>
    </message>
    <message>
        <source>Dissatisfaction type</source>
        <translation>不满意类型</translation>
    </message>
    <message>
        <source>Response speed</source>
        <translation>响应速度</translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Device state after repair</source>
        <translation>修复后设备状态</translation>
    </message>
    <message>
        <source>Other:</source>
        <translation>其他：</translation>
    </message>
    <message>
        <source>Describe the other dissatisfaction</source>
        <translation>请说明其他不满意情况</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>工长</translation>
    </message>
    <message>
        <source>Team lead&apos;s revisit notes (工长回访情况)</source>
        <translation>工长回访情况</translation>
    </message>
    <message>
        <source>Corrective measures and suggestions (整改措施和建议)</source>
        <translation>整改措施和建议</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>记录决定</translation>
    </message>
    <message>
        <source>Fault analysis meeting (故障分析会)</source>
        <translation>故障分析会</translation>
    </message>
    <message>
        <source>Meeting date</source>
        <translation>会议日期</translation>
    </message>
    <message>
        <source>Agreed measure</source>
        <translation>会议确定整改措施</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the form (Ctrl+S)</source>
        <translation>保存回访表（Ctrl+S）</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Save and hand the form in for the fault analysis meeting</source>
        <translation>保存并提交回访表，供故障分析会讨论</translation>
    </message>
    <message>
        <source>Turn into improvement project</source>
        <translation>转为服务改善项目</translation>
    </message>
    <message>
        <source>Print form…</source>
        <translation>打印回访表…</translation>
    </message>
    <message>
        <source>The one-page PDF in the layout of the paper form</source>
        <translation>按纸质表格版式生成的单页 PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Revisit form {0}</source>
        <translation>不满意回访表 {0}</translation>
    </message>
    <message>
        <source>Dissatisfaction revisit form (不满意回访表) {0}</source>
        <translation>不满意回访表 {0}</translation>
    </message>
    <message>
        <source>State: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>状态：&lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Due: {0}</source>
        <translation>期限：{0}</translation>
    </message>
    <message>
        <source>Rating: {0}</source>
        <translation>评价：{0}</translation>
    </message>
    <message>
        <source>Team lead: {0}</source>
        <translation>工长：{0}</translation>
    </message>
    <message>
        <source>Improvement project: {0}</source>
        <translation>服务改善项目：{0}</translation>
    </message>
    <message>
        <source>Already linked to {0}</source>
        <translation>已关联到 {0}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Revisit form {0} submitted.</source>
        <translation>不满意回访表 {0} 已提交。</translation>
    </message>
    <message>
        <source>Improvement project {0} created from this form.</source>
        <translation>已根据此回访表创建服务改善项目 {0}。</translation>
    </message>
    <message>
        <source>Meeting decision recorded.</source>
        <translation>会议决定已记录。</translation>
    </message>
    <message>
        <source>Print revisit form</source>
        <translation>打印不满意回访表</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>RevisitFormsPage</name>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open form…</source>
        <translation>打开回访表…</translation>
    </message>
    <message>
        <source>Open the selected revisit form (Enter)</source>
        <translation>打开所选的不满意回访表（Enter）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价等级</translation>
    </message>
    <message>
        <source>Callback person</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Callback time</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Improvement project</source>
        <translation>服务改善项目</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>{0} forms, {1} to fill, {2} overdue</source>
        <translation>共 {0} 张，待填写 {1} 张，逾期 {2} 张</translation>
    </message>
</context>
<context>
    <name>RevisitState</name>
    <message>
        <source>Open</source>
        <translation>待填写</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Discussed at the meeting</source>
        <translation>已在会上讨论</translation>
    </message>
</context>
<context>
    <name>SelfEvaluationPage</name>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修人</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Judge the ticket as a whole on:&lt;br&gt;a) completeness of the fault description and the cause analysis&lt;br&gt;b) whether the handling method was appropriate&lt;br&gt;c) work efficiency&lt;br&gt;&lt;small&gt;Internal only: the customer does not see it.&lt;/small&gt;</source>
        <translation>从以下方面对工单作整体评价：&lt;br&gt;a) 故障描述和原因分析是否完整&lt;br&gt;b) 处理方法是否得当&lt;br&gt;c) 工作效率&lt;br&gt;&lt;small&gt;仅供内部使用，客户看不到。&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评语</translation>
    </message>
    <message>
        <source>Corrective note (required for a dissatisfied rating)</source>
        <translation>整改说明（评价为不满意时必填）</translation>
    </message>
    <message>
        <source>Save self-evaluation</source>
        <translation>保存自评</translation>
    </message>
    <message>
        <source>Save and go to the next ticket (Ctrl+S)</source>
        <translation>保存并转到下一张工单（Ctrl+S）</translation>
    </message>
    <message>
        <source>Team lead self-evaluation (工长自评)</source>
        <translation>工长自评</translation>
    </message>
    <message>
        <source>Overall rating</source>
        <translation>总体评价</translation>
    </message>
    <message>
        <source>{0} closed tickets wait for the self-evaluation.</source>
        <translation>{0} 张已关闭工单等待自评。</translation>
    </message>
    <message>
        <source>No ticket waits for a self-evaluation.</source>
        <translation>没有等待自评的工单。</translation>
    </message>
    <message>
        <source>Cause analysis</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <source>Fault description</source>
        <translation>故障描述</translation>
    </message>
    <message>
        <source>Handling method</source>
        <translation>处理方法</translation>
    </message>
    <message>
        <source>Repeat report of</source>
        <translation>二次报修，原工单</translation>
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
        <translation>月度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Results of</source>
        <translation>考评期间</translation>
    </message>
    <message>
        <source>Technicians</source>
        <translation>维修人</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>No evaluated tickets closed in {0}.</source>
        <translation>{0} 没有已评价的关闭工单。</translation>
    </message>
    <message>
        <source>Repair star (维修之星): &lt;b&gt;{0}&lt;/b&gt; (+{1} bonus)</source>
        <translation>维修之星：&lt;b&gt;{0}&lt;/b&gt;（加 {1} 分）</translation>
    </message>
    <message>
        <source>Repair star: —</source>
        <translation>维修之星：—</translation>
    </message>
    <message>
        <source>Winning team (优胜班组): &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>优胜班组：&lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Winning team: —</source>
        <translation>优胜班组：—</translation>
    </message>
    <message>
        <source>Score = points ÷ evaluated tickets + evaluated tickets × {0}</source>
        <translation>得分 = 总分 ÷ 已评价工单数 + 已评价工单数 × {0}</translation>
    </message>
    <message>
        <source>Repair stars by month: {0}</source>
        <translation>各月维修之星：{0}</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>加分</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Evaluated tickets</source>
        <translation>已评价工单数</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月数</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Repair star awards</source>
        <translation>维修之星次数</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Sum of monthly scores</source>
        <translation>月度得分合计</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修人</translation>
    </message>
    <message>
        <source>Winning team awards</source>
        <translation>优胜班组次数</translation>
    </message>
</context>
<context>
    <name>SurveyPlanDialog</name>
    <message>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <source>Q{0}</source>
        <translation>第 {0} 季度</translation>
    </message>
    <message>
        <source>Check the customer units to survey; Space toggles the current unit.</source>
        <translation>勾选要调查的客户单位；按空格键切换当前单位。</translation>
    </message>
    <message>
        <source>Every important unit (重要)</source>
        <translation>全部重要单位</translation>
    </message>
    <message>
        <source>Every core unit (核心)</source>
        <translation>全部核心单位</translation>
    </message>
    <message>
        <source>Anonymous questionnaire (匿名问卷): answers are not linked to the person</source>
        <translation>匿名问卷：答卷不与填写人关联</translation>
    </message>
    <message>
        <source>Keep the respondent&apos;s unit (for the per-unit satisfaction rate)</source>
        <translation>保留填写人所在单位（用于统计客户单位服务满意率）</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>问卷</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Customer units</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>Planning starts</source>
        <translation>计划开始</translation>
    </message>
    <message>
        <source>Forms out by</source>
        <translation>问卷发放截止</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>回收截止</translation>
    </message>
    <message>
        <source>New survey plan</source>
        <translation>新建调查计划</translation>
    </message>
    <message>
        <source>Edit survey plan {0}</source>
        <translation>编辑调查计划 {0}</translation>
    </message>
    <message>
        <source>Target customers: check units and/or every important or core unit; their contacts become the recipients. The timeline follows the questionnaire and the period (R28).</source>
        <translation>调查对象：勾选单位，和/或选择全部重要或核心单位，其联系人即为调查对象。时间安排随问卷和期间自动确定（R28）。</translation>
    </message>
    <message>
        <source>{period} {name}</source>
        <translation>{period} {name}</translation>
    </message>
    <message>
        <source>Annual survey</source>
        <translation>IT服务用户满意度调查表（年度）</translation>
    </message>
    <message>
        <source>Company survey (quarterly)</source>
        <translation>公司满意度调查问卷（季度）</translation>
    </message>
    <message>
        <source>Incident survey (by phone)</source>
        <translation>事件满意度调查问卷（电话）</translation>
    </message>
</context>
<context>
    <name>SurveysTab</name>
    <message>
        <source>Plans</source>
        <translation>调查计划</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>问题发现</translation>
    </message>
    <message>
        <source>Questionnaires</source>
        <translation>问卷</translation>
    </message>
</context>
<context>
    <name>TabError</name>
    <message>
        <source>The tab “{title}” could not be opened: {error}

The other tabs work as usual; the details are in the log file.</source>
        <extracomment>Which tab shows a record of each kind (the kinds of services.today.KINDS and of the global search).</extracomment>
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
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改善</translation>
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
        <source>Reports</source>
        <translation>报告</translation>
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
        <translation>问卷模板：{0}（第 {1} 版）</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Introduction (Chinese)</source>
        <translation>说明（中文）</translation>
    </message>
    <message>
        <source>Introduction (English)</source>
        <translation>说明（英文）</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Question (Chinese)</source>
        <translation>题目（中文）</translation>
    </message>
    <message>
        <source>Question (English)</source>
        <translation>题目（英文）</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案类型</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必答</translation>
    </message>
    <message>
        <source>Add question</source>
        <translation>添加题目</translation>
    </message>
    <message>
        <source>Add a question after the selected one (Ctrl+Ins)</source>
        <translation>在所选题目之后添加题目（Ctrl+Ins）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected question (Ctrl+Del)</source>
        <translation>删除所选题目（Ctrl+Del）</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the selected question up (Ctrl+Up)</source>
        <translation>上移所选题目（Ctrl+Up）</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the selected question down (Ctrl+Down)</source>
        <translation>下移所选题目（Ctrl+Down）</translation>
    </message>
    <message>
        <source>A survey plan uses this questionnaire: saving makes version {0}; the plans keep version {1}.</source>
        <translation>已有调查计划使用此问卷：保存后将生成第 {0} 版；这些调查计划仍使用第 {1} 版。</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>3-level rating</source>
        <translation>三级评价</translation>
    </message>
    <message>
        <source>5-level rating</source>
        <translation>五级评价</translation>
    </message>
    <message>
        <source>Free text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Rating, 3 levels (满意 / 基本满意 / 不满意)</source>
        <translation>评价，三级（满意 / 基本满意 / 不满意）</translation>
    </message>
    <message>
        <source>Rating, 5 levels (非常满意 … 非常不满意)</source>
        <translation>评价，五级（非常满意 … 非常不满意）</translation>
    </message>
    <message>
        <source>Yes / no</source>
        <translation>是 / 否</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <source>Show earlier versions</source>
        <translation>显示历史版本</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the questionnaire; one a plan uses is saved as a new version</source>
        <translation>编辑问卷；已被调查计划使用的问卷将另存为新版本</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>问卷</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>问卷类型</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>题目数</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前版本</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案类型</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必答</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Questionnaire saved</source>
        <translation>问卷已保存</translation>
    </message>
    <message>
        <source>A survey plan uses version {0}, so the changes were saved as a new version {1}. New plans use version {1}; existing plans keep version {0}.</source>
        <translation>已有调查计划使用第 {0} 版，因此修改已另存为第 {1} 版。新的调查计划使用第 {1} 版；已有的调查计划仍使用第 {0} 版。</translation>
    </message>
</context>
<context>
    <name>TicketForm</name>
    <message>
        <source>Repeat report of {number}</source>
        <translation>{number} 的二次报修</translation>
    </message>
    <message>
        <source>Repeat report (二次报修) of {number}</source>
        <translation>{number} 的二次报修</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Required by:</source>
        <translation>要求解决时间：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Reporter (报修人)</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Customer &amp;unit:</source>
        <translation>客户单位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>位置(&amp;L)：</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>故障描述(&amp;D)：</translation>
    </message>
    <message>
        <source>P&amp;riority:</source>
        <translation>优先级(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>环境(&amp;E)：</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>报修渠道(&amp;H)：</translation>
    </message>
    <message>
        <source>Reported &amp;at:</source>
        <translation>报修时间(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>班组(&amp;T)：</translation>
    </message>
    <message>
        <source>Tech&amp;nician:</source>
        <translation>维修人(&amp;N)：</translation>
    </message>
    <message>
        <source>Cause analysis and resolution</source>
        <translation>原因分析与处理方法</translation>
    </message>
    <message>
        <source>Cause (原因分析):</source>
        <translation>原因分析：</translation>
    </message>
    <message>
        <source>Resolution (处理方法):</source>
        <translation>处理方法：</translation>
    </message>
    <message>
        <source>Service levels</source>
        <translation>服务级别</translation>
    </message>
    <message>
        <source>First response:</source>
        <translation>首次响应：</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>解决：</translation>
    </message>
    <message>
        <source>Closed:</source>
        <translation>关闭：</translation>
    </message>
    <message>
        <source>Vendor:</source>
        <translation>厂商：</translation>
    </message>
    <message>
        <source>Linked:</source>
        <translation>关联：</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Work log</source>
        <translation>工作记录</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Response due {response}, resolution due {resolution}</source>
        <translation>响应时限 {response}，解决时限 {resolution}</translation>
    </message>
    <message>
        <source>Ticket {number}</source>
        <translation>工单 {number}</translation>
    </message>
    <message>
        <source>due {due}
done {done}</source>
        <translation>时限 {due}
完成 {done}</translation>
    </message>
    <message>
        <source>
{what} overdue</source>
        <translation>
{what}已超时</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Closing needs the cause analysis and the resolution.</source>
        <translation>关闭工单需要填写原因分析和处理方法。</translation>
    </message>
    <message>
        <source> (late)</source>
        <translation>（超时）</translation>
    </message>
    <message>
        <source>due {due}</source>
        <translation>时限 {due}</translation>
    </message>
    <message>
        <source>repeat report of {number}</source>
        <translation>{number} 的二次报修</translation>
    </message>
    <message>
        <source>repeated by {numbers}</source>
        <translation>二次报修：{numbers}</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>分派</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Repeat report</source>
        <translation>二次报修</translation>
    </message>
    <message>
        <source>&amp;Assign…</source>
        <translation>分派(&amp;A)…</translation>
    </message>
    <message>
        <source>S&amp;tart work</source>
        <translation>开始处理(&amp;T)</translation>
    </message>
    <message>
        <source>Escalate to &amp;L2…</source>
        <translation>升级到二线(&amp;L)…</translation>
    </message>
    <message>
        <source>Escalate to &amp;vendor…</source>
        <translation>升级到厂商(&amp;V)…</translation>
    </message>
    <message>
        <source>Resol&amp;ve…</source>
        <translation>解决(&amp;V)…</translation>
    </message>
    <message>
        <source>Cl&amp;ose ticket…</source>
        <translation>关闭工单(&amp;O)…</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>重新打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Add n&amp;ote…</source>
        <translation>添加备注(&amp;O)…</translation>
    </message>
    <message>
        <source>Re&amp;peat report…</source>
        <translation>二次报修(&amp;P)…</translation>
    </message>
    <message>
        <source>Create &amp;knowledge article</source>
        <translation>生成知识库文章(&amp;K)</translation>
    </message>
    <message>
        <source>Customer unit “{name}” is not in the list; choose one from the list or leave it empty.</source>
        <translation>客户单位“{name}”不在列表中；请从列表中选择，或留空。</translation>
    </message>
    <message>
        <source>Escalate to L2</source>
        <translation>升级到二线</translation>
    </message>
    <message>
        <source>Why is the ticket escalated to second-line support?</source>
        <translation>为什么将工单升级到二线支持？</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Escalate to vendor</source>
        <translation>升级到厂商</translation>
    </message>
    <message>
        <source>Which vendor (厂商) takes the ticket over, and why?</source>
        <translation>由哪家厂商接手该工单，原因是什么？</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Cause analysis (原因分析)</source>
        <translation>原因分析</translation>
    </message>
    <message>
        <source>Resolution (处理方法)</source>
        <translation>处理方法</translation>
    </message>
    <message>
        <source>Resolve ticket</source>
        <translation>解决工单</translation>
    </message>
    <message>
        <source>Record the cause of the fault and how it was resolved.</source>
        <translation>记录故障原因和处理方法。</translation>
    </message>
    <message>
        <source>Close ticket</source>
        <translation>关闭工单</translation>
    </message>
    <message>
        <source>Reopen ticket</source>
        <translation>重新打开工单</translation>
    </message>
    <message>
        <source>Why is the ticket reopened?</source>
        <translation>为什么重新打开工单？</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
</context>
<context>
    <name>TicketTableModel</name>
    <message>
        <source>Number</source>
        <extracomment>The TicketRow of a row, under this role on every cell. The ticket id of a row.</extracomment>
        <translation>工单号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>报修渠道</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>报修时间</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Customer unit</source>
        <translation>客户单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修人</translation>
    </message>
    <message>
        <source>Response due</source>
        <translation>响应时限</translation>
    </message>
    <message>
        <source>Responded</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <source>Resolution due</source>
        <translation>解决时限</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
</context>
<context>
    <name>TicketsTab</name>
    <message>
        <source>&amp;New ticket</source>
        <translation>新建工单(&amp;N)</translation>
    </message>
    <message>
        <source>Record a new ticket (Ctrl+N)</source>
        <translation>登记新工单（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Open the selected ticket (Enter)</source>
        <translation>打开所选工单（Enter）</translation>
    </message>
    <message>
        <source>&amp;Repeat report…</source>
        <translation>二次报修(&amp;R)…</translation>
    </message>
    <message>
        <source>Create &amp;knowledge article</source>
        <translation>生成知识库文章(&amp;K)</translation>
    </message>
    <message>
        <source>Knowledge &amp;base</source>
        <translation>知识库(&amp;B)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import ledger…</source>
        <translation>导入统计工作簿(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a ticket ledger workbook (每日故障统计工作簿)</source>
        <translation>导入每日故障统计工作簿</translation>
    </message>
    <message>
        <source>&amp;Export ledger…</source>
        <translation>导出统计工作簿(&amp;E)…</translation>
    </message>
    <message>
        <source>Export a month&apos;s tickets as a ledger workbook</source>
        <translation>将某月的工单导出为每日故障统计工作簿</translation>
    </message>
    <message>
        <source>&amp;Columns…</source>
        <translation>列(&amp;C)…</translation>
    </message>
    <message>
        <source>Search number, reporter, description, resolution…</source>
        <translation>搜索工单号、报修人、描述、处理方法…</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open (not resolved)</source>
        <translation>未解决</translation>
    </message>
    <message>
        <source>Reported from</source>
        <translation>报修时间从</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅显示逾期</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Tickets assigned to me or recorded by me</source>
        <translation>分派给我或由我登记的工单</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>全部班组</translation>
    </message>
    <message>
        <source>All customer units</source>
        <translation>全部客户单位</translation>
    </message>
    <message>
        <source>All technicians</source>
        <translation>全部维修人</translation>
    </message>
    <message>
        <source>Reset columns</source>
        <translation>重置列</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n 张工单</numerusform>
        </translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Open ticket</source>
        <translation>打开工单</translation>
    </message>
    <message>
        <source>Repeat report</source>
        <translation>二次报修</translation>
    </message>
    <message>
        <source>Knowledge article</source>
        <translation>知识库文章</translation>
    </message>
    <message>
        <source>Service Desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Search and edit knowledge articles (Ctrl+Shift+K)</source>
        <translation>搜索和编辑知识库文章（Ctrl+Shift+K）</translation>
    </message>
    <message>
        <source>Import ledger</source>
        <translation>导入统计工作簿</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>导入已取消，没有做任何更改。</translation>
    </message>
    <message>
        <source>New technicians</source>
        <translation>新增维修人</translation>
    </message>
    <message>
        <source>New teams</source>
        <translation>新增班组</translation>
    </message>
    <message>
        <source>New customer units</source>
        <translation>新增客户单位</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) imported.</source>
        <translation>
            <numerusform>已导入 %n 张工单。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export ledger</source>
        <translation>导出统计工作簿</translation>
    </message>
    <message>
        <source>Exporting {month}…</source>
        <translation>正在导出 {month}…</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消，没有写入文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) exported to {path}.</source>
        <translation>
            <numerusform>已将 %n 张工单导出到 {path}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayTab</name>
    <message>
        <source>Refresh</source>
        <extracomment>Item data roles on column 0.</extracomment>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reload the list (F5)</source>
        <translation>重新加载列表（F5）</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Double-click a line or press Enter to open the record.</source>
        <translation>双击某一行或按 Enter 键打开记录。</translation>
    </message>
    <message>
        <source>The list could not be loaded; the details are in the log file.</source>
        <translation>无法加载列表；详细信息记录在日志文件中。</translation>
    </message>
    <message>
        <source>My tickets near or past their service level</source>
        <translation>我的工单中临近或超出服务时限的</translation>
    </message>
    <message>
        <source>My callbacks due today or overdue</source>
        <translation>今天到期或已逾期的回访</translation>
    </message>
    <message>
        <source>Tickets waiting for self-evaluation</source>
        <translation>等待自评的工单</translation>
    </message>
    <message>
        <source>Revisit forms due before the fault analysis meeting</source>
        <translation>需在故障分析会前完成的不满意回访表</translation>
    </message>
    <message>
        <source>Complaints waiting for verification</source>
        <translation>等待验证的投诉</translation>
    </message>
    <message>
        <source>Complaints past their agreed time</source>
        <translation>超过约定时限的投诉</translation>
    </message>
    <message>
        <source>Reports waiting for approval</source>
        <translation>等待批准的报告</translation>
    </message>
    <message>
        <source>Improvement steps overdue</source>
        <translation>逾期的改善步骤</translation>
    </message>
    <message>
        <source>Survey plans collecting (response rate)</source>
        <translation>回收中的调查计划（回收率）</translation>
    </message>
    <message>
        <source>Survey recipients to remind</source>
        <translation>待催收的调查对象</translation>
    </message>
    <message>
        <source>{due} (overdue)</source>
        <translation>{due}（已逾期）</translation>
    </message>
    <message>
        <source>Today, {date}</source>
        <translation>今天，{date}</translation>
    </message>
    <message>
        <source>Nothing is waiting for you here.</source>
        <translation>这里没有待办事项。</translation>
    </message>
    <message>
        <source>Nothing is waiting for you. Well done.</source>
        <translation>没有待办事项，干得好！</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) need your attention</source>
        <translation>
            <numerusform>%n 项需要您处理</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n overdue</source>
        <translation>
            <numerusform>，%n 项逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation>无待办事项</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 项逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>Callback satisfaction rate by week (%)</source>
        <translation>每周回访满意率（%）</translation>
    </message>
    <message>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>no callbacks yet</source>
        <translation>尚无回访</translation>
    </message>
    <message>
        <source>Complaints by month</source>
        <translation>每月投诉数</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>This month&apos;s standings ({month})</source>
        <translation>本月考评排名（{month}）</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>no evaluations yet</source>
        <translation>尚无评价</translation>
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
