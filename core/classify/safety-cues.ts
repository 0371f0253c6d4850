import safetyCues from "./cues/safety.json" with { type: "json" };
import { parseCueFile } from "./parse-cue-file.ts";

/**
 * Danger and mass-outage cues (cues/safety.json): any one of them makes a report urgent,
 * whatever its category. Recall matters more than precision here (a false alarm costs a phone
 * call, a miss can cost a life), so cues describe situations broadly, in Simplified Chinese
 * (Traditional input is converted first) and English, including indirect phrasing ("smells
 * like something is melting", "有股塑料烧焦的味道"). Known look-alikes are excluded per cue
 * (range hoods 烟机, a technician smoking 抽烟, "smoke-grey", the gas bill, spark plugs,
 * ignition 打不着火).
 *
 * The file's word lists: ELECTRICAL_* (wiring and power parts); WATER_HAZARD_* (things water
 * must not reach: everything electrical plus lights and appliances); FIXED_ELECTRICAL_ZH
 * (wiring that stays live when wet; a wet phone or laptop is a repair, not a hazard); MANY_ZH
 * (Chinese counts large enough to mean "many": 十几, 二十多, 几百, 30); CHILD_* (children).
 */
export const SAFETY_CUES = parseCueFile(safetyCues, "cues/safety.json");
