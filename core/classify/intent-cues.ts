import type { Cue } from "./cue.ts";

/**
 * Intent lexicons, given to the model as features ("hint" cues never decide anything by
 * themselves). They carry knowledge the small training set cannot: that 退款, "money back"
 * and "send it back" mean the same thing in any product domain, so a message about a
 * product the training data never saw still lands near the right category.
 */
export const INTENT_CUES: readonly Cue[] = [
  {
    id: "intent-return",
    level: "hint",
    label: "wants to return, exchange or refund goods",
    pattern: /退货|退款|退掉|退回|能退|要退|想退|退了吧|换货|换一(?:台|个|把|件|副|双|部|张)|换个新|换新的|换成|调换|无理由|不想要了|\b(?:return\w*|refund\w*|money back|exchange|swap|send (?:it|them) back|replacement unit)\b/u,
  },
  {
    id: "intent-install",
    level: "hint",
    label: "install, uninstall, move or set up",
    pattern: /安装|来装|上门装|装一下|装好|装上|装机|移机|拆机|拆下|拆掉|拆了|拆装|装回|组装|调试|开通|接线|拉线|挂墙|加装|迁移|换机|撤机|\b(?:install\w*|uninstall\w*|set(?:ting)? (?:it |them )?up|setup|mount\w*|assembl\w*|fit(?:ted|ting)?|commission\w*|plumb\w*|disconnect\w*|reconnect\w*|hook(?:ed)? up|relocat\w*|removal|remove the|transfer (?:our|my) \w+ to)\b/u,
  },
  {
    id: "intent-logistics",
    level: "hint",
    label: "parcel or delivery",
    pattern: /快递|物流|包裹|派送|配送|送货|送到|送来|发货|签收|运输|运单|快递员|驿站|中转|转运|分拨|清关|海关|取件|寄回|寄到|寄去|速递|到货|没收到|收到的|箱子|外包装|\b(?:parcel|package|delivery|deliver\w*|courier|shipment|shipping|shipped|tracking|dispatch\w*|depot|customs|postman|arriv\w*|in transit|redirect\w*|box was|the box)\b/u,
  },
  {
    id: "intent-billing",
    level: "hint",
    label: "charges, invoices or fees",
    pattern: /收费|扣费|扣了|扣款|发票|收据|账单|话费|费用|多收|重复扣|扣两次|报价|多少钱|金额|余额|押金|月租|上门费|材料费|服务费|退费|缴费|充值|欠费|续费|\d+(?:块|元)|\b(?:bill\w*|invoice\w*|charg\w*|fee|fees|price|prices|cost|costs|quote|receipt|overcharg\w*|payment|paid|deposit|statement|tariff|debited|subscription)\b/u,
  },
  {
    id: "intent-complaint",
    level: "hint",
    label: "dissatisfied with the service",
    pattern: /投诉|态度|服务(?:太|真|很)?差|服务水平|差评|敷衍|不耐烦|道歉|赔偿|说法|交代|负责|离谱|受够|气死|忍了|什么服务|不专业|不承认|推卸|踢皮球|效率|放鸽子|迟到|\b(?:complain\w*|unacceptable|disappoint\w*|rude|apolog\w*|compensat\w*|terrible|awful|poor service|ridiculous|frustrat\w*|unprofessional|disgrace\w*|fed up|not impressed|no-?show|late|ignored)\b/u,
  },
  {
    id: "intent-question",
    level: "hint",
    label: "asks for information",
    pattern: /请问|问一?下|想问|咨询|怎么|如何|多久|是否|有没有|哪个|哪些|什么区别|支持|可以吗|能不能|吗\s*[?？]?$|\b(?:how do|how to|how often|how long|what is|what's|what are|which|does (?:it|the|this)|is it|is there|can i|do you|could you tell)\b/u,
  },
  {
    id: "intent-fault",
    level: "hint",
    label: "reports a fault",
    pattern: /坏了|故障|不工作|不能用|用不了|没反应|不制冷|不制热|不转|异响|漏水|报错|错误码|显示e\d|黑屏|蓝屏|断网|连不上|上不了网|打不开|开不了|不亮|卡住|失灵|闪退|死机|没声音|不出|不排水|不加热|\b(?:broken|not working|doesn'?t work|stopped working|fault\w*|error|won'?t|keeps? (?:crashing|dropping|stopping|cutting)|no (?:signal|power|sound|picture|dial tone)|leak\w*|crash\w*|fail\w*|noise|stuck|jam\w*|flicker\w*|wobbly|loose)\b/u,
  },
  {
    id: "intent-visit",
    level: "hint",
    label: "asks for someone to come or act",
    // A question that asks for a visit is a service request, not a consultation.
    pattern: /上门|派人|派个人|派师傅|安排(?:一下|个)?(?:师傅|人|技术员|工程师)|来修|来看看|来处理|来一趟|到府|\b(?:can|could) (?:someone|somebody|you|your team|an engineer|a technician) (?:come|send|pop|fix|look|install|fit|sort)|\bsend (?:someone|somebody|a technician|an engineer)|\bbook (?:an? )?(?:engineer|technician|visit|appointment)\b/u,
  },
  {
    id: "intent-thanks",
    level: "hint",
    label: "thanks or closing",
    pattern: /谢谢|感谢|点赞|满意|辛苦了|解决了|修好了|弄好了|不用了|不用派|好的|收到了?$|唔该|\b(?:thanks?|thank you|cheers|sorted|resolved|all good|never ?mind|great job)\b/u,
  },
  {
    id: "intent-greeting",
    level: "hint",
    label: "greeting or asks for a person",
    pattern: /^(?:你好|您好|hello|hi|hey|在吗|有人吗)|人工|真人|\b(?:real person|human|agent|anyone there)\b/u,
  },
  {
    id: "intent-spam",
    level: "hint",
    label: "advertising or spam",
    pattern: /红包|优惠|点击|链接|兼职|日结|加微信|加v|退订|领取|领券|秒杀|包邮|低价|量大从优|urlx|\b(?:click|prize|won|winner|free gift|gift card|offer|unsubscribe|cheap|discount code|crypto)\b/u,
  },
];
