"""Romanized names that need no glossary entry, for the ``romanized-name`` check.

Everything here is lowercase. The lists are deliberately compact: provinces, the big
cities, the cities and counties of Zhejiang (where the seed and most of the expected
news come from), brands that English prose keeps in pinyin, the common surnames, and
foreign names that happen to parse as pinyin. Anything else is a name a reviewer should
approve once, in the glossary.
"""

from __future__ import annotations

_PLACES = """
china zhongguo beijing tianjin shanghai chongqing hebei shanxi shaanxi liaoning jilin
heilongjiang jiangsu zhejiang anhui fujian jiangxi shandong henan hubei hunan guangdong
hainan sichuan guizhou yunnan qinghai taiwan guangxi xizang ningxia xinjiang xianggang aomen
macao neimenggu
guangzhou shenzhen chengdu wuhan xian xi'an nanjing suzhou wuxi changzhou qingdao jinan
dalian shenyang harbin changchun shijiazhuang taiyuan zhengzhou luoyang kaifeng changsha
nanchang hefei fuzhou xiamen quanzhou nanning guilin kunming guiyang xining lanzhou yinchuan
haikou sanya zhuhai dongguan foshan shantou huizhou zhongshan jiangmen zhanjiang xuzhou
yangzhou nantong yancheng lianyungang huai'an zhenjiang kunshan yantai weifang weihai linyi
zibo tangshan baoding handan qinhuangdao datong baotou anshan fushun daqing mudanjiang wuhu
bengbu yichang xiangyang jingzhou zhuzhou xiangtan yueyang hengyang ganzhou jiujiang
jingdezhen zunyi mianyang leshan yibin luzhou dali lijiang yan'an baoji xianyang tianshui
dunhuang jiuquan yulin beihai liuzhou zhangjiajie shaoshan xiong'an pudong taipei
hangzhou ningbo wenzhou shaoxing jiaxing huzhou jinhua quzhou zhoushan taizhou lishui yiwu
yuyao cixi haining tongxiang jiangshan longquan wenling linhai ruian rui'an leqing yueqing
zhuji shengzhou lanxi dongyang yongkang pinghu deqing anji tonglu jiande lin'an xiaoshan
yuhang fuyang xihu qiantang binjiang shangcheng gongshu keqiao yinzhou beilun zhenhai
fenghua xiangshan ninghai cangnan pingyang wencheng taishun yongjia dongtou ouhai lucheng
longwan changxing jiashan haiyan xinchang tiantai sanmen xianju yuhuan jiaojiang huangyan
luqiao qingtian jinyun suichang songyang yunhe jingning longyou kaihua changshan qujiang
kecheng pujiang wuyi pan'an daishan shengsi dinghai putuo chun'an wuzhen xitang nanxun
moganshan putuoshan yandang
changjiang huanghe taihu qiantangjiang zhujiang
"""

# Brands and loanwords English keeps in pinyin.
_BRANDS = """
taobao tmall alibaba huawei xiaomi baidu tencent weibo weixin wechat meituan douyin
kuaishou didi pinduoduo jingdong haier geely moutai wahaha xinhua renminbi yuan jiao fen
putonghua pinyin hanzi kungfu gongfu taiji fengshui xiaokang hukou gaokao guanxi hutong
dazibao wushu qigong mahjong tianxia zhongnanhai
"""

# Single-syllable surnames, in Hanyu Pinyin, and the compound ones written as one word.
_SURNAMES = """
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng
liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai jia
ding wei xue ye yan lu du dai xia zhong tan ren yao fang jin qiu shi fu qin bai shen cui
kang mao gu hou shao meng long wan duan lei qian yin yi chang qiao gong wen hao niu lai
hong pang fan zou xiong bao tao ke zhuang ji shu ou kong lian mu guan ning geng qi zhai rao
yue chi cheng miao quan chu mei fei lan lou luan she su ni xing zhan che bi sheng ling
jiao ruan qu zhen shan ba ai an bo cang chai dang di dou e gan ge hua huo jian jing ju
kuang lv lyu nie pu rong sha tong weng xian xin yang you zang zha zhi zuo
ouyang sima zhuge situ shangguan dongfang murong huangfu xiahou gongsun duanmu
"""

# Foreign names that parse as pinyin and appear in news.
_FOREIGN = """
cuba dubai mali lima panama bali sudan yemen gaza haiti milan riga baku manila busan
sendai anna nina tina luna dana hana lena maya diana maria ohio iowa hawaii kenya
"""

KNOWN_PLACES: frozenset[str] = frozenset(_PLACES.split())
KNOWN_BRANDS: frozenset[str] = frozenset(_BRANDS.split())
SURNAMES: frozenset[str] = frozenset(_SURNAMES.split())
FOREIGN_NAMES: frozenset[str] = frozenset(_FOREIGN.split())

# Capitalised words after which a romanized name is a place written the standard way:
# pinyin specific part + English generic ("Boruqiao Village", "Huaxin Lake").
_PLACE_GENERICS = """
    village town township county city district subdistrict street road avenue lake
    river mountain mountains hill island islands bay port harbor harbour bridge temple
    park province prefecture community new area zone canal gorge valley pass
    square garden gardens station"""
PLACE_GENERICS: frozenset[str] = frozenset(_PLACE_GENERICS.split())
