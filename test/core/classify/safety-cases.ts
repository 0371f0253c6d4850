/**
 * Hand-written danger reports that appear in no training file: indirect phrasings in
 * Simplified and Traditional Chinese, English and mixed. Every one must come out urgent.
 */
export const DANGER_CASES: readonly string[] = [
  // zh-Hans
  "厨房里有股塑料烧焦的味道，好像是从微波炉后面传出来的",
  "电热水壶的底座插上以后，插头烫得不敢碰",
  "刚才楼道配电箱那边噼里啪啦响，还闪了几下蓝光",
  "进门就闻到一股臭鸡蛋的味道，燃气表那边还嘶嘶响",
  "宝宝刚才把遥控器里的纽扣电池抠出来了，不知道有没有吞下去",
  "电动车的电瓶在楼道里充电，鼓起来了还很热",
  "楼上漏水顺着吊灯往下滴，灯还亮着",
  "摸冰箱门把手的时候有点麻麻的感觉",
  "充电宝放在包里突然变得很烫，外壳还有点鼓",
  "电梯门没关就往上走了，里面还站着两个人",
  "插线板上有一个孔发黑了，插上去就有一股焦糊味",
  "空调外机的支架锈断了一边，整台歪着随时会掉到楼下",
  // zh-Hant
  "插座一直發出滋滋聲，旁邊的牆壁都黑了一塊",
  "熱水器點火的時候碰的一聲，火從下面竄出來",
  "家裡瓦斯味很重，頭有點暈",
  "電梯卡在兩層樓中間，我阿嬤還在裡面出不來",
  "延長線摸起來燙燙的，還有塑膠融化的味道",
  // en
  "It smells like something is melting behind the TV",
  "The outlet in the bathroom is too hot to touch",
  "There's a faint whiff of gas near the boiler cupboard",
  "Our dryer made a popping noise and the utility room is getting smoky",
  "Water is coming through the kitchen ceiling and dripping onto the fridge plug",
  "The charger started crackling and the cable looks scorched",
  "My neighbour says the lift dropped a couple of floors suddenly with her inside",
  "Felt a buzz through my fingers when I touched the washing machine door",
  "The parcel arrived soaked in a liquid that reeks of solvent and my eyes are stinging",
  "The space heater's plug has brown scorch marks and the cord is hot",
  "Our carbon monoxide alarm keeps going off in the hallway",
  // mixed
  "Kitchen 的 socket 冒火花 again, scared to use it",
  "我的 laptop battery 鼓起来了, trackpad 都被顶起来",
  "热水器 pipe 那边一直 hissing, 还闻到 gas smell",
  "整个 office 的 network down 了, 50 多个人都没法工作",
];

/** Look-alikes: words from the danger lexicon in harmless contexts. None may be urgent. */
export const NON_DANGER_CASES: readonly string[] = [
  "烟机清洗多少钱",
  "gas bill too high",
  "Do you have a smoke-grey colour option for this sofa?",
  "燃气灶可以自己换喷嘴吗？还是必须找师傅",
  "热水器打不着火了，洗不了澡",
  "手机充电到80%就充不进去了",
  "快递卡在转运中心三天了",
  "I'm locked in a 24-month contract and want to know the exit fee",
  "How often should the spark plugs be replaced?",
  "信号差到爆，视频一直卡",
  "想问下这款插座面板有没有白色的",
  "Is it safe to leave the dehumidifier running overnight? It works fine.",
  "冰箱冷冻室不太冷，冰淇淋有点化了",
  "The smoke detector in the hallway needs a new battery, can you come and replace it?",
  "用了十几天洗衣机就有异响",
  "We've been flooded with spam calls since registering",
  "请问燃气费怎么在网上交",
  "油烟机吸力不够，做饭满屋油烟味",
];
