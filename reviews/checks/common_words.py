"""Common English words, lowercase: about 3,000 frequent in general and news prose.

Two checks need to know whether a capitalised word is ordinary English: ``stray-capital``
(a common word capitalised mid-sentence is a splice, a proper name is not) and
``romanized-name`` ("Change", "Panda" and "China" parse as pinyin but are English).
Hand-compiled for this project; a module constant so that no file is read at run time.
"""

_WORDS = """
a ability able about above abroad absence absolute absolutely abuse academic accept acceptable
access accident accommodation accompany accomplish according account accurate accuse achieve
achievement acid acknowledge acquire across act action active activist activity actor actual
actually adapt add addition additional address adequate adjust administration administrative
admit adopt adult advance advanced advantage adventure advertising advice advise adviser affair
affect afford afraid after afternoon again against age agency agenda agent aggressive aging ago
agree agreement agricultural agriculture ahead aid aim air aircraft airline airplane airport
alarm album alcohol alive all alliance allocation allow ally almost alone along already also
alter alternative although always amazing amid among amount analysis analyst analyze ancient and
anger angle angry animal announce announcement annual another answer anticipate anxiety any
anybody anymore anyone anything anyway anywhere apart apartment apparent apparently appeal
appear appearance apple application apply appoint appointment appreciate approach appropriate
approval approve area arena arguably argue argument arise arm armed army around arrange
arrangement arrest arrival arrive art article artist artistic as aside ask asleep aspect assault
assess assessment asset assign assist assistance assistant associate association assume
assumption assure at athlete atmosphere attach attack attain attempt attend attention attitude
attorney attract attractive audience augment author authority auto available average avoid award
aware awareness away awful baby back background bad badly bag bake balance ball ban banana band
bane bang bank bar barely barrel base baseball basic basically basis basket basketball bath
bathroom battery battle bay be beach bean bear beat beautiful beauty because become bed bedroom
beer before begin beginning behavior behind being belief believe bell belong below belt bench
bend beneath benefit beside besides best bet better between beyond bible big bike bilateral bill
billion bin bind biological bird birth birthday bit bite black blade blame blanket blind block
blockchain blood blow blue board boat body bomb bond bone book boom boost boot border born
borrow boss both bother bottle bottom boundary bowl box boy boyfriend brain branch brand brave
bread break breakfast breast breath breathe brick bridge brief briefly bright brilliant bring
broad broken brother brown brush budget build building bullet bunch burden burn bury bus
business busy but butter button buy buyer by cabin cabinet cable cake calculate call camera camp
campaign campus can cancer candidate cane cannon cap capability capable capacity capital captain
capture car carbon card care career careful carefully carrier carry case cash cast cat catalyst
catch category cause ceiling celebrate celebration celebrity cell center central century
ceremony certain certainly chain chair chairman challenge chamber champion championship chance
change changing channel chapter character characteristic characterize charge charity chart chase
cheap check cheek cheese chef chemical chest chicken chief child childhood chip chocolate choice
cholesterol choose church cigarette circle circumstance cite citizen city civic civil civilian
civilization claim class classic classroom clean clear clearly client climate climb clinic
clinical clock close closely closer clothes clothing cloud club clue cluster coach coal
coalition coast coat code coffee cognitive cohesion cold collapse colleague collect collection
collective college colonial color column combination combine come comedy comfort comfortable
command commander comment commercial commission commit commitment committed committee common
communicate communication community company compare comparison compatible compete competition
competitive competitor complain complaint complete completely complex complexity compliance
complicated comply component compose composition comprehensive compulsory computer concentrate
concentration concept concern concerned concert conclude conclusion concrete condition conduct
conference confidence confident confirm conflict confront confusion congressional connect
connection conscious consciousness consensus consequence conservative consider considerable
consideration consist consistent consolidate constant constantly constitute constitutional
construct construction consultant consume consumer consumption contact contain container
contemporary content contest context continue continued contract contrast contribute
contribution control controversial controversy convention conventional conversation convert
conviction convince cook cookie cooking cool cooperation coordinate coordinated coordination cop
cope copy core corn corner cornerstone corporate correct corruption cost cotton couch could
count counter country county couple courage course court cousin cover coverage cow crack craft
crash crazy cream create creation creative creature credit crew crime criminal crisis criteria
critic critical criticism criticize crop cross crowd crucial cry cultivate cultural culture cup
curb curious current currently curriculum custom customer cut cycle dad daily damage dance
danger dangerous dare dark darkness data database date daughter day dead deal dealer dealt dear
death debate debt decade decide decision deck declare decline decrease deep deepen deepening
deeply deer defeat defend defendant defense defensive deficit define definitely definition
degree delay deliver delivery demand democracy democratic demonstrate demonstration den deny
department depend dependent depending depict depression depth deputy derive describe description
desert deserve design designer desire desk desperate despite destroy destruction detail detailed
detect determine develop developing development device devote dialogue die diet differ
difference different differently difficult difficulty dig digital digitalization digitization
dimension din dining dinner direct direction directly director dirt dirty disability disabled
disagree disappear disaster discipline disclose discourse discover discovery discrimination
discuss discussion disease dish dismiss disorder display dispute distance distant distinct
distinction distinguish distribute distribution district diverse diversified diversity divide
dividend division divorce do doctor document dog domestic dominant dominate door double doubt
down downtown dozen draft drag drama dramatic dramatically draw drawing dream dress drink drive
driver drop drug dry due dune during dust duty dynamic each eager ear early earn earnings earth
ease easily east eastern easy eat ecological ecology economic economical economics economist
economy edge edition editor educate education educational educator effect effective effectively
efficiency efficient effort egg eight either elderly elect election electric electricity
electronic element elementary eliminate elite else elsewhere embrace emerge emergency emission
emotion emotional emphasis emphasize employ employee employer employment empower empowerment
empty enable encounter encourage end endeavor enemy energy enforcement engage engine engineer
engineering enhance enjoy enormous enough ensure enter enterprise entertainment entire entirely
entrance entry environment environmental epidemic episode equal equally equipment equity era
error escape especially essay essential essentially establish establishment estate estimate etc
ethics ethnic evaluable evaluate evaluation even evening event eventually ever every everybody
everyday everyone everything everywhere evidence evolution evolve exact exactly examination
examine example exceed excellent except exception exchange exciting executable executive
exercise exhibit exhibition exist existence existing expand expansion expect expectation
expected expedite expense expensive experience experiment expert explain explanation explode
explore explosion expose exposure express expression extend extension extensive extent external
extra extraordinary extreme extremely eye fabric face facilitate facility fact factor factory
faculty fade fail failure fair fairly faith fall false familiar family famous fan fang fantasy
far farm farmer fashion fast fat fate father fault favor favorite fear feasible feature federal
fee feed feel feeling fellow female fence few fewer fiber fiction field fifteen fifth fifty
fight fighter fighting figure file fill film final finally finance financial financing find
finding fine finger finish fire firm first fiscal fish fishing fit fitness five fix flag
flagship flame flat flavor flee flesh flight float floor flow flower fly focus folk follow
following food foot football for force foreign forest forever forget form formal formation
former formula forth fortune forward foster found foundation founder four fourth frame framework
free freedom freeze frequency frequent frequently fresh friend friendly friendship from front
fruit frustration fuel full fully fun function fund fundamental funding funeral funny furniture
furthermore future gain galaxy gallery game gang gap garage garden garlic gas gate gather gay
gaze gear gender gene general generally generate generation genetic genie gentleman gently
gesture get ghost giant gift gifted girl girlfriend give given glad glance glass global glove go
goal god gold golden golf good govern governance government governor grab grade gradually
graduate grain grand grandfather grandmother grant grass grassroots grave gray great greatest
green grocery ground group grow growing growth guarantee guard guess guest guide guideline
guilty gun guy habit habitat hair half hall hand handful handheld handle hang happen happy hard
hardly harm harness hat hate have he head headline headquarters health healthy hear hearing
heart heat heaven heavily heavy heel height helicopter hell hello help helpful hen hence her
here heritage hero herself hey hi hide high highland highlight highly highway hill him himself
hip hire his historian historic historical history hit hold hole holiday holistic holy home
homeless honest honey honor hope horizon horror horse hospital host hot hotel hour house
household housing how however hub hue huge hum human humor hundred hungry hunter hunting hurt
husband hypothesis ice idea ideal identify identity ideology if ignore ill illegal illness
illustrate image imagination imagine immediate immediately immigrant immigration impact
implement implementation implication imply importance important impose impossible impress
impression impressive improve improvement incentive incident include including inclusive income
incorporate increase increased increasing increasingly incredible incubate indeed independence
independent index indicate indication individual industrial industry infant infection inflation
influence influential inform information infrastructure ingredient initial initially initiative
injury inner innocent innovate innovation innovative input inquiry inside insight insist inspire
install instance instead institution institutional instruction instructor instrument insurance
integrate integrated integration integrity intellectual intelligence intelligent intend intense
intensity intention interaction interest interested interesting interface interim internal
international interpret interpretation intervention interview into introduce introduction
invasion invest investigate investigation investigator investment investor invite involve
involved involvement iron island issue it item its itself jacket jail job join joint joke
journal journalist journey joy judge judgment judicial juice jump junior jury just justice
justify keep key kick kid kill killer killing kind king kiss kitchen knee knife knock know
knowledge lab label labor laboratory lack lady lake land landmark landscape lane language lap
large largely last late later latter laugh launch law lawn lawsuit lawyer lay layer lead leader
leadership leading leaf league lean learn learning least leather leave left leg legacy legal
legend legislation legislative legitimate lemon length less lesson let letter level leverage
liberal library license lie life lifestyle lifetime lift light like likely limit limitation
limited line link lip list listen literally literary literature little live livelihood living
load loan local locate location lock logistics long look loose lose loss lost lot lots loud love
lovely lover low lower luck lucky lunch lune lung machine macro mad magazine mail main mainly
maintain maintenance major majority make maker makeup male mall man manage management manager
mandate mane mango manner manufacturer manufacturing many map margin mark market marketing
marriage married marry mask mass massive master match material math matter may maybe mayor me
meal mean meaning meanwhile measure measurement meat mechanism media medical medication medicine
medium meet meeting member membership memory mental mention menu mere merely mess message metal
meter method metropolitan middle might milestone military milk million mind mine minister minor
minority minute miracle mirror miss missile mission mistake mix mixture mobile mobilize mode
model moderate modern modernization modest mom moment momentum money monitor month mood moon
moral more moreover morning mortgage most mostly mother motion motivation motor mount mountain
mouse mouth move movement movie much multilateral multiple municipal murder muscle museum music
musical musician must mutual my myself mystery myth naked name narrative narrow nation national
native natural naturally nature near nearby nearly necessarily necessary neck need negative
negotiate negotiation neighbor neighborhood neither nerve nervous net network never nevertheless
new newly news newspaper next nice night nine no nobody nod noise nomination none nonetheless
nor normal normally north northern nose not notable notably note nothing notice notion novel now
nowhere nuclear number numerous nurse nut object objective obligation observation observe
observer obtain obvious obviously occasion occasionally occupation occupy occur ocean odd odds
of off offense offensive offer office officer official often oh oil ok okay old olympic on once
one ongoing onion online only onto open opening operate operating operation operator opinion
opponent opportunity oppose opposite opposition optimize option or orange order ordinary organic
organization organize orientation origin original originally other others otherwise ought our
ourselves out outbreak outcome outside outstanding oven over overall overcome overlook overseas
owe own owner pace pack package page pain painful paint painter painting pair pale palm pan
panda pandemic pane panel pant paper paramount parent park parking part participant participate
participation particular particularly partly partner partnership party pass passage passenger
passion past patch path patient pattern pause pay payment peace peak peer pen penalty pension
people pepper per percent percentage perception perfect perfectly perform performance perhaps
period permanent permission permit person personal personality personally personnel perspective
persuade pet phase phenomenon philosophy phone photo photograph photographer photovoltaic phrase
physical physically physician piano pick picture pie piece pile pilot pine pink pipe pitch
pivotal place plan plane planet planning plant plastic plate platform play player please
pleasure plenary plenty plot plus pocket poem poet poetry point pole police policy political
politically politician politics poll pollution pool poor pop popular population porch port
portion portrait position positive possess possibility possible possibly post pot potato
potential potentially pound pour poverty powder power powerful practical practice pragmatic pray
prayer precisely predict prefer preference pregnancy pregnant premier preparation prepare
prescription presence present presentation preserve president presidential press pressure
pretend pretty prevent prevention previous previously price pride priest primarily primary prime
principal principle print prior priority prison prisoner privacy private probably problem
procedure proceed process produce producer product production profession professional professor
profile profit program progress project prominent promise promote promotion prompt proof proper
properly property proportion proposal propose proposed prosecutor prospect prosperity prosperous
protect protection protein protest proud prove provide provider province provincial provision
psychological psychologist psychology public publication publicly publish publisher pull
punishment purchase pure purpose pursue push put qualify quality quarantine quarter quarterback
question quick quickly quiet quietly quit quite quote race racial radical radio rail rain raise
ran range rank rapid rapidly rare rarely rate rather rating ratio raw reach react reaction read
reader reading ready real reality realize really reason reasonable recall receive recent
recently recipe recognition recognize recommend recommendation record recording recover recovery
recruit rectification red reduce reduction refer reference reflect reflection reform refugee
refuse regard regarding regardless regime region regional register regular regularly regulate
regulation reinforce reject relate relation relationship relative relatively relax release
relevant relief religion religious rely remain remaining remarkable remember remind remote
remove repeat repeatedly replace reply report reporter represent representation representative
reputation request require requirement research researcher resemble reservation reshape
reshaping resident residential resilience resilient resist resistance resolution resolve resort
resource respect respond respondent response responsibility responsible rest restaurant restore
restriction result retain retire retirement return reveal revenue review revitalization
revitalize revolution rhythm rice rich rid ride rifle right ring rise risk river road robust
rock role roll rollout romantic roof room root rope rose rough roughly round route routine row
rub rule run running rural rush sacred sad safe safety sake salad salary sale sales salt same
sample sanction sand satellite satisfaction satisfy sauce save saving say scale scandal scared
scenario scene schedule scheme scholar scholarship school science scientific scientist scope
score scream screen script sea search season seat second secret secretary section sector secure
security see seed seek seem segment seize select selection self sell senator send senior sense
sensitive sentence separate sequence series serious seriously serve service session set setting
settle settlement seven several severe sex sexual shade shadow shake shall shape share
shareholder sharp she shed sheep sheet shelf shell shelter shift shine ship shirt shock shoe
shoot shooting shop shopping shore short shortly shot should shoulder shout show shower shrug
shut sick side sigh sight sign signal significance significant significantly silence silent
silver similar similarly simple simply simultaneously sin since sing singer single sink sir
sister sit site situation six size ski skill skin sky slave sleep slice slide slight slightly
slip slow slowly small smart smell smile smoke smooth snap snow so soar soccer social socialist
society sofa soft software soil solar soldier solid solution solve some somebody somehow someone
something sometimes somewhat somewhere son song soon sophisticated sorry sort soul sound soup
source south southern space speak speaker special specialist species specific specifically
speech speed spend spending spin spirit spiritual split spokesman sport spot spread spring
square squeeze stability stable staff stage stair stake stakeholder stand standard standing star
stare start state statement station statistics status stay steady steal steel step stick still
stir stock stomach stone stop storage store storm story straight strange stranger strategic
strategy stream streamline street strength strengthen stress stretch strike string strip stroke
strong strongly structure struggle student studio study stuff stupid style subject submit
subsequent subsidy substance substantial succeed success successful successfully such sudden
suddenly sue suffer sufficient sugar suggest suggestion suicide suit summer summit sun super
supervise supervision supply support supporter suppose supposed supreme sure surely surface
surgery surprise surprised surprising surprisingly surround survey survival survive survivor
suspect sustain sustainable swear sweep sweet swim swing switch symbol symptom synergy system
table tablespoon tactic tail take takeaway tale talent talk tall tan tango tank tap tape target
tariff task taste tax taxpayer tea teach teacher teaching team tear teaspoon technical technique
technology teen teenager telephone telescope television tell temperature temple temporary ten
tend tendency tension tent term terms terrible territory terror terrorism terrorist tertiary
test testify testimony testing text than thank thanks that the theater their them theme
themselves then theory therapy there therefore these they thick thin thing think thinking third
thirty this those though thought thousand threat threaten three throat through throughout throw
thus ticket tie tight time tiny tip tire tired tissue title to tobacco today toe together toilet
tomato tomorrow tone tongue tonight too tool tooth top topic toss total totally touch tough tour
tourism tourist tournament toward towards tower town township toy trace track trade tradition
traditional traffic tragedy trail train training transfer transform transformation transition
translate translation transparency transportation travel treat treatment treaty tree tremendous
trend trial tribe trick trip troop trouble truck true truly trust truth try tube tuna tune
tunnel turn twelve twenty twice twin two type typical typically ugly ultimate ultimately unable
uncle under undergo understand understanding unfortunately uniform union unique unit united
universal universe university unknown unless unlike unlikely unprecedented until unusual unveil
unveiled up upgrade uphold upon upper urban urge us use used useful user usual usually utility
vacation vaccine valley valuable value variable variation variety various vary vast vegetable
vehicle venture version versus very vessel veteran via vibrant victim victory video view viewer
vigorously village violate violation violence violent virtually virtue virus visible vision
visit visitor visual vital voice volume volunteer vote voter vs vulnerable wage wait wake walk
wall wan wander wane want war warm warn warning wash waste watch watchable water wave way we
weak wealth wealthy weapon wear weather wedding week weekend weekly weigh weight welcome welfare
well west western wet what whatever wheel when whenever where whereas whether which while whilst
whisper white who whole whom whose why wide widely wife wild will willing win wind window wine
wing winner winter wipe wire wisdom wise wish with withdraw within without witness woman wonder
wonderful wood wooden word work worker working works workshop world worried worry worth would
wound wrap write writer writing wrong yard yeah year yell yellow yes yesterday yet yield you
young youth zen zone
"""

COMMON_WORDS: frozenset[str] = frozenset(_WORDS.split())

# Inflections, tried longest first: (suffix, what the stem may have lost).
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("er", ""),
    ("est", ""),
)


def is_common_word(word: str) -> bool:
    """Whether ``word`` is a listed word or a regular inflection of one.

    The list holds base forms; "Aiming", "Changed" and "Pandas" are English too.
    """
    lower = word.lower()
    if lower in COMMON_WORDS:
        return True
    for suffix, restore in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 1:
            stem = lower[: -len(suffix)] + restore
            if stem in COMMON_WORDS:
                return True
            if not restore and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in COMMON_WORDS:
                return True  # "running", "planned"
    return False
