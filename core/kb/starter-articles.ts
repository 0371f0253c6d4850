import type { Category } from "../tickets/types.ts";
import type { ArticleDraft } from "./types.ts";

/**
 * The starter knowledge base: common after-sales questions about appliances, furniture and
 * parcels, each written in Simplified Chinese and English. Seeded into an empty database at
 * start-up (seed.ts); editors own the articles from then on.
 */
type Version = { title: string; summary: string; body: string; tags: string[] };
type Starter = { slug: string; category?: Category; zh: Version; en: Version };

const STARTERS: Starter[] = [
  {
    slug: "how-to-report-a-fault",
    category: "repair",
    zh: {
      title: "如何在线报修",
      summary: "填写报修单只需两分钟：留下联系人、电话、产品和故障描述，最多可上传 5 张照片。",
      body: `在本网站点击「我要报修」，或在 Telegram、微信里给我们发消息「报修」，都可以提交报修单。

请准备好以下信息：
- 联系人姓名和手机号（用于上门联系和查询进度）
- 产品名称和型号，可在机身铭牌或说明书上找到
- 故障现象：什么时候开始、显示的故障代码、是否有异响或异味
- 上门地址和方便的时间段
- 故障照片：最多 5 张，每张不超过 10 MB（JPEG、PNG、WebP 或 HEIC）

提交后页面会显示工单号（例如 SR202611240001），请记下它。我们会在承诺的响应时间内联系您。`,
      tags: ["报修", "提交工单", "维修申请", "上门维修", "故障"],
    },
    en: {
      title: "How to report a fault online",
      summary: "A report takes two minutes: your name, phone, the product and what is wrong, plus up to 5 photos.",
      body: `Choose "Report a fault" on this site, or send "report" to our Telegram or WeChat account.

Have this at hand:
- Your name and mobile number (we use them to arrange the visit and to let you track the ticket)
- The product name and model, printed on the rating label or in the manual
- What is wrong: since when, any error code on the display, unusual noise or smell
- The address and a convenient time window
- Photos of the problem: up to 5, each at most 10 MB (JPEG, PNG, WebP or HEIC)

After you submit, the page shows your ticket number (for example SR202611240001). Keep it: you need it to track the ticket. We contact you within the response time shown.`,
      tags: ["report", "repair request", "service request", "ticket", "broken"],
    },
  },
  {
    slug: "track-your-ticket",
    zh: {
      title: "如何查询工单进度",
      summary: "用工单号和手机号后四位即可查看处理进度、上门预约和工程师回复。",
      body: `打开「查询进度」，输入工单号和报修时所留手机号的后四位。

在工单页面可以看到：
- 当前处理阶段（已提交、已受理、已派工、处理中、已解决、已结案）
- 负责的工程师和预约上门时间
- 全部处理记录和我们给您的回复
- 预计完成时间

如果输入正确却查不到，请确认工单号没有输错（字母 SR 加 12 位数字）。多次输错后系统会暂时限制查询，请稍候再试。`,
      tags: ["查询", "进度", "工单号", "处理状态", "查单"],
    },
    en: {
      title: "How to track your ticket",
      summary: "Your ticket number and the last four digits of your phone show the progress, the visit and our replies.",
      body: `Open "Track a ticket" and enter the ticket number and the last four digits of the phone number you reported with.

The ticket page shows:
- The current stage (received, accepted, assigned, in progress, resolved, closed)
- The technician and the agreed visit time
- Every update and every reply we sent you
- When we expect to finish

If the ticket is not found, check the number (SR followed by 12 digits). After several wrong attempts, lookups pause for a few minutes.`,
      tags: ["track", "status", "progress", "ticket number", "lookup"],
    },
  },
  {
    slug: "chase-a-ticket",
    zh: {
      title: "等待太久，怎样催单",
      summary: "在工单页面点「催一下」，我们会立即提醒负责人；每张工单每小时可催一次。",
      body: `如果超过了页面上显示的响应时间仍没有人联系您，可以在工单页面点击「催一下」。

催单会立即通知客服主管和负责的工程师，并记录在工单上。同一工单多次催单会自动提高处理优先级。

为避免重复提醒，每张工单每小时只能催一次。如有新的情况（例如故障加重），请用「补充信息」告诉我们，比催单更有帮助。`,
      tags: ["催单", "催促", "没人联系", "太慢", "加急"],
    },
    en: {
      title: "Waiting too long? Chase your ticket",
      summary: "Press \"Chase\" on the ticket page and the person in charge is reminded at once; once per hour per ticket.",
      body: `If nobody has contacted you within the response time shown on the ticket page, press "Chase".

A chase alerts the supervisor and the assigned technician right away and is recorded on the ticket. Repeated chases raise the ticket's priority.

To avoid floods of reminders, each ticket can be chased once per hour. If something changed (for example the fault got worse), use "Add information" instead: it helps us more than a chase.`,
      tags: ["chase", "hurry", "no answer", "too slow", "urgent"],
    },
  },
  {
    slug: "warranty-coverage",
    category: "consultation",
    zh: {
      title: "保修期与保修范围",
      summary: "整机一般保修 1 年、主要部件 3 年；人为损坏、私自拆修和易耗品不在免费保修范围内。",
      body: `保修期从购买发票或签收日期起算。常见产品的保修期：
- 大家电整机 1 年，压缩机、电机等主要部件 3 年
- 小家电整机 1 年
- 家具结构件 2 年，五金件和面料 1 年

以下情况不属于免费保修，但可以付费维修：
- 摔落、进水、使用不当造成的损坏
- 非授权人员拆修过
- 滤网、灯泡、电池等易耗品
- 超出保修期

报修时请准备好发票或订单号，工程师上门时会核实。保修期外的维修会先报价，经您同意后才施工。`,
      tags: ["保修", "质保", "三包", "免费维修", "发票", "保修卡"],
    },
    en: {
      title: "Warranty: how long and what it covers",
      summary: "Usually 1 year on the whole product and 3 years on main parts; accidents, unauthorized repairs and consumables are excluded.",
      body: `The warranty starts on the invoice or delivery date. Usual periods:
- Large appliances: 1 year on the whole product, 3 years on main parts such as compressor and motor
- Small appliances: 1 year
- Furniture: 2 years on the frame, 1 year on hardware and fabric

Not covered for free (we can still repair them at a price):
- Damage from drops, water or misuse
- Products opened or repaired by unauthorized people
- Consumables such as filters, bulbs and batteries
- Products past the warranty period

Have the invoice or order number ready when you report; the technician checks it on site. Outside the warranty we always quote first and only start once you agree.`,
      tags: ["warranty", "guarantee", "free repair", "invoice", "coverage"],
    },
  },
  {
    slug: "repair-fees-and-quotes",
    category: "billing",
    zh: {
      title: "维修怎么收费",
      summary: "保修期内免费；保修期外先检测报价，您同意后才收取上门费、配件费和人工费。",
      body: `保修期内、非人为损坏的维修全部免费。

保修期外的收费由三部分组成：
- 上门检测费：市区 50 元，维修成功后免收
- 配件费：按官方配件价目表，工程师会出示
- 人工费：按维修项目收费

工程师检测后会先报价，并在工单上记录。需要主管审批的项目（例如更换压缩机）会在审批后通知您。您不同意报价可以只付检测费。付款后可索取发票。`,
      tags: ["收费", "价格", "报价", "上门费", "配件费", "多少钱"],
    },
    en: {
      title: "What a repair costs",
      summary: "Free under warranty; outside it we inspect and quote first, and you pay visit, parts and labour only if you agree.",
      body: `Repairs under warranty of faults you did not cause are free.

Outside the warranty the price has three parts:
- Inspection visit: 50 CNY in the city, waived when we carry out the repair
- Parts: from the official parts price list, which the technician shows you
- Labour: per repair item

After the inspection the technician quotes and the quote is recorded on your ticket. Large jobs (such as a new compressor) need a supervisor's approval; we tell you when it is given. If you decline the quote you pay the inspection only. Ask for an invoice after paying.`,
      tags: ["price", "cost", "fee", "quote", "how much", "charge"],
    },
  },
  {
    slug: "washing-machine-not-spinning",
    category: "repair",
    zh: {
      title: "洗衣机不脱水、不排水怎么办",
      summary: "先检查排水管是否弯折堵塞、过滤器是否有异物、衣物是否偏在一边；显示 E3 等代码时可按以下步骤处理。",
      body: `洗衣机不脱水或不排水，多数是排水不畅或衣物不平衡引起的，可以先自行检查：

1. 关闭电源，检查排水管是否被压扁、弯折或放得太高
2. 打开机身前下方的小门，拧出排水过滤器，清除硬币、纽扣和毛絮（先放一个盆接水）
3. 把衣物抖散摊平，大件（被子、床单）单独洗，再选择「单脱水」
4. 确认机器放平，四个脚都着地不晃动

常见故障代码：E3 / E21 多为排水超时，E4 为衣物不平衡，E1 为进水问题。

如果处理后仍不脱水，或脱水时有很大的撞击声、烧焦味，请停止使用并报修，并在报修单中注明型号和故障代码。`,
      tags: ["洗衣机", "不脱水", "不排水", "E3", "E21", "E4", "甩干", "滚筒", "波轮"],
    },
    en: {
      title: "Washing machine won't spin or drain",
      summary: "Check the drain hose, clean the drain filter and spread the laundry out; error codes such as E3 point to the cause.",
      body: `A washer that won't spin or drain is usually blocked or unbalanced. Try this first:

1. Switch it off and check that the drain hose is not squashed, kinked or hung too high
2. Open the small flap at the bottom front, unscrew the drain filter and remove coins, buttons and lint (put a bowl under it first)
3. Spread the laundry out evenly, wash bulky items such as duvets alone, then run "spin only"
4. Make sure the machine stands level on all four feet

Common codes: E3 / E21 usually mean draining took too long, E4 an unbalanced load, E1 a water inlet problem.

If it still won't spin, or bangs loudly or smells burnt while spinning, stop using it and report a fault with the model and the error code.`,
      tags: ["washing machine", "washer", "not spinning", "won't drain", "E3", "E21", "E4", "spin"],
    },
  },
  {
    slug: "air-conditioner-not-cooling",
    category: "repair",
    zh: {
      title: "空调不制冷或制冷效果差",
      summary: "确认模式和温度设置、清洗滤网、检查外机是否通风；外机不转或结霜需要上门检修。",
      body: `请先检查：
- 遥控器是否设在「制冷」模式，温度设置低于室温（建议 26°C）
- 室内机滤网是否积灰，取下用清水冲洗、晾干后装回（建议每两周一次）
- 室外机周围是否有杂物遮挡，出风是否顺畅
- 门窗是否关好

开机 10 分钟后，可用手感觉出风是否变凉。如果室外机风扇不转、管道结霜、出风有异味，或室内机漏水，可能是缺氟、电容或排水管故障，需要工程师上门。

新装空调不制冷，请选择「安装」类报修，由安装师傅复查。`,
      tags: ["空调", "不制冷", "不凉", "制冷差", "滤网", "外机", "缺氟", "漏水"],
    },
    en: {
      title: "Air conditioner not cooling well",
      summary: "Check the mode and temperature, clean the filter and clear the outdoor unit; an outdoor unit that stops or ices up needs a technician.",
      body: `First check:
- The remote is in "Cool" mode and set below room temperature (26°C is a good setting)
- The indoor filter is not dusty: take it out, rinse it, let it dry and put it back (every two weeks in summer)
- Nothing blocks the outdoor unit and its air can flow freely
- Doors and windows are closed

After 10 minutes the air from the indoor unit should feel cool. If the outdoor fan does not turn, the pipes ice up, the air smells, or the indoor unit drips water, the cause may be low refrigerant, a capacitor or a blocked drain: report a fault and a technician will come.

If a newly installed unit does not cool, report it as an installation problem so the installer checks the work.`,
      tags: ["air conditioner", "aircon", "AC", "not cooling", "warm air", "filter", "refrigerant", "leaking"],
    },
  },
  {
    slug: "refrigerator-not-cold-or-noisy",
    category: "repair",
    zh: {
      title: "冰箱不制冷、结霜或噪音大",
      summary: "检查温控档位、门封是否密闭、散热空间是否足够；刚搬动过的冰箱要静置 4 小时再通电。",
      body: `冰箱不冷或冷藏室结霜，可以先这样排查：
1. 温控调到中档（冷藏 4°C、冷冻 -18°C），不要放入过多热的食物
2. 检查门封条是否有缝隙：夹一张纸关门，能轻松抽出说明密封不好
3. 冰箱两侧和背面至少留 10 厘米散热空间
4. 刚搬运或放倒过的冰箱，要直立静置 4 小时后再通电

压缩机运行时有轻微嗡嗡声、偶尔「咔哒」声是正常的。如果出现持续的异响、压缩机频繁启停，或冷冻室融化，请报修，并说明型号和购买时间。

停电或故障期间请少开门，可保持冷冻食品 12 小时左右。`,
      tags: ["冰箱", "不制冷", "不冷", "结霜", "结冰", "噪音", "异响", "压缩机"],
    },
    en: {
      title: "Refrigerator not cold, icing up or noisy",
      summary: "Check the thermostat, the door seal and the space around it; a fridge that was moved needs 4 hours upright before power.",
      body: `If the fridge is not cold enough or ice builds up in the fresh-food part:
1. Set the thermostat to the middle (4°C fridge, -18°C freezer) and avoid loading much warm food at once
2. Test the door seal: close the door on a sheet of paper; if it slides out easily, the seal leaks
3. Leave at least 10 cm free at both sides and at the back
4. After moving or tilting the fridge, let it stand upright for 4 hours before switching it on

A soft hum and an occasional click while the compressor runs are normal. Constant loud noise, a compressor that keeps switching on and off, or a thawing freezer need a technician: report a fault with the model and purchase date.

During a fault or power cut keep the doors closed; frozen food stays frozen for about 12 hours.`,
      tags: ["fridge", "refrigerator", "freezer", "not cold", "ice", "frost", "noise", "compressor"],
    },
  },
  {
    slug: "water-heater-no-hot-water",
    category: "repair",
    zh: {
      title: "热水器不出热水",
      summary: "燃气热水器检查燃气阀和电池，电热水器检查电源和漏电保护插头；闻到燃气味请立即关阀开窗。",
      body: `燃气热水器：
- 确认燃气阀门已打开，家里其他燃气灶具能正常点火
- 更换点火电池（多数机型在底部）
- 水压太小时不会点火，可把热水龙头开大

电热水器：
- 检查插头上的漏电保护器指示灯，按「复位」键
- 确认温度设置不低于 50°C，加热需要 30 分钟以上

显示故障代码（如 E1 点火失败、E5 过热）时，请记录代码后报修。

如果闻到燃气味，请立即关闭燃气总阀、打开门窗，不要开关电器或使用明火，然后到室外拨打燃气公司抢修电话。此类报修我们按紧急处理。`,
      tags: ["热水器", "没有热水", "不加热", "点不着火", "燃气热水器", "电热水器", "E1", "E5"],
    },
    en: {
      title: "Water heater gives no hot water",
      summary: "Gas heaters: check the gas valve and the ignition battery. Electric: check power and the safety plug. Smell gas? Close the valve and open windows first.",
      body: `Gas water heater:
- Make sure the gas valve is open and your gas hob lights normally
- Replace the ignition battery (usually underneath)
- It will not light with very low water flow: open the hot tap fully

Electric water heater:
- Check the light on the safety (RCD) plug and press "Reset"
- Set at least 50°C; heating a full tank takes 30 minutes or more

If the display shows a code (for example E1 ignition failure, E5 overheating), note it and report a fault.

If you smell gas, close the main gas valve, open doors and windows, do not touch electrical switches or use a flame, and call the gas company's emergency line from outside. We handle such reports as urgent.`,
      tags: ["water heater", "boiler", "no hot water", "won't light", "gas", "electric", "E1", "E5"],
    },
  },
  {
    slug: "gas-smell-smoke-or-sparks",
    category: "repair",
    zh: {
      title: "燃气泄漏、冒烟、打火：先保证安全",
      summary: "立即断电或关闭燃气总阀、离开现场，再联系我们；此类报修会按紧急优先处理。",
      body: `遇到以下情况，请先保证人身安全，不要自行拆修：
- 闻到燃气味：关闭燃气总阀，打开门窗，不要开关电器、不要使用明火，到室外拨打燃气公司电话
- 电器冒烟、打火或有焦糊味：立即拔掉插头或关闭电闸，不要用水灭电器火
- 漏水严重、可能淹到插座：先关水阀和电闸

确认安全后再报修，在描述里写明「冒烟」「漏电」「燃气味」等情况。这类工单会被自动标为紧急：2 小时内响应，并立即通知值班主管。

有人员受伤或火情，请先拨打 119 或 120。`,
      tags: ["燃气泄漏", "煤气味", "冒烟", "打火", "漏电", "着火", "紧急", "安全"],
    },
    en: {
      title: "Gas smell, smoke or sparks: safety first",
      summary: "Cut the power or close the gas valve and get clear, then contact us; such reports are handled as urgent.",
      body: `In any of these cases put safety first and do not try to repair anything yourself:
- Gas smell: close the main gas valve, open doors and windows, do not use switches or flames, and call the gas company from outside
- Smoke, sparks or a burning smell from an appliance: unplug it or switch off the breaker; never use water on an electrical fire
- Heavy leaking water near sockets: close the water valve and switch off the power

Once everyone is safe, report a fault and mention "smoke", "electric shock" or "gas smell" in the description. Such tickets are marked urgent automatically: we respond within 2 hours and the supervisor on duty is alerted at once.

If anyone is hurt or there is a fire, call the emergency services (119 / 120 in mainland China) first.`,
      tags: ["gas leak", "smoke", "sparks", "burning smell", "electric shock", "fire", "emergency", "safety"],
    },
  },
  {
    slug: "installation-appointment",
    category: "installation",
    zh: {
      title: "预约安装与安装前准备",
      summary: "收货后提交安装报修即可预约；请提前确认电源、水管、墙体条件，安装师傅会按约定时间上门。",
      body: `空调、热水器、洗衣机、家具等需要安装的商品，收货后提交「安装」类报修即可预约。请在报修单里写明产品型号和方便的时间段。

安装前请准备：
- 空调：确认安装位置的墙体承重，插座为 16A 专用插座
- 热水器：预留进出水管接口和专用插座
- 洗衣机：附近有水龙头和地漏
- 家具：清空安装区域，保留全部包装内的配件

标准安装免费；打孔、加长铜管、支架等辅材按价目表收费，师傅会先告知。包装箱请在安装完成、确认无损后再丢弃。`,
      tags: ["安装", "预约安装", "上门安装", "空调安装", "家具组装", "辅材"],
    },
    en: {
      title: "Booking an installation and getting ready",
      summary: "Report an installation after delivery to book it; check power, water and walls beforehand, and the installer comes at the agreed time.",
      body: `Air conditioners, water heaters, washing machines and furniture that need installing are booked by reporting an "installation" after delivery. Give the model and a convenient time window.

Before the visit:
- Air conditioner: a load-bearing wall at the chosen spot and a dedicated 16 A socket
- Water heater: water connections and a dedicated socket
- Washing machine: a tap and a floor drain nearby
- Furniture: a clear area, and every part from the boxes kept

Standard installation is free. Extra drilling, longer copper pipes, brackets and similar materials are charged from the price list; the installer tells you first. Keep the boxes until everything is installed and checked.`,
      tags: ["installation", "install", "assembly", "appointment", "fitting", "materials"],
    },
  },
  {
    slug: "change-or-cancel-appointment",
    zh: {
      title: "修改或取消上门时间",
      summary: "在工单页面「补充信息」中写明新的时间，或回复我们的消息；上门前 2 小时内改约请直接联系工程师。",
      body: `预约的上门时间不方便时，请尽早告诉我们：
- 在工单页面点击「补充信息」，写明希望改到的日期和时间段
- 或直接回复我们在 Telegram / 微信上发给您的消息

客服会重新安排并更新工单上的预约时间。距离上门不到 2 小时时，请直接联系负责的工程师，避免白跑一趟。

如果问题已经自行解决、不再需要上门，也请在「补充信息」里说明，我们会取消工单。`,
      tags: ["改约", "预约", "上门时间", "取消", "改时间", "不在家"],
    },
    en: {
      title: "Change or cancel a visit",
      summary: "Write the new time under \"Add information\" on the ticket page or reply to our message; within 2 hours of the visit, call the technician.",
      body: `If the agreed visit time no longer suits you, tell us as early as you can:
- On the ticket page, use "Add information" to give the day and time window you prefer
- Or reply to the message we sent you on Telegram or WeChat

The desk reschedules and the new time appears on your ticket. Less than 2 hours before the visit, please call the technician directly so nobody makes a wasted trip.

If the problem solved itself and you no longer need a visit, say so under "Add information" and we cancel the ticket.`,
      tags: ["reschedule", "appointment", "visit time", "cancel", "not at home"],
    },
  },
  {
    slug: "furniture-damaged-or-missing-parts",
    category: "return_exchange",
    zh: {
      title: "家具到货破损或缺少配件",
      summary: "签收时当面检查外包装，发现破损拍照留证；缺件或损坏请在 7 天内报修并上传照片。",
      body: `签收家具时请当着配送员的面检查外包装。包装明显破损、受潮时，可以拒收或在签收单上注明。

安装前发现以下情况，请在收货 7 天内报修：
- 板材破损、划伤、开裂
- 螺丝、连接件、把手等配件缺少
- 尺寸、颜色与订单不符

报修时请上传：外包装照片、破损部位近照、配件清单（说明书第一页）与实物对比照。补发配件一般 3–5 个工作日送达；无法修复的部件免费更换。

已安装家具的松动、异响等问题，按「维修」报修即可。`,
      tags: ["家具", "破损", "缺件", "少配件", "划伤", "开裂", "补件", "柜子", "床", "沙发"],
    },
    en: {
      title: "Furniture arrived damaged or with missing parts",
      summary: "Check the boxes on delivery and photograph any damage; report damage or missing parts within 7 days with photos.",
      body: `When the furniture arrives, check the boxes in front of the driver. You may refuse visibly damaged or wet boxes, or note the damage on the delivery receipt.

If you find any of the following before assembly, report it within 7 days of delivery:
- Boards broken, scratched or cracked
- Screws, fittings, handles or other parts missing
- Size or colour different from your order

Attach photos: the boxes, a close-up of the damage, and the parts list (first page of the manual) next to what you received. Missing parts usually arrive in 3–5 working days; parts that cannot be repaired are replaced free.

For furniture that is already assembled and wobbles or creaks, simply report a repair.`,
      tags: ["furniture", "damaged", "missing parts", "scratched", "cracked", "wardrobe", "bed", "sofa", "replacement"],
    },
  },
  {
    slug: "parcel-delayed-or-not-updating",
    category: "logistics",
    zh: {
      title: "快递延误或物流信息不更新",
      summary: "物流 48 小时未更新、超过预计送达时间仍未收到，请提交「物流」类报修并附上订单号和运单号。",
      body: `大件商品一般在付款后 3–7 天送达，偏远地区会更久。以下情况请联系我们：
- 物流信息超过 48 小时没有更新
- 超过预计送达日期 2 天仍未收到
- 显示「已签收」但您没有收到

请在报修单中写明订单号、运单号和收货地址。我们会向承运商核实，一般 1 个工作日内回复。

显示已签收却没收到时，请先问问家人、门卫、快递柜和驿站；仍找不到的，我们会协助追查，查实丢失的免费补发。`,
      tags: ["快递", "物流", "延误", "没收到", "不更新", "运单号", "签收", "丢件", "配送"],
    },
    en: {
      title: "Parcel delayed or tracking not updating",
      summary: "If tracking has not moved for 48 hours or the delivery date has passed, report a delivery problem with your order and tracking numbers.",
      body: `Large items usually arrive 3–7 days after payment; remote areas take longer. Contact us when:
- Tracking has not changed for more than 48 hours
- The parcel is 2 days past the expected delivery date
- Tracking says "delivered" but you have nothing

Report a delivery problem with the order number, the tracking number and the delivery address. We check with the carrier and usually answer within one working day.

If it shows delivered but you did not get it, first ask family, the building reception, parcel lockers and pick-up points. If it is still missing we trace it, and a confirmed loss is re-sent free of charge.`,
      tags: ["parcel", "package", "delivery", "delayed", "late", "tracking", "not received", "lost", "courier"],
    },
  },
  {
    slug: "parcel-arrived-damaged",
    category: "logistics",
    zh: {
      title: "包裹破损、商品损坏怎么理赔",
      summary: "尽量当面验货；发现破损请保留包装并拍照，48 小时内报修，我们负责与承运商理赔。",
      body: `收货时请尽量当面开箱验货。外箱破损、变形或有水渍时，可以拒收，或让配送员在签收单上注明。

签收后才发现商品损坏的：
1. 保留原包装和填充物，不要丢弃
2. 拍照：运单、外箱六个面、破损处近照、商品损坏处
3. 48 小时内提交报修（类别选「物流」），上传照片

我们会在 1 个工作日内联系您，确认后为您补发、换货或退款，运输理赔由我们与承运商处理，您无需自己联系快递公司。`,
      tags: ["包裹破损", "快递破损", "理赔", "赔偿", "压坏", "摔坏", "运输损坏", "开箱验货"],
    },
    en: {
      title: "Parcel arrived damaged: how to claim",
      summary: "Open it in front of the courier when you can; keep the packaging, take photos and report within 48 hours; we handle the carrier claim.",
      body: `When you can, open the parcel in front of the courier. You may refuse a box that is torn, crushed or wet, or ask the courier to note it on the receipt.

If you find damage after signing:
1. Keep the original box and packing material
2. Take photos: the label, all six sides of the box, close-ups of the box damage and of the damaged goods
3. Report within 48 hours (category "delivery") and attach the photos

We contact you within one working day and, once confirmed, re-send, exchange or refund. We deal with the carrier's claim; you do not need to contact the courier yourself.`,
      tags: ["damaged parcel", "broken", "crushed", "claim", "compensation", "transport damage"],
    },
  },
  {
    slug: "returns-and-exchanges",
    category: "return_exchange",
    zh: {
      title: "退换货政策",
      summary: "签收 7 天内可无理由退货（商品完好、不影响二次销售），15 天内质量问题可换货。",
      body: `退换货规则：
- 7 天无理由退货：签收之日起 7 天内，商品及配件完好、包装齐全、不影响二次销售
- 15 天质量问题换货：经检测确认为质量问题，可换同型号新品
- 保修期内质量问题：按保修规定免费维修

以下商品不适用无理由退货：已安装使用的大家电、定制家具、已拆封的卫浴和滤芯类耗材。

申请方法：提交报修，类别选「退换货」，写明订单号和原因，并上传商品照片。审核通过后我们会预约上门取件，退款在收到退货并验收后 3 个工作日内原路退回。`,
      tags: ["退货", "换货", "退款", "七天无理由", "7天", "15天", "质量问题", "上门取件"],
    },
    en: {
      title: "Returns and exchanges",
      summary: "Return within 7 days for any reason if the item is unused and complete; exchange within 15 days for a quality fault.",
      body: `Our rules:
- 7-day return for any reason: within 7 days of delivery, with the item, accessories and packaging complete and the item fit for resale
- 15-day exchange for quality faults: once we confirm the fault, you get a new unit of the same model
- Within the warranty: free repair of quality faults

Not returnable without a fault: large appliances already installed and used, made-to-measure furniture, opened bathroom items and filter consumables.

To apply, report with the category "return or exchange", give the order number and the reason and attach photos. Once approved we book a pick-up; refunds go back to the original payment within 3 working days of receiving and checking the return.`,
      tags: ["return", "exchange", "refund", "7 days", "15 days", "faulty", "pick-up", "money back"],
    },
  },
  {
    slug: "satisfaction-survey",
    zh: {
      title: "关于服务满意度评价",
      summary: "工单结案后我们会请您为服务打 1–5 分；低于 3 分的评价会由主管在 24 小时内回访。",
      body: `工单结案后，我们会通过您报修时使用的渠道（网页链接、Telegram 按钮或微信回复数字）请您为本次服务打分：
- 1–2 分：不满意
- 3 分：一般
- 4–5 分：满意

每张工单只能评价一次，评价链接 7 天内有效。您也可以写下意见，我们会认真阅读。

打分低于 3 分时，服务主管会在 24 小时内联系您了解情况。如果问题没有真正解决，请直接告诉我们，我们可以重新打开工单。`,
      tags: ["评价", "满意度", "打分", "回访", "投诉", "意见"],
    },
    en: {
      title: "About the satisfaction survey",
      summary: "After a ticket closes we ask you to rate the service from 1 to 5; a supervisor calls back within 24 hours on any score below 3.",
      body: `When your ticket is closed we ask you to rate the service on the channel you used (a web link, Telegram buttons or a number reply on WeChat):
- 1–2: dissatisfied
- 3: neutral
- 4–5: satisfied

Each ticket can be rated once and the link is valid for 7 days. You can add a comment; we read every one.

For a score below 3 a service supervisor contacts you within 24 hours. If the problem is not really solved, tell us and we reopen the ticket.`,
      tags: ["survey", "rating", "feedback", "satisfaction", "complaint", "follow-up"],
    },
  },
];

export const STARTER_ARTICLES: readonly ArticleDraft[] = STARTERS.flatMap((starter, index) =>
  (["zh-Hans", "en"] as const).map((language) => {
    const version = language === "en" ? starter.en : starter.zh;
    return {
      slug: starter.slug,
      language,
      title: version.title,
      summary: version.summary,
      body: version.body,
      tags: version.tags,
      ...(starter.category ? { category: starter.category } : {}),
      published: true,
      position: (index + 1) * 10,
    };
  }),
);
