<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../desktop_app/domain/actions.py" line="+214"/>
        <source>“{action}” is not possible for a job that is {status}; possible now: {allowed}</source>
        <translation>状态为“{status}”的工单不能执行“{action}”；当前可执行：{allowed}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../desktop_app/domain/compensation.py" line="+519"/>
        <location filename="../../desktop_app/domain/events.py" line="+485"/>
        <location line="+142"/>
        <location filename="../../desktop_app/domain/workflow.py" line="+71"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/events.py" line="-322"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+30"/>
        <location line="+190"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+216"/>
        <location filename="../../desktop_app/ui/dialogs/compensation_dialog.py" line="+110"/>
        <location filename="../../desktop_app/ui/dialogs/job_dialog.py" line="+847"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>{coverage}: {reasons}</source>
        <translation>{coverage}：{reasons}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>checked in while the same serial was still in the shop as job {number}; manager&apos;s reason: {why}</source>
        <translation>同一序列号仍在店内（工单 {number}）时再次接修；店长理由：{why}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>repeat repair of job {number}: the clerk confirmed the same fault</source>
        <translation>工单 {number} 的返修：受理员确认为同一故障</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>paid {amount}</source>
        <translation>已付 {amount}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>paid {amount} ({method})</source>
        <translation>已付 {amount}（{method}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no charge</source>
        <translation>无需付费</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>refund {amount}</source>
        <translation>退款 {amount}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>exchanged for {model} {serial}</source>
        <translation>换为 {model} {serial}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{amount} by {method}</source>
        <translation>{amount}（{method}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{amount} of the deposit set against the bill</source>
        <translation>定金 {amount} 抵扣费用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tendered {tendered}, change {change}</source>
        <translation>实收 {tendered}，找零 {change}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{kind}: {description} × {quantity} @ {price}</source>
        <translation>{kind}：{description} × {quantity}，单价 {price}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>free under warranty</source>
        <translation>保修免费</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>catalogue part {number}, {stock} left in stock</source>
        <translation>目录配件 {number}，库存剩余 {stock}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not listed for the product&apos;s model; reason: {reason}</source>
        <translation>不在该商品型号的适用范围内；理由：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{kind}: {description}</source>
        <translation>{kind}：{description}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>catalogue part {number} back in stock ({stock})</source>
        <translation>目录配件 {number} 已退回库存（{stock}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>accessories returned: {items}</source>
        <translation>已归还配件：{items}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>customer identified: {how}</source>
        <translation>客户身份核验：{how}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wrong answers of the phone&apos;s last four digits first: {count}</source>
        <translation>此前手机尾号答错次数：{count}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>rated {score}/5</source>
        <translation>评分 {score}/5</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>appointment: {old} → {new}</source>
        <translation>预约：{old} → {new}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{result}; on site {arrived}–{left}</source>
        <translation>{result}；上门 {arrived}–{left}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>next visit {window}</source>
        <translation>下次上门 {window}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{field}: {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>complaint {number}</source>
        <translation>投诉 {number}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>nothing offered</source>
        <translation>无补偿</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>warranty end {old} → {new} (+{months} months)</source>
        <translation>保修截止 {old} → {new}（延长 {months} 个月）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>quotation {number}</source>
        <translation>报价单 {number}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>quoted {quoted}, now {total}</source>
        <translation>报价 {quoted}，现为 {total}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the approval no longer holds</source>
        <translation>原确认已失效</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>total {total}, valid until {day}</source>
        <translation>合计 {total}，有效期至 {day}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>called {at}, answered by {name}</source>
        <translation>{at} 致电，接听人：{name}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>returned unrepaired; inspection fee {fee}</source>
        <translation>未维修退回；检测费 {fee}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>customer not reached (call {attempt} of {limit})</source>
        <translation>未联系上客户（第 {attempt} 次，共 {limit} 次）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{aspect} {score}/5</source>
        <translation>{aspect} {score}/5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>low score: a complaint draft awaits the manager</source>
        <translation>低分：已生成投诉草稿，待店长处理</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“{message}” message, {channel}</source>
        <translation>“{message}”消息，{channel}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>new day {day}</source>
        <translation>新日期 {day}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/limits.py" line="+38"/>
        <location filename="../../desktop_app/domain/messages.py" line="+159"/>
        <location filename="../../desktop_app/domain/people.py" line="+58"/>
        <source>must be text</source>
        <translation>必须是文字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must not contain control characters (a scanner or a paste added some)</source>
        <translation>不能包含控制字符（可能是扫码枪或粘贴带入的）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/forms.py" line="+240"/>
        <location line="+96"/>
        <source>{label} is required</source>
        <translation>请填写{label}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/limits.py" line="-4"/>
        <location filename="../../desktop_app/domain/people.py" line="+4"/>
        <source>must be at most {limit} characters</source>
        <translation>最多 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/forms.py" line="-148"/>
        <location filename="../../desktop_app/report_cli.py" line="+104"/>
        <source>not a date: write it as year-month-day, e.g. 2026-06-01</source>
        <translation>不是有效日期：请按“年-月-日”填写，例如 2026-06-01</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/complaints.py" line="+93"/>
        <location filename="../../desktop_app/domain/forms.py" line="+55"/>
        <location filename="../../desktop_app/domain/messages.py" line="-97"/>
        <source>the customer&apos;s name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the customer&apos;s words</source>
        <translation>客户的原话</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>only a manager may do this: {step}</source>
        <translation>只有店长可以执行此操作：{step}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a complaint that is {state} cannot take this step: {step}</source>
        <translation>处于“{state}”状态的投诉不能执行此步骤：{step}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/forms.py" line="-165"/>
        <source>a consultation is not checked in: record it in the consultation log (Service desk → Consultation log), and check it in from there if it needs a repair</source>
        <translation>咨询不办理接修：请记入咨询登记（服务台 → 咨询登记），需要维修时再从那里办理接修</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>the brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a description of the fault</source>
        <translation>故障描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>how the product was used</source>
        <translation>产品使用情况</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a manager&apos;s confirmation needs a written reason</source>
        <translation>店长确认须写明理由</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../desktop_app/services/visits.py" line="+213"/>
        <source>must be a date</source>
        <translation>必须是日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/complaints.py" line="-84"/>
        <location line="+2"/>
        <location filename="../../desktop_app/domain/consultations.py" line="+98"/>
        <location line="+2"/>
        <location filename="../../desktop_app/domain/forms.py" line="+9"/>
        <location line="+63"/>
        <location filename="../../desktop_app/domain/visits.py" line="+144"/>
        <location filename="../../desktop_app/services/complaints.py" line="+229"/>
        <location filename="../../desktop_app/services/jobs.py" line="+246"/>
        <source>must be one of the choices offered</source>
        <translation>必须是所列选项之一</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/compensation.py" line="-393"/>
        <source>is not a kind of compensation</source>
        <translation>不是一种补偿方式</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../desktop_app/domain/forms.py" line="-57"/>
        <location filename="../../desktop_app/domain/parts.py" line="+140"/>
        <location filename="../../desktop_app/services/quotations.py" line="+121"/>
        <location filename="../../desktop_app/services/shop.py" line="+146"/>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the amount must be from {low} to {high} yuan</source>
        <translation>金额须在 {low} 至 {high} 元之间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>this kind of offer has no amount</source>
        <translation>此类补偿没有金额</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the extension must be from 1 to {high} months</source>
        <translation>延保须在 1 至 {high} 个月之间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>this kind of offer has no months</source>
        <translation>此类补偿没有月数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be a compensation policy</source>
        <translation>须为补偿政策</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>is not a kind of missed promise</source>
        <translation>不是一种未履行的承诺</translation>
    </message>
    <message>
        <location line="+195"/>
        <source>must be a list of offers</source>
        <translation>须为补偿项列表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>each kind of offer at most once</source>
        <translation>每种补偿最多一项</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>choose approve, change or decline</source>
        <translation>请选择批准、修改或拒绝</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>say why the proposal is changed or declined</source>
        <translation>请说明修改或拒绝的理由</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give at least one offer, or decline instead</source>
        <translation>至少给出一项补偿，否则请选择拒绝</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only a change gives other offers</source>
        <translation>只有“修改”才能给出其他补偿</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>{offer} {amount}</source>
        <translation>{offer} {amount}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{offer} {months} months</source>
        <translation>{offer} {months} 个月</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>first response {hours} h late</source>
        <translation>首次响应超时 {hours} 小时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>repair 1 working day late</source>
        <translation>维修逾期 1 个工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>repair {days} working days late</source>
        <translation>维修逾期 {days} 个工作日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>same fault back after job {number}</source>
        <translation>工单 {number} 修复后同一故障再次返修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>complaint {number}: the shop was at fault</source>
        <translation>投诉 {number}：责任在本店</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/forms.py" line="+47"/>
        <source>an address for on-site service</source>
        <translation>上门服务地址</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>the purchase voucher was presented: enter its invoice or receipt number</source>
        <translation>已出示购买凭证：请填写发票或小票号码</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>only for on-site service</source>
        <translation>仅用于上门服务</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>not returned: {items}; say why in the note</source>
        <translation>未交还：{items}；请在备注中说明原因</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>choose how the customer paid</source>
        <translation>请选择客户的付款方式</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must equal the total charged, {total}</source>
        <translation>须等于应收合计 {total}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>nothing is charged for this job; enter 0</source>
        <translation>本工单无需收费，请填 0</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/follow_up.py" line="+42"/>
        <source>Speed</source>
        <translation>维修速度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Staff attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overall</source>
        <translation>总体评价</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../../desktop_app/domain/forms.py" line="+4"/>
        <location filename="../../desktop_app/services/handback.py" line="+228"/>
        <location line="+159"/>
        <source>must be a whole number from 1 to 5</source>
        <translation>须为 1 到 5 的整数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must be empty: the customer was not reached</source>
        <translation>未联系上客户时不能填写</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>say what the customer was unhappy about: a score of 2 or less opens a complaint</source>
        <translation>请写明客户不满意的地方：2 分及以下会生成投诉</translation>
    </message>
    <message>
        <location line="+29"/>
        <location filename="../../desktop_app/domain/parts.py" line="+6"/>
        <location filename="../../desktop_app/services/complaints.py" line="-36"/>
        <source>must be yes or no</source>
        <translation>只能是“是”或“否”</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>the product was not returned to the customer: there is nothing to follow up</source>
        <translation>产品未交还客户：无需回访</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the customer was already reached about this job at {at}: it is no longer due</source>
        <translation>该工单已于 {at} 回访到客户：无需再回访</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the customer could not be reached {count} times: it is no longer due</source>
        <translation>已 {count} 次未联系上客户：不再回访</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>follow-up calls for this job start on {day}</source>
        <translation>该工单从 {day} 起才回访</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the follow-up of this job ended on {day}: it is no longer due</source>
        <translation>该工单的回访期已于 {day} 结束：不再回访</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/roles.py" line="+77"/>
        <source>a {role} may not {action}; ask a {allowed}</source>
        <translation>{role}无权{action}，请联系{allowed}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/rules.py" line="+39"/>
        <source>purchase voucher</source>
        <translation>购买凭证</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+166"/>
        <source>warranty card</source>
        <translation>保修卡</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>product itself</source>
        <translation>产品实物</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>the warranty is at least {minimum} months by the agreement; {months} is too short</source>
        <translation>按服务协议，保修期至少 {minimum} 个月；{months} 个月过短</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>must be at most {maximum} months; check the label</source>
        <translation>最多 {maximum} 个月，请核对标注</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>cannot be in the future (today is {today})</source>
        <translation>不能晚于今天（今天是 {today}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cannot be before {earliest}; check the voucher</source>
        <translation>不能早于 {earliest}，请核对购买凭证</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot be after the check-in date {day}</source>
        <translation>不能晚于受理日期 {day}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a manager&apos;s override needs a written reason</source>
        <translation>店长特批须写明理由</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>return</source>
        <translation>退货</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>bought {days} day(s) ago: no-reason {wanted} is available until {until}</source>
        <translation>购买 {days} 天：可在 {until} 前办理七天无理由{wanted}</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>enter the purchase date (on the voucher or the warranty card): it decides the 7-day return and the warranty</source>
        <translation>请填写购买日期（见购买凭证或保修卡）：七天无理由退换和保修都以它为准</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>bought today: no-reason {wanted} is available until {until}</source>
        <translation>今天购买：可在 {until} 前办理七天无理由{wanted}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bought {days} day ago: no-reason {wanted} is available until {until}</source>
        <translation>购买 {days} 天：可在 {until} 前办理七天无理由{wanted}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>bought {days} days ago: no-reason {wanted} is available until {until}</source>
        <translation>购买 {days} 天：可在 {until} 前办理七天无理由{wanted}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no-reason {wanted} refused: the 7-day window ended {ended} (bought {days} days ago)</source>
        <translation>不能办理无理由{wanted}：七天期限已于 {ended} 截止（购买已 {days} 天）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no-reason {wanted} refused: {document} not presented</source>
        <translation>不能办理无理由{wanted}：未出示{document}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>offered a repair instead</source>
        <translation>改为提供维修服务</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>warranty ended {ended}</source>
        <translation>保修期已于 {ended} 结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>{document} not presented</source>
        <translation>未出示{document}</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>in warranty until {until} (extended as compensation)</source>
        <translation>保修期至 {until}（作为补偿已延长）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in warranty until {until}</source>
        <translation>在保修期内，保修至 {until}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>free by manager&apos;s override: {why}</source>
        <translation>店长特批免费：{why}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>documents missing, so the repair is not free</source>
        <translation>凭证不全，不能免费维修</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>purchase voucher, warranty card and product presented</source>
        <translation>已出示购买凭证、保修卡和产品实物</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quality faults are repaired free (same-model parts)</source>
        <translation>质量问题免费维修（更换同型号配件）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a no-reason return or exchange is also possible until {until}</source>
        <translation>在 {until} 前也可办理七天无理由退换货</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>a mobile phone number is required</source>
        <translation>请填写手机号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be a mainland mobile number: 11 digits starting with 13–19</source>
        <translation>须为中国大陆手机号：以 13–19 开头的 11 位数字</translation>
    </message>
    <message>
        <location filename="../../desktop_app/complaints_cli.py" line="+43"/>
        <location filename="../../desktop_app/consultations_cli.py" line="+52"/>
        <location filename="../../desktop_app/parts_cli.py" line="+72"/>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/consultations_cli.py" line="-5"/>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../desktop_app/consultations_cli.py" line="+7"/>
        <source>job</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/domain/vocabulary.py" line="+40"/>
        <source>received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>call back by</source>
        <translation>回电期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolve by</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+59"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>({count} complaint)</source>
        <translation>（共 {count} 条投诉）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>({count} complaints)</source>
        <translation>（共 {count} 条投诉）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/vocabulary.py" line="+1"/>
        <source>diagnosing</source>
        <translation>检测中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for parts</source>
        <translation>等待配件</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+303"/>
        <source>repairing</source>
        <translation>维修中</translation>
    </message>
    <message>
        <location line="-302"/>
        <location line="+306"/>
        <source>ready for pickup</source>
        <translation>待取件</translation>
    </message>
    <message>
        <location line="-305"/>
        <source>returned to customer</source>
        <translation>已交还客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inspecting for return/exchange</source>
        <translation>退换货查验中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exchanged</source>
        <translation>已换货</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+42"/>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return (7-day, no reason)</source>
        <translation>退货（七天无理由）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange (7-day, no reason)</source>
        <translation>换货（七天无理由）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/evaluation.py" line="+32"/>
        <source>a report covers the years 2000 to 2099</source>
        <translation>报告只能覆盖 2000 年至 2099 年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the period has not begun yet: pick one that has begun</source>
        <translation>该期间尚未开始：请选择已经开始的期间</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the period ends before it starts: pick a later end date</source>
        <translation>结束日期早于开始日期：请选择更晚的结束日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a report covers at most ten years: pick a shorter period</source>
        <translation>一份报告最多覆盖十年：请选择更短的期间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a month is 1 to 12</source>
        <translation>月份只能是 1 至 12</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a quarter is 1, 2, 3 or 4</source>
        <translation>季度只能是 1、2、3 或 4</translation>
    </message>
    <message>
        <location line="+513"/>
        <source>Received: jobs checked in during the period, by the service asked for, the product&apos;s category and brand. Consultations are the questions in the consultation log received in the period (they are not jobs).</source>
        <translation>受理：本期间内登记的工单，按所申请的服务、商品类别和品牌统计。咨询为本期间内咨询记录中收到的问题（不属于工单）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>First response on time: of the jobs checked in during the period whose response was due by the end of the period, the share whose first response (diagnosis, call or solution) came at or before the due time, 24 clock hours after check-in. A job never responded to counts as late.</source>
        <translation>首次响应及时率：本期间内登记、且响应期限（登记后 24 小时）在期末之前到期的工单中，首次响应（检测、致电或给出方案）在期限内完成的比例。从未响应的工单计为超时。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Repair on time: of the jobs that became ready for pickup during the period (the last time, if reworked), the share ready on or before the repair due day, the 5th working day after the check-in day.</source>
        <translation>维修及时率：本期间内变为待取件的工单（返修的按最后一次计）中，在维修期限（登记日后第 5 个工作日）当日或之前完成的比例。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Working days taken: for the same jobs, the working days from the day after check-in to the day ready for pickup, inclusive, on the shop&apos;s working-day calendar (public holidays, official working weekends and the shop&apos;s closures) as it is now. The repair due day is the one promised at check-in: if the calendar changed since, a job ready on time may show more than 5 working days, or a late one fewer. A job ready before its check-in time (workstation clocks that disagree) took 0.</source>
        <translation>维修用时：上述工单自登记次日起至待取件当日（含）所用的工作日数，按本店当前的工作日历计算（含法定节假日、调休上班日和本店停业日）。维修期限是登记时承诺的那一天：若之后工作日历有变动，按时完成的工单可能显示超过 5 个工作日，逾期的工单也可能显示更少。待取件时间早于登记时间的工单（各工作站时钟不一致）计为 0 天。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open at the end: jobs checked in by the end of the period (now, for a period still running) and not yet handed back, refunded, exchanged or cancelled by then. Overdue: those of them not ready for pickup by then whose repair due day was over by then (a repair is due by the end of its due day). Readiness is as the job stands now: a job sent back for rework later counts as not ready.</source>
        <translation>期末未结：期末（进行中的期间为当前时刻）前已登记、到那时仍未交还、退款、换货或取消的工单。超期：其中到那时仍未待取件、且维修期限日已经结束的工单（维修须在期限日结束前完成）。是否待取件以工单现状为准：之后被退回返修的工单计为未待取件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Warranty and paid repairs: jobs checked in during the period handled as a free warranty repair or as a paid repair (as they stand now); not a quality problem: those a technician turned into a paid repair at diagnosis.</source>
        <translation>保修与付费维修：本期间内登记、（按当前状态）作为免费保修或付费维修处理的工单；非质量问题：检测时被技术员改为付费维修的工单。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>7-day returns and exchanges: jobs checked in during the period asking for one; refunded or exchanged as they stand now; refused: handled as a repair instead (not eligible at check-in, or refused at inspection).</source>
        <translation>7 天退换货：本期间内登记、申请退货或换货的工单；按当前状态统计已退款、已换货；拒绝：改按维修处理（登记时不符合条件，或检验时被拒绝）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Repeat repairs: jobs checked in during the period whose serial number had been handed back repaired within the 90 days before the check-in. A technician&apos;s repeat repairs are those of jobs they had repaired.</source>
        <translation>返修：本期间内登记、其序列号在登记前 90 天内曾维修完毕交还的工单。技术员的返修数指其维修过的工单的返修。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Complaints: complaints registered during the period (a draft from a low follow-up score counts when a manager registers it; a draft never registered never counts). Acknowledged on time: of the complaints whose acknowledgement (24 hours after registration) fell due during the period, up to now, the share called back by then. Resolved on time: of the complaints whose resolution day fell in the period and is over, the share resolved by the end of that day. Each complaint counts once on each clock, in the period its promise fell due. Shop at fault: as found at resolution.</source>
        <translation>投诉：本期间内登记的投诉（回访低分生成的草稿在店长登记时计入；从未登记的草稿不计）。受理及时率：受理期限（登记后 24 小时）在本期间内到期（截至当前）的投诉中，在期限前回电的比例。处理及时率：处理期限日在本期间内且已结束的投诉中，在该日结束前处理完毕的比例。每件投诉在每项时限上只计一次，计入其时限到期的期间。本店责任：以处理结论为准。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Compensation: decisions made during the period; the amounts and months are what the approved decisions gave. Awaiting: proposed during the period and not decided by its end.</source>
        <translation>补偿：本期间内作出的决定；金额和月数为已批准决定实际给予的补偿。待决定：本期间内提出、到期末仍未决定的补偿。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Satisfaction: the hand-back score (1-5) of the jobs returned during the period, and the overall score of the follow-up calls made during the period that reached the customer. Surveyed: the share of the jobs returned during the period with a follow-up call that reached the customer (by the time of the report).</source>
        <translation>满意度：本期间内交还工单的交还时评分（1-5 分），以及本期间内接通客户的回访电话的总体评分。回访率：本期间内交还的工单中（截至报告时）已回访并接通客户的比例。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Per technician: the jobs assigned to them that became ready during the period, their on-time share and average working days; satisfaction and complaints of their jobs returned or complained about during the period.</source>
        <translation>按技术员：分派给其本人、在本期间内变为待取件的工单数、及时率和平均工作日；其工单在本期间内交还时的满意度和收到的投诉。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Each figure is shown beside the previous period: the month, quarter or year before for those, otherwise the same number of days just before. Changes of a share are in percentage points.</source>
        <translation>各项指标均与上一期间对比：月度、季度、年度与上一月、季度、年度对比，其他期间与紧邻其前、天数相同的期间对比。比例的变化以百分点表示。</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Jobs received</source>
        <translation>受理工单</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Consultations (log)</source>
        <translation>咨询（咨询记录）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/evaluation_report.py" line="+297"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+449"/>
        <source>First response within 24 hours</source>
        <translation>24 小时内首次响应</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/evaluation_report.py" line="+5"/>
        <location line="+62"/>
        <location line="+77"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-197"/>
        <location line="+205"/>
        <source>Repair within 5 working days</source>
        <translation>5 个工作日内修好</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/evaluation_report.py" line="+1"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-203"/>
        <source>Average working days taken</source>
        <translation>平均维修工作日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open at the end of the period</source>
        <translation>期末未结工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdue at the end of the period</source>
        <translation>期末超期工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free warranty repairs</source>
        <translation>免费保修维修</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid repairs</source>
        <translation>付费维修</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>7-day returns and exchanges asked for</source>
        <translation>申请 7 天退换货</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../desktop_app/receipts/payment_receipt.py" line="+94"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exchanged</source>
        <translation>已换货</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+4"/>
        <source>Repeat repairs (within 90 days)</source>
        <translation>返修（90 天内）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-1"/>
        <source>Complaints received</source>
        <translation>收到投诉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Complaints acknowledged within 24 hours</source>
        <translation>24 小时内受理投诉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Complaints resolved on time</source>
        <translation>按期处理投诉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shop at fault</source>
        <translation>本店责任</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compensation approved</source>
        <translation>批准补偿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compensation declined</source>
        <translation>拒绝补偿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compensation given (amounts)</source>
        <translation>补偿金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/evaluation_report.py" line="+1"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-2"/>
        <location line="+107"/>
        <location line="+98"/>
        <source>Hand-back score</source>
        <translation>取机评分</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-90"/>
        <source>Follow-up call score</source>
        <translation>回访评分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned jobs surveyed</source>
        <translation>已回访的交还工单</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Repairs at the counter</source>
        <translation>到店维修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7-day returns</source>
        <translation>7 天退货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7-day exchanges</source>
        <translation>7 天换货</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/domain/vocabulary.py" line="+1"/>
        <source>On-site service</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consultation jobs (before the log)</source>
        <translation>咨询工单（咨询记录启用前）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/vocabulary.py" line="+1"/>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>7-day no-reason return/exchange</source>
        <translation>七天无理由退换货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free warranty repair</source>
        <translation>保修期内免费维修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid repair</source>
        <translation>付费维修</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Electronics</source>
        <translation>电子产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Household appliance</source>
        <translation>家用电器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home goods</source>
        <translation>家居用品</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+46"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Repaired</source>
        <translation>已修复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot be repaired</source>
        <translation>无法修复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No fault found</source>
        <translation>未检测到故障</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+203"/>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labour</source>
        <translation>工时</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Product checked in</source>
        <translation>受理登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+77"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="+102"/>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/evaluation.py" line="-72"/>
        <location filename="../../desktop_app/domain/vocabulary.py" line="+1"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-23"/>
        <source>Not a quality problem</source>
        <translation>非质量问题</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/vocabulary.py" line="+1"/>
        <source>Part/labour added</source>
        <translation>添加配件/工时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part/labour removed</source>
        <translation>移除配件/工时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned</source>
        <translation>指派技师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction recorded</source>
        <translation>登记满意度</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="+105"/>
        <location line="+3"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-3"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="-72"/>
        <source>Diagnosis</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-320"/>
        <location line="+87"/>
        <source>Service evaluation {period}</source>
        <translation>售后服务评估 {period}</translation>
    </message>
    <message>
        <location line="-81"/>
        <location filename="../../desktop_app/receipts/takings_report.py" line="+81"/>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Breakdown</source>
        <translation>分项统计</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="+30"/>
        <source>Jobs</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+2"/>
        <location line="+67"/>
        <source>Count / of</source>
        <translation>数量 / 总数</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Notes</source>
        <translation>注释</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Scores given</source>
        <translation>评分次数</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Received by service</source>
        <translation>按服务类型受理</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+97"/>
        <source>Working days taken</source>
        <translation>维修所用工作日</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Kind of compensation</source>
        <translation>补偿类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times given</source>
        <translation>给予次数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous period: times given</source>
        <translation>上期：给予次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous period: amount</source>
        <translation>上期：金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous period: months</source>
        <translation>上期：月数</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>late</source>
        <translation>超时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in time</source>
        <translation>及时</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="-34"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="+3"/>
        <source>Response due</source>
        <translation>响应期限</translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-66"/>
        <source>Handed back</source>
        <translation>取件时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/vocabulary.py" line="+2"/>
        <source>Phone number shown</source>
        <translation>已查看完整电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compensation proposed</source>
        <translation>建议补偿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compensation decided</source>
        <translation>补偿已决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warranty extended</source>
        <translation>保修已延长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment set</source>
        <translation>已预约上门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit recorded</source>
        <translation>上门记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+257"/>
        <source>Follow-up call</source>
        <translation>回访</translation>
    </message>
    <message>
        <location line="-256"/>
        <source>Complaint received</source>
        <translation>收到投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message to the customer</source>
        <translation>发给客户的消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Money</source>
        <translation>收退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quotation issued</source>
        <translation>已出具报价单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quotation approved</source>
        <translation>报价已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approval overridden by a manager</source>
        <translation>店长越过客户确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quotation declined</source>
        <translation>客户拒绝报价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quotation changed, approval needed</source>
        <translation>报价已变更，需重新确认</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>satisfaction score</source>
        <translation>满意度评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>satisfaction comment</source>
        <translation>满意度评价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>amount paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accessories returned</source>
        <translation>归还的配件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>work done</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>diagnosis</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Shop set up</source>
        <translation>门店已设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked out</source>
        <translation>账户已锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password changed</source>
        <translation>已修改密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User added</source>
        <translation>已添加用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role changed</source>
        <translation>已更改角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User disabled</source>
        <translation>已停用用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User enabled again</source>
        <translation>已重新启用用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password reset</source>
        <translation>已重置密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job list exported with full phone numbers</source>
        <translation>导出工单列表（含完整电话号码）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>clerk</source>
        <translation>接待员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>technician</source>
        <translation>维修技师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>check in a product</source>
        <translation>受理送修产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>make a claim with missing documents free</source>
        <translation>对缺少凭证的报修特批免费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>check in a serial that is still in the shop</source>
        <translation>接修仍在店内的序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record the first response</source>
        <translation>登记首次响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change the repair status</source>
        <translation>变更维修状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mark a fault as not a quality problem</source>
        <translation>判定故障为非质量问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add or remove parts and labour</source>
        <translation>添加或移除配件和工时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel a job</source>
        <translation>取消工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hand a product back</source>
        <translation>将产品交还客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record customer satisfaction</source>
        <translation>登记客户满意度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assign a technician</source>
        <translation>指派维修技师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decide a return or exchange</source>
        <translation>审批退换货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change the shop settings</source>
        <translation>修改门店设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>correct a closed job</source>
        <translation>更正已结工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>see a customer&apos;s full phone number</source>
        <translation>查看顾客的完整电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list customers&apos; full phone numbers</source>
        <translation>列出顾客的完整电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add users or change their role, password or access</source>
        <translation>添加用户或更改其角色、密码或使用权限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>record or handle a complaint</source>
        <translation>登记或处理投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reopen a complaint</source>
        <translation>重新打开投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve, change or decline compensation</source>
        <translation>批准、修改或拒绝补偿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record a consultation or a callback</source>
        <translation>登记咨询或回电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set an on-site appointment</source>
        <translation>预约上门服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record an on-site visit</source>
        <translation>登记上门记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record a satisfaction follow-up call</source>
        <translation>登记满意度回访</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>see or export the service evaluation</source>
        <translation>查看或导出服务评估</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>back up or restore the database</source>
        <translation>备份或恢复数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>see the day&apos;s takings</source>
        <translation>查看当日收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>see other people&apos;s takings</source>
        <translation>查看他人的收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>count the cash drawer</source>
        <translation>清点钱箱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>add or change parts in the parts catalogue</source>
        <translation>在配件目录中添加或修改配件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>charge a catalogue part at another price than the catalogue&apos;s</source>
        <translation>以不同于目录的价格收取目录配件费用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>message a customer</source>
        <translation>给客户发消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>take a deposit or a payment</source>
        <translation>收取定金或收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>give money back to a customer</source>
        <translation>向客户退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write a quotation</source>
        <translation>出具报价单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record a customer&apos;s approval or refusal of a quotation</source>
        <translation>登记客户对报价的确认或拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start paid work without the customer&apos;s approval</source>
        <translation>未经客户确认开始付费维修</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>record first response</source>
        <translation>登记首次响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assign technician</source>
        <translation>指派技师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start diagnosis</source>
        <translation>开始检测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record diagnosis</source>
        <translation>登记检测结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a quality problem</source>
        <translation>判定非质量问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wait for parts</source>
        <translation>等待配件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>add part</source>
        <translation>添加配件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add labour</source>
        <translation>添加工时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>remove line</source>
        <translation>移除明细</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot be repaired</source>
        <translation>无法修复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel</source>
        <translation>取消工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hand back</source>
        <translation>交还客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start inspection</source>
        <translation>开始查验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve refund</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve exchange</source>
        <translation>同意换货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refuse return/exchange</source>
        <translation>拒绝退换货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record satisfaction</source>
        <translation>登记满意度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record correction</source>
        <translation>登记更正</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set appointment</source>
        <translation>预约上门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record visit</source>
        <translation>登记上门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>take deposit</source>
        <translation>收取定金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refund payment</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write quotation</source>
        <translation>出具报价单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record approval</source>
        <translation>登记确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>override approval</source>
        <translation>越过确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quotation declined</source>
        <translation>客户拒绝报价</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record first response…</source>
        <translation>登记首次响应…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign technician…</source>
        <translation>指派技师…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start diagnosis</source>
        <translation>开始检测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record diagnosis…</source>
        <translation>登记检测结果…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a quality problem…</source>
        <translation>判定非质量问题…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait for parts…</source>
        <translation>等待配件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repairing</source>
        <translation>开始维修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add part…</source>
        <translation>添加配件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add labour…</source>
        <translation>添加工时…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove part/labour…</source>
        <translation>移除配件/工时…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready for pickup…</source>
        <translation>维修完成，待取件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot be repaired…</source>
        <translation>无法修复…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel job…</source>
        <translation>取消工单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand back…</source>
        <translation>交还客户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start inspection</source>
        <translation>开始查验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve refund…</source>
        <translation>同意退款…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve exchange…</source>
        <translation>同意换货…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refuse return/exchange…</source>
        <translation>拒绝退换货…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record satisfaction…</source>
        <translation>登记满意度…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record correction…</source>
        <translation>登记更正…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set appointment…</source>
        <translation>预约上门…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record visit…</source>
        <translation>登记上门…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take deposit…</source>
        <translation>收取定金…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund…</source>
        <translation>退款…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write quotation…</source>
        <translation>出具报价单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record approval…</source>
        <translation>登记客户确认…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Override approval…</source>
        <translation>越过确认…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quotation declined…</source>
        <translation>客户拒绝报价…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>by phone</source>
        <translation>电话确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signed quotation returned</source>
        <translation>报价单已签字交回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manager&apos;s override</source>
        <translation>店长越过确认</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no quotation yet</source>
        <translation>尚未出具报价单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>awaiting the customer&apos;s approval</source>
        <translation>等待客户确认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>quotation changed, approval needed</source>
        <translation>报价已变更，需重新确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quotation expired: write a new one</source>
        <translation>报价已过期：请重新出具</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>declined by the customer</source>
        <translation>客户已拒绝</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>At the counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+148"/>
        <source>Hotline</source>
        <translation>热线电话</translation>
    </message>
    <message>
        <location line="-147"/>
        <location line="+148"/>
        <source>Online / WeChat</source>
        <translation>在线/微信</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Delay</source>
        <translation>延误</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/follow_up.py" line="-157"/>
        <location filename="../../desktop_app/domain/vocabulary.py" line="+1"/>
        <source>Repair quality</source>
        <translation>维修质量</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/vocabulary.py" line="+1"/>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other complaint</source>
        <translation>其他投诉</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>draft (awaiting the manager)</source>
        <translation>草稿（待店长处理）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>complaint received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>acknowledged</source>
        <translation>已回复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>investigating</source>
        <translation>调查中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dismissed</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Complaint drafted</source>
        <translation>投诉草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint registered</source>
        <translation>投诉已登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer called back</source>
        <translation>已回电客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Investigation started</source>
        <translation>开始调查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint resolved</source>
        <translation>投诉已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint closed</source>
        <translation>投诉已结案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint reopened</source>
        <translation>投诉重新打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft dismissed</source>
        <translation>草稿已撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-271"/>
        <location filename="../../desktop_app/receipts/takings_report.py" line="+161"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Customer accepted</source>
        <translation>客户已接受</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalated to the manager</source>
        <translation>已上报店长</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No response within 24 hours</source>
        <translation>24小时内未响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repair late, per working day beyond the 5</source>
        <translation>维修超期（超过5个工作日，每日）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same fault again</source>
        <translation>同一故障再次出现</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint: the shop at fault</source>
        <translation>投诉：本店责任</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Labour waived</source>
        <translation>免收工时费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voucher</source>
        <translation>代金券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warranty extension</source>
        <translation>延长保修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loan device</source>
        <translation>备用机</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>proposed, awaiting a manager</source>
        <translation>已建议，待店长决定</translation>
    </message>
    <message>
        <location line="-151"/>
        <location line="+152"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="-474"/>
        <source>Not repaired: quotation declined</source>
        <translation>未维修：客户拒绝报价</translation>
    </message>
    <message>
        <location line="+475"/>
        <source>approved with changes</source>
        <translation>修改后批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>In person</source>
        <translation>到店</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>answered</source>
        <translation>已解答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>callback promised</source>
        <translation>待回电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>called back</source>
        <translation>已回电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>became a service job</source>
        <translation>已转服务单</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Fixed on site</source>
        <translation>现场修复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another visit needed</source>
        <translation>需再次上门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken to the shop</source>
        <translation>带回店内维修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer not at home</source>
        <translation>客户不在家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other result</source>
        <translation>其他结果</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A4</source>
        <translation>A4 纸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>80 mm receipt printer</source>
        <translation>80 mm 小票打印机</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{day} ({weekday})</source>
        <translation>{day}（{weekday}）</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Shop manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/workflow.py" line="-8"/>
        <source>a job that is {current} is closed; it cannot become {target}</source>
        <translation>状态为“{current}”的工单已结单，不能改为“{target}”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a job that is {current} cannot become {target}; allowed from here: {allowed}</source>
        <translation>状态为“{current}”的工单不能改为“{target}”；当前可改为：{allowed}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/intake.py" line="+45"/>
        <source>No-reason return or exchange within 7 days of the purchase date, with the purchase voucher and the product.</source>
        <translation>自购买之日起七天内，凭购买凭证及产品实物可办理无理由退换货。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warranty of at least one year from the date of sale: a quality fault is repaired free, or the faulty part is replaced free with a part of the same model, when the purchase voucher, the warranty card and the product are presented.</source>
        <translation>自销售之日起保修至少一年：出示购买凭证、保修卡及产品实物，质量问题免费维修，或免费更换同型号故障配件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Damage that is not a quality problem (misuse, liquid, drops) is repaired at the customer&apos;s cost; the technician records the reason.</source>
        <translation>非质量问题造成的损坏（使用不当、进液、摔落等）实行付费维修，由维修技师记录原因。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>We respond within 24 hours of check-in.</source>
        <translation>受理后24小时内给予首次响应。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The repair is finished and handed back within 5 working days, not counting the check-in day.</source>
        <translation>自受理次日起算，5个工作日内修复并交还。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="-53"/>
        <source>After-sales hotline, around the clock: {hotline}</source>
        <translation>24小时售后服务热线：{hotline}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your personal details are used for this service only.</source>
        <translation>您的个人信息仅用于本次售后服务。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+12"/>
        <source>Service intake receipt</source>
        <translation>售后服务受理单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check-in</source>
        <translation>受理信息</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+248"/>
        <location filename="../../desktop_app/receipts/intake.py" line="+2"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="-1"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="+46"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-3"/>
        <source>Checked in</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/intake.py" line="+1"/>
        <location filename="../../desktop_app/takings_cli.py" line="+172"/>
        <source>Clerk</source>
        <translation>受理人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/complaint.py" line="+62"/>
        <location line="+28"/>
        <source>Complaint receipt</source>
        <translation>投诉受理单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Complaint number</source>
        <translation>投诉单号</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+14"/>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by</source>
        <translation>受理人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+5"/>
        <location filename="../../desktop_app/receipts/intake.py" line="+1"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="-6"/>
        <location filename="../../desktop_app/receipts/payment_receipt.py" line="-17"/>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="-5"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-16"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="-24"/>
        <location line="+2"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+1"/>
        <location filename="../../desktop_app/receipts/intake.py" line="+1"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="+1"/>
        <location filename="../../desktop_app/receipts/payment_receipt.py" line="+1"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="+1"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+1"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In the customer&apos;s words</source>
        <translation>客户陈述</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Asks for</source>
        <translation>客户诉求</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Keep this receipt and quote the complaint number when you call the after-sales hotline, around the clock: {hotline}</source>
        <translation>请保留本受理单，致电24小时售后服务热线时请告知投诉单号：{hotline}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The customer confirms that the complaint above is recorded as said.</source>
        <translation>客户确认以上投诉内容记录属实。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{at} (within 24 hours)</source>
        <translation>{at}（24小时内）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>by the end of {day} (working days, not counting the day received)</source>
        <translation>{day}下班前（按工作日计算，不含受理当天）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>We call you back by</source>
        <translation>回电答复期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved by</source>
        <translation>处理完毕期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our promise</source>
        <translation>我们的承诺</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/intake.py" line="+3"/>
        <source>{months} months, ends {day}</source>
        <translation>{months} 个月，至 {day}</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="+1"/>
        <location filename="../../desktop_app/receipts/payment_receipt.py" line="+1"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="+2"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+4"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_report.py" line="-378"/>
        <source>Service quality evaluation report</source>
        <translation>服务质量评估报告</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/evaluation.py" line="+79"/>
        <source>{points} pp</source>
        <translation>{points} 个百分点</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_report.py" line="+39"/>
        <source>{label} ({kind}): {start} – {end}, {days} days</source>
        <translation>{label}（{kind}）：{start} 至 {end}，共 {days} 天</translation>
    </message>
    <message>
        <location line="+91"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-237"/>
        <location filename="../../desktop_app/receipts/takings_report.py" line="-4"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compared with</source>
        <translation>对比期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+2"/>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+30"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-25"/>
        <location filename="../../desktop_app/report_cli.py" line="+90"/>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+5"/>
        <location line="+113"/>
        <location filename="../../desktop_app/report_cli.py" line="+0"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Figures</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Definitions</source>
        <translation>定义</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+175"/>
        <location line="+23"/>
        <source>No data for this period</source>
        <translation>本期间没有数据</translation>
    </message>
    <message>
        <location line="-194"/>
        <source>On-time rates per week</source>
        <translation>每周按时率</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Working days taken (jobs ready for pickup)</source>
        <translation>维修所用工作日（已修好待取的工单）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Within 5 working days</source>
        <translation>5 个工作日内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More than 5 working days</source>
        <translation>超过 5 个工作日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+54"/>
        <source>Complaints by category</source>
        <translation>按类别统计投诉</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+107"/>
        <location filename="../../desktop_app/report_cli.py" line="+20"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location line="-105"/>
        <location line="+132"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-171"/>
        <location line="+117"/>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <location line="-131"/>
        <location line="+131"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-115"/>
        <location line="+21"/>
        <location line="+94"/>
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>Technicians compared</source>
        <translation>技师对比</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>{count} score</source>
        <translation>{count} 次评分</translation>
    </message>
    <message>
        <location line="+29"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-166"/>
        <source>Per technician</source>
        <translation>按技师</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>On-time rate</source>
        <translation>按时率</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+3"/>
        <location line="+61"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+117"/>
        <source>Jobs completed</source>
        <translation>完成工单</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../desktop_app/report_cli.py" line="+1"/>
        <source>Repeat repairs</source>
        <translation>返修</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>{count} scores</source>
        <translation>{count} 次评分</translation>
    </message>
    <message>
        <location line="+38"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+187"/>
        <location filename="../../desktop_app/receipts/intake.py" line="+2"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="-1"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+1"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+2"/>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-90"/>
        <source>Received by category</source>
        <translation>按品类受理</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+2"/>
        <source>Received by brand</source>
        <translation>按品牌受理</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+89"/>
        <location filename="../../desktop_app/receipts/intake.py" line="+1"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+1"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+1"/>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-46"/>
        <location filename="../../desktop_app/receipts/payment_receipt.py" line="+51"/>
        <location line="+15"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="+77"/>
        <location line="+15"/>
        <location filename="../../desktop_app/receipts/takings_report.py" line="+57"/>
        <location line="+16"/>
        <location filename="../../desktop_app/takings_cli.py" line="+36"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+1"/>
        <source>Months</source>
        <translation>月数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times, previous period</source>
        <translation>次数（上期）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount, previous period</source>
        <translation>金额（上期）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Compensation by kind</source>
        <translation>按类型统计补偿</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+46"/>
        <location filename="../../desktop_app/receipts/intake.py" line="+1"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+1"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+1"/>
        <location line="+85"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/intake.py" line="+1"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="-90"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+1"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="-84"/>
        <source>Serial / IMEI</source>
        <translation>序列号/IMEI</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+1"/>
        <source>Purchase date</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warranty</source>
        <translation>保修期</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+50"/>
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location line="-50"/>
        <location line="+48"/>
        <source>No</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Documents presented</source>
        <translation>出示凭证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purchase voucher</source>
        <translation>购买凭证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warranty card</source>
        <translation>保修卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product itself</source>
        <translation>产品实物</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+6"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+37"/>
        <source>Visit address</source>
        <translation>上门地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="-52"/>
        <location line="+51"/>
        <source>Appointment</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="-3"/>
        <source>to be agreed with the customer</source>
        <translation>待与顾客约定</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-3"/>
        <location filename="../../desktop_app/receipts/intake.py" line="+1"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-5"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/intake.py" line="-5"/>
        <source>Service requested</source>
        <translation>申请服务</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verdict</source>
        <translation>受理结论</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../desktop_app/receipts/payment_receipt.py" line="-55"/>
        <source>Deposit held</source>
        <translation>定金余额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fault and condition</source>
        <translation>故障与外观</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="+7"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+78"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="-24"/>
        <source>Fault description</source>
        <translation>故障描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+1"/>
        <source>How it was used</source>
        <translation>使用情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition on arrival</source>
        <translation>受理时外观</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+165"/>
        <source>Accessories received</source>
        <translation>随机附件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Terms of service</source>
        <translation>服务条款</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Yes, no. {number}</source>
        <translation>有，编号 {number}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{at} (within 24 hours of check-in)</source>
        <translation>{at}（受理后24小时内）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>by the end of {day} (5 working days, not counting the check-in day)</source>
        <translation>{day} 当天结束前（5个工作日，不含受理当天）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>First response due</source>
        <translation>首次响应时限</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+16"/>
        <location filename="../../desktop_app/receipts/intake.py" line="+1"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="+7"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-217"/>
        <source>Repair due</source>
        <translation>维修完成期限</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/intake.py" line="+2"/>
        <source>Deadlines</source>
        <translation>服务时限</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The customer confirms that the details above are correct.</source>
        <translation>客户确认以上信息无误。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/complaint.py" line="-25"/>
        <location filename="../../desktop_app/receipts/intake.py" line="+1"/>
        <location filename="../../desktop_app/receipts/payment_receipt.py" line="+8"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="+21"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-41"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+11"/>
        <source>Customer signature</source>
        <translation>客户签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/intake.py" line="+1"/>
        <location filename="../../desktop_app/receipts/payment_receipt.py" line="+1"/>
        <location filename="../../desktop_app/receipts/quotation.py" line="+1"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+0"/>
        <source>Clerk signature</source>
        <translation>受理人签名</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/layout.py" line="+325"/>
        <location filename="../../desktop_app/receipts/takings_report.py" line="-201"/>
        <source>24-hour after-sales hotline: {hotline}</source>
        <translation>24小时售后热线：{hotline}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/complaint.py" line="-26"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-18"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="-10"/>
        <location filename="../../desktop_app/receipts/layout.py" line="+4"/>
        <source>Job number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/layout.py" line="+119"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/complaint.py" line="-44"/>
        <location filename="../../desktop_app/receipts/layout.py" line="+172"/>
        <location filename="../../desktop_app/receipts/takings_report.py" line="-65"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="-51"/>
        <source>Printed {at}</source>
        <translation>打印时间 {at}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/evaluation_report.py" line="-359"/>
        <location filename="../../desktop_app/receipts/layout.py" line="+0"/>
        <location filename="../../desktop_app/receipts/takings_report.py" line="+0"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+0"/>
        <source>Page {page}</source>
        <translation>第 {page} 页</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-47"/>
        <location line="+26"/>
        <source>Return receipt</source>
        <translation>售后服务取件单</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Questions or complaints about this service: 24-hour hotline {hotline}</source>
        <translation>对本次服务如有疑问或投诉，请拨打24小时热线 {hotline}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The customer confirms receiving the product and the items listed above.</source>
        <translation>客户确认已收到产品及以上所列物品。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer confirms receiving the refund listed above.</source>
        <translation>客户确认已收到以上所列退款。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_report.py" line="+284"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-185"/>
        <location line="+195"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="+12"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+20"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+68"/>
        <location filename="../../desktop_app/report_cli.py" line="-6"/>
        <source>Technician</source>
        <translation>维修技师</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/quotation.py" line="-35"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+3"/>
        <source>Customer and product</source>
        <translation>客户与产品</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+9"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+6"/>
        <source>Ready for pickup</source>
        <translation>可取件时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+3"/>
        <source>Refunded on</source>
        <translation>退款时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exchanged on</source>
        <translation>换货时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates</source>
        <translation>办理时间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>by the end of {day}</source>
        <translation>{day} 当天结束前</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{days} working day</source>
        <translation>{days} 个工作日</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_report.py" line="-126"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+0"/>
        <source>{days} working days</source>
        <translation>{days} 个工作日</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+3"/>
        <source>(promise: {promise})</source>
        <translation>（承诺：{promise} 个工作日）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>on time</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>late by {days} working day</source>
        <translation>逾期 {days} 个工作日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>late by {days} working days</source>
        <translation>逾期 {days} 个工作日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time taken</source>
        <translation>实际用时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>5-working-day promise</source>
        <translation>5个工作日修复承诺</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>We are sorry: we did not keep our promise ({missed}).</source>
        <translation>非常抱歉，我们未能履行服务承诺（{missed}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our apology</source>
        <translation>致歉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>awaiting a manager&apos;s decision; we will contact you</source>
        <translation>待店长审批，我们会与您联系</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none ({reason})</source>
        <translation>无（{reason}）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_report.py" line="+180"/>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-318"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+3"/>
        <source>Compensation</source>
        <translation>补偿</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+12"/>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quotation {number} ({total}) was declined: the product is returned unrepaired.</source>
        <translation>报价单 {number}（{total}）被客户拒绝：商品未经维修退回。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quotation</source>
        <translation>报价单</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+62"/>
        <source>Work done</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parts replaced</source>
        <translation>更换配件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warranty after repair</source>
        <translation>维修后保修</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repair warranty</source>
        <translation>维修保修</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/quotation.py" line="+67"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+7"/>
        <location line="+55"/>
        <source>(part model {model})</source>
        <translation>（配件型号 {model}）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-47"/>
        <source>Charges</source>
        <translation>费用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quotation declined: no parts or labour charged; inspection fee {fee}.</source>
        <translation>客户拒绝报价：不收取配件及工时费；检测费 {fee}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No parts or labour were charged.</source>
        <translation>未收取配件费或工时费。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/quotation.py" line="-24"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+5"/>
        <location line="+12"/>
        <location filename="../../desktop_app/receipts/takings_report.py" line="+137"/>
        <location line="+25"/>
        <location filename="../../desktop_app/takings_cli.py" line="+32"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-10"/>
        <source>Less compensation</source>
        <translation>补偿减免</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="+325"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-3"/>
        <location line="+4"/>
        <source>Amount paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+3"/>
        <source>{amount} (no charge)</source>
        <translation>{amount}（免费）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Free under warranty</source>
        <translation>保修免费</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/quotation.py" line="-93"/>
        <source>This quotation is valid until the day shown above; after it the repair is quoted again.</source>
        <translation>本报价单在上述有效期内有效；逾期须重新报价。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work starts only after you approve this quotation, by phone or by signing this copy.</source>
        <translation>经您电话确认或在本单签字确认后，方开始维修。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faulty parts are replaced with parts of the same model.</source>
        <translation>故障零部件以同型号零部件更换。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>If more faults are found during the repair, we quote again and wait for your approval before going on.</source>
        <translation>维修中如发现其他故障，将重新报价，经您确认后再继续维修。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If you decline, the product is returned unrepaired and only the inspection fee of {fee} is charged.</source>
        <translation>如您不同意维修，商品将未经维修退回，仅收取检测费 {fee}。</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+18"/>
        <source>Repair quotation</source>
        <translation>维修报价单</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Parts and labour</source>
        <translation>配件及工时</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No parts or labour: the work at no charge.</source>
        <translation>无配件及工时：本次维修不收费。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quotation {number}</source>
        <translation>报价单 {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>I approve the repair at the total quoted above.</source>
        <translation>本人同意按上述报价金额进行维修。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quoted by</source>
        <translation>报价人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}, {at}</source>
        <translation>{name}，{at}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Approved</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+18"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+18"/>
        <location line="+18"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="-17"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="-17"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+1"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+1"/>
        <location line="+15"/>
        <source>Charged</source>
        <translation>应收</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Reason given</source>
        <translation>退换原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refund amount</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7-day no-reason return</source>
        <translation>七天无理由退货</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replacement model</source>
        <translation>换新产品型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replacement serial / IMEI</source>
        <translation>换新产品序列号/IMEI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7-day no-reason exchange</source>
        <translation>七天无理由换货</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/vocabulary.py" line="-568"/>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+9"/>
        <source>Accessories returned</source>
        <translation>交还附件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/return_receipt.py" line="+1"/>
        <source>Accessories</source>
        <translation>附件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Parts and labour guaranteed for {days} days, until {day}.</source>
        <translation>维修所换配件及人工保修{days}天，至{day}止。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Warranty extended by {months} months as compensation: until {day}. A repair does not restart the warranty.</source>
        <translation>作为补偿，保修期延长 {months} 个月：至 {day}。维修后保修期不重新计算。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warranty unchanged: until {day}. A repair does not restart the warranty.</source>
        <translation>保修期不变：至 {day}。维修后保修期不重新计算。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out of warranty (ended {day}).</source>
        <translation>已过保修期（{day} 到期）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../desktop_app/report_cli.py" line="+4"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Customer&apos;s rating</source>
        <translation>客户评分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How satisfied are you with our response speed, repair quality, cost and staff? (1 = very dissatisfied, 5 = very satisfied)</source>
        <translation>您对我们的响应速度、维修质量、收费和服务人员是否满意？（1 = 非常不满意，5 = 非常满意）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your rating</source>
        <translation>您的评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comments</source>
        <translation>意见与建议</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/jobs.py" line="+379"/>
        <source>no active user with id {id}</source>
        <translation>没有编号为 {id} 的在职用户</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/common.py" line="+57"/>
        <location line="+15"/>
        <location line="+169"/>
        <location filename="../../desktop_app/services/compensation.py" line="+359"/>
        <location filename="../../desktop_app/services/follow_up.py" line="+168"/>
        <location filename="../../desktop_app/services/pickup.py" line="+176"/>
        <source>no job with id {id}</source>
        <translation>没有编号为 {id} 的工单</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>job {number} was changed at another counter by {name} at {at}: reopen it</source>
        <translation>工单 {number} 已由 {name} 于 {at} 在另一个柜台修改：请重新打开</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/complaints.py" line="-16"/>
        <location filename="../../desktop_app/domain/consultations.py" line="-5"/>
        <location filename="../../desktop_app/domain/limits.py" line="+56"/>
        <source>{what} is required</source>
        <translation>请填写{what}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/handback.py" line="-263"/>
        <source>must be a whole number from 0</source>
        <translation>必须是不小于 0 的整数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no promise was missed: there is no compensation to decide</source>
        <translation>没有未履行的承诺，无需审批补偿</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>satisfaction was already recorded; a manager can record a correction</source>
        <translation>满意度已登记过；如需修改，请店长登记更正</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>the refund must be more than 0</source>
        <translation>退款金额须大于 0</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the refund must be at most 1,000,000.00</source>
        <translation>退款金额最多为 1,000,000.00</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the replacement&apos;s model is required</source>
        <translation>请填写换新产品的型号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the replacement&apos;s serial/IMEI is required</source>
        <translation>请填写换新产品的序列号/IMEI</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>why the return or exchange is refused</source>
        <translation>拒绝退换货的原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>only a return or exchange under inspection can be refused</source>
        <translation>只能拒绝正在查验中的退换货</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>return/exchange refused at inspection: {why}</source>
        <translation>查验后拒绝退换货：{why}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the reason for the correction</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this field cannot be corrected</source>
        <translation>该字段不能更正</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>must be an amount in cents, from 0 to 100000000</source>
        <translation>必须是以分为单位的金额，范围 0 至 100000000</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must be one of: {methods}</source>
        <translation>必须是以下之一：{methods}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>an open job is changed by its normal actions, not corrections</source>
        <translation>未结工单请通过正常操作修改，不能登记更正</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/jobs.py" line="-525"/>
        <source>check in</source>
        <translation>受理登记</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>a deposit is only taken for a paid repair</source>
        <translation>只有付费维修才收取定金</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>how the customer was contacted or what was offered</source>
        <translation>联系客户的方式或给出的方案</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the first response was already recorded at {at}</source>
        <translation>首次响应已于 {at} 登记</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>use “{action}” to make a job {target}</source>
        <translation>请使用“{action}”将工单改为“{target}”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a reason is required to cancel a job</source>
        <translation>取消工单须填写原因</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>what was done</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>why it cannot be repaired</source>
        <translation>无法修复的原因</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>a reason to cancel the job</source>
        <translation>取消工单的原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the diagnosis</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>why the fault is not a quality problem</source>
        <translation>判定为非质量问题的原因</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>only a free warranty repair can be turned into a paid one; this job is {c}</source>
        <translation>只有保修期内免费维修的工单才能转为付费维修；本工单为{c}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>only a part comes from the parts catalogue</source>
        <translation>只有配件可以从配件目录中选取</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>part {number} costs {price} in the catalogue now: pick it again (only a manager may charge another price)</source>
        <translation>配件 {number} 在目录中的价格现在是 {price}：请重新选择（只有店长可以按其他价格收费）</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>why the line is removed</source>
        <translation>移除该明细的原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>that line is not on job {number}</source>
        <translation>工单 {number} 中没有该明细</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>{name} is not a technician</source>
        <translation>{name}不是维修技师</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>must be a part or labour</source>
        <translation>须为配件或工时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a description is required</source>
        <translation>请填写名称</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/parts.py" line="-28"/>
        <source>must be a list of models</source>
        <translation>必须是型号列表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>name at least one model the part fits</source>
        <translation>至少填写一个适用型号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>at most {limit} models</source>
        <translation>最多 {limit} 个型号</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>must be from 0.00 to 1,000,000.00</source>
        <translation>须在 0.00 至 1,000,000.00 之间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must be from {low} to {high}</source>
        <translation>须在 {low} 至 {high} 之间</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>part {number} is no longer in the catalogue (deactivated)</source>
        <translation>配件 {number} 已停用，不在目录中</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>only {stock} of part {number} in stock, {quantity} asked: a manager corrects the count in the parts catalogue, or add the part as typed if it came from elsewhere</source>
        <translation>配件 {number} 库存仅 {stock} 件，需要 {quantity} 件：请店长在配件目录中更正库存，或如配件另有来源，请手工录入该配件</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>part {number} is not listed for model {model}: say why it is used (the agreement replaces parts with parts of the same model)</source>
        <translation>配件 {number} 不适用于型号 {model}：请说明使用理由（协议规定以同型号零部件更换）</translation>
    </message>
    <message>
        <location line="+34"/>
        <location filename="../../desktop_app/services/jobs.py" line="+3"/>
        <source>must be a whole number from 1 to 999</source>
        <translation>必须是 1 至 999 之间的整数</translation>
    </message>
    <message>
        <location line="-90"/>
        <location filename="../../desktop_app/services/jobs.py" line="+2"/>
        <source>must be an amount in cents</source>
        <translation>必须是以分为单位的金额</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/jobs.py" line="+2"/>
        <source>cannot be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the line total must be at most 1,000,000.00</source>
        <translation>单项金额合计不能超过 1,000,000.00</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/users.py" line="+264"/>
        <source>no user with id {id}</source>
        <translation>没有编号为 {id} 的用户</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/shop.py" line="+19"/>
        <source>{code} is not a known country code</source>
        <translation>{code} 不是有效的国家/地区代码</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>must be from {low} to {high} months</source>
        <translation>须在 {low} 到 {high} 个月之间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/people.py" line="+129"/>
        <location filename="../../desktop_app/services/shop.py" line="-24"/>
        <source>must be A4 or 80 mm</source>
        <translation>须为 A4 或 80 mm</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/shop.py" line="+31"/>
        <source>must be from {low} to {high} minutes</source>
        <translation>必须在 {low} 到 {high} 分钟之间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be from {low} to {high} working days</source>
        <translation>须在 {low} 至 {high} 个工作日之间</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+25"/>
        <location line="+20"/>
        <source>must be from {low} to {high} days</source>
        <translation>须在 {low} 至 {high} 天之间</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>must be from {low} to {high} daily backups</source>
        <translation>须为 {low} 到 {high} 份每日备份</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must be from {low} to {high} weekly backups</source>
        <translation>须为 {low} 到 {high} 份每周备份</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must be from {low} to {high} monthly backups</source>
        <translation>须为 {low} 到 {high} 份每月备份</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>must be an amount from 0 to 10,000.00</source>
        <translation>金额须在 0 至 10,000.00 之间</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>must be a list of days</source>
        <translation>必须是日期列表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must be a list of years</source>
        <translation>必须是年份列表</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{day} cannot be both a closure day and an extra working day</source>
        <translation>{day} 不能既是休息日又是额外工作日</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>enter {year}&apos;s official holidays as closure days (or import them) before marking {year} confirmed</source>
        <translation>请先把 {year} 年的法定节假日录入为门店休息日（或导入文件），再确认 {year} 年</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/people.py" line="-131"/>
        <source>must be at least {minimum} characters</source>
        <translation>至少 {minimum} 个字符</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must not contain control characters or line breaks</source>
        <translation>不能包含控制字符或换行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must not be only spaces</source>
        <translation>不能只有空格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must not be the user name</source>
        <translation>不能与用户名相同</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>must be the same password</source>
        <translation>两次输入的密码必须相同</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>too many wrong passwords: this account is locked until {until}; try again then, or ask a manager</source>
        <translation>密码错误次数过多：此账户已锁定至 {until}；请届时再试，或联系店长</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>a user name is required</source>
        <translation>请填写用户名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must not contain spaces</source>
        <translation>不能包含空格</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must not contain invisible characters</source>
        <translation>不能包含不可见字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a display name is required</source>
        <translation>请填写显示名称</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>is required: it heads every receipt</source>
        <translation>必填：它印在每张单据的抬头</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>is required: the agreement promises a hotline</source>
        <translation>必填：协议承诺提供服务热线</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/users.py" line="-115"/>
        <location line="+34"/>
        <source>must be a known role</source>
        <translation>必须是已知的角色</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>{name} is already taken</source>
        <translation>{name} 已被占用</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>{name} is the last manager who can sign in: reset another manager&apos;s password first</source>
        <translation>{name} 是最后一位能登录的店长：请先为另一位店长重设密码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} is the last active manager: make someone else a manager first</source>
        <translation>{name} 是最后一位在职店长：请先任命其他人为店长</translation>
    </message>
    <message>
        <location filename="../../desktop_app/admin.py" line="+582"/>
        <location filename="../../desktop_app/complaints_cli.py" line="-79"/>
        <source>number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/complaints_cli.py" line="+4"/>
        <location filename="../../desktop_app/pickup_cli.py" line="+33"/>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/complaints_cli.py" line="+1"/>
        <location filename="../../desktop_app/consultations_cli.py" line="-6"/>
        <location filename="../../desktop_app/pickup_cli.py" line="+1"/>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/consultations_cli.py" line="+2"/>
        <location filename="../../desktop_app/pickup_cli.py" line="+1"/>
        <source>product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>serial</source>
        <translation>序列号/IMEI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>checked in</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>repair due</source>
        <translation>维修完成期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>overdue {days}</source>
        <translation>逾期 {days}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{days} left</source>
        <translation>剩余 {days}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>({count} jobs)</source>
        <translation>（共 {count} 个工单）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>({count} job)</source>
        <translation>（共 {count} 个工单）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/official_days.py" line="+47"/>
        <source>the file is larger than {size} KiB: not a list of days</source>
        <translation>文件超过 {size} KiB，不是日期清单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the file is not UTF-8 text</source>
        <translation>文件不是 UTF-8 文本</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the file lists no days: write one &apos;YYYY-MM-DD,holiday&apos; or &apos;,workday&apos; a line</source>
        <translation>文件中没有日期：每行写一个“YYYY-MM-DD,holiday”或“YYYY-MM-DD,workday”</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>line {line}: “{text}” is not “date,holiday” or “date,workday”</source>
        <translation>第 {line} 行：“{text}”不是“日期,holiday”或“日期,workday”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>line {line}: “{text}” is not a date written YYYY-MM-DD</source>
        <translation>第 {line} 行：“{text}”不是 YYYY-MM-DD 格式的日期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>line {line}: “{text}” must be “holiday” or “workday”</source>
        <translation>第 {line} 行：“{text}”必须是“holiday”（休）或“workday”（班）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>line {line}: {day} is already listed on line {earlier} as the other kind</source>
        <translation>第 {line} 行：{day} 已在第 {earlier} 行列为另一种</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/dialogs/settings_dialog.py" line="+465"/>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/data/db.py" line="+279"/>
        <source>it cannot be written</source>
        <translation>无法写入</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>the database is busy in another program (or at another counter) and did not answer in time; nothing was saved. Try again in a moment.</source>
        <translation>数据库正被其他程序（或其他柜台）占用，未能及时响应；未保存任何内容。请稍后重试。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the database {url} needs an upgrade to this release&apos;s format, which the role the counter connects as may not make: ask the administrator to run `repair-counter migrate` as the owner (then `repair-counter postgres-roles` again). Nothing was changed.</source>
        <translation>数据库 {url} 需要升级到本版本的格式，而柜台连接所用的角色无权升级：请管理员以所有者身份运行 `repair-counter migrate`（然后再次运行 `repair-counter postgres-roles`）。未做任何更改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../desktop_app/services/backup.py" line="+174"/>
        <source>the database is open read-only ({reason}): nothing can be changed</source>
        <translation>数据库以只读方式打开（{reason}）：不能做任何修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the connection to the database server was lost; nothing was saved. Try again once it is back.</source>
        <translation>与数据库服务器的连接已断开，没有保存任何内容。连接恢复后请再试一次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the connection to the database server was lost while the change was being saved: it may or may not have been saved. Once the connection is back, look it up before trying again.</source>
        <translation>保存修改时与数据库服务器的连接断开了：修改可能已保存，也可能没有。连接恢复后请先查看一下，再决定是否重试。</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>{url} is neither a database file nor a database URL we use: give a file path, sqlite:///PATH or postgresql://user@host/dbname</source>
        <translation>{url} 既不是数据库文件，也不是本软件可用的数据库地址：请给出文件路径、sqlite:///路径 或 postgresql://用户@主机/数据库名</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>opened read-only on request</source>
        <translation>按要求以只读方式打开</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>{path} must be upgraded to this release&apos;s format before use, but {reason}. It was left untouched.</source>
        <translation>{path} 需要先升级到本版本的格式才能使用，但{reason}。文件未被改动。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/data/location.py" line="+62"/>
        <source>{path} is damaged ({detail}). It was left untouched; restore a backup, or choose another file with --database.</source>
        <translation>{path} 已损坏（{detail}）。文件未被改动；请恢复备份，或用 --database 选择其他文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is an empty file (0 bytes), not a Repair Counter database. It was left untouched; to start a new database in it, confirm (command line: --use-empty-file).</source>
        <translation>{path} 是一个空文件（0 字节），不是售后维修台数据库。文件未被改动；如要在其中新建数据库，请确认（命令行：--use-empty-file）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} cannot be opened ({detail}). It was left untouched; check the path and its permissions, or choose another file with --database.</source>
        <translation>无法打开 {path}（{detail}）。文件未被改动；请检查路径及其权限，或用 --database 选择其他文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is a folder, not a database file. Choose a file with --database (a new one is made if it does not exist).</source>
        <translation>{path} 是文件夹，不是数据库文件。请用 --database 选择一个文件（不存在时会新建）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder {folder} is not writable, so the database {path} cannot be created there. Choose another folder, or ask for write access to this one.</source>
        <translation>文件夹 {folder} 不可写，无法在其中创建数据库 {path}。请选择其他文件夹，或申请该文件夹的写入权限。</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>the file {path} is read-only</source>
        <translation>文件 {path} 是只读的</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the folder {folder} is not writable (the database needs its working files there)</source>
        <translation>文件夹 {folder} 不可写（数据库需要在其中创建工作文件）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/check_in.py" line="+113"/>
        <source>{serial} is still in the shop as job {number} ({product}, {status}): hand that job back first, or a manager confirms with a reason</source>
        <translation>{serial} 仍在店内（工单 {number}，{product}，{status}）：请先交还该工单，或由店长写明理由确认</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>this phone number is on file under another name: {names}; check the name</source>
        <translation>该手机号已登记在其他姓名下：{names}；请核对客户姓名</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/messages.py" line="-24"/>
        <source>Product received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready to collect</source>
        <translation>可取件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repair delayed</source>
        <translation>维修延期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction survey</source>
        <translation>满意度调查</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../desktop_app/domain/shop_details.py" line="+16"/>
        <source>the shop&apos;s name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the job number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the product (brand and model)</source>
        <translation>产品（品牌和型号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the day the repair is due</source>
        <translation>维修到期日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the new day (delayed message only)</source>
        <translation>新的完成日期（仅延期消息）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/domain/shop_details.py" line="+1"/>
        <source>the after-sales hotline</source>
        <translation>售后服务热线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the amount charged</source>
        <translation>应收金额</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must be at most {limit} characters (it has {count})</source>
        <translation>最多 {limit} 个字符（现有 {count} 个）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must not contain control characters</source>
        <translation>不能包含控制字符</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+97"/>
        <source>{placeholder} is not a placeholder; use one of {known}</source>
        <translation>{placeholder} 不是占位符；可用的有：{known}</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>{placeholder} can only be used in the “{other}” message</source>
        <translation>{placeholder} 只能用在“{other}”消息中</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the braces {braces} may only surround a placeholder name</source>
        <translation>花括号 {braces} 只能用来括住占位符名称</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>must be the four message templates</source>
        <translation>必须是四个消息模板</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>the shop&apos;s name is not set: a manager fills it in the shop settings</source>
        <translation>尚未设置门店名称：请店长在门店设置中填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the hotline is not set: a manager fills it in the shop settings</source>
        <translation>尚未设置服务热线：请店长在门店设置中填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+69"/>
        <source>the new day is needed</source>
        <translation>需要填写新的完成日期</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>{placeholder} has no value: {why}</source>
        <translation>{placeholder} 没有值：{why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not known for this job</source>
        <translation>本工单没有此项信息</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>this message does not fit the job&apos;s status</source>
        <translation>此消息不适用于工单当前状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be copied, SMS or WeChat</source>
        <translation>必须是复制、短信或微信</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be today or later, not {day}</source>
        <translation>须为今天或以后，不能是 {day}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only a delayed message has a new day</source>
        <translation>只有延期消息才有新日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/shop_details.py" line="+9"/>
        <source>receipts cannot be printed without {missing}: a manager fills it in the shop settings</source>
        <translation>缺少{missing}，无法打印单据：请店长在“门店设置”中填写</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> and </source>
        <translation>和</translation>
    </message>
    <message>
        <location filename="../../desktop_app/people_cli.py" line="+211"/>
        <source>no user named {name}</source>
        <translation>没有名为 {name} 的用户</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>access</source>
        <translation>使用权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>locked until {until}</source>
        <translation>锁定至 {until}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/parts_cli.py" line="-5"/>
        <source>part number</source>
        <translation>配件编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fits models</source>
        <translation>适用型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unit price (¥)</source>
        <translation>单价（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fits model</source>
        <translation>适用此型号</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>no part with number {number} in the catalogue</source>
        <translation>配件目录中没有编号为 {number} 的配件</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>must be a whole number from {low} to {high}</source>
        <translation>必须是 {low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>must be the part&apos;s version as listed (a whole number from 1)</source>
        <translation>必须是列表中该配件的版本号（从 1 起的整数）</translation>
    </message>
    <message>
        <location line="+60"/>
        <location filename="../../desktop_app/people_cli.py" line="+2"/>
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>({count} part)</source>
        <translation>（{count} 个配件）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>({count} parts)</source>
        <translation>（{count} 个配件）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/people_cli.py" line="+2"/>
        <source>none yet</source>
        <translation>尚未设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to change at next sign-in</source>
        <translation>下次登录时须修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/auth.py" line="+40"/>
        <source>wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>this database is set up already: sign in instead</source>
        <translation>此数据库已完成设置：请直接登录</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>this user name is taken</source>
        <translation>此用户名已被占用</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>passwords are set already: sign in instead</source>
        <translation>密码已经设置：请直接登录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be an active manager</source>
        <translation>必须是在职店长</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>this account must choose a new password, which a read-only database cannot store: sign in where the database can be written first</source>
        <translation>此账户必须先设置新密码，而只读数据库无法保存：请先在可写入数据库的地方登录</translation>
    </message>
    <message>
        <location line="+82"/>
        <location filename="../../desktop_app/services/signins.py" line="+102"/>
        <source>nobody is signed in here: sign in first</source>
        <translation>此处无人登录：请先登录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must differ from the current password</source>
        <translation>必须与当前密码不同</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>is not your password</source>
        <translation>不是您的密码</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>this account has been disabled</source>
        <translation>此账户已被停用</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/signins.py" line="+6"/>
        <source>{name}&apos;s account has been disabled: sign in as someone else</source>
        <translation>{name} 的账户已被停用：请以其他身份登录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a manager has signed {name} out (access changed): sign in again</source>
        <translation>店长已将 {name} 登出（账户权限有变）：请重新登录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>choose a new password before anything else</source>
        <translation>请先设置新密码，然后才能进行其他操作</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/models/staff_models.py" line="+185"/>
        <source>No user has this name</source>
        <translation>没有此用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The account is disabled or has no password</source>
        <translation>账号已停用或尚未设置密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The account was locked</source>
        <translation>账号处于锁定中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong password</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/compensation.py" line="-151"/>
        <source>this compensation was already decided</source>
        <translation>此补偿已审批</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>this compensation was decided at another counter: reopen it</source>
        <translation>此补偿已在另一柜台审批，请重新打开</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+7"/>
        <source>no compensation with id {id}</source>
        <translation>没有编号为 {id} 的补偿</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>this compensation was changed at another counter: reopen it</source>
        <translation>此补偿已在另一柜台更改，请重新打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this compensation was decided at another counter by {name} at {at}: reopen it</source>
        <translation>此补偿已由{name}于 {at} 在另一柜台审批，请重新打开</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/complaints.py" line="-53"/>
        <source>what the customer was told</source>
        <translation>对客户的答复</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>what the investigation found</source>
        <translation>调查结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>why the customer did not accept</source>
        <translation>客户不接受的原因</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>a reason to reopen the complaint</source>
        <translation>重新处理投诉的原因</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>a reason to dismiss the draft</source>
        <translation>不予受理草稿的原因</translation>
    </message>
    <message>
        <location line="+115"/>
        <location line="+38"/>
        <source>no complaint with id {id}</source>
        <translation>没有编号为 {id} 的投诉</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>complaint {number} was changed at another counter by {name} at {at}: reopen it</source>
        <translation>投诉 {number} 已由 {name} 于 {at} 在另一柜台修改：请重新打开</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+4"/>
        <source>no job with number {number}</source>
        <translation>没有单号为 {number} 的工单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>job {number} is another customer&apos;s: check the job number and the phone</source>
        <translation>工单 {number} 属于其他客户：请核对单号和电话</translation>
    </message>
    <message>
        <location filename="../../desktop_app/consultations_cli.py" line="-5"/>
        <source>consultation number</source>
        <translation>咨询编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>received at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>callback due</source>
        <translation>回电期限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>callback overdue</source>
        <translation>回电已超时</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>({count} consultation)</source>
        <translation>（共 {count} 条咨询）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>({count} consultations)</source>
        <translation>（共 {count} 条咨询）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/consultations.py" line="+0"/>
        <source>the question</source>
        <translation>咨询问题</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>what was answered on the callback</source>
        <translation>回电时的答复</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>consultation {number} was already called back</source>
        <translation>咨询 {number} 已经回电</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>consultation {number} became a service job: no callback is due</source>
        <translation>咨询 {number} 已转为工单，无需回电</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>consultation {number} was answered on the first contact: no callback is due</source>
        <translation>咨询 {number} 首次来电已答复，无需回电</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>consultation {number} already became job {job}: open that job instead</source>
        <translation>咨询 {number} 已转为工单 {job}：请打开该工单</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/consultations.py" line="+166"/>
        <source>no consultation with id {id}</source>
        <translation>没有编号为 {id} 的咨询</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>consultation {number} was changed at another counter (now: {state}): look again</source>
        <translation>咨询 {number} 已在另一台电脑上被修改（现为：{state}），请重新查看</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/visits.py" line="-65"/>
        <source>an appointment (day and time window) is required</source>
        <translation>须填写预约（日期和时间段）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must be a day with a time window from–to</source>
        <translation>须为某一天的时间段（起–止）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the window must end after it starts ({start})</source>
        <translation>时间段的结束须晚于开始（{start}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the window must start and end on the same day</source>
        <translation>时间段须在同一天内开始和结束</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the window starts in the past ({start}); a visit already made is recorded</source>
        <translation>时间段的开始已过去（{start}）；已完成的上门请登记上门记录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be within {days} days from today</source>
        <translation>须在今天起 {days} 天以内</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>must be a day and a time</source>
        <translation>须为日期和时间</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot be before the job was checked in ({at})</source>
        <translation>不能早于工单登记时间（{at}）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/quotation.py" line="+167"/>
        <source>this is a paid repair: write the quotation and record the customer&apos;s approval before work starts</source>
        <translation>这是付费维修：开始维修前请出具报价单并登记客户确认</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the customer has not approved the quotation yet: record the approval (by phone or the signed copy) or a manager&apos;s override before work starts</source>
        <translation>客户尚未确认报价：开始维修前请登记客户确认（电话或签字单）或店长越过确认</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the quotation changed after it was written (parts or labour added or removed, or the total changed): write a new quotation and record the customer&apos;s approval</source>
        <translation>报价单出具后已变更（增删了配件或工时，或合计金额改变）：请重新出具报价单并登记客户确认</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the quotation has expired: write a new one and record the customer&apos;s approval</source>
        <translation>报价已过期：请重新出具报价单并登记客户确认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the customer declined the quotation: the product goes back unrepaired</source>
        <translation>客户已拒绝报价：商品将未经维修退回</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../desktop_app/services/quotations.py" line="+163"/>
        <source>there is no quotation to approve: write one first</source>
        <translation>没有可确认的报价单：请先出具报价单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the quotation is already approved</source>
        <translation>报价已确认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the quotation has expired and cannot be approved: write a new one (re-issue it)</source>
        <translation>报价已过期，不能确认：请重新出具报价单</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the quotation is approved and unchanged: nothing to re-write</source>
        <translation>报价已确认且未变更：无需重新出具</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the customer approved the quotation; it cannot be declined now</source>
        <translation>客户已确认报价，现不能登记为拒绝</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>the diagnosis is required</source>
        <translation>必须填写检测结果</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be a day</source>
        <translation>必须是一个日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot be in the past (today is {day})</source>
        <translation>不能早于今天（今天是 {day}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be within {days} days of today</source>
        <translation>必须在今天起 {days} 天之内</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>must be by phone or by signature</source>
        <translation>必须为电话确认或签字确认</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>say who answered the phone (the customer&apos;s name or another person)</source>
        <translation>请填写接听电话的人（客户本人姓名或其他人）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>when the customer was called</source>
        <translation>必须填写致电客户的时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/domain/visits.py" line="+4"/>
        <location line="+11"/>
        <source>cannot be in the future</source>
        <translation>不能是将来的时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot be before the quotation was written ({at})</source>
        <translation>不能早于报价单出具时间（{at}）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/visits.py" line="-9"/>
        <source>must be after the arrival</source>
        <translation>须晚于到达时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a visit lasts at most {hours} hours</source>
        <translation>一次上门最长 {hours} 小时</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>what was done on site is required</source>
        <translation>须填写上门所做的工作</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no next visit after this result; leave the next visit empty</source>
        <translation>此结果无需再次上门；请不要填写下次上门</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>must start after this visit ended</source>
        <translation>须在本次上门结束之后开始</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="-162"/>
        <location line="+46"/>
        <source>On-site visit sheet</source>
        <translation>上门服务单</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Warranty ends</source>
        <translation>保修截止</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fault and coverage</source>
        <translation>故障与保修</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/evaluation_workbook.py" line="-17"/>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="-6"/>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+2"/>
        <source>Coverage</source>
        <translation>费用承担</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/visit_sheet.py" line="+8"/>
        <source>Earlier visits</source>
        <translation>此前上门记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The customer confirms the visit times, the work done and the parts used.</source>
        <translation>顾客确认以上上门时间、所做工作及所用配件属实。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technician signature</source>
        <translation>技术员签字</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Arrived</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Left</source>
        <translation>离开时间</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Filled in on site</source>
        <translation>上门现场填写</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Parts used</source>
        <translation>所用配件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/visits.py" line="-12"/>
        <source>job {number} is not an on-site job ({service}): it has no visits</source>
        <translation>工单 {number} 不是上门服务（{service}）：没有上门记录</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/errors.py" line="+106"/>
        <source>{path} already exists and was not made by Repair Counter (or was changed since): it is left as it is. Choose another file name.</source>
        <translation>{path} 已存在，且不是售后维修台生成的文件（或之后被修改过）：未作任何改动。请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/report_cli.py" line="-142"/>
        <source>name one period: --month 2026-11, --quarter 2026-Q4, --year 2026, or --from DATE --to DATE</source>
        <translation>请指定一个期间：--month 2026-11、--quarter 2026-Q4、--year 2026，或 --from 日期 --to 日期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a month is written 2026-11</source>
        <translation>月份的写法为 2026-11</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a quarter is written 2026-Q4</source>
        <translation>季度的写法为 2026-Q4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a year is written 2026</source>
        <translation>年份的写法为 2026</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>both --from and --to are needed, as dates</source>
        <translation>需要同时给出 --from 和 --to，且均为日期</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>-o writes the kind of file its name ends with: leave --format out</source>
        <translation>-o 按文件扩展名决定写入的格式：请去掉 --format</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>name a file to write, not a folder</source>
        <translation>请给出要写入的文件名，而不是文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the report is written as a .pdf, .xlsx or .csv file</source>
        <translation>报告只能保存为 .pdf、.xlsx 或 .csv 文件</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Service evaluation {period} ({start} to {end}), compared with {previous}</source>
        <translation>服务评估 {period}（{start} 至 {end}），对比 {previous}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Completed</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repair on time</source>
        <translation>按期修好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average working days</source>
        <translation>平均工作日</translation>
    </message>
    <message>
        <location filename="../../desktop_app/backup_cli.py" line="+76"/>
        <source>{path} cannot be used ({reason}), so the backup is restored by one of its own managers: add --user USERNAME (a manager in the backup; the password is asked on the terminal, or read from standard input with --password-stdin)</source>
        <translation>{path} 无法使用（{reason}），因此由备份中的店长恢复：请加上 --user 用户名（备份中的店长；密码在终端中输入，或用 --password-stdin 从标准输入读取）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>restore replaces the whole database: add --yes to confirm when not on a terminal; nothing was changed</source>
        <translation>恢复会替换整个数据库：不在终端上运行时请加 --yes 确认；未做任何更改</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>not confirmed; nothing was changed</source>
        <translation>未确认；未做任何更改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/data/backup.py" line="+150"/>
        <source>there is no database file {path} to back up</source>
        <translation>没有可备份的数据库文件 {path}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the database failed its integrity check ({detail}); no backup was made. Keep the last good backup.</source>
        <translation>数据库未通过完整性检查（{detail}）；未生成备份。请保留最近一份完好的备份。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the database is not a Repair Counter database</source>
        <translation>该数据库不是售后维修台的数据库</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>the database could not be copied ({detail}); no backup was made</source>
        <translation>无法复制数据库（{detail}）；未生成备份</translation>
    </message>
    <message>
        <location line="+399"/>
        <source>the backup could not be put in place ({detail}); the database is unchanged</source>
        <translation>无法放回备份（{detail}）；数据库未被更改</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>{path} belongs to another account, in a folder where only a file&apos;s owner may move it (the sticky bit): restore it as that account or the folder&apos;s owner; nothing was changed</source>
        <translation>{path} 属于另一个账户，而所在文件夹只允许文件的所有者移动它（粘滞位）：请以该账户或文件夹所有者的身份恢复；未做任何更改</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>{path} is open in another counter or program: close it there first; nothing was changed</source>
        <translation>{path} 正被另一个柜台或程序打开：请先在那里关闭；未做任何更改</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>{path} has 99 files kept aside by earlier restores under today&apos;s names: move some of them away first; nothing was changed</source>
        <translation>{path} 旁已有 99 个今天的恢复前留存文件：请先移走其中一些；未做任何更改</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>pg_dump is not installed here, so no backup was made. Install the PostgreSQL client tools (e.g. the postgresql-client package), or run on the server: pg_dump --format=custom --file=FILE DBNAME</source>
        <translation>本机未安装 pg_dump，因此未生成备份。请安装 PostgreSQL 客户端工具（如 postgresql-client 软件包），或在服务器上运行：pg_dump --format=custom --file=FILE DBNAME</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>pg_dump failed ({detail}); no backup was made</source>
        <translation>pg_dump 执行失败（{detail}）；未生成备份</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/backups.py" line="+93"/>
        <source>{path} is not a Repair Counter backup; nothing was changed. Choose a backup file (made by Back up now, `repair-counter backup` or the automatic backups).</source>
        <translation>{path} 不是售后维修台的备份；未做任何更改。请选择一个备份文件（由“立即备份”、`repair-counter backup` 或自动备份生成）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is a backup of a newer Repair Counter (database revision {revision}; this one knows up to {known}); nothing was changed. Update the application first.</source>
        <translation>{path} 是较新版本售后维修台的备份（数据库版本 {revision}；本程序最高支持 {known}）；未做任何更改。请先更新程序。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is a damaged or incomplete backup ({detail}); nothing was changed. Choose another backup.</source>
        <translation>{path} 是损坏或不完整的备份（{detail}）；未做任何更改。请选择其他备份。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/backup.py" line="-136"/>
        <source>a PostgreSQL database is restored with pg_restore, not from the counter: close every counter, then run pg_restore --clean --if-exists --dbname=DBNAME FILE (see the README, “Backup and restore”). Nothing was changed.</source>
        <translation>PostgreSQL 数据库需用 pg_restore 恢复，不能在柜台程序中恢复：请关闭所有柜台，然后运行 pg_restore --clean --if-exists --dbname=DBNAME FILE（见 README 的“Backup and restore”一节）。未做任何更改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>this database is not kept in a file (a memory or file: URI database), so it has no backups here</source>
        <translation>该数据库不保存在文件中（内存数据库或 file: URI 数据库），因此这里没有它的备份</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>the backup could not be written ({detail}); no backup was made</source>
        <translation>无法写入备份（{detail}）；未生成备份</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+17"/>
        <location filename="../../desktop_app/services/recovery.py" line="+135"/>
        <source>there is no file {path}</source>
        <translation>文件 {path} 不存在</translation>
    </message>
    <message>
        <location line="-12"/>
        <location filename="../../desktop_app/services/recovery.py" line="+11"/>
        <source>the backup could not be restored ({detail}); the database is unchanged</source>
        <translation>无法恢复备份（{detail}）；数据库未被更改</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/list_export.py" line="+40"/>
        <source>the file name must end in .xlsx (Excel) or .csv: {name}</source>
        <translation>文件名必须以 .xlsx（Excel）或 .csv 结尾：{name}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/job_list_export.py" line="-2"/>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Job list</source>
        <translation>工单列表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/payments.py" line="+42"/>
        <location filename="../../desktop_app/receipts/intake.py" line="-48"/>
        <source>Deposit</source>
        <translation>订金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deposit used</source>
        <translation>订金抵扣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/parts.py" line="-22"/>
        <location filename="../../desktop_app/domain/payments.py" line="+106"/>
        <location filename="../../desktop_app/domain/takings.py" line="+253"/>
        <source>is required</source>
        <translation>必须填写</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/payments.py" line="+8"/>
        <source>must be an amount in yuan, e.g. 12.50</source>
        <translation>须为以元计的金额，例如 12.50</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must have at most two decimals (fen)</source>
        <translation>最多两位小数（到分）</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+23"/>
        <location line="+25"/>
        <source>must be at most {most}</source>
        <translation>不能超过 {most}</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>each method may be used once</source>
        <translation>每种付款方式只能用一次</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+156"/>
        <source>must be more than zero</source>
        <translation>必须大于零</translation>
    </message>
    <message>
        <location line="-144"/>
        <source>only cash can be tendered above the amount</source>
        <translation>只有现金可以多收找零</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be at least the cash amount, {amount}</source>
        <translation>不能少于现金金额 {amount}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the parts add up to {total}; {due} is due</source>
        <translation>各项合计 {total}，应收 {due}</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>the deposit covers the bill: nothing more is paid</source>
        <translation>定金已足够支付费用：无需再收款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing is charged for this job</source>
        <translation>此工单无需收费</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>must be at most what the job has paid and not yet had back, {most}</source>
        <translation>不能超过此工单已付且未退的金额 {most}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>choose how the money goes back</source>
        <translation>请选择退款方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>say why the money is given back</source>
        <translation>请说明退款原因</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/takings.py" line="-220"/>
        <source>the count differs from the expected {expected}: say why in a note</source>
        <translation>清点金额与应有的 {expected} 不符：请在备注中说明原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>that day has not begun yet</source>
        <translation>该日尚未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a time is written 08:30</source>
        <translation>时间格式为 08:30</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the shift must end after it starts</source>
        <translation>班次结束时间须晚于开始时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/takings_report.py" line="-160"/>
        <location line="+69"/>
        <source>Day&apos;s takings</source>
        <translation>当日收款</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+109"/>
        <location line="+80"/>
        <location filename="../../desktop_app/takings_cli.py" line="-60"/>
        <location line="+47"/>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <location line="-188"/>
        <location line="+108"/>
        <location line="+80"/>
        <location filename="../../desktop_app/takings_cli.py" line="-45"/>
        <location line="+45"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>Deposits taken</source>
        <translation>收取订金</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop_app/takings_cli.py" line="-79"/>
        <source>Deposits used</source>
        <translation>订金抵扣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Net takings</source>
        <translation>净收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+184"/>
        <location filename="../../desktop_app/takings_cli.py" line="+1"/>
        <location line="+35"/>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>By method</source>
        <translation>按付款方式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>By workstation</source>
        <translation>按工作站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By clerk</source>
        <translation>按收银员</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Workstation: {name}</source>
        <translation>工作站：{name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location filename="../../desktop_app/takings_cli.py" line="-45"/>
        <location line="+1"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clerk: {name}</source>
        <translation>收银员：{name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As of {at}</source>
        <translation>截至 {at}</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+3"/>
        <location line="+103"/>
        <location filename="../../desktop_app/takings_cli.py" line="+65"/>
        <location line="+22"/>
        <source>Method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location line="-105"/>
        <location line="+2"/>
        <location line="+79"/>
        <location line="+1"/>
        <location filename="../../desktop_app/takings_cli.py" line="-44"/>
        <location line="+44"/>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <location line="-80"/>
        <location line="+80"/>
        <location filename="../../desktop_app/takings_cli.py" line="-46"/>
        <location line="+46"/>
        <source>Deposits</source>
        <translation>订金</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Cash drawer count</source>
        <translation>钱箱清点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not counted.</source>
        <translation>尚未清点。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cash drawer count: {workstation}</source>
        <translation>钱箱清点：{workstation}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected</source>
        <translation>应有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counted by</source>
        <translation>清点人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recounts</source>
        <translation>复点次数</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>paid {payments} · deposits {deposits} · refunds {refunds}</source>
        <translation>收款 {payments} · 订金 {deposits} · 退款 {refunds}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The lines ({count})</source>
        <translation>收款明细（{count} 笔）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing taken.</source>
        <translation>无收款。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../desktop_app/takings_cli.py" line="-25"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <location filename="../../desktop_app/takings_cli.py" line="+1"/>
        <source>Job</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="-16"/>
        <location filename="../../desktop_app/takings_cli.py" line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../desktop_app/takings_cli.py" line="+2"/>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{amount} over</source>
        <translation>长款 {amount}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{amount} short</source>
        <translation>短款 {amount}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/takings.py" line="+40"/>
        <source>no member of staff has the user name {name}</source>
        <translation>没有用户名为 {name} 的员工</translation>
    </message>
    <message>
        <location filename="../../desktop_app/takings_cli.py" line="-162"/>
        <source>not a date: write it as year-month-day, e.g. 2026-11-30</source>
        <translation>不是有效日期：请按“年-月-日”填写，例如 2026-11-30</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>-o writes a PDF: leave --format out</source>
        <translation>-o 写出 PDF 文件：请去掉 --format</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the takings are written as a .pdf file</source>
        <translation>收款报表只能写成 .pdf 文件</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Day&apos;s takings {shift} · workstation: {workstation} · clerk: {clerk}</source>
        <translation>当日收款 {shift} · 工作站：{workstation} · 收银员：{clerk}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Drawer {workstation} ({shift}): counted {counted}, expected {expected}, difference {difference}, by {name} at {at}</source>
        <translation>钱箱 {workstation}（{shift}）：实点 {counted}，应有 {expected}，差额 {difference}，清点人 {name}，时间 {at}</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+36"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/repair_warranty.py" line="+77"/>
        <source>repeat repair: the same fault as job {number}, repaired and handed back {returned}; guaranteed for {days} days, until {until}: free whatever the product warranty says</source>
        <translation>返修：与工单 {number} 为同一故障（已于 {returned} 修复交还）；维修保修 {days} 天，至 {until} 止：无论商品保修情况如何均免费</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>job {number} is not a repair of this serial handed back within the last {days} days</source>
        <translation>工单 {number} 不是该序列号在最近 {days} 天内修复交还的维修</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/parts.py" line="+37"/>
        <source>part number {number} is already in the catalogue ({name})</source>
        <translation>配件编号 {number} 已在目录中（{name}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>part number {number} was just added to the catalogue at another counter</source>
        <translation>配件编号 {number} 刚在另一柜台加入目录</translation>
    </message>
    <message>
        <location line="+191"/>
        <source>no part with id {id} in the catalogue</source>
        <translation>目录中没有编号为 {id} 的配件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>part {number} was changed meanwhile (at another counter, or taken from stock for a job): look at it again</source>
        <translation>配件 {number} 已被更改（在另一柜台修改，或已被工单领用）：请重新查看</translation>
    </message>
    <message>
        <location filename="../../desktop_app/pickup_cli.py" line="-5"/>
        <source>job number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ready since</source>
        <translation>可取件时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days waiting</source>
        <translation>等待天数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>total (¥)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reminders</source>
        <translation>提醒次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last reminder</source>
        <translation>最近提醒</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>({count} device waiting for pickup)</source>
        <translation>（{count} 台设备待取）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>({count} devices waiting for pickup)</source>
        <translation>（{count} 台设备待取）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/pickup.py" line="-121"/>
        <source>the message changed since it was shown (the job or the shop&apos;s templates changed): look at it again before sending</source>
        <translation>消息内容在显示后已变化（工单或门店模板已更改）：请重新查看后再发送</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/money_lines.py" line="+40"/>
        <source>(tendered {tendered}, change {change})</source>
        <translation>（实收 {tendered}，找零 {change}）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/payment_receipt.py" line="-52"/>
        <location line="+26"/>
        <source>Payment receipt</source>
        <translation>收款凭证</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Total charged</source>
        <translation>应收合计</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Money taken and given back</source>
        <translation>收款与退款明细</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No money was taken for this job.</source>
        <translation>此工单未收取任何款项。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Totals for the job</source>
        <translation>工单合计</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The customer confirms the amounts above.</source>
        <translation>客户确认以上金额无误。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{when} · {who}</source>
        <translation>{when} · {who}</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+16"/>
        <source>Line</source>
        <translation>明细</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>When, taken by</source>
        <translation>时间、经手人</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/device_label.py" line="+26"/>
        <source>must be one of the label sizes: {sizes}</source>
        <translation>必须是以下标签尺寸之一：{sizes}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/domain/identification.py" line="+43"/>
        <source>receipt or label scanned</source>
        <translation>扫描受理单或标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last four digits of the phone</source>
        <translation>手机号后四位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>by a note, without receipt or phone</source>
        <translation>凭备注（无受理单、未核对手机号）</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{scanned} is not a job number: scan the barcode on the intake receipt or the device label</source>
        <translation>{scanned} 不是工单号：请扫描受理单或设备标签上的条码</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>this receipt is for job {other}, not for job {number}</source>
        <translation>这张单据属于工单 {other}，不是工单 {number}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>scan the intake receipt or the device label, enter the last four digits of the phone, or say here how the customer was identified</source>
        <translation>请扫描受理单或设备标签，或输入手机号后四位，或在此说明如何核实客户身份</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{tries} wrong answers: the phone&apos;s digits are not accepted any more for this hand-back; scan the receipt, or check an ID and write a note</source>
        <translation>已答错 {tries} 次：本次交付不再接受手机尾号；请扫描受理单，或核对身份证件并填写备注</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>enter exactly four digits, the last four of the customer&apos;s phone</source>
        <translation>请输入四位数字，即客户手机号的后四位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the phone on record has fewer than four digits: scan the receipt or write a note instead</source>
        <translation>登记的电话不足四位数字：请改为扫描受理单或填写备注</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>does not match the customer&apos;s phone</source>
        <translation>与客户手机号不符</translation>
    </message>
    <message>
        <location filename="../../desktop_app/receipts/label.py" line="+101"/>
        <source>Device label</source>
        <translation>设备标签</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Due {day}</source>
        <translation>预计完成 {day}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/quotations.py" line="-101"/>
        <source>why the work starts without approval</source>
        <translation>未经客户确认开始维修的原因</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>quotation {shown} is no longer the job&apos;s: quotation {latest} replaced it; show the customer the new one</source>
        <translation>报价单 {shown} 已不是本工单的现行报价：已由报价单 {latest} 取代；请向客户出示新的报价单</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/recovery.py" line="-105"/>
        <source>it is damaged ({detail})</source>
        <translation>文件已损坏（{detail}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is an empty file (0 bytes)</source>
        <translation>这是一个空文件（0 字节）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no database there yet</source>
        <translation>那里还没有数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it was never set up: nobody can sign in to it</source>
        <translation>它从未设置过：没有人能登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it no longer reads as a Repair Counter database, and its backups are here</source>
        <translation>它已无法作为维修柜台数据库读取，而它的备份在这里</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{username} is not a manager in this backup: only a manager of the backup may restore it; nothing was changed</source>
        <translation>{username} 不是此备份中的店长：只有备份中的店长才能恢复它；未做任何更改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} opens and its people can sign in: a manager of it restores the backup (Restore… in the window, or --user); nothing was changed</source>
        <translation>{path} 可以打开，其人员也能登录：请由它的店长恢复备份（窗口中的“恢复…”，或 --user）；未做任何更改</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../desktop_app/ui/backup_actions.py" line="+54"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Backed up</source>
        <translation>已备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database is backed up to
%1
(%2).</source>
        <translation>数据库已备份到
%1
（%2）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No backup made</source>
        <translation>未生成备份</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+42"/>
        <source>Restore</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Cannot list the backups</source>
        <translation>无法列出备份</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+35"/>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Replace the whole database with the backup taken %1 (%2 jobs)?

The current database is kept aside next to it. Everyone signs in again afterwards; close the other counters on this database first.</source>
        <translation>用 %1 的备份（%2 张工单）替换整个数据库吗？

当前数据库会先另存在它旁边。恢复后所有人需重新登录；请先关闭使用此数据库的其他柜台。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Restored the backup %1 (%2 jobs).</source>
        <translation>已恢复备份 %1（%2 张工单）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database it replaced is kept as %1.</source>
        <translation>被替换的数据库已另存为 %1。</translation>
    </message>
</context>
<context>
    <name>BackupListModel</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/restore_dialog.py" line="+52"/>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jobs</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>asked for</source>
        <translation>手动</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/password_dialogs.py" line="+168"/>
        <source>%s, your password was set by a manager. Choose a password of your own before you go on; nobody else should know it.</source>
        <translation>%s，您的密码是店长设置的。继续之前请设置只有您自己知道的密码。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a new password</source>
        <translation>设置新密码</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/check_in_dialog.py" line="+121"/>
        <source>Check in a product</source>
        <translation>受理登记</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>11-digit mobile, e.g. 13812345678</source>
        <translation>11位手机号，如 13812345678</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only needed for on-site service</source>
        <translation>仅上门服务需要填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+457"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="-456"/>
        <location line="+457"/>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location line="-456"/>
        <location line="+457"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="-449"/>
        <source>e.g. 华为, 美的</source>
        <translation>如：华为、美的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As on the label</source>
        <translation>以铭牌标注为准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial number or IMEI</source>
        <translation>序列号或IMEI</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>YYYY-MM-DD (required)</source>
        <translation>年-月-日（必填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the voucher or the warranty card</source>
        <translation>见购买凭证或保修卡</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+432"/>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location line="-431"/>
        <location line="+432"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="-431"/>
        <location line="+432"/>
        <source>Serial / IMEI</source>
        <translation>序列号/IMEI</translation>
    </message>
    <message>
        <location line="-431"/>
        <location line="+432"/>
        <source>Purchase date</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <location line="-431"/>
        <location line="+432"/>
        <source>Warranty (label)</source>
        <translation>保修期（按标注）</translation>
    </message>
    <message>
        <location line="-411"/>
        <source>Why it is checked in again</source>
        <translation>再次接修的理由</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manager only: this serial is still in the shop under an open job</source>
        <translation>仅限店长：该序列号仍有未结工单在店内</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+414"/>
        <source>Manager&apos;s confirmation</source>
        <translation>店长确认</translation>
    </message>
    <message>
        <location line="-407"/>
        <source>Purchase voucher (invoice or receipt)</source>
        <translation>购买凭证（发票或小票）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+398"/>
        <source>Invoice / receipt number</source>
        <translation>发票/小票号码</translation>
    </message>
    <message>
        <location line="-397"/>
        <source>Warranty card</source>
        <translation>保修卡</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+396"/>
        <source>Card number</source>
        <translation>保修卡号</translation>
    </message>
    <message>
        <location line="-395"/>
        <source>The product itself</source>
        <translation>产品实物</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Documents presented</source>
        <translation>出示的凭证</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Why it is free anyway</source>
        <translation>缺凭证仍免费的理由</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manager only: why the claim is free anyway</source>
        <translation>仅限店长：缺凭证仍予免费的理由</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+384"/>
        <source>Manager&apos;s override</source>
        <translation>店长特批</translation>
    </message>
    <message>
        <location line="-351"/>
        <source>Where the technician goes</source>
        <translation>技术员上门的地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not yet</source>
        <translation>暂不预约</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not assigned yet</source>
        <translation>暂不指派</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On-site service</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+340"/>
        <source>Visit address</source>
        <translation>上门地址</translation>
    </message>
    <message>
        <location line="-339"/>
        <location line="+340"/>
        <source>Appointment</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <location line="-339"/>
        <location line="+340"/>
        <source>Technician</source>
        <translation>维修技师</translation>
    </message>
    <message>
        <location line="-339"/>
        <source>Without an appointment the job lists as “appointment to set”.</source>
        <translation>未预约的工单将列入“待预约”。</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Deposit (paid repair)</source>
        <translation>定金（付费维修）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+249"/>
        <source>Deposit amount</source>
        <translation>定金金额</translation>
    </message>
    <message>
        <location line="-248"/>
        <source>Paid by</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+248"/>
        <source>Cash handed over</source>
        <translation>客户付现金</translation>
    </message>
    <message>
        <location line="-210"/>
        <source>Change to give: %s</source>
        <translation>应找零：%s</translation>
    </message>
    <message>
        <location line="+205"/>
        <source>Same fault as an earlier repair</source>
        <translation>与此前维修为同一故障</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>{field} contains characters the receipt cannot print: {characters}</source>
        <translation>{field}含有收据无法打印的字符：{characters}</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>This serial has been in before (1 job): </source>
        <translation>该序列号此前有 1 张送修工单：</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>This serial has been in before (%n jobs): </source>
        <translation>
            <numerusform>该序列号此前有 %n 张送修工单：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It is still in the shop as job %1 (%2): a manager must confirm to check it in again.</source>
        <translation>该产品仍在店内（工单 %1，%2）：须店长确认才能再次接修。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Same fault as job %1: a repeat repair, free (repair warranty until %2)</source>
        <translation>与工单 %1 为同一故障：返修，免费（维修保修至 %2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Job %1, handed back %2. Fault: %3 — Work done: %4</source>
        <translation>工单 %1，%2 交还。故障：%3 — 维修内容：%4</translation>
    </message>
    <message>
        <location line="-519"/>
        <source>How the product was used (required)</source>
        <translation>产品使用情况（必填）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scratches, dents, missing screws…</source>
        <translation>划痕、磕碰、缺螺丝…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Charger, remote, box…</source>
        <translation>充电器、遥控器、包装盒…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service asked for</source>
        <translation>申请的服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+355"/>
        <source>Fault</source>
        <translation>故障现象</translation>
    </message>
    <message>
        <location line="-354"/>
        <location line="+355"/>
        <source>How it was used</source>
        <translation>使用情况</translation>
    </message>
    <message>
        <location line="-354"/>
        <location line="+355"/>
        <source>Condition on arrival</source>
        <translation>受理时外观</translation>
    </message>
    <message>
        <location line="-354"/>
        <location line="+355"/>
        <source>Accessories received</source>
        <translation>随机附件</translation>
    </message>
    <message>
        <location line="-288"/>
        <source>Verdict and promised dates</source>
        <translation>受理结论与承诺时限</translation>
    </message>
    <message>
        <location line="-204"/>
        <source>Check in and print receipt</source>
        <translation>受理并打印受理单</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>In the customer&apos;s words (required)</source>
        <translation>按客户原话记录（必填）</translation>
    </message>
    <message>
        <location line="+395"/>
        <source>Cannot decide yet</source>
        <translation>暂无法判定</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>First response by {response}
Repair finished by the end of {repair}</source>
        <translation>首次响应时限：{response}
维修完成期限：{repair} 当天结束前</translation>
    </message>
</context>
<context>
    <name>Compensation</name>
    <message>
        <location filename="../../desktop_app/ui/operations/compensation_fields.py" line="+71"/>
        <source>Offered</source>
        <translation>提供</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Promises missed</source>
        <translation>未履行的承诺</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proposed compensation</source>
        <translation>建议补偿</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nothing (the policy offers nothing)</source>
        <translation>无（补偿政策未规定）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Approve as proposed</source>
        <translation>按建议批准</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change (offers below, reason required)</source>
        <translation>修改（按下列补偿，须写理由）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decline (reason required)</source>
        <translation>拒绝（须写理由）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Decide later (it waits in the list)</source>
        <translation>稍后审批（进入待审批列表）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Decision</source>
        <translation>审批</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change to: </source>
        <translation>改为：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CompensationDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/compensation_dialog.py" line="+47"/>
        <source>Compensation awaiting decision</source>
        <translation>待审批补偿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decide…</source>
        <translation>审批…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing awaits a decision.</source>
        <translation>没有待审批的补偿。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Awaiting a decision: %n</source>
        <translation>
            <numerusform>待审批：%n</numerusform>
        </translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Decide compensation for %s</source>
        <translation>审批 %s 的补偿</translation>
    </message>
</context>
<context>
    <name>ComplaintSteps</name>
    <message>
        <location filename="../../desktop_app/ui/operations/complaint_steps.py" line="+49"/>
        <source>What the investigation found</source>
        <translation>调查结果</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Was the shop at fault?</source>
        <translation>是否本店责任？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Yes, the shop was at fault</source>
        <translation>是，本店责任</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No, the shop was not at fault</source>
        <translation>否，非本店责任</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The customer</source>
        <translation>客户意见</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Note (why, if escalated)</source>
        <translation>备注（如升级请说明原因）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Customer called back…</source>
        <translation>已回电客户…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the customer was told</source>
        <translation>对客户的答复</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start investigation…</source>
        <translation>开始调查…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+33"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Resolve…</source>
        <translation>处理完毕…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Close…</source>
        <translation>结案…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reopen…</source>
        <translation>重新处理…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why it is reopened</source>
        <translation>重新处理的原因</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register the draft…</source>
        <translation>正式受理草稿…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dismiss the draft…</source>
        <translation>不予受理…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why it is dismissed</source>
        <translation>不予受理的原因</translation>
    </message>
</context>
<context>
    <name>ComplaintTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/models/complaint_table_model.py" line="+35"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Number</source>
        <translation>投诉单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call back by</source>
        <translation>回电期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve by</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>(draft)</source>
        <translation>（草稿）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Finding: %s</source>
        <translation>调查结果：%s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>shop at fault</source>
        <translation>本店责任</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>shop not at fault</source>
        <translation>非本店责任</translation>
    </message>
</context>
<context>
    <name>ComplaintView</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/complaints_dialog.py" line="+473"/>
        <source>Complaint %s</source>
        <translation>投诉 %s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(draft)</source>
        <translation>（草稿）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State: %s</source>
        <translation>状态：%s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received %1 by %2 · %3 · %4</source>
        <translation>受理：%1 %2 · %3 · %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Customer: %1 %2 · job %3</source>
        <translation>客户：%1 %2 · 工单 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The customer&apos;s words: %s</source>
        <translation>客户陈述：%s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asks for: %s</source>
        <translation>客户诉求：%s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>shop at fault</source>
        <translation>本店责任</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>shop not at fault</source>
        <translation>非本店责任</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finding: %1 (%2) · Resolution: %3</source>
        <translation>调查结果：%1（%2）· 处理结果：%3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Compensation: %1 (%2)</source>
        <translation>补偿：%1（%2）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Print receipt…</source>
        <translation>打印受理单…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A draft: its clocks start when a manager registers it.</source>
        <translation>草稿：店长正式受理后开始计时。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Called back %1 by %2</source>
        <translation>已于 %1 由 %2 回电</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call back by %s</source>
        <translation>须于 %s 前回电</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>resolve by the end of %s</source>
        <translation>须于 %s 下班前处理完毕</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
</context>
<context>
    <name>ComplaintsDialog</name>
    <message>
        <location line="-457"/>
        <source>Complaints register</source>
        <translation>投诉登记簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint number, phone or name</source>
        <translation>投诉单号、电话、姓名或工单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open complaints</source>
        <translation>未结案的投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All complaints</source>
        <translation>全部投诉</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New complaint…</source>
        <translation>登记投诉…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>Complaints shown: %n</source>
        <translation>
            <numerusform>共 %n 条投诉</numerusform>
        </translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>blank: the phone on file for the job</source>
        <translation>留空：使用工单登记的电话</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Customer name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Job number (optional)</source>
        <translation>工单号（可选）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Category</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The customer&apos;s words</source>
        <translation>客户陈述</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the customer asks for</source>
        <translation>客户诉求</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer is called back within 24 hours and the complaint resolved within the shop&apos;s working days; the receipt prints both dates.</source>
        <translation>24小时内回电客户，并在本店规定的工作日内处理完毕；受理单上印有这两个期限。</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/connection_banner.py" line="+95"/>
        <source>Connection to the database lost — retrying… Forms keep what was typed: save again once this strip is gone.</source>
        <translation>与数据库的连接已断开，正在重试…… 表单中已填写的内容都会保留：此提示消失后再保存即可。</translation>
    </message>
</context>
<context>
    <name>ConsultationLogDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/consultation_log.py" line="+163"/>
        <location line="+78"/>
        <source>Consultation log</source>
        <translation>咨询登记</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>All consultations</source>
        <translation>全部咨询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting callback</source>
        <translation>待回电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callback overdue</source>
        <translation>回电超时</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search: number, phone digits, caller&apos;s name</source>
        <translation>搜索：咨询编号、手机号码、来电人姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New consultation…</source>
        <translation>新建咨询(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Call back…</source>
        <translation>回电(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check &amp;in…</source>
        <translation>办理接修(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book &amp;on-site visit…</source>
        <translation>预约上门服务(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Awaiting callback: %1 · overdue: %2</source>
        <translation>待回电：%1 · 已超时：%2</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Caller&apos;s mobile phone</source>
        <translation>来电人手机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>11-digit mobile, e.g. 13812345678</source>
        <translation>11位手机号，如 13812345678</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Caller&apos;s name</source>
        <translation>来电人姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If they give it</source>
        <translation>对方愿意留下时填写</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Product category</source>
        <translation>产品类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>— not said —</source>
        <translation>— 未说明 —</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+43"/>
        <source>Question</source>
        <translation>咨询问题</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>In the caller&apos;s words</source>
        <translation>按来电人的原话记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Answer or advice given</source>
        <translation>答复或建议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave empty to promise a callback within 24 hours</source>
        <translation>留空则承诺 24 小时内回电</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New consultation</source>
        <translation>新建咨询</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A question answered now is recorded as answered; without an answer, the shop promises to call back within 24 hours.</source>
        <translation>当场答复的问题记为已答复；未能答复的，本店承诺 24 小时内回电。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Call</source>
        <translation>回电对象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 by %2, callback due %3</source>
        <translation>%1 由 %2 受理，回电期限 %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Answer given on the callback</source>
        <translation>回电答复</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Call back %s</source>
        <translation>回电 %s</translation>
    </message>
</context>
<context>
    <name>ConsultationTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/models/consultation_model.py" line="+74"/>
        <source>Number</source>
        <translation>咨询单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question</source>
        <translation>咨询问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Callback due</source>
        <translation>回电期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered by</source>
        <translation>受理人</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Phone numbers are masked on screen</source>
        <translation>屏幕上的手机号已隐去中间四位</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>became job %s</source>
        <translation>已转为工单 %s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%s (overdue)</source>
        <translation>%s（已超时）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, called back by %2</source>
        <translation>%1，回电人 %2</translation>
    </message>
</context>
<context>
    <name>DayList</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/settings_dialog.py" line="-394"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>DrawerCountDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/takings_dialog.py" line="+78"/>
        <source>Count the cash drawer</source>
        <translation>清点钱箱</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Drawer (workstation)</source>
        <translation>钱箱（工作站）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day or shift</source>
        <translation>日期或班次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash counted (yuan)</source>
        <translation>实点现金（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note (required when it differs)</source>
        <translation>备注（有差额时必填）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Record count</source>
        <translation>记录清点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 over</source>
        <translation>长款 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 short</source>
        <translation>短款 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>EvaluationCharts</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/evaluation_charts.py" line="+207"/>
        <source>No figures shown yet.</source>
        <translation>尚未显示任何指标。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>On time, week by week</source>
        <translation>每周按时情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working days taken to repair</source>
        <translation>维修所用工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaints by category</source>
        <translation>按类别统计投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technicians: jobs completed on time and late</source>
        <translation>技师：按时与超时完成的工单</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No data in this period.</source>
        <translation>本期间没有数据。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Week beginning</source>
        <translation>周起始日</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>First response within 24 hours</source>
        <translation>24 小时内首次响应</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Repair within 5 working days</source>
        <translation>5 个工作日内修好</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>This period (%1)</source>
        <translation>本期（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous (%1)</source>
        <translation>上期（%1）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Late</source>
        <translation>超时</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/evaluation_dialog.py" line="+534"/>
        <location line="+147"/>
        <source>Service evaluation</source>
        <translation>服务评估</translation>
    </message>
    <message>
        <location line="-144"/>
        <source>The period before</source>
        <translation>上一期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The period after</source>
        <translation>下一期间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figures</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Technicians</source>
        <translation>技师</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Definitions</source>
        <translation>定义</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close the list</source>
        <translation>关闭列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the late ones</source>
        <translation>只看超时的</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save Excel…</source>
        <translation>保存 Excel…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pick a figure to read its definition and chart; double-click it or a technician to list the jobs behind it; double-click a job to open it.</source>
        <translation>选中指标可查看其定义和图表；双击指标或技师可列出其背后的工单；双击工单可打开。</translation>
    </message>
    <message>
        <location line="+279"/>
        <source>Technician</source>
        <translation>技师</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ready late: %1</source>
        <translation>超时修好的工单：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>answered late or never: %1</source>
        <translation>超时或未响应的工单：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>jobs completed: %1</source>
        <translation>完成的工单：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>jobs: %1</source>
        <translation>工单：%1</translation>
    </message>
    <message>
        <location line="-237"/>
        <source>Cannot show this period</source>
        <translation>无法显示该期间</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cannot read the evaluation</source>
        <translation>无法读取服务评估</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reading the figures…</source>
        <translation>正在读取指标…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 (%3 to %4), compared with %5 · as of %6</source>
        <translation>%1：%2（%3 至 %4），对比 %5 · 截至 %6</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save Excel</source>
        <translation>保存 Excel</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>FigureChart</name>
    <message>
        <location filename="../../desktop_app/ui/widgets/evaluation_charts.py" line="+30"/>
        <source>This period (%1)</source>
        <translation>本期（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous (%1)</source>
        <translation>上期（%1）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+3"/>
        <source>On time, week by week</source>
        <translation>每周按时情况</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Share on time (%1)</source>
        <translation>按时比例（%1）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Week beginning</source>
        <translation>周起始日</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Working days taken to repair</source>
        <translation>维修所用工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Jobs received by category</source>
        <translation>按商品类别统计受理工单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Jobs received by service</source>
        <translation>按服务类型统计受理工单</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Complaints by category</source>
        <translation>按类别统计投诉</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hand-back scores given</source>
        <translation>取机评分分布</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Follow-up call scores given</source>
        <translation>回访评分分布</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No data in this period.</source>
        <translation>本期间没有数据。</translation>
    </message>
</context>
<context>
    <name>FigurePanel</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/evaluation_dialog.py" line="-533"/>
        <source>This period %1</source>
        <translation>本期 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous period %1</source>
        <translation>上期 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 of %2</source>
        <translation>%2 个中 %1 个</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No list of jobs behind this figure.</source>
        <translation>该指标没有对应的工单列表。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>List the jobs (%1)</source>
        <translation>列出工单（%1）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>List the late ones (%1)</source>
        <translation>列出超时的（%1）</translation>
    </message>
</context>
<context>
    <name>FigureTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/models/evaluation_models.py" line="+178"/>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Double-click to list the jobs behind this figure.</source>
        <translation>双击可列出该指标背后的工单。</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/follow_up_dialog.py" line="+155"/>
        <source>Follow-up calls</source>
        <translation>回访电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record call…</source>
        <translation>记录回访…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show number</source>
        <translation>显示号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Jobs returned to the customer (or exchanged) at least %1 days ago, for %2 days; a job leaves the list when the customer is reached or after %3 calls that did not reach them. A score of 2 or less opens a complaint draft for the manager.</source>
        <translation>交还客户（或换货）满 %1 天的工单，回访期 %2 天；回访到客户，或 %3 次未联系上后，工单即移出列表。任一项 2 分及以下会生成投诉草稿，由店长处理。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Jobs to call: %1</source>
        <translation>待回访工单：%1</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <location filename="../../desktop_app/ui/models/follow_up_model.py" line="+101"/>
        <source>Job number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned on</source>
        <translation>交还日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand-back score</source>
        <translation>取机评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls not reached</source>
        <translation>未接通次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last call</source>
        <translation>上次致电</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/problems.py" line="+84"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>JobController</name>
    <message>
        <location filename="../../desktop_app/ui/operations/job_actions.py" line="+605"/>
        <location line="+34"/>
        <location line="+21"/>
        <location filename="../../desktop_app/ui/operations/quotation_actions.py" line="+177"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-330"/>
        <source>First response</source>
        <translation>登记首次响应</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>How the customer was contacted, what was offered</source>
        <translation>如何联系的客户、给出了什么方案</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Assign technician</source>
        <translation>指派技师</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Technician</source>
        <translation>维修技师</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Unassigned</source>
        <translation>未指派</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Start diagnosis</source>
        <translation>开始检测</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Start inspection</source>
        <translation>开始查验</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../desktop_app/ui/operations/quotation_actions.py" line="-65"/>
        <source>Diagnosis</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not a quality problem</source>
        <translation>判定非质量问题</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>What caused the fault (misuse, liquid, drop…)</source>
        <translation>故障原因（使用不当、进液、摔落…）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The job becomes a paid repair: quote the customer before repairing.</source>
        <translation>该工单将转为付费维修：维修前请先向客户报价。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Wait for parts</source>
        <translation>等待配件</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Which part, from where</source>
        <translation>所需配件及来源</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Repairing</source>
        <translation>开始维修</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+70"/>
        <source>Description</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Part for model</source>
        <translation>适用机型</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+74"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+77"/>
        <location line="+10"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="-79"/>
        <location line="+100"/>
        <source>Free under warranty: the customer pays 0.</source>
        <translation>保修期内免费：客户无需付费。</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>Add part</source>
        <translation>添加配件</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Catalogue part %1, %2 in stock</source>
        <translation>目录配件 %1，库存 %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Part number</source>
        <translation>配件编号</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>This part is not listed for model %1.</source>
        <translation>此配件不适用于型号 %1。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Why this part is used</source>
        <translation>使用此配件的理由</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Add labour</source>
        <translation>添加工时</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove part/labour</source>
        <translation>移除配件/工时</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line</source>
        <translation>明细</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+34"/>
        <location line="+90"/>
        <location line="+448"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="-562"/>
        <source>Ready for pickup</source>
        <translation>维修完成，待取件</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+423"/>
        <source>Work done</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <location line="-412"/>
        <source>Cannot be repaired</source>
        <translation>无法修复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel job</source>
        <translation>取消工单</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Approve refund</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>Some amounts are not amounts yet.</source>
        <translation>有金额填写不正确。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To pay now: %s</source>
        <translation>本次应收：%s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deposit used: %s</source>
        <translation>定金抵扣：%s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deposit refunded: %1 by %2</source>
        <translation>退还定金：%1（%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Still to take: %s</source>
        <translation>尚需收取：%s</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+305"/>
        <source>Change to give: %s</source>
        <translation>应找零：%s</translation>
    </message>
    <message>
        <location line="-289"/>
        <source>Deposit held: %s, used first</source>
        <translation>定金余额 %s，优先抵扣</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+298"/>
        <source>Cash handed over</source>
        <translation>客户付现金</translation>
    </message>
    <message>
        <location line="-297"/>
        <location line="+298"/>
        <source>as the cash amount</source>
        <translation>与现金金额相同</translation>
    </message>
    <message>
        <location line="-289"/>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Quotation declined: the product goes back unrepaired.</source>
        <translation>客户拒绝报价：商品将未经维修退回。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Inspection fee: %s</source>
        <translation>检测费：%s</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Visit address: %s</source>
        <translation>上门地址：%s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set appointment</source>
        <translation>预约上门</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Appointment (day, from–to)</source>
        <translation>预约（日期，起–止）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Record visit</source>
        <translation>登记上门</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Arrived</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Left</source>
        <translation>离开时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Parts used (part, model, quantity)</source>
        <translation>所用配件（配件、型号、数量）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next visit (if another is needed)</source>
        <translation>下次上门（如需再次上门）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fixed on site: the job becomes ready for pickup. Without a next visit the job lists as “appointment to set”.</source>
        <translation>现场修好：工单转为待取件。未填写下次上门的工单将列入“待预约”。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Deposit amount</source>
        <translation>定金金额</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>At most %s can be given back.</source>
        <translation>最多可退 %s。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Refund %s</source>
        <translation>退款 %s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Amount to give back</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Given back by</source>
        <translation>退款方式</translation>
    </message>
    <message>
        <location line="-525"/>
        <source>Refund amount</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Approve exchange</source>
        <translation>同意换货</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Replacement model</source>
        <translation>换新产品型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replacement serial / IMEI</source>
        <translation>换新产品序列号/IMEI</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Refuse return/exchange</source>
        <translation>拒绝退换货</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Why (the product goes to repair)</source>
        <translation>原因（产品转入维修）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Customer satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Score (1–5)</source>
        <translation>评分（1–5）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Comment</source>
        <translation>评价</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Record correction</source>
        <translation>登记更正</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Field</source>
        <translation>更正项目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Correct value</source>
        <translation>更正后的内容</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>free</source>
        <translation>免费</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No parts or labour recorded.</source>
        <translation>未登记配件或工时。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Accessories handed back</source>
        <translation>交还的附件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Charges</source>
        <translation>费用</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../desktop_app/ui/operations/quotation_actions.py" line="-35"/>
        <source>Total: %s</source>
        <translation>合计：%s</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A manager decides the compensation; it waits in their list.</source>
        <translation>补偿由店长审批，已进入待审批列表。</translation>
    </message>
    <message>
        <location line="+210"/>
        <source>Deposit held now: %s</source>
        <translation>当前定金余额：%s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take deposit</source>
        <translation>收取定金</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paid by</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location line="-197"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Not given</source>
        <translation>客户未评价</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Customer&apos;s comment</source>
        <translation>客户评价</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Note (e.g. why an accessory is not returned)</source>
        <translation>备注（如附件未交还的原因）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Hand back %s</source>
        <translation>交还产品 %s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/job_controller.py" line="+115"/>
        <location line="+233"/>
        <location line="+126"/>
        <source>Cannot open the job</source>
        <translation>无法打开工单</translation>
    </message>
    <message>
        <location line="-241"/>
        <source>Cannot read the job&apos;s compensation</source>
        <translation>无法读取该工单的补偿</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Cannot show the number</source>
        <translation>无法显示电话号码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/operations/identification_fields.py" line="+36"/>
        <source>Receipt or label scanned</source>
        <translation>扫描受理单或标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan the barcode of the intake receipt or the device label</source>
        <translation>扫描受理单或设备标签上的条码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Or the phone&apos;s last four digits</source>
        <translation>或手机号后四位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As the customer says them</source>
        <translation>由客户报出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Or how the customer was identified</source>
        <translation>或说明如何核实身份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. receipt lost, ID card checked</source>
        <translation>例如：受理单遗失，已核对身份证</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/operations/quotation_actions.py" line="-7"/>
        <source>No parts or labour recorded: the work at no charge.</source>
        <translation>未登记配件或工时：本次维修不收费。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Quotation %1: %2, valid until %3</source>
        <translation>报价单 %1：%2，有效期至 %3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Write quotation</source>
        <translation>出具报价单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parts and labour</source>
        <translation>配件及工时</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Valid for (days)</source>
        <translation>有效天数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The customer approves this quotation by phone or by signing the printed copy before the repair starts. Adding or removing a line afterwards needs a new quotation.</source>
        <translation>维修开始前，客户须通过电话或在打印的报价单上签字确认。之后增删配件或工时须重新出具报价单。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Record the customer&apos;s approval</source>
        <translation>登记客户确认</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How approved</source>
        <translation>确认方式</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Who answered the phone</source>
        <translation>电话接听人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the customer&apos;s name, or who answered for them</source>
        <translation>客户姓名，或代为接听的人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Called at</source>
        <translation>致电时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>By signature: the signed printed quotation came back to the counter.</source>
        <translation>签字确认：客户签字的报价单已交回柜台。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Override approval</source>
        <translation>越过客户确认</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why the work starts without the customer&apos;s approval</source>
        <translation>未经客户确认开始维修的原因</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The reason stays on the job&apos;s record.</source>
        <translation>原因将记入工单记录。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Quotation declined</source>
        <translation>客户拒绝报价</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the customer said</source>
        <translation>客户的说法</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The product goes back unrepaired: the job becomes ready for pickup, and the inspection fee in the shop settings is the only charge.</source>
        <translation>商品将未经维修退回：工单转为待取件，仅收取店铺设置中的检测费。</translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/job_dialog.py" line="-471"/>
        <source>Job</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+23"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+24"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+23"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+24"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Part / labour</source>
        <translation>配件/工时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Charged</source>
        <translation>应收</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timeline</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parts and charges</source>
        <translation>配件与费用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Intake receipt…</source>
        <translation>受理单…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Return receipt…</source>
        <translation>取件单…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Job %s</source>
        <translation>工单 %s</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>First response: met at %s</source>
        <translation>首次响应：已按时响应（%s）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First response: late, at %s</source>
        <translation>首次响应：已逾期响应（%s）</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Repair due today</source>
        <translation>维修今天到期</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Show number</source>
        <translation>显示号码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shows the whole number to call the customer; recorded</source>
        <translation>显示完整号码以便致电顾客；此操作会被记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Quotation declined: inspection fee %s only</source>
        <translation>客户拒绝报价：仅收检测费 %s</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>declined by the customer: returned unrepaired, inspection fee %s</source>
        <translation>客户已拒绝：未维修退回，检测费 %s</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Quotation %1: %2, valid until %3</source>
        <translation>报价单 %1：%2，有效期至 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Quotation</source>
        <translation>报价单</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>approved by phone: %1 called %2, %3 answered</source>
        <translation>电话确认：%1 于 %2 致电，%3 接听</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>approved: signed copy returned %1 (%2)</source>
        <translation>已确认：签字报价单 %1 交回（%2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>manager&apos;s override by %1 at %2: %3</source>
        <translation>店长 %1 于 %2 越过确认：%3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 (tendered %2, change %3)</source>
        <translation>%1（实收 %2，找零 %3）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Deposit held: %1 · Paid: %2 · Refunded: %3</source>
        <translation>定金余额：%1 · 已付：%2 · 已退：%3</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>complaint %s: %s</source>
        <translation>投诉 %s：%s</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>proposed %s, awaiting a manager&apos;s decision</source>
        <translation>建议%s，待店长审批</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>approved: %s</source>
        <translation>已批准：%s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed to %s</source>
        <translation>已改为：%s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>proposed %1 · decided by %2, %3</source>
        <translation>原建议：%1 · 决定人：%2，%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> · reason: %s</source>
        <translation> · 原因：%s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Customer and technician</source>
        <translation>顾客与技术员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On-site service</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quotation (paid repair)</source>
        <translation>报价（付费维修）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7-day return or exchange</source>
        <translation>7日退换货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand back and after</source>
        <translation>交还及之后</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No next step</source>
        <translation>暂无下一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next: %s</source>
        <translation>下一步：%s</translation>
    </message>
    <message>
        <location line="-388"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="-170"/>
        <source>Print device label…</source>
        <translation>打印设备标签…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint…</source>
        <translation>投诉…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compensation</source>
        <translation>补偿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decide compensation…</source>
        <translation>决定补偿…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit sheet…</source>
        <translation>上门服务单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message customer…</source>
        <translation>通知客户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print payment receipt…</source>
        <translation>打印收款凭证…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payments</source>
        <translation>收退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print quotation…</source>
        <translation>打印报价单…</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Changed at another counter by %1 at %2: this view shows the job as it is now.</source>
        <translation>%1 已于 %2 在另一柜台修改此工单：这里显示的是工单的最新状态。</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>First response overdue by %n days</source>
        <translation>
            <numerusform>首次响应已逾期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First response overdue by 1 hour</source>
        <translation>首次响应已逾期 1 小时</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>First response overdue by %n hours</source>
        <translation>
            <numerusform>首次响应已逾期 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>First response due in 1 hour</source>
        <translation>距首次响应时限还有 1 小时</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>First response due in %n hours</source>
        <translation>
            <numerusform>距首次响应时限还有 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Repair overdue by 1 working day</source>
        <translation>维修已逾期 1 个工作日</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Repair overdue by %n working days</source>
        <translation>
            <numerusform>维修已逾期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Repair: 1 working day left</source>
        <translation>维修：剩余 1 个工作日</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Repair: %n working days left</source>
        <translation>
            <numerusform>维修：剩余 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Finished in 1 working day: on time</source>
        <translation>用时 1 个工作日，按时完成</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Finished in %n working days: on time</source>
        <translation>
            <numerusform>用时 %n 个工作日，按时完成</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Finished late by 1 working day</source>
        <translation>完成时已逾期 1 个工作日</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Finished late by %n working days</source>
        <translation>
            <numerusform>完成时已逾期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Serial / IMEI</source>
        <translation>序列号/IMEI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purchased</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%s, warranty until %s</source>
        <translation>%s，保修至 %s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Documents</source>
        <translation>凭证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>voucher: %s · warranty card: %s · product: %s</source>
        <translation>购买凭证：%s · 保修卡：%s · 产品实物：%s</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Service asked for</source>
        <translation>申请的服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>consultation %s</source>
        <translation>咨询 %s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verdict</source>
        <translation>受理结论</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Repeat repair</source>
        <translation>返修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the same fault as job %s: free under its repair warranty</source>
        <translation>与工单 %s 为同一故障：在其维修保修期内免费</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a quality problem</source>
        <translation>非质量问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fault</source>
        <translation>故障现象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How it was used</source>
        <translation>使用情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition on arrival</source>
        <translation>受理时外观</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accessories received</source>
        <translation>随机附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diagnosis</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Work done</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checked in</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First response due</source>
        <translation>首次响应时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repair due</source>
        <translation>维修完成期限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>end of %s</source>
        <translation>%s 当天结束前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technician</source>
        <translation>维修技师</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exchanged for</source>
        <translation>换新产品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Visit address</source>
        <translation>上门地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appointment</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>appointment to set</source>
        <translation>待预约</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Visits</source>
        <translation>上门记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none yet</source>
        <translation>尚未设置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Work done: %s</source>
        <translation>所做工作：%s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parts used: %s</source>
        <translation>所用配件：%s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next visit: %s</source>
        <translation>下次上门：%s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit %d</source>
        <translation>第 %d 次上门</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The database is read-only: the look cannot be recorded</source>
        <translation>数据库为只读：无法记录查看，因此不能显示号码</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>free</source>
        <translation>免费</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%s — removed</source>
        <translation>%s — 已移除</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not listed for this model; reason: %s</source>
        <translation>不适用于此型号；理由：%s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total charged: %s</source>
        <translation>应收合计：%s</translation>
    </message>
</context>
<context>
    <name>JobTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/models/job_table_model.py" line="+364"/>
        <source>Job number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked in</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repair due</source>
        <translation>维修完成期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next deadline</source>
        <translation>下一个期限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technician</source>
        <translation>维修技师</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <location line="+12"/>
        <location line="+91"/>
        <source>overdue by %n working days</source>
        <translation>
            <numerusform>逾期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-102"/>
        <location line="+109"/>
        <source>%n working days left</source>
        <translation>
            <numerusform>剩余 %n 个工作日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-104"/>
        <location line="+78"/>
        <source>response overdue by %n hours</source>
        <translation>
            <numerusform>响应已逾期 %n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-77"/>
        <location line="+72"/>
        <source>response overdue by %n days</source>
        <translation>
            <numerusform>响应已逾期 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-71"/>
        <location line="+85"/>
        <source>response due in %n hours</source>
        <translation>
            <numerusform>%n 小时内须响应</numerusform>
        </translation>
    </message>
    <message>
        <location line="-11"/>
        <source>response overdue by 1 hour</source>
        <translation>响应已逾期 1 小时</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>response due in 1 hour</source>
        <translation>1 小时内须响应</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>overdue by 1 working day</source>
        <translation>逾期 1 个工作日</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>1 working day left</source>
        <translation>剩余 1 个工作日</translation>
    </message>
    <message>
        <location line="-99"/>
        <location line="+81"/>
        <source>response due within the hour</source>
        <translation>一小时内须响应</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Phone numbers are masked on screen</source>
        <translation>屏幕上的手机号已隐去中间四位</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>responded on time</source>
        <translation>已按时响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>responded late</source>
        <translation>响应已逾期</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+104"/>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
</context>
<context>
    <name>LineTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/models/takings_models.py" line="+99"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
</context>
<context>
    <name>ListExporter</name>
    <message>
        <location filename="../../desktop_app/ui/list_export.py" line="+77"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+59"/>
        <source>Export list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Full phone numbers?</source>
        <translation>导出完整电话号码？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put the customers&apos; full phone numbers in the file? Your name, the time, the number of jobs and the search will be recorded, and each job&apos;s history will say you saw the number.

No keeps them masked (138****5678).</source>
        <translation>要在文件中写入顾客的完整电话号码吗？系统将记录您的姓名、时间、工单数量和搜索条件，每张工单的记录中也会注明您查看过号码。

选择“否”则号码保持隐藏（138****5678）。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Reading the jobs…</source>
        <translation>正在读取工单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Writing the file: %1 of %2 jobs</source>
        <translation>正在写入文件：%1 / %2 张工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the jobs: %1 of %2</source>
        <translation>正在读取工单：%1 / %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %n jobs (%1): %2</source>
        <translation>
            <numerusform>已导出 %n 张工单（%1）：%2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Full phone numbers: recorded.</source>
        <translation>完整电话号码：已记录。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export cancelled: no file was written.</source>
        <translation>导出已取消：未写入任何文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../desktop_app/ui/lock.py" line="+155"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%s was signed in. Sign in to go on: the same person finds everything as it was left; anyone else starts afresh, and what was open is closed unsaved.</source>
        <translation>当前登录的是 %s。请登录后继续：同一人登录，一切保持原样；换人登录则重新开始，已打开的内容将不保存直接关闭。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="+222"/>
        <source>Read-only: %s. Jobs can be looked up, searched and their receipts printed; nothing can be checked in or changed.</source>
        <translation>只读：%s。可以查看、搜索工单并打印回执；不能登记新工单或做任何修改。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>After-sales counter</source>
        <translation>售后服务台</translation>
    </message>
    <message>
        <location line="+305"/>
        <source>Complaints overdue</source>
        <translation>投诉逾期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Callbacks overdue</source>
        <translation>回电超时</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&amp;New check-in…</source>
        <translation>新建受理(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open job</source>
        <translation>打开工单(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print intake receipt…</source>
        <translation>打印受理单(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop &amp;settings…</source>
        <translation>门店设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Users…</source>
        <translation>用户管理(&amp;U)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Parts catalogue…</source>
        <translation>配件目录(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compensation awaiting decision…</source>
        <translation>待审批补偿(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Complaints…</source>
        <translation>投诉登记簿(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;witch user…</source>
        <translation>切换用户(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Follow-up calls…</source>
        <translation>回访电话(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Waiting for pickup…</source>
        <translation>待取件设备(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Consultation log…</source>
        <translation>咨询登记(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export list…</source>
        <translation>导出列表(&amp;E)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Jobs</source>
        <translation>工单(&amp;J)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service &amp;desk</source>
        <translation>服务台(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Visits…</source>
        <translation>上门安排(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Evaluation…</source>
        <translation>服务评估(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day&apos;s &amp;takings…</source>
        <translation>当日收款(&amp;T)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search: job number, phone digits, customer name, serial/IMEI (scan + Enter)</source>
        <translation>搜索：工单号、手机号码、客户姓名、序列号/IMEI（扫码后回车）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open jobs</source>
        <translation>未结工单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Any due state</source>
        <translation>全部时限状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="-78"/>
        <location line="+79"/>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due within 1 working day</source>
        <translation>1个工作日内到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First response overdue</source>
        <translation>首次响应逾期</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Response overdue</source>
        <translation>响应逾期</translation>
    </message>
    <message>
        <location line="-305"/>
        <source>Repair Counter — %1 — %2</source>
        <translation>售后维修台 — %1 — %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+301"/>
        <source>Repair overdue</source>
        <translation>维修逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due next working day</source>
        <translation>下一工作日到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No news for 2 working days</source>
        <translation>2个工作日无进展</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My queue</source>
        <translation>我的工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unassigned</source>
        <translation>未指派</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Clocks</source>
        <translation>时限监控</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Signed in: %s</source>
        <translation>当前用户：%s</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The national calendar for %1 is only an estimate: the official holidays and make-up working days are not known to this version, so due dates from %1 on may be wrong. In Shop settings, enter %1&apos;s official holidays as closure days and its make-up working days as extra working days (or import them from a file), and mark %1 confirmed.</source>
        <translation>%1 年的国家日历只是推定：本版本尚不知道官方放假安排和调休上班日，因此 %1 年起的到期日可能有误。请在“门店设置”中把 %1 年的法定节假日录入为门店休息日、调休上班日录入为额外工作日（或从文件导入），并确认 %1 年。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No job matches “%s”.</source>
        <translation>没有与“%s”匹配的工单。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No job matches these filters.</source>
        <translation>没有符合这些筛选条件的工单。</translation>
    </message>
    <message numerus="yes">
        <location line="+45"/>
        <source>Open: %n</source>
        <translation>
            <numerusform>未结：%n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Overdue: %n</source>
        <translation>
            <numerusform>逾期：%n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Due today: %n</source>
        <translation>
            <numerusform>今天到期：%n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Response overdue: %n</source>
        <translation>
            <numerusform>响应逾期：%n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Callbacks overdue: %n</source>
        <translation>
            <numerusform>回电超时：%n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Complaints overdue: %n</source>
        <translation>
            <numerusform>投诉逾期：%n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>drafts: %n</source>
        <translation>
            <numerusform>草稿：%n</numerusform>
        </translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Check in from consultation %s</source>
        <translation>由咨询 %s 办理接修</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On-site visit from consultation %s</source>
        <translation>由咨询 %s 预约上门服务</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>There is no job %s.</source>
        <translation>没有工单 %s。</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Cannot check in</source>
        <translation>无法受理</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Checked in %s</source>
        <translation>已受理 %s</translation>
    </message>
    <message>
        <location line="+106"/>
        <location line="+31"/>
        <location line="+44"/>
        <source>Print receipt</source>
        <translation>打印单据</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Device label…</source>
        <translation>设备标签…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select a job in the list first.</source>
        <translation>请先在列表中选择一个工单。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>About Repair Counter</source>
        <translation>关于售后维修台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repair Counter keeps the after-sales counter inside the service agreement: first response within 24 hours, repairs within 5 working days.</source>
        <translation>售后维修台帮助售后柜台履行服务承诺：24小时内首次响应，5个工作日内完成维修。</translation>
    </message>
</context>
<context>
    <name>ManagerPasswordDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/password_dialogs.py" line="-30"/>
        <source>From now on everyone at the counter signs in, and every change on the record names who made it. Choose the manager&apos;s password first: the manager then adds the staff and their passwords.</source>
        <translation>从现在起，柜台的每个人都需要登录，记录中的每项更改都会写明操作人。请先为店长设置密码，再由店长添加员工及其密码。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the manager&apos;s password</source>
        <translation>设置店长密码</translation>
    </message>
</context>
<context>
    <name>MessageDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/message_dialog.py" line="+149"/>
        <source>Message customer — %1</source>
        <translation>通知客户 — %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To %1. Copy the text, or send it from the shop&apos;s phone and say how.</source>
        <translation>发给 %1。复制文字，或用门店手机发送后注明发送方式。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New day</source>
        <translation>新日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy to clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent by SMS</source>
        <translation>已用短信发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent by WeChat</source>
        <translation>已用微信发送</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No message fits this job&apos;s status.</source>
        <translation>没有适用于此工单状态的消息。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 characters, %2 SMS</source>
        <translation>%1 个字，%2 条短信</translation>
    </message>
</context>
<context>
    <name>MessageTemplatesEditor</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/message_templates_editor.py" line="+97"/>
        <source>Pickup list</source>
        <translation>待取件清单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages to the customer</source>
        <translation>发给客户的消息</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Placeholders: %1. One SMS holds 70 characters; at most %2 characters.</source>
        <translation>占位符：%1。一条短信 70 个字；最多 %2 个字。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 characters, %2 SMS (placeholders not yet filled in)</source>
        <translation>%1 个字，%2 条短信（占位符尚未填入）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Ready and not collected after</source>
        <translation>可取件后未取超过</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message “%1”</source>
        <translation>“%1”消息</translation>
    </message>
</context>
<context>
    <name>MethodTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/models/takings_models.py" line="-74"/>
        <source>Method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deposits</source>
        <translation>订金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>PartPickDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/part_pick_dialog.py" line="+109"/>
        <source>Add part</source>
        <translation>添加配件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parts that fit %1 are listed first. A part listed for other models needs a reason (the agreement: parts of the same model).</source>
        <translation>适用于 %1 的配件排在前面。适用于其他型号的配件需要说明理由（协议：同型号零部件）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name, part number or model</source>
        <translation>名称、配件编号或型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use this part</source>
        <translation>使用此配件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A part not in the catalogue…</source>
        <translation>目录外配件…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No part in the catalogue matches.</source>
        <translation>目录中没有匹配的配件。</translation>
    </message>
</context>
<context>
    <name>PartTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/models/part_table_model.py" line="+58"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fits this product</source>
        <translation>适用于此商品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part number</source>
        <translation>配件编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fits models</source>
        <translation>适用型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+5"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No — a reason is needed</source>
        <translation>否（需说明理由）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>PartsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/parts_dialog.py" line="+144"/>
        <source>Parts catalogue</source>
        <translation>配件目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name, part number or model</source>
        <translation>名称、配件编号或型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add part…</source>
        <translation>添加配件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Part number</source>
        <translation>配件编号</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fits models (separated by commas)</source>
        <translation>适用型号（用逗号分隔）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add part</source>
        <translation>添加配件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit part</source>
        <translation>编辑配件</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/compensation_dialog.py" line="-140"/>
        <source>Job / complaint</source>
        <translation>工单/投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promises missed</source>
        <translation>未履行的承诺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposed</source>
        <translation>建议补偿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposed at</source>
        <translation>提出时间</translation>
    </message>
</context>
<context>
    <name>PickupDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/pickup_dialog.py" line="+136"/>
        <source>Waiting for pickup</source>
        <translation>待取件设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message customer…</source>
        <translation>通知客户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Devices ready for pickup and not collected after %1 days (Shop settings), the longest waiting first. Reminders: the messages sent since the device became ready; in red, nobody has told the customer yet.</source>
        <translation>已可取件但超过 %1 天（门店设置）仍未取走的设备，等待最久的排在最前。提醒次数：设备可取件以来发出的消息数；红色表示尚未通知客户。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Devices waiting: %1</source>
        <translation>待取设备：%1</translation>
    </message>
</context>
<context>
    <name>PickupModel</name>
    <message>
        <location filename="../../desktop_app/ui/models/pickup_model.py" line="+96"/>
        <source>Job number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready since</source>
        <translation>可取件时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days waiting</source>
        <translation>等待天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total (¥)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reminders</source>
        <translation>提醒次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last reminder</source>
        <translation>最近提醒</translation>
    </message>
</context>
<context>
    <name>PolicyEditor</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/policy_editor.py" line="+54"/>
        <source>What the shop offers when it misses a promise of the agreement. The counter proposes it at the hand-back (and when a complaint is found to be the shop&apos;s fault); a manager approves, changes or declines it. For a late repair, amounts and months are given for each working day late. An amount or months of 0, or a box not ticked: not offered.</source>
        <translation>本店未兑现服务承诺时给予的补偿。交还时（以及投诉查明为本店责任时）系统按此提出补偿建议，由店长批准、修改或拒绝。维修超期时，金额和月数按每超期一个工作日计算。金额或月数为 0、或未勾选：不提供。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+6"/>
        <source>Compensation policy</source>
        <translation>补偿政策</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/problems.py" line="-55"/>
        <source>{field}: {message}</source>
        <translation>{field}：{message}</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/receipt_dialog.py" line="+52"/>
        <source>Receipt %s</source>
        <translation>单据 %s</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Save receipt</source>
        <translation>保存单据</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The printer could not start.</source>
        <translation>打印机无法启动。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/restore_dialog.py" line="+11"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restoring replaces the whole database with the backup: jobs, customers, people and settings. The current database is kept aside next to it first. Everyone signs in again afterwards.</source>
        <translation>恢复会用备份替换整个数据库：工单、客户、人员和设置。当前数据库会先另存在它旁边。恢复后所有人需重新登录。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No backups of this database yet.</source>
        <translation>此数据库还没有备份。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backups folder: %1</source>
        <translation>备份文件夹：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other file…</source>
        <translation>其他文件…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repair Counter backups (*.rcbackup);;All files (*)</source>
        <translation>售后维修台备份 (*.rcbackup);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/settings_dialog.py" line="+52"/>
        <source>Shop settings</source>
        <translation>门店设置</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Printed on every receipt, e.g. 400-800-1234</source>
        <translation>打印在每张单据上，如 400-800-1234</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A4</source>
        <translation>A4 纸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>80 mm receipt printer</source>
        <translation>80 mm 小票打印机</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+35"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Pickup and messages</source>
        <translation>取件与消息</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Official calendar</source>
        <translation>官方日历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official days file</source>
        <translation>官方日期文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device label size</source>
        <translation>设备标签尺寸</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock after idle (minutes)</source>
        <translation>闲置自动锁定（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up call after (days)</source>
        <translation>交还后几天回访（天）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint resolved within (working days)</source>
        <translation>投诉处理时限（工作日）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily backups kept</source>
        <translation>保留每日备份（份）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekly backups kept</source>
        <translation>保留每周备份（份）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly backups kept</source>
        <translation>保留每月备份（份）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repair warranty (parts and labour)</source>
        <translation>维修保修（配件及人工）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspection fee if a quotation is declined</source>
        <translation>客户拒绝报价时的检测费</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shop (printed on receipts)</source>
        <translation>门店信息（打印在单据上）</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Shop and calendar</source>
        <translation>门店与日历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compensation policy</source>
        <translation>补偿政策</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Automatic backups (SQLite)</source>
        <translation>自动备份（SQLite）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid repairs</source>
        <translation>付费维修</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The days entered for %1 are its official arrangement</source>
        <translation>已录入的 %1 年日期即官方放假安排</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import official days…</source>
        <translation>导入官方日期…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A UTF-8 text file, one day a line: 2027-02-06,holiday or 2027-02-20,workday</source>
        <translation>UTF-8 文本文件，每行一天：2027-02-06,holiday（休）或 2027-02-20,workday（班）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1: official arrangement, entered and confirmed by the shop</source>
        <translation>%1 年：官方放假安排，已由本店录入并确认</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: only an estimate (the holidays package guesses it by rule, without the make-up working days). Enter the year&apos;s official holidays as closure days and its make-up working days as extra working days, or import them, then tick below.</source>
        <translation>%1 年：仅为推定（holidays 软件包按规则推算，没有调休上班日）。请把该年法定节假日录入为门店休息日、调休上班日录入为额外工作日，或从文件导入，然后勾选下方确认。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: official arrangement (from the holidays package)</source>
        <translation>%1 年：官方放假安排（来自 holidays 软件包）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import official days</source>
        <translation>导入官方日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text files (*.csv *.txt);;All files (*)</source>
        <translation>文本文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Imported for %3: holidays %1, make-up working days %2. Save to use them.</source>
        <translation>已导入 %3 年：节假日 %1 天，调休上班日 %2 天。保存后生效。</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>Name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>门店地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>24-hour after-sales hotline</source>
        <translation>24小时售后热线</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>National calendar of</source>
        <translation>法定节假日所属国家/地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop closure days</source>
        <translation>门店休息日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra working days</source>
        <translation>额外工作日</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Default warranty</source>
        <translation>默认保修期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt paper</source>
        <translation>单据纸张</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/setup_dialog.py" line="+44"/>
        <source>Set up the counter</source>
        <translation>设置柜台</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Printed on every receipt, e.g. 400-800-1234</source>
        <translation>打印在每张单据上，如 400-800-1234</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A4</source>
        <translation>A4 纸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>80 mm receipt printer</source>
        <translation>80 mm 小票打印机</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Typed at every sign-in, e.g. zhang</source>
        <translation>每次登录时输入，例如 zhang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shown on the record, e.g. 张经理</source>
        <translation>显示在记录中，例如 张经理</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>At least %n characters</source>
        <translation>
            <numerusform>至少 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>24-hour after-sales hotline</source>
        <translation>24小时售后热线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>National calendar of</source>
        <translation>法定节假日所属国家/地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt paper</source>
        <translation>单据纸张</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A new counter. Enter the shop&apos;s details, printed on every receipt, and the first manager&apos;s account: the manager then adds the staff.</source>
        <translation>新柜台。请填写店铺信息（印在每张单据上）以及第一位店长的账户，之后由店长添加员工。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>First manager</source>
        <translation>第一位店长</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Set up</source>
        <translation>完成设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore a backup…</source>
        <translation>恢复备份…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A new computer for a shop that has a backup: restore it instead</source>
        <translation>新电脑、店里已有备份：改为恢复备份</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/sign_in_dialog.py" line="+162"/>
        <source>Sign in — Repair Counter</source>
        <translation>登录 — 售后维修台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After-sales counter</source>
        <translation>售后服务台</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location line="-86"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
</context>
<context>
    <name>StaffModels</name>
    <message>
        <location filename="../../desktop_app/ui/models/staff_models.py" line="-136"/>
        <source>unknown role</source>
        <translation>未知角色</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+152"/>
        <source>Locked until %s</source>
        <translation>锁定至 %s</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>No password yet</source>
        <translation>尚未设置密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Must change password at next sign-in</source>
        <translation>下次登录须修改密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Role: %s</source>
        <translation>角色：%s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From %1 to %2</source>
        <translation>由%1改为%2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source> (%s in a row)</source>
        <translation>（连续第 %s 次）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>jobs: %s</source>
        <translation>工单数：%s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>search “%s”</source>
        <translation>搜索“%s”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>status: %s</source>
        <translation>状态：%s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open jobs only</source>
        <translation>仅未结工单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>due filter: %s</source>
        <translation>期限筛选：%s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>technician: %s</source>
        <translation>技术员：%s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>jobs behind an evaluation figure</source>
        <translation>评估指标对应的工单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the whole list</source>
        <translation>全部列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file %s</source>
        <translation>文件 %s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due within 1 working day</source>
        <translation>1个工作日内到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first response overdue</source>
        <translation>首次响应已逾期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/survey_dialog.py" line="+122"/>
        <source>Follow-up call</source>
        <translation>回访</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Job %1 · %2 · %3 · returned on %4</source>
        <translation>工单 %1 · %2 · %3 · %4 交还</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>Customer reached</source>
        <translation>已联系上客户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the customer said (required for a score of 2 or less)</source>
        <translation>客户的原话（有 2 分及以下时必填）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optional: e.g. no answer, number switched off</source>
        <translation>选填：例如无人接听、关机</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Comment</source>
        <translation>评价</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>TakingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/takings_dialog.py" line="+147"/>
        <location line="+80"/>
        <source>Day&apos;s takings</source>
        <translation>当日收款</translation>
    </message>
    <message>
        <location line="-79"/>
        <location line="+154"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="-153"/>
        <location line="+148"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="-147"/>
        <location line="+148"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+151"/>
        <source>Clerk</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location line="-150"/>
        <location line="+1"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All lines</source>
        <translation>全部明细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count drawer…</source>
        <translation>清点钱箱…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click a method to list the lines behind it.</source>
        <translation>双击某种付款方式，列出对应的收款明细。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Check the shift</source>
        <translation>请检查班次</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot read the takings</source>
        <translation>无法读取收款</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the takings…</source>
        <translation>正在读取收款…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 · %2 · workstation: %3 · clerk: %4 · as of %5</source>
        <translation>%1 · %2 · 工作站：%3 · 收银员：%4 · 截至 %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Net takings</source>
        <translation>净收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deposits taken</source>
        <translation>收取订金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deposits used</source>
        <translation>订金抵扣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected cash in the drawer</source>
        <translation>钱箱应有现金</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 over</source>
        <translation>长款 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 short</source>
        <translation>短款 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>balanced</source>
        <translation>相符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2): counted %3, expected %4, %5, by %6 at %7</source>
        <translation>%1（%2）：实点 %3，应有 %4，%5，清点人 %6，时间 %7</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The drawer has not been counted.</source>
        <translation>钱箱尚未清点。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>All lines (%1)</source>
        <translation>全部明细（%1 笔）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lines by %1 (%2)</source>
        <translation>%1 明细（%2 笔）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cash counted</source>
        <translation>实点现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawer (workstation)</source>
        <translation>钱箱（工作站）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Count recorded: %1, difference %2</source>
        <translation>已记录清点：%1，差额 %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot record the count</source>
        <translation>无法记录清点</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>TechnicianTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/models/evaluation_models.py" line="+59"/>
        <source>Technician</source>
        <translation>技师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jobs completed</source>
        <translation>完成工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repair within 5 working days</source>
        <translation>5 个工作日内修好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average working days</source>
        <translation>平均工作日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand-back score</source>
        <translation>取机评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat repairs</source>
        <translation>返修</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Double-click to list the jobs this technician completed.</source>
        <translation>双击可列出该技师完成的工单。</translation>
    </message>
</context>
<context>
    <name>UserActions</name>
    <message>
        <location filename="../../desktop_app/ui/operations/user_actions.py" line="+159"/>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User name (to sign in)</source>
        <translation>用户名（登录用）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Display name (on receipts and records)</source>
        <translation>显示名称（印在单据和记录上）</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+41"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>First password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First password again</source>
        <translation>再次输入初始密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tell the new user this first password. They must choose a password of their own when they first sign in.</source>
        <translation>请把初始密码告诉新用户。其首次登录时必须设置自己的密码。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Change role of %s</source>
        <translation>更改%s的角色</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Disable %s</source>
        <translation>停用%s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%s will no longer be able to sign in; a window they have open is signed out at its next action. Their name stays on everything they did, and the account can be enabled again.</source>
        <translation>%s将无法再登录；其已打开的窗口会在下一次操作时退出登录。其经手的所有记录仍保留其姓名，账号以后可以重新启用。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Enable %s</source>
        <translation>启用%s</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reset password of %s</source>
        <translation>重置%s的密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temporary password again</source>
        <translation>再次输入临时密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tell the user this temporary password. They must choose a new password of their own at their next sign-in.</source>
        <translation>请把临时密码告诉该用户。其下次登录时必须设置自己的新密码。</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/users_dialog.py" line="+172"/>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff record</source>
        <translation>员工记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
</context>
<context>
    <name>VisitTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/visits_dialog.py" line="+72"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit address</source>
        <translation>上门地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technician</source>
        <translation>维修技师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visits so far</source>
        <translation>已上门次数</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>to set</source>
        <translation>待预约</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>visited: %s</source>
        <translation>已上门：%s</translation>
    </message>
</context>
<context>
    <name>VisitsDialog</name>
    <message>
        <location line="+27"/>
        <source>On-site visits</source>
        <translation>上门安排</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All technicians</source>
        <translation>全部技术员</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technician</source>
        <translation>维修技师</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Visits of the day, in appointment order</source>
        <translation>当天上门（按预约时间排列）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appointment to set</source>
        <translation>待预约</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open job</source>
        <translation>打开工单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print visit sheets…</source>
        <translation>打印上门服务单…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The selected jobs&apos; sheets, or every appointment of the day</source>
        <translation>所选工单的服务单；未选择时打印当天全部预约</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Visits: %n; appointment to set: %1</source>
        <translation>
            <numerusform>上门 %n 次；待预约 %1 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Select a job in the list first.</source>
        <translation>请先在列表中选择一个工单。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No visit to print for this day.</source>
        <translation>当天没有可打印的上门预约。</translation>
    </message>
</context>
<context>
    <name>_PasswordDialog</name>
    <message>
        <location filename="../../desktop_app/ui/dialogs/password_dialogs.py" line="-80"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At least %n characters</source>
        <translation>至少 %n 个字符</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../desktop_app/app.py" line="+144"/>
        <source>Nobody can sign in yet</source>
        <translation>尚无人可以登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody has a password on this database yet, and it is opened read-only. Open it without --read-only to set it up.</source>
        <translation>此数据库还没有人设置密码，而且它是以只读方式打开的。请不加 --read-only 打开以进行设置。</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>The automatic backup failed: %s</source>
        <translation>自动备份失败：%s</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Backing up the database before closing…</source>
        <translation>正在关闭前备份数据库…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repair Counter</source>
        <translation>售后维修台</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+102"/>
        <location line="+91"/>
        <location line="+21"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="-206"/>
        <location line="+290"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location line="-278"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="+199"/>
        <source>%s is an empty file (0 bytes). Make it a new Repair Counter database?</source>
        <translation>%s 是一个空文件（0 字节）。要把它作为新的售后维修台数据库吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Restore a backup in its place? A manager of the backup signs in to do it; the file there now is kept aside as it is.</source>
        <translation>用备份替换它吗？由备份中的店长登录来恢复；现在那里的文件会原样另存一旁。</translation>
    </message>
</context>
<context>
    <name>background</name>
    <message>
        <location filename="../../desktop_app/ui/background.py" line="+332"/>
        <source>The database did not answer. Nothing was saved; try again in a moment. If it keeps happening, tell the manager.</source>
        <translation>数据库没有响应。没有保存任何内容；请稍后再试。如果一直这样，请告诉店长。</translation>
    </message>
</context>
<context>
    <name>countries</name>
    <message>
        <location filename="../../desktop_app/ui/countries.py" line="+30"/>
        <source>Kosovo</source>
        <translation>科索沃</translation>
    </message>
</context>
<context>
    <name>prompts</name>
    <message>
        <location filename="../../desktop_app/ui/prompts.py" line="+98"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The counter hit an unexpected problem and did not finish what it was doing. Check the job before trying again; the details are in the log.</source>
        <translation>柜台程序遇到意外问题，刚才的操作没有完成。请先核对工单再重试；详细信息已记录在日志中。</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <location filename="../../desktop_app/ui/recovery.py" line="+38"/>
        <location line="+67"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Restored the backup %1 (%2 jobs).</source>
        <translation>已恢复备份 %1（%2 张工单）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file that was there is kept as %1.</source>
        <translation>原来那里的文件另存为 %1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in with a name and password from the backup.</source>
        <translation>请用备份中的用户名和密码登录。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The backup taken %1 (%2 jobs) takes the place of %3. The people and passwords are the backup&apos;s: sign in as a manager in the backup. The file there now is kept aside as it is.</source>
        <translation>%1 的备份（%2 张工单）将替换 %3。人员和密码以备份为准：请以备份中的店长身份登录。现在那里的文件会原样另存一旁。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Manager&apos;s user name</source>
        <translation>店长用户名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
</TS>
