import type { Cue } from "./cue.ts";

/**
 * Cues for "high" (lift urgency to at least high) and hints (features for the model only).
 * High means real impact: core function lost where it hurts (heat wave, winter, a shop that
 * cannot take payments, the elderly or an infant affected), second/third chases, and serious
 * complaints (abuse by staff, regulators, lawyers).
 */

const gap = (n: number): string => `[^,.!?;。\\n]{0,${n}}`;
const pattern = (...parts: string[]): RegExp => new RegExp(parts.join(""), "u");

const VULNERABLE_ZH = "(?:老人|老年人|奶奶|爷爷|外婆|外公|姥姥|姥爷|老太太|老大爷|老母亲|老父亲|婴儿|宝宝|新生儿|月子|孕妇|病人|卧床|瘫痪|残疾|轮椅|[7-9][0-9]岁)";
const VULNERABLE_EN = "(?:elderly|grandm(?:a|other)|grandpa|grandfather|grandparents?|pensioner|\\d{2}[- ]year[- ]old (?:mother|father|mum|mom|dad|parent)|(?:my )?(?:old|aged) (?:mother|father|mum|mom|dad|parents?)|baby|infant|newborn|pregnant|disabled|wheelchair|bed-?ridden|medical condition)";
const CORE_LOSS_ZH = "(?:没有?热水|洗不了(?:热水)?澡|不出热水|不热|不制冷|不制热|没暖气|暖气不|不供暖|停暖|没电|停电|停水|没水|打不着火|打不找火|点不着|不冷|没信号|打不了电话|做不了饭)";
const CORE_LOSS_EN = "(?:no (?:heat|heating|hot water|power|electricity|water|cooling|air ?con|a/?c)|(?:heating|heater|boiler|furnace|air ?con\\w*|a/?c|fridge|cooling|hot water)\\b[^,.!?;]{0,20}\\b(?:not working|stopped|broke|broken|dead|died|out|off)|not (?:heating|cooling)|(?:isn'?t|is not|won'?t|doesn'?t) (?:heat|cool)\\w*|can'?t (?:shower|cook|keep warm|stay cool))";

export const PRIORITY_CUES: readonly Cue[] = [
  {
    id: "repeat-chase",
    level: "high",
    label: "repeated report / chase",
    pattern: pattern(
      "第[二三四五六七2-7]次(?!用|使用|买|购买|下单|洗|开机)|又一次|再一次催|再次(?:催|报修|反映|联系|投诉)|催了", gap(2), "(?:好几|两|三|四|五|几|n|多)次|三番五次|多次(?:报修|反映|联系|催|打电话|投诉|申请)|",
      "反复(?:报修|维修|修|坏)|修了", gap(2), "(?:两|三|四|五|几|好几|多)次|(?:加急|催)了(?:两|三|几|好几)次|(?:问|找|联系|打)了(?:两|三|四|五|几|好几)(?:次|遍)",
    ),
  },
  {
    id: "repeat-chase-en",
    level: "high",
    label: "repeated report / chase",
    pattern: /\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th) (?:time|message|request|reminder|chase|attempt|call|email|visit)\b|\b(?:chased|asked|called|reported|emailed|written|contacted you)\b[^,.!?;]{0,20}\b(?:twice|three times|four times|several times|multiple times|many times|again)\b|\b(?:twice|three times|several times|multiple times|many times) (?:already|now|before)\b|\bfollowing up (?:again|once more)\b|\bagain and again\b|\bstill (?:no|nothing|hasn'?t|haven'?t|not (?:been )?(?:fixed|resolved|sorted|refunded|received|heard))\b/u,
  },
  {
    id: "vulnerable-core-loss",
    level: "high",
    label: "vulnerable person without a core function",
    pattern: new RegExp(VULNERABLE_ZH, "u"),
    requires: new RegExp(CORE_LOSS_ZH, "u"),
  },
  {
    id: "vulnerable-core-loss-en",
    level: "high",
    label: "vulnerable person without a core function",
    pattern: new RegExp(`\\b${VULNERABLE_EN}\\b`, "u"),
    requires: new RegExp(`\\b${CORE_LOSS_EN}`, "u"),
  },
  {
    id: "heat-no-cooling",
    level: "high",
    label: "no cooling in hot weather",
    pattern: pattern("高温|热浪|酷暑|桑拿天|三伏|中暑|(?:3[4-9]|4[0-9])(?:度|°|℃)|这么热|太热|热死|热得受不了|热得不行|热得睡不着|大热天"),
    requires: /空调|制冷|冷风|风扇|冷气|不冷/u,
  },
  {
    id: "heat-no-cooling-en",
    level: "high",
    label: "no cooling in hot weather",
    pattern: /\b(?:heat ?wave|sweltering|scorching|boiling (?:hot|in here)|(?:3[4-9]|4[0-9]|9[5-9]|1[01][0-9]) ?(?:degrees|°|c\b|f\b)|unbearabl[ey] hot|so hot)\b/u,
    requires: /\b(?:air ?con\w*|a\/?c|aircon|cooling|cool|fan|hvac)\b/u,
  },
  {
    id: "cold-no-heating",
    level: "high",
    label: "no heating in cold weather",
    pattern: pattern("零下|寒潮|大冬天|冬天|降温|冻死|冷死|下雪|很冷|冷得|好冷|太冷"),
    requires: /暖气|供暖|采暖|地暖|壁挂炉|锅炉|热水|不热|制热|暖风|取暖/u,
  },
  {
    id: "cold-no-heating-en",
    level: "high",
    label: "no heating in cold weather",
    pattern: /\b(?:freezing|below zero|sub-?zero|snow\w*|winter|cold snap|(?:so|very|really|bitterly) cold|minus \d+)\b/u,
    requires: /\b(?:heat\w*|boiler|furnace|radiators?|hot water)\b/u,
  },
  {
    id: "business-stopped",
    level: "high",
    label: "business cannot operate",
    pattern: pattern(
      "收不了(?:款|钱|银)|(?:无法|没法|不能|没办法)(?:收款|收银|刷卡|营业|开门|结账|出餐)|只能收现金|没(?:有)?机器收款|刷不了卡|扫不了码|影响营业|停业|开不了(?:张|门|店)|",
      "客人", gap(4), "(?:走了|跑了|在等|排队)|生意", gap(4), "(?:做不了|损失)|(?:损失|赔)", gap(4), "(?:很大|惨重|上千|几千|上万)",
    ),
  },
  {
    id: "business-stopped-en",
    level: "high",
    label: "business cannot operate",
    pattern: /\b(?:can'?t|cannot|unable to) (?:take|accept|process|run) (?:any )?(?:card )?(?:payments?|orders|sales|cards)\b|\bcash only\b|\blosing (?:business|sales|customers|money)\b|\bcustomers (?:are )?(?:leaving|walking out|queu\w+|waiting)\b|\bcan'?t open (?:the |our )?(?:shop|store|restaurant|business)\b|\bbusiness (?:is )?(?:at a )?(?:standstill|halted|stopped)\b/u,
  },
  {
    id: "serious-complaint",
    level: "high",
    label: "serious complaint / escalation",
    pattern: /12315|消协|消费者协会|市场监管|工商局|投诉到底|曝光|媒体|律师|起诉|法院|打官司|维权|(?<!\d)315(?!\d)|黑猫投诉|主管(?:给我|回电|出来)|找你们(?:领导|老板|经理)|发帖|差评到底/u,
  },
  {
    id: "serious-complaint-en",
    level: "high",
    label: "serious complaint / escalation",
    pattern: /\b(?:lawyer|solicitor|legal action|sue|suing|small claims|trading standards|ombudsman|consumer (?:council|protection|rights|tribunal)|bbb|better business bureau|regulator|report you to|going to the press|social media|formal complaint|escalate (?:this|it)|speak to (?:a |your )?(?:manager|supervisor))\b/u,
  },
  {
    id: "staff-abuse",
    level: "high",
    label: "abuse by staff",
    pattern: /辱骂|骂人|骂我|骂了|大吼大叫|吼我|恐吓|威胁|打人|推我|性骚扰|爆粗口|说脏话|摔门|态度(?:极其|非常|特别)?恶劣|挂我电话|挂了我的电话|动手打|对我动手/u,
  },
  {
    id: "staff-abuse-en",
    level: "high",
    label: "abuse by staff",
    pattern: /\b(?:abus(?:ive|ed)|swor(?:e|n) at|swearing|shout(?:ed|ing) at|yell(?:ed|ing) at|screamed at|threaten\w*|harass\w*|assault\w*|racist|insult\w*|pushed me|hung up on me)\b/u,
  },
  {
    id: "food-spoiling",
    level: "high",
    label: "food spoiling",
    pattern: /(?:肉|菜|食物|食材|海鲜|母乳|冻品|胰岛素|药)[^,.!?;。]{0,6}(?:化了|坏了|要坏|臭了|馊|变质|化掉)|\b(?:food|meat|groceries|stock|insulin|medicine|breast ?milk)\b[^,.!?;]{0,20}\b(?:spoil\w*|going off|go off|rott\w*|thaw\w*|defrost\w*|melt\w*|warm)/u,
    requires: /冰箱|冰柜|冷柜|冷藏|冷冻|\b(?:fridge|freezer|refrigerator|chiller|cooler)\b/u,
  },
  {
    id: "stranded-without-service",
    level: "high",
    label: "core service cut off",
    pattern: /停机|停网|断供|被断|(?:电话|手机)打不出去|\b(?:service|line|account|internet|phone) (?:was |has been )?(?:cut off|suspended|disconnected)\b|\bcompletely out of\b/u,
  },
  // Hints: evidence the model may use, never a floor.
  {
    id: "danger-word",
    level: "hint",
    label: "mentions something that is often dangerous",
    // Broad on purpose: too loose to force "urgent", but as a feature it lets the urgency
    // model recognise danger in phrasings the explicit safety cues do not cover.
    pattern: /烟|焦|火|爆|炸|烫|淹|困|晕|麻|漏电|触电|电到|带电|电线|燃气|煤气|刺鼻|危险|裂|塌|掉下|砸|摔|伤|\b(?:smok\w*|burn\w*|fire|flames?|spark\w*|shock\w*|gas|fumes?|flood\w*|trapped|stuck|melt\w*|scorch\w*|hot|heat\w*|tingl\w*|crack\w*|danger\w*|hurt|injur\w*|fall\w*|fell|collaps\w*|leak\w*|explo\w*|swell\w*|swollen|bang|pop(?:ped)?)\b/u,
  },
  {
    id: "cosmetic",
    level: "hint",
    label: "cosmetic or minor issue",
    pattern: /划痕|刮痕|掉漆|小瑕疵|色差|不影响使用|不影响用|\b(?:scuff\w*|scratch\w*|cosmetic|minor|tiny|small dent)\b/u,
  },
  {
    id: "no-rush",
    level: "hint",
    label: "customer says it is not urgent",
    pattern: /不急|不着急|有空(?:的时候|再)|不是什么大事|不算投诉|提个(?:小)?建议|小建议|\b(?:no rush|not urgent|whenever|not a (?:big|huge) deal|no hurry|suggestion|at your convenience)\b/u,
  },
  {
    id: "question",
    level: "hint",
    label: "asks a question",
    pattern: /请问|问一?下|想问|咨询|能不能|可以吗|吗\?|吗$|多少钱|怎么(?:办理|设置|用|弄)|\?|\b(?:how do i|how to|can i|is it possible|do you|does it|what is|what's|how much|is there)\b/u,
  },
  {
    id: "urgent-word",
    level: "hint",
    label: "customer asks for speed",
    pattern: /急急急|很急|加急|尽快|马上|立刻|赶紧|快来|\b(?:asap|urgent\w*|immediately|right now|hurry)\b/u,
  },
];
