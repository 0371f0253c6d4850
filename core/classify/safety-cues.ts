import type { Cue } from "./cue.ts";

/**
 * Danger and mass-outage cues: any one of them makes a report urgent, whatever its category.
 * Recall matters more than precision here (a false alarm costs a phone call, a miss can cost
 * a life), so cues describe situations broadly, in Simplified Chinese (Traditional input is
 * converted first) and English, including indirect phrasing ("smells like something is
 * melting", "有股塑料烧焦的味道"). Known look-alikes are excluded per cue (range hoods 烟机,
 * a technician smoking 抽烟, "smoke-grey", the gas bill, spark plugs, ignition 打不着火).
 */

/** Up to n characters inside one clause. */
const gap = (n: number): string => `[^,.!?;。\\n]{0,${n}}`;
const pattern = (...parts: string[]): RegExp => new RegExp(parts.join(""), "u");

const ELECTRICAL_EN =
  "(?:socket|outlet|plug|cord|cable|charger|adapter|battery|wire|wiring|switch|breaker|fuse|fuse ?box|panel|power ?strip|extension|power ?bank|lead|transformer|meter|electrics|electrical(?: cupboard| box| panel)?|consumer unit|distribution board)";
const ELECTRICAL_ZH = "(?:插座|插头|插排|插板|排插|接线板|电线|线路|电源|充电器|适配器|电池|电瓶|开关|电箱|配电|电表|电闸|变压器|充电宝|充电桩|线)";
/** Things water must not reach: everything electrical plus lights and appliances. */
const WATER_HAZARD_ZH = "(?:插座|插头|插排|插板|排插|接线板|电线|线路|电源|电箱|配电|电表|电闸|变压器|充电桩|吊灯|灯具|灯|电器|家电|电视|电脑)";
/** Wiring that stays live when wet (a wet phone or laptop is a repair, not a hazard). */
const FIXED_ELECTRICAL_ZH = "(?:插座|插头|插排|插板|排插|接线板|电线|线路|电箱|配电|电表|电闸|变压器|充电桩|灯具|吊灯)";
/** Chinese counts large enough to mean "many": 十几, 二十多, 几百, 30. */
const MANY_ZH = "(?:[0-9]{2,}\\s?|[二三四五六七八九]?十[一二三四五六七八九]?|几十|十几|上百|几百|上千|好几|多)多?";
/** English words for things water must not reach (wiring, lights, appliances' plugs). */
const WATER_HAZARD_EN = `(?:${ELECTRICAL_EN.slice(3, -1)}|light fitting|light fixture|fixture|ceiling light|lights?|lamp|fuse ?box)`;
const CHILD_ZH = "(?:孩子|小孩|宝宝|婴儿|儿童|小朋友|孙子|孙女|女儿|儿子|娃)";
const CHILD_EN = "(?:child|children|kid|kids|toddler|baby|infant|son|daughter|grandchild)";

export const SAFETY_CUES: readonly Cue[] = [
  // Smoke and fire.
  {
    id: "smoke",
    level: "urgent",
    label: "smoke",
    pattern: pattern("冒", gap(4), "烟(?!机)|(?:浓|黑|白|青)烟(?!机)|烟雾|起烟|出烟|烟(?:一直|不停|往外)?(?:冒|窜)"),
    unless: /抽烟|吸烟|香烟|烟头|烟灰|烟瘾|烟雾(?:报警|探测|感应)器?(?![^,.!?;。]{0,6}(?:响|叫|鸣))/u,
  },
  {
    id: "smoke-smell",
    level: "urgent",
    label: "smell of smoke",
    pattern: /(?<!油)烟味|烟熏味/u,
    // A technician smoking indoors is a complaint, not a fire; that context is usually a clause away.
    unless: /抽烟|吸烟|香烟|烟头|烟灰|烟瘾|二手烟/u,
    unlessScope: "text",
  },
  {
    id: "smoke-en",
    level: "urgent",
    label: "smoke",
    pattern: /\bsmok(?:e|ing|ey|y)\b(?![\s-]?(?:gr[ae]y|colou?r|glass|tint|black|free|break|test|detectors?|alarms?))|\bhaze\b/u,
    unless: /cigarette|no[ -]smoking|smoking (?:a |in(?:side)? (?:my|our|the) (?:house|home|flat|apartment|room|office|car)|indoors)|(?:he|she|they|guy|man|technician|engineer|worker|staff|driver|courier)\s+(?:was|were|kept|keeps|is|are)?\s*smoking/u,
  },
  {
    id: "smoke-alarm",
    level: "urgent",
    label: "smoke/fire alarm going off",
    pattern: pattern(
      "(?:烟感|烟雾报警|火灾报警|消防报警|燃气报警|一氧化碳报警)", gap(6), "(?:响|叫|报警|鸣)",
      "|\\b(?:smoke|fire|co|carbon monoxide|gas) (?:alarm|detector)s?\\b", gap(20), "\\b(?:going off|went off|goes off|beep(?:s|ing|ed)?|sound(?:s|ing|ed)|alarming|triggered|keeps? (?:going|beeping|sounding))",
    ),
  },
  {
    id: "burning-smell",
    level: "urgent",
    label: "burning smell",
    pattern: pattern(
      "焦味|燶味|焦糊|糊味|焦臭|烧焦|烧(?:出|穿)了?(?:一个)?(?:洞|窟窿)|烧糊|烤焦|(?:有点|有些|一股|有股|一点)焦|", "烧", gap(6), "(?:味|气味)|(?:味|味道|气味)", gap(4), "(?:像|跟|好像)", gap(6), "(?:烧|焦|糊|化)|",
      "塑料", gap(4), "(?:熔|融|化)|(?:熔化|融化|烧化|化掉)|",
      "(?:插座|插头|插排|插板|排插|接线板|电线|线路|电箱|电表|电闸|开关|充电器|适配器|充电线)", gap(3), "烧(?:了|坏|黑|焦|化|糊)|",
      "(?:插座|插头|插排|插板|排插|接线板|开关|socket|outlet|plug)", gap(6), "(?:发黑|变黑|黑了|发黄|变色)|",
      "(?:插头|插座|电线|充电器|插排)", gap(8), "melt|(?:胶味|胶皮味|塑胶味|橡胶味)", gap(8), "(?:热|烫|电|插)|(?:热|烫|电|插)", gap(8), "(?:胶味|胶皮味|塑胶味|橡胶味)|",
      ELECTRICAL_ZH, gap(8), "(?:怪味|异味|焦|糊)|(?:怪味|异味)", gap(8), ELECTRICAL_ZH, "|",
      "(?:电暖|取暖器|暖风机|小太阳|油汀|电炉|电热|电源|充电)", gap(8), "(?:怪味|异味|臭味)",
    ),
    unless: /冰|雪|黄油|巧克力|冻|肉|冰淇淋|雪糕/u,
  },
  {
    id: "odd-smell-electrical-en",
    level: "urgent",
    label: "burning smell",
    // "smells funny" or a brown patch is how people describe scorching they cannot name.
    pattern: /\b(?:smells?|smelling|smelt) (?:funny|strange|weird|odd|off|hot|bad)\b|\b(?:brown|black|dark|burn|scorch) (?:patch|mark|spot|stain|ring)s?\b/u,
    requires: /\b(?:electric\w*|plug|socket|outlet|heater|blanket|charger|wire|wiring|cable|cord|appliance|adapter|battery|switch|lamp|kettle|toaster|iron|dryer|microwave|oven)\b/u,
  },
  {
    id: "burning-smell-en",
    level: "urgent",
    label: "burning smell",
    pattern: pattern(
      "\\b(?:burn(?:ing|t|ed)?|scorch(?:ed|ing)?|melt(?:ing|ed)?|electrical|hot plastic|plastic|smoky|fishy electrical) (?:smell|odou?r|stench)|",
      "\\bsmell(?:s|ed|ing)?\\b", gap(25), "\\b(?:burn\\w*|scorch\\w*|melt\\w*|smok\\w*|fire|charred|singed|hot plastic|electrical)|",
      "\\bsomething (?:is |was |'s )?(?:burning|melting|on fire)|\\bmelt(?:ed|ing) (?:onto|into|through)\\b|",
      "\\b", ELECTRICAL_EN, "s?\\b", gap(30), "\\b(?:melt(?:ed|ing|s)?|scorch(?:ed|ing)?|charred|singed|blacken(?:ed)?|burn(?:t|ed|ing)?)\\b|",
      "\\b(?:melt(?:ed|ing)?|scorch(?:ed|ing)?|charred|blackened|burn(?:t|ed)) ", gap(12), ELECTRICAL_EN, "|",
      "\\b(?:socket|outlet|plug|switch|power ?strip)s?\\b", gap(25), "\\b(?:discolou?r\\w*|brown|black|blackened|yellowed)\\b|",
      "\\b(?:funny|strange|weird|odd|bad|fishy|hot) (?:smell|odou?r)\\b", gap(30), "\\b", ELECTRICAL_EN, "|",
      "\\b", ELECTRICAL_EN, "s?\\b", gap(30), "\\b(?:smell|smells|odou?r|stinks)\\b",
    ),
    unless: /\bice\b|cheese|butter|chocolate|snow|frozen|freezer|heartburn|sunburn|burn(?:ed|t)? (?:a |the )?(?:cd|dvd|disc)/u,
  },
  {
    id: "fire",
    level: "urgent",
    label: "fire",
    pattern: pattern(
      "(?<!打不?|点不?|打得|点得|打不了|点不了)着火|起火|失火|火灾|明火|火光|冒火|窜火|自燃|烧起来|燃起来|烧着了|灭火器|消防车|",
      "(?:窜|蹿|冒|喷)出?", gap(3), "火(?:苗|焰)|火(?:苗|焰)", gap(4), "(?:窜|蹿|冒|喷|往外)|",
      "(?<![打点])火", gap(4), "(?:窜|蹿|喷)出?|(?:窜|蹿|喷)出", gap(2), "火(?!车|锅|腿|柴|爆|热)",
    ),
    unless: /打火机|火灾险|火灾保险|防火材料/u,
  },
  {
    id: "fire-en",
    level: "urgent",
    label: "fire",
    pattern: /\b(?:on fire|caught fire|catch(?:es|ing)? fire|in flames|flames?|ablaze|fire (?:broke out|started|in the)|fire extinguisher|fire (?:brigade|department|service) (?:came|was called|are here)|called the fire)\b/u,
    unless: /flame[- ]?(?:retardant|resistant|proof)|flame (?:effect|fireplace)/u,
  },
  {
    id: "sparks",
    level: "urgent",
    label: "sparks",
    pattern: /火花(?!塞)|火星|电弧|拉弧|打火花|闪火|噼里啪啦|噼啪|(?:接线|线头|插座|插头|开关|电线|线路|接头|电箱|电机|灯座)[^,.!?;。\n]{0,6}(?:打火|冒火|啪啪)/u,
  },
  {
    id: "sparks-en",
    level: "urgent",
    label: "sparks",
    pattern: /\bspark(?:s|ed|ing|y)?\b(?![\s-]?plugs?)|\barc(?:ed|ing)\b|\b(?:blue |bright )?flash(?:ed)? (?:and|with) (?:a )?(?:bang|pop|smoke)/u,
  },
  // Electricity.
  {
    id: "electric-leak",
    level: "urgent",
    label: "electric leakage / shock",
    pattern: pattern(
      "漏电|触电|电击|裸露|露(?:出)?(?:了)?(?:铜线|铜丝|电线|线头)|电线破皮|(?<![充来致停断送供])电(?:到|着)(?:人|我|手|了|他|她|孩子|小孩)|被电(?:了|到|一下)|电了(?:我|一下|他|她)|(?<![充来致停断送供])电人|",
      "麻手|麻感|麻麻的|酥麻|刺麻|(?:摸|碰|触)(?:着|到|了|一下)?(?:会)?(?:有电(?!池|话|视|脑|梯|费)|刺刺)|手(?:一|有点|发|都)?麻(?!烦|辣|将)|(?:摸|碰|触)", gap(8), "麻(?!烦|辣|将)|带电(?!池|视|脑|话|梯)|有电感|外壳", gap(3), "有电|(?<![充来停断送供])电得",
    ),
  },
  {
    id: "electric-shock-en",
    level: "urgent",
    label: "electric leakage / shock",
    pattern: pattern(
      "\\belectr(?:ic|ical)?(?:al)? ?shock|\\belectrocut\\w*|\\bshocked (?:me|him|her|us|my)|",
      "\\b(?:got|get|getting|gave|gives|give|giving) (?:me |him |her |us |my \\w+ )?(?:a |an )?(?:small |mild |little |nasty |big |bad )?(?:electric )?shock|",
      "\\bfray\\w*|\\b(?:see|seeing|bare|exposed) (?:the )?copper|\\bfelt (?:a |an )?(?:buzz|jolt|zap|tingle|shock)|\\bbuzz\\w* (?:through|in|up) (?:my|his|her|their) (?:fingers?|hands?|arms?)|\\bjolt\\b|\\bzapp(?:ed|ing)\\b|\\btingl(?:e|es|ing|ed|y)\\b|\\blive (?:wire|casing|current)|\\bexposed (?:wire|wires|wiring|cable|cables)|",
      "\\b(?:current|electricity|power) (?:is )?leak(?:ing|s|age)?|\\bleak(?:ing)? (?:current|electricity)|\\b(?:casing|body|handle|tap|frame) is live\\b",
    ),
  },
  {
    id: "hot-electrical",
    level: "urgent",
    label: "hot socket / overheating part",
    pattern: pattern(
      "发烫|烫手|滚烫|烫得|烫伤|很烫|好烫|特别烫|非常烫|太烫|过热|", ELECTRICAL_ZH, gap(6), "(?:热得|很热|发热|特别热|非常热|热乎乎|变形|滋滋|吱吱|嗞嗞|嗡嗡)",
    ),
    unless: /(?:不够|不太|不怎么|不)烫|奶|茶|咖啡|火锅/u,
  },
  {
    id: "hot-electrical-en",
    level: "urgent",
    label: "hot socket / overheating part",
    pattern: pattern(
      "\\btoo hot to (?:touch|hold)|\\b(?:scalding|burning|blistering|searing) hot|\\bburn(?:ed|t|s)? (?:my|his|her) (?:hand|fingers?)|",
      "\\b", ELECTRICAL_EN, "s?\\b", gap(30), "\\b(?:hot|overheat\\w*|scorching|warm|boiling|buzz\\w*|crackl\\w*|sizzl\\w*|hiss\\w*)\\b|",
      "\\boverheat\\w*\\b", gap(20), "\\b", ELECTRICAL_EN, "|",
      "\\b", ELECTRICAL_EN, "s?\\b", gap(30), "\\b(?:soft|bubbl\\w*|deformed|warped|misshapen|bulg\\w*|discolou?r\\w*)\\b|",
      "\\b(?:wall|paint|paintwork|floor|carpet|curtain|skirting)s?\\b", gap(20), "\\b(?:blister\\w*|scorch\\w*|melt\\w*|singed|charred)\\b",
    ),
    unless: /hot water|hot tub|hotspot|hot ?line|hot ?key|hot ?plate|hotel/u,
  },
  // Gas, fuel and fumes.
  {
    id: "gas",
    level: "urgent",
    label: "gas smell or leak",
    pattern: pattern(
      "(?:煤气|燃气|天然气|液化气|沼气|气罐)", gap(12), "(?:味|漏(?!水)|泄(?!水)|臭|闻|嘶|跑气|冒泡)|",
      "(?:闻到|闻着|有股|一股|好大|很大|浓浓)", gap(5), "(?:煤气|燃气|天然气|液化气)|",
      "(?:燃气|煤气|灶|热水器|阀|管|罐|表)", gap(6), "漏气|臭鸡蛋|一氧化碳|煤气中毒|",
      "(?:闻着|闻起来|味道|气味|有股|一股)", gap(4), "(?:汽油|柴油|油漆稀释剂|天那水|煤气|燃气)|汽油味|柴油味",
    ),
    unless: /(?:燃气|煤气)(?:费|账单|缴费|公司电话|卡|表读数)|开户|过户/u,
  },
  {
    id: "gas-en",
    level: "urgent",
    label: "gas smell or leak",
    pattern: pattern(
      "\\bgas (?:smell|leak\\w*|odou?r|escap\\w*|hiss\\w*)|\\b(?:smell(?:s|ed|ing)?|whiff|stink\\w*|reek\\w*)\\b", gap(15), "\\b(?:gas|propane|lpg|petrol|gasoline|diesel)\\b|",
      "\\b(?:sulph|sulf)ur\\w*|\\beggy\\b|\\bhiss\\w*\\b", gap(30), "\\b(?:stove|cooker|hob|boiler|heater|cylinder|bottle|canister|pipe|meter)\\b|",
      "\\b(?:stove|cooker|hob|boiler|cylinder|canister|gas pipe)\\b", gap(30), "\\bhiss\\w*|",
      "\\bleak(?:s|ed|ing)? (?:of )?(?:gas|propane|lpg)|\\b(?:gas|propane|lpg) (?:is |was )?leak\\w*|\\brotten eggs?|\\bcarbon monoxide|",
      "\\b(?:fuel|petrol|gasoline|diesel) (?:leak\\w*|smell|dripping|everywhere)|\\bleak\\w* (?:fuel|petrol|gasoline|diesel)|",
      "\\b(?:toxic|chemical|acrid) (?:smell|fumes|odou?r)|\\btoxic\\b|\\bfumes\\b",
    ),
    unless: /gas (?:bill|price|station|meter reading|account|supplier|tariff|cooker install)|\bgas bill|(?:carbon monoxide|\bco) (?:detector|alarm)/u,
  },
  {
    id: "fumes",
    level: "urgent",
    label: "toxic fumes / chemical leak",
    pattern: pattern(
      "毒气|有毒|化学(?:品|药剂|液体)?", gap(4), "(?:漏|泄)|漏液|油箱", gap(4), "漏|漏油", gap(4), "(?:严重|一地|汽油)|",
      "辣眼睛|熏得", gap(4), "(?:眼睛|头|喘不)|眼睛", gap(4), "(?:刺痛|流泪|睁不开)",
    ),
  },
  {
    id: "fumes-leak",
    level: "urgent",
    label: "toxic fumes / chemical leak",
    // A pungent smell alone is usually new furniture; with something leaking it is a hazard.
    pattern: /刺鼻|呛人|呛鼻|很呛|(?:味道|气味|味儿)(?:特别|很|好|非常|太)?冲|化学(?:品|药剂|物质|液体|试剂)|不明液体|(?:渗|漏|流)(?:出)?(?:了)?(?:一些|好多|很多)?液体/u,
    requires: /漏|渗|泄|液体|冒|罐|瓶|桶|箱|包裹|快递/u,
  },
  {
    id: "chemical-contact",
    level: "urgent",
    label: "skin or eye contact with a harmful substance",
    pattern: /(?:手|皮肤|眼睛|脸|嘴)[^,.!?;。\n]{0,6}(?:刺痛|灼热|灼伤|烧伤|烧得慌|起泡|红肿)|\b(?:skin|hands?|fingers?|eyes?|face)\b[^,.!?;\n]{0,20}\b(?:burning|stinging|blister\w*|red and sore)\b|\bchemical burns?\b/u,
    requires: /液|化学|药剂|粉末|漏|渗|沾|碰|摸|\b(?:liquid|chemical|powder|leak\w*|touched|spill\w*)\b/u,
  },
  {
    id: "fumes-leak-en",
    level: "urgent",
    label: "toxic fumes / chemical leak",
    pattern: /\beyes (?:are |were |started |keep )?(?:watering|stinging|burning|streaming)\b|\bsmell(?:s|ed|ing)? (?:strongly )?(?:of|like) (?:bleach|chemicals?|ammonia|solvent|acid|chlorine|paint thinner)|\bleak(?:s|ed|ing)? (?:a |some )?(?:\w+ )?(?:liquid|fluid|chemical)s?\b/u,
  },
  // Water.
  {
    id: "flooding",
    level: "urgent",
    label: "flooding",
    pattern: pattern(
      "淹|水漫|倒灌|漫(?:到|进|了|出|过)|积水", gap(6), "(?:厘米|公分|cm|很深|没过|脚踝)|",
      "(?:水管|管子|管道|暖气片|暖气管|水龙头|阀门|水表)", gap(4), "(?:爆|裂|崩|喷)|爆管|",
      "水", gap(6), "(?:往下灌|往外灌|往下流|往外喷|喷出来|涌出来|哗哗|灌进|止不住|关不住|堵不住)|",
      "(?:地板|地毯|家具|房间|客厅|卧室|屋里|家里)", gap(4), "(?:全|都)?泡", gap(2), "(?:了|水|坏)|",
      "漏水", gap(6), "(?:严重|很大|厉害|大量|哗哗|不停|到处|一地|满地|止不住)|(?:大量|严重)漏水|",
      "水", gap(8), "(?:进|泡|滴|流|漏)", gap(4), WATER_HAZARD_ZH, "|", FIXED_ELECTRICAL_ZH, gap(6), "(?:进水|泡水|泡着|被泡|在滴水|往下滴水)|",
      "(?:滴|流|渗|漏|淋|灌)(?:到|进|在)了?", gap(2), WATER_HAZARD_ZH, "|",
      "(?:顺着|沿着|从)", gap(2), "(?:", WATER_HAZARD_ZH.slice(3, -1), "|灯)", gap(6), "(?:滴|流|漏|渗|冒水|喷水)|",
      FIXED_ELECTRICAL_ZH, gap(3), "(?:在|一直|往下|往外)?(?:滴水|漏水|渗水|冒水)|",
      "(?:漏雨|渗水|漏水)", gap(6), "(?:严重|很大|厉害|大量|哗哗|不停|到处|一地|满地)",
    ),
    unless: /淹没在/u,
  },
  {
    id: "flooding-en",
    level: "urgent",
    label: "flooding",
    pattern: pattern(
      "\\bflood(?:ed|ing|s)?\\b(?!\\s?lights?)|\\bwater (?:is |was |keeps )?(?:everywhere|pouring|gushing|spraying|pooling|rising|coming (?:through|down|in)|all over)|",
      "\\b(?:burst|broken|split) (?:pipe|main|hose|tank|radiator)|\\b(?:pipe|main|hose|tank|radiator) (?:has |had |just )?(?:burst|split)|",
      "\\bcan'?t (?:stop|turn off|shut off) the (?:water|leak)|\\b(?:standing|inches of|ankle[- ]deep) water|",
      "\\bwater\\b", gap(40), "\\b(?:into|in|on|near|onto|around|over|through) (?:the |our |my |a )?(?:\\w+ )?", WATER_HAZARD_EN, "|",
      "\\b", ELECTRICAL_EN, "s?\\b", gap(20), "\\b(?:soaked|wet|under water|submerged|in water)",
    ),
    unless: /flood ?light|floodlight|flooded with|flood of/u,
  },
  // People.
  {
    id: "trapped",
    level: "urgent",
    label: "someone trapped",
    pattern: pattern(
      "被困|困在|困人|困住|关在", gap(6), "(?:电梯|里面|里头|车里|屋里)|",
      "(?:人|我|孩子|小孩|宝宝|婴儿|老人|我妈|我爸|老公|老婆|狗|猫)", gap(3), "(?:被)?(?:锁|关|卡)在", gap(6), "(?:里面|里头|车里|屋里|电梯|阳台|房间|厕所)|",
      "(?:人|我|孩子|小孩|宝宝|老人|妈|爸|嬷|婆|爷|奶|公)", gap(8), "(?:出不来|出不去)|(?:电梯|lift|elevator)", gap(25), "(?:在里面|在里头|出不来|出不去|困)|",
      "(?:还|都|人|我|他|她|孩子|老人|妈|爸|嬷|婆|爷|奶)(?:在|困在|关在|锁在|卡在)里(?:面|头|边)", gap(4), "(?:出不来|出不去|打不开|没人)|反锁在|",
      "(?:卡在|停在|悬在)半空|(?:人|妈|爸|老人|孩子|嬷|婆|爷|奶)(?:还)?(?:在|坐在)上面", gap(4), "(?:下不来|动不了|不动了)",
    ),
    unless: /钥匙|卡在.{0,4}(?:转运|海关|中转|仓库)/u,
  },
  {
    id: "trapped-en",
    level: "urgent",
    label: "someone trapped",
    pattern: pattern(
      "\\btrapped\\b|\\bstuck (?:in|inside|between) (?:the |a |an )?(?:lift|elevator|floors)|",
      "\\b(?:lift|elevator)\\b", gap(40), "\\b(?:someone|people|person|passengers?|kids?|children|\\w+ (?:is|are) still) (?:inside|in it|in there|stuck)|",
      "\\b(?:locked|shut) (?:in|inside)\\b|\\bcan'?t get out\\b|\\bcannot get out\\b|",
      "\\b(?:stopped|stuck|halted|froze|jammed)\\b", gap(30), "\\bwith (?:my |a |an |the |our )?(?:\\w+ )?(?:mother|father|mum|mom|dad|child|son|daughter|grandma|grandpa|grandmother|grandfather|wife|husband|someone|somebody|person|people|passengers?|kids?|baby|neighbou?r|resident|patient)\\b", gap(12), "\\b(?:on|in|inside|aboard)\\b",
    ),
    unless: /contract|plan|price|rate|deal|subscription|tariff|agreement/u,
  },
  {
    id: "injury",
    level: "urgent",
    label: "injury or health danger",
    pattern: pattern(
      "受伤|流血|出血|摔倒|跌倒|绊倒|差点摔|(?:人|老人|孩子|乘客|顾客)(?:都)?摔(?:了|倒|伤)|砸(?:到|伤)(?:人|了人|我|孩子|小孩|他|她)|差点砸|砸下来|晕倒|昏迷|中毒|呼吸困难|",
      "头晕", gap(8), "(?:味|气)|救命|求救|救援|人命|(?:打|拨|叫)了?(?:119|120|110)|(?:119|120)", gap(3), "(?:拨不|打不|都拨|都打)",
    ),
    unless: /受伤的心|玻璃心/u,
  },
  {
    id: "injury-en",
    level: "urgent",
    label: "injury or health danger",
    pattern: /\b(?:injur(?:ed|y|ies)|bleeding|(?:nearly|almost) fell|fainted|unconscious|passed out|can'?t breathe|poison(?:ed|ing|ous)|ambulance|hospitali[sz]ed|(?:call(?:ed)?|dial(?:l?ed)?) (?:911|999|112)|almost hit (?:a |someone|my)|nearly hit (?:a |someone|my)|hurt (?:himself|herself|myself|themselves|my|his|her))\b/u,
  },
  {
    id: "dizzy-from-fumes",
    level: "urgent",
    label: "feeling unwell from a smell or fumes",
    pattern: /头(?:有点|好|很|发|都)?(?:晕|疼|痛)|恶心想吐|喘不(?:上|过)气|胸闷/u,
    requires: /味|气|烟|闻/u,
  },
  {
    id: "dizzy-from-fumes-en",
    level: "urgent",
    label: "feeling unwell from a smell or fumes",
    pattern: /\b(?:dizzy|light-?headed|headaches?|nause\w*|feel(?:ing)? sick)\b/u,
    requires: /\b(?:smell\w*|fumes|gas|odou?r|stinks?)\b/u,
  },
  {
    id: "child-at-risk",
    level: "urgent",
    label: "child at risk",
    pattern: pattern(
      CHILD_ZH, gap(12), "(?:误食|吞|卡住|被夹|夹到|夹住|烫伤|烫到|烫红|烫起泡|摔伤|摔下|摔倒|砸伤|砸到|爬上|够得着|碰到(?:电|线|插)|舔|咬(?:破|断|电|线)|手伸进|触电|电到|割伤|划伤)|",
      "(?:吞|误食)", gap(8), "(?:电池|磁|零件|螺丝|干燥剂|洗衣凝珠)",
    ),
  },
  {
    id: "child-swallowed",
    level: "urgent",
    label: "child at risk",
    pattern: /吞(?:下|了|进)|误食|咽下|塞进(?:嘴|鼻子|耳朵)|\b(?:swallow\w*|choking|put (?:it|one) in (?:his|her|their) mouth)\b/u,
    requires: new RegExp(`${CHILD_ZH}|\\b${CHILD_EN}\\b`, "u"),
  },
  {
    id: "child-at-risk-en",
    level: "urgent",
    label: "child at risk",
    pattern: pattern(
      "\\b", CHILD_EN, "\\b", gap(40),
      "\\b(?:swallow\\w*|chok\\w*|trapped|locked (?:in|inside)|stuck (?:in|inside|under)|electrocut\\w*|burn(?:ed|t)|shocked|pinch\\w*|crush\\w*|tip(?:ped)? over (?:on|onto)|cut (?:himself|herself|his|her)|fell (?:off|down|from|over)|fallen (?:off|down)|chew\\w*|put (?:his|her|their) (?:fingers?|hand))|",
      "\\bwithin reach of (?:my |the |our )?", CHILD_EN,
    ),
  },
  {
    id: "falling-structure",
    level: "urgent",
    label: "something about to fall or collapse",
    pattern: pattern(
      "(?:外机|空调|吊灯|天花板|吊顶|玻璃|窗户|窗框|招牌|广告牌|吊柜|电视|架子|瓷砖|阳台|护栏|栏杆|道闸|闸杆|抬杆)", gap(8),
      "(?:掉下来|砸下来|坠落|要掉|快掉|摇摇欲坠|要塌|塌了|倒下来|要倒|砸下)|摇摇欲坠|倒塌|坍塌|塌陷|",
      "(?:外机|挂机|吊灯|吊柜|招牌|广告牌|灯箱|支架|吊扇)", gap(8), "(?:往下掉|在晃|晃动|摇晃|松动|歪了|掉螺丝)|脱离墙面|离开墙面|从墙上(?:脱|掉)|快要掉|快掉下来|要掉下来|随时(?:要|会|可能)?(?:掉|倒|塌|砸)|差点(?:砸|压|倒|掉下来|翻倒)|倒下来|翻倒|压到(?:人|我|孩子|小孩|女儿|儿子|老人)|",
      "掉下来", gap(4), "砸|砸(?:在|到|中)了?", gap(2), "(?:人行道|路上|路边|车上|头上|身上|行人)|高空(?:坠物|掉落|抛物)",
    ),
  },
  {
    id: "falling-structure-en",
    level: "urgent",
    label: "something about to fall or collapse",
    pattern: /\b(?:door|gate|barrier|shutter|boom)s? (?:came|slammed|closed|dropped|crashed) (?:down )?(?:on|onto)\b|\b(?:tipped|tipping|toppl\w*|keel\w*) (?:over|forward|onto)|\bpulling (?:out|away) (?:of|from) the (?:wall|plaster|ceiling)|\bcame away from the (?:wall|ceiling)|\b(?:about to|going to|could|might|threatening to) (?:fall|collapse|come down|give way|drop|tip)\b|\bcollaps(?:ed|ing)\b|\b(?:fell|falling|came|crashed) (?:off|down) (?:the |from the )?(?:wall|ceiling|bracket|mount)|\bhanging (?:loose|by a)|\bcaved? in\b/u,
  },
  {
    id: "explosion",
    level: "urgent",
    label: "explosion risk / swollen battery",
    pattern: pattern(
      "爆炸|炸了|(?:会|要|快)(?:不会)?炸|炸开|炸裂|爆裂|爆燃|鼓包|巨响|",
      "(?:电池|电芯|充电宝|电瓶|battery|batteries|power ?bank)", gap(6), "(?:膨胀|鼓|胀|变形|漏液)",
    ),
    unless: /炸鸡|油炸|炸串|炸酱|心态炸/u,
  },
  {
    id: "appliance-in-water",
    level: "urgent",
    label: "live appliance in water",
    pattern: /(?:加热棒|加热器|水泵|电器|电线|插头|插线板|电源).{0,12}(?:裂|破|进水|泡在水|掉进水|漏电)|(?:水里|水中|水缸|鱼缸|浴缸|泳池).{0,20}(?:插着|通着电|带电|还插|没拔)/u,
    requires: /水|鱼缸|浴缸|泳池/u,
  },
  {
    id: "battery-swelling",
    level: "urgent",
    label: "explosion risk / swollen battery",
    pattern: /鼓起来|鼓起|胀起来|膨胀|变形了|漏液/u,
    requires: /电池|电瓶|电芯|充电宝|\bbatter(?:y|ies)\b|\bpower ?bank\b/u,
  },
  {
    id: "bang",
    level: "urgent",
    label: "explosion risk / swollen battery",
    // A bang alone is a door; a bang with fire, smoke or gas around it is not.
    pattern: /(?:碰|砰|嘭|轰|啪|嘣)的一声|一声巨响/u,
    requires: /火|烟|爆|炸|焦|燃气|煤气|电/u,
  },
  {
    id: "explosion-en",
    level: "urgent",
    label: "explosion risk / swollen battery",
    pattern: pattern(
      "\\bexplo(?:de|ded|des|ding|sion)s?\\b|\\bblew up\\b|",
      "\\b(?:battery|batteries|cell|power ?bank)\\b", gap(25), "\\b(?:swell\\w*|swollen|bulg\\w*|puff\\w*|expand\\w*|leak\\w*|hissing)|",
      "\\b(?:swollen|bulging|puffy|puffed[- ]up) (?:battery|batteries|cell)|\\bloud (?:bang|pop)\\b|\\bleak\\w* (?:\\w+ )?batter(?:y|ies)",
    ),
  },
  // Vehicles, lifts and safety systems.
  {
    id: "vehicle-danger",
    level: "urgent",
    label: "vehicle safety failure",
    pattern: pattern(
      "刹车", gap(6), "(?:失灵|不灵|失效|软|没反应|踩不下|踩到底|没用)|方向盘", gap(4), "(?:锁死|失灵|打不动)|",
      "(?:(?:在|开在|行驶在|跑|上了)高速|高速公路|高速上(?!网))", gap(15), "(?:熄火|抛锚|故障|亮红灯|红灯|停在|爆胎|冒|异响|失控)|应急车道|道路救援|路边抛锚",
    ),
  },
  {
    id: "vehicle-danger-en",
    level: "urgent",
    label: "vehicle safety failure",
    pattern: /\bbrakes? (?:pedal )?(?:failed|failing|gone|not working|went soft|feels? spongy|spongy|(?:goes|went) to the floor)|\bsteering (?:suddenly )?(?:got |went |is |became )?(?:very |really )?(?:locked|failed|went|heavy|stiff)|\bon the hard shoulder\b|\bhazard lights on\b|\b(?:stranded|broke(?:n)? down|stalled|stuck)\b[^,.!?;]{0,20}\b(?:highway|motorway|freeway|hard shoulder|middle of the road|tunnel|level crossing)|\broadside (?:assistance|recovery)\b/u,
  },
  {
    id: "elevator-danger",
    level: "urgent",
    label: "lift moving dangerously",
    pattern: /扶梯.{0,10}(?:反向|倒转|逆行|倒着走|突然停|急停|夹)|电梯.{0,10}(?:下坠|急坠|溜梯|往下掉|坠落|突然掉|冲顶|蹲底|开着门(?:跑|走|运行)|门(?:没关|开着|还开着)就?(?:往上|往下|开始)?(?:走|跑|运行|上|下|动))|\b(?:lift|elevator)\b.{0,30}\b(?:dropped|plunged|fell|free ?fall|moving with (?:the )?doors? open)/u,
  },
  {
    id: "security-failure",
    level: "urgent",
    label: "fire exit or security system failure",
    pattern: /消防(?:通道|门|出口|栓|设施).{0,10}(?:锁|堵|打不开|坏|失灵)|\bfire (?:exit|door|escape)s?\b.{0,20}\b(?:locked|blocked|won'?t open|jammed)/u,
  },
  {
    id: "life-support",
    level: "urgent",
    label: "medical device failure",
    pattern: /(?:制氧机|呼吸机|透析机|输液泵|监护仪).{0,10}(?:坏|停|不工作|没反应|报警|不出氧|不出气)|\b(?:ventilator|oxygen (?:concentrator|machine)|dialysis machine|cpap)\b.{0,30}\b(?:stopped|not working|broke|died|failed|alarm)/u,
  },
  {
    id: "public-hazard",
    level: "urgent",
    label: "hazard in a public or shared space",
    pattern: pattern(
      "电线杆?", gap(4), "(?:断了|掉下来|垂下来|落地|倒了|耷拉|掉在地上)|高压线|电线杆", gap(4), "(?:倒|歪|断)|",
      "井盖", gap(4), "(?:丢|没了|不见|坏|翻|塌|缺|被偷|掀开)|没有井盖|窨井|地面塌|路面塌|塌陷|",
      "(?:排烟管|烟道|排气管)", gap(6), "(?:脱落|脱开|脱离|掉了|掉下|断了|漏气|松了|倒烟|往屋里)|倒烟|废气", gap(6), "(?:屋里|室内|卫生间|房间|难受|头)|",
      "(?:天花板|吊顶|屋顶)", gap(6), "(?:鼓起|下垂|往下沉|裂开|开裂|积水|鼓包|要塌|往下掉)|",
      "(?:护栏|栏杆|楼梯扶手|阳台扶手)", gap(6), "(?:断了|松了|松动|掉了|坏了|倒了|晃)|",
      "(?:污水|粪水|化粪池)", gap(6), "(?:漫|倒灌|涌|溢|冒)",
    ),
  },
  {
    id: "public-hazard-en",
    level: "urgent",
    label: "hazard in a public or shared space",
    pattern: /\bceiling\b[^,.!?;\n]{0,25}\b(?:sagging|bulging|bowing|caving)\b|\b(?:power|electric(?:al|ity)?|live|overhead) (?:line|cable|wire)s? (?:is |are )?(?:down|hanging|fallen|snapped|on the ground|sparking)|\bdowned (?:power )?lines?\b|\bmanhole (?:cover )?(?:is )?(?:missing|open|broken|gone)|\bopen manhole\b|\bsinkhole\b|\bflue (?:pipe )?(?:has )?(?:come )?(?:disconnected|detached|fallen|loose|off|leaking)|\bceiling (?:is )?(?:sagging|bulging|bowing|cracking|caving)|\b(?:railing|balustrade|banister|handrail)s? (?:is |are |has )?(?:broke|broken|loose|came off|gave way|snapped)|\bsewage (?:is )?(?:backing up|overflowing|flooding|everywhere|coming up)/u,
  },
  {
    id: "gas-container-leak-en",
    level: "urgent",
    label: "gas smell or leak",
    pattern: /\b(?:gas (?:cylinder|bottle|canister|tank|pipe|line|valve)|propane|lpg|butane)\b/u,
    requires: /\b(?:leak\w*|hiss\w*|smell\w*|escap\w*)\b/u,
  },
  {
    id: "traffic-signals-en",
    level: "urgent",
    label: "hazard in a public or shared space",
    pattern: /\btraffic (?:lights?|signals?) (?:are |is )?(?:out|down|dead|not working|off)\b|红绿灯.{0,4}(?:不亮|灭了|坏了|失灵)/u,
  },
  // Outages affecting many people.
  {
    id: "mass-outage",
    level: "urgent",
    label: "outage affecting many people",
    pattern: pattern(
      "(?:整栋|整幢|整个\\s?(?:office|building|company|floor|site|mall|store|campus)|整个(?:楼|大楼|小区|商场|园区|办公室|办公楼|公司|片区|街道|村|城|区|校区|酒店|医院)|全楼|全栋|整层|一整片|这一片|整片|全小区|整条街|全公司|全市|全区|全村|一片区|",
      "(?:大范围|区域性|片区|整个区域|全城)|(?:小区|大楼|园区|村|街道)(?:整个|全部)|整个[^,.!?;。]{0,4}(?:期|区|栋|幢|片)|所有(?:门店|店|分店|网点|住户|商户|人|用户|客户|顾客|会员|终端|设备|机器|pos|收银)|全部(?:门店|住户|商户|用户|终端|设备|机器)|附近都|邻居(?:家)?都|周围都|大家都|",
      MANY_ZH, "(?:户|家|个?人|台|个?店|个?门店|栋|个小区|个部门|个商户|层|间)|",
      "(?:[两三四五六七八九十]|[0-9])个?(?:门店|分店|店|网点|小区|楼|商户|部门|办公室|校区)都)",
      gap(20),
      "(?:停电|断电|断网|没网|网断|上不了网|断水|停水|没信号|信号全没|收不了款|无法收款|没法收银|收不了银|瘫痪|宕机|掉线|打不了电话|连不上|都坏|全坏|罢工|故障|不能用|用不了|都不亮|黑了|不供暖|",
      "登录不了|登不上|登陆不了|打不开|开不了|进不去|无法使用|无法登录|没法工作|无法工作|没法办公|干不了活|停摆|停工|全停|down|offline|",
      "(?:没有?|断了?|停了?)(?:网络?|电(?!梯|话|视|脑|池)|水|信号|暖气|燃气|煤气))|",
      "大面积", gap(4), "(?:停电|断网|断电|故障|瘫痪|停水)|",
      "(?:系统|平台|服务器|网站|app|小程序|支付)", gap(4), "(?:全面|全部|整个|彻底)?(?:瘫痪|崩了|崩溃|宕机)",
    ),
  },
  {
    id: "mass-outage-en",
    level: "urgent",
    label: "outage affecting many people",
    pattern: pattern(
      "\\b(?:whole|entire) (?:building|block|street|office|floor|estate|neighbou?rhood|area|company|store|mall|site|network|town|village|campus)\\b|",
      "\\ball (?:\\d+ )?(?:the |our |of our )?(?:tenants|residents|neighbou?rs|stores|shops|branches|offices|floors|terminals|tills|registers|users|staff|units|flats|apartments|homes|houses|sites|locations|buildings|devices|machines|card readers)\\b|",
      "\\bhalf (?:the|our|of the) (?:street|building|block|estate|town|village|neighbou?rhood|area|office|floor|city)\\b|\\beveryone (?:in|on|at) (?:the|our|my|this)\\b|\\b\\d{2,} ?(?:people|ppl|users|households|homes|stores|shops|tenants|flats|units|customers|staff|employees|branches|offices|sites|locations|buildings|floors|terminals|tills|devices|machines)\\b|",
      "\\b(?:mass|widespread|area[- ]wide|regional|city[- ]wide|total|system[- ]wide|nationwide) (?:outage|blackout|power cut|failure)|\\b(?:down|offline) for (?:everyone|all (?:users|customers))\\b",
    ),
    requires: /\b(?:down|outage|offline|no (?:power|internet|broadband|wifi|signal|water|network|connection|service|heating|gas|phone|tv|lights|dial tone)|lost (?:power|internet|signal|connection|service|water|broadband)|without (?:power|internet|signal|water|service|broadband|heating)|can'?t (?:connect|pay|take|get online|call|log ?in)|cannot (?:connect|pay|take|call|log ?in)|not working|stopped working|blackout|power cut|no dial tone|failed)\b/u,
  },
  // Explicit words.
  {
    id: "explicit-danger",
    level: "urgent",
    label: "explicit danger",
    pattern: /危险|安全隐患|很不安全|不安全|险情|人身安全|疏散|撤离|人都撤|出人命|出事故|要出事|(?:会|要|可能|容易)(?:伤到|砸到|电到|烫到|伤)(?:人|孩子|小孩)/u,
    unless: /有没有危险|会不会有危险|危险吗|安全吗|是否安全|安全须知|安全期/u,
  },
  {
    id: "explicit-danger-en",
    level: "urgent",
    label: "explicit danger",
    pattern: /\b(?:dangerous|danger|hazard(?:ous)?|unsafe|emergency|evacuat\w*|fire risk|safety (?:issue|hazard|risk|concern))\b|\b(?:someone|somebody|a child|kids?|people) (?:could|might|will|is going to) (?:get )?(?:hurt|injured|killed|electrocuted|burned)|\bbefore (?:someone|somebody|anyone) (?:gets )?(?:hurt|injured|killed)/u,
    unless: /emergency (?:call-?out )?(?:fee|price|cost|rate|charge|number|contact|hotline|service)s?|(?:do|does) you (?:offer|have|do|provide) (?:an? )?emergency|is (?:it|this) (?:dangerous|a hazard)\?|not (?:an? )?emergency|no emergency|non-?emergency/u,
  },
];
