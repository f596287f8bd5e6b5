"""Demo content for the Newsroom project.

All people, organisations and events below are fictional. The stories describe
an ordinary news fortnight in the fictional port city of Northport (Нортпорт).

``hours_ago`` is relative to the moment the data is loaded: a positive value
means "published that many hours ago", a negative value means "scheduled that
many hours in the future", and ``None`` means "not published yet".
"""

SECTIONS = [
    {
        "slug": "city",
        "name": "City & Politics",
        "description": "Council decisions, elections and public services in Northport and the surrounding region.",
        "order": 1,
    },
    {
        "slug": "business",
        "name": "Business",
        "description": "The port, jobs, housing costs and the companies shaping the local economy.",
        "order": 2,
    },
    {
        "slug": "science",
        "name": "Science & Tech",
        "description": "Research, health, energy and technology, with a focus on what it means for the people who live here.",
        "order": 3,
    },
    {
        "slug": "culture",
        "name": "Culture",
        "description": "Galleries, theatre, books and festivals across the city.",
        "order": 4,
    },
]

AUTHORS = [
    {
        "slug": "anna-petrova",
        "name": "Анна Петрова",
        "bio": "Анна Петрова пишет о городском совете, бюджете и культурной жизни Нортпорта. До прихода в редакцию десять лет работала на городском радио.",
    },
    {
        "slug": "james-holloway",
        "name": "James Holloway",
        "bio": "James Holloway is the city hall correspondent and covers transport and infrastructure. He has reported on Northport politics since 2012.",
    },
    {
        "slug": "dmitry-orlov",
        "name": "Дмитрий Орлов",
        "bio": "Дмитрий Орлов — экономический обозреватель, пишет о рынке жилья, порте и рыболовстве. Выпускник экономического факультета Нортпортского университета.",
    },
    {
        "slug": "sarah-okafor",
        "name": "Sarah Okafor",
        "bio": "Sarah Okafor covers business and health. Before joining the newsroom she worked as a data analyst for the regional health board.",
    },
    {
        "slug": "maria-lindqvist",
        "name": "Maria Lindqvist",
        "bio": "Maria Lindqvist is the culture editor and also writes about energy and the environment. She is the author of a short history of the Northport waterfront.",
    },
    {
        "slug": "ilya-sokolov",
        "name": "Илья Соколов",
        "bio": "Илья Соколов пишет о науке, образовании и технологиях. Получил степень кандидата наук по океанологии, прежде чем стать журналистом.",
    },
]

TAGS = [
    {"slug": "climate", "name": "Climate"},
    {"slug": "transport", "name": "Transport"},
    {"slug": "economy", "name": "Economy"},
    {"slug": "energy", "name": "Energy"},
    {"slug": "health", "name": "Health"},
    {"slug": "technology", "name": "Technology"},
    {"slug": "elections", "name": "Выборы"},
    {"slug": "city-council", "name": "Городской совет"},
    {"slug": "housing", "name": "Жильё"},
    {"slug": "education", "name": "Образование"},
    {"slug": "arts", "name": "Искусство"},
]

ARTICLES = [
    # ------------------------------------------------------------------ 1
    {
        "slug": "northport-council-approves-tram-extension-eastern-docks",
        "headline": "Northport council approves 2.4bn-crown tram extension to the Eastern Docks",
        "standfirst": "The 9-kilometre line will link the city centre with the redeveloped Eastern Docks by 2029, but opposition councillors warn that the budget leaves little room for overruns.",
        "body": """<p>Northport city council on Tuesday night approved a 2.4-billion-crown extension of the tram network to the Eastern Docks, ending almost three years of debate over how to connect the fast-growing waterfront district to the rest of the city.</p>
<p>The motion passed by 31 votes to 18 after a four-hour session. Construction of the 9-kilometre line, which will add 14 stops between Central Station and a new terminus at Harbour Park, is due to begin next spring, with the first passengers expected in 2029.</p>
<p>“This is the single largest investment in public transport Northport has made in a generation,” said Helena Marsh, the deputy mayor for transport, who steered the project through the council. “Forty thousand people will live and work in the Eastern Docks within a decade. They cannot all arrive by car.”</p>
<h2>Costs and funding</h2>
<p>According to the council’s own figures, the national infrastructure fund will cover 55 per cent of the cost. The remainder will come from municipal bonds and a new levy on commercial property within 800 metres of the line, which is expected to raise about 40 million crowns a year.</p>
<p>Opposition councillors questioned whether the budget was realistic. “Every tram project in this country over the past fifteen years has come in over budget, some by more than a third,” said Tomas Berg, who leads the Civic Alliance group. “We are being asked to approve a plan with a contingency reserve of just 6 per cent. That is not prudent; it is hopeful.”</p>
<p>Ms Marsh said the contingency figure had been reviewed by independent engineers and that the council had “learned hard lessons” from the troubled renovation of the Central Station interchange, which finished two years late.</p>
<h2>What changes for passengers</h2>
<p>Under the plan, trams will run every six minutes at peak times and every ten minutes in the evening. The journey from Central Station to Harbour Park is projected to take 22 minutes, compared with about 40 minutes on the current number 7 bus in rush-hour traffic. Key features include:</p>
<ul>
<li>step-free access at all 14 stops;</li>
<li>a protected cycle lane along 6 kilometres of the route;</li>
<li>a park-and-ride site for 600 cars near the Ring Road junction.</li>
</ul>
<p>Residents of the Old Quay neighbourhood, where the line will run along a narrow street, remain worried about two years of roadworks. A residents’ association has collected more than 3,000 signatures asking for compensation for local shops. The council said it would publish a support scheme for affected businesses before construction starts. The full plans are available on the <a href="https://example.org/northport/council/tram-east">council’s consultation page</a>.</p>""",
        "language": "en",
        "section": "city",
        "authors": ["james-holloway"],
        "tags": ["transport", "city-council"],
        "summary": "Northport city council approved a 2.4-billion-crown, 9-kilometre tram extension to the Eastern Docks by 31 votes to 18. Construction starts next spring and the line is due to open in 2029, with 55% of the cost covered by the national infrastructure fund. Opposition councillors warn that the 6% contingency reserve is too small.",
        "summary_approved": True,
        "status": "published",
        "hours_ago": 2,
    },
    # ------------------------------------------------------------------ 2
    {
        "slug": "northport-city-budget-housing-clinics",
        "headline": "Городской совет Нортпорта принял бюджет: больше денег на жильё и поликлиники",
        "standfirst": "Расходы города в следующем году вырастут на 7,8% и достигнут 18,6 млрд крон. Почти четверть прироста уйдёт на социальное жильё и ремонт районных поликлиник.",
        "body": """<p>Городской совет Нортпорта в среду утвердил бюджет города на следующий год. За документ проголосовали 33 депутата из 49, против — 12, ещё четверо воздержались. Общие расходы составят 18,6 млрд крон, что на 7,8% больше, чем в текущем году.</p>
<p>Главным приоритетом мэрия называет жильё. На строительство и выкуп социальных квартир город направит 1,9 млрд крон — почти в полтора раза больше, чем годом ранее. По словам заместителя мэра по городскому хозяйству Ольги Ведерниковой, этих средств хватит примерно на 1200 новых квартир в районах Восточные доки и Северная слобода.</p>
<p>«Очередь на социальное жильё в городе превысила девять тысяч семей. Мы не решим проблему за один год, но впервые за долгое время мы строим быстрее, чем растёт очередь», — заявила Ведерникова журналистам после заседания.</p>
<h2>Поликлиники, школы и транспорт</h2>
<p>Ещё 640 млн крон пойдут на ремонт и переоснащение шести районных поликлиник. В трёх из них — на Рыбацкой улице, в Заречье и в Старом порту — появятся вечерние приёмы терапевтов до 21:00. Горожане давно жаловались, что попасть к врачу после работы в Нортпорте практически невозможно.</p>
<p>Расходы на образование вырастут на 5%, в основном за счёт повышения зарплат учителей. Бюджет на содержание дорог, напротив, сокращён на 3% — впервые за шесть лет. Стоимость проезда в городском транспорте не изменится: разовый билет по-прежнему будет стоить 32 кроны. Совет также одобрил бесплатный проезд для школьников в будние дни, на что потребуется около 85 млн крон.</p>
<p>Ещё 210 млн крон получат парки и набережные. Часть этих денег пойдёт на пляж у Солнечной косы, который этим летом несколько раз закрывали из-за цветения водорослей. Кроме того, город впервые выделит отдельную строку на подготовку к наводнениям: 120 млн крон направят на укрепление дамбы вдоль Пляжной улицы и на насосные станции в подвалах жилых домов. Управление этими объектами возьмёт на себя новое подразделение, созданное городом специально для работ по защите побережья.</p>
<h2>Критика оппозиции</h2>
<p>Оппозиция считает бюджет слишком рискованным. Дефицит составит 740 млн крон и будет покрыт за счёт выпуска новых городских облигаций. «Город берёт в долг, чтобы закрыть текущие расходы. Через три-четыре года платить по этим долгам придётся нашим детям», — сказал лидер фракции «Гражданский альянс» Томас Берг.</p>
<p>В мэрии возражают, что долговая нагрузка Нортпорта остаётся одной из самых низких среди крупных городов страны — около 38% годовых доходов. «Мы занимаем не на текущие расходы, а на квартиры и поликлиники, которые прослужат городу полвека», — ответила Ведерникова.</p>
<p>Полный текст бюджета опубликован на <a href="https://example.org/northport/budget">портале городского совета</a>. Публичные слушания по отдельным статьям расходов продолжатся до конца месяца; записаться на выступление может любой житель города.</p>""",
        "language": "ru",
        "section": "city",
        "authors": ["anna-petrova"],
        "tags": ["city-council", "housing", "health"],
        "summary": "Городской совет Нортпорта утвердил бюджет на следующий год: расходы вырастут на 7,8% и составят 18,6 млрд крон. На социальное жильё город направит 1,9 млрд крон, ещё 640 млн — на ремонт шести поликлиник. Оппозиция критикует дефицит в 740 млн крон, который покроют за счёт облигаций.",
        "summary_approved": True,
        "status": "published",
        "hours_ago": 6,
    },
    # ------------------------------------------------------------------ 3
    {
        "slug": "port-of-northport-record-cargo-automated-terminal",
        "headline": "Port of Northport handles record cargo as automated terminal opens",
        "standfirst": "Container traffic rose 14 per cent in the first nine months of the year, and the port authority expects the new North Quay terminal to lift capacity by a further third.",
        "body": """<p>The Port of Northport handled a record 1.86 million containers in the first nine months of the year, up 14 per cent on the same period last year, the port authority said on Thursday as it formally opened its new automated terminal at North Quay.</p>
<p>The 1.1-billion-crown terminal, built over four years on land reclaimed from the bay, adds two deep-water berths capable of handling the largest container ships now in service. Its cranes are operated remotely from a control room on shore, and driverless vehicles move boxes between the quay and the storage yard.</p>
<p>“Twelve months ago, ships were waiting up to three days at anchor before they could berth. This morning, the queue was zero,” said Erik Dahl, chief executive of the Northport Port Authority. “We now have the capacity to grow for the next decade without building another metre of quay.”</p>
<h2>Shifting trade routes</h2>
<p>Analysts attribute much of the growth to shipping lines rerouting cargo away from congested southern ports. Transshipment traffic — containers that arrive on one ship and leave on another without touching the mainland — rose by 27 per cent and now accounts for almost a fifth of the port’s volume.</p>
<p>“Northport has been in the right place at the right time,” said Lena Fors, a transport economist at Northport University. “The question is whether that traffic is loyal. If the southern ports clear their backlogs, some of it could leave as quickly as it came.”</p>
<h2>Jobs and automation</h2>
<p>The dockworkers’ union accepted the automation after a year of negotiations that guaranteed no compulsory redundancies until 2030. About 240 workers have been retrained as remote crane operators and maintenance technicians, according to the union. Its representative, Jonas Lind, called the deal “not perfect, but fair”, and said members would watch closely how the port handles the next round of contracts.</p>
<p>The port’s growth is also putting pressure on the city’s roads. Lorry traffic on Harbour Road has increased by roughly 1,500 vehicles a day, and the council is studying a dedicated freight rail link to the inland logistics park at Marby. A feasibility study is due early next year. The port authority’s full quarterly figures are <a href="https://example.org/northport/port/q3-report">published on its website</a>.</p>""",
        "language": "en",
        "section": "business",
        "authors": ["sarah-okafor"],
        "tags": ["economy", "transport"],
        "summary": "The Port of Northport handled a record 1.86 million containers in nine months, up 14%, as its new automated North Quay terminal opened. Analysts warn that traffic diverted from congested southern ports may not stay, and lorry numbers on Harbour Road are rising.",
        "summary_approved": True,
        "status": "published",
        "hours_ago": 11,
    },
    # ------------------------------------------------------------------ 4
    {
        "slug": "northport-bay-record-water-temperature",
        "headline": "Вода в заливе у Нортпорта прогрелась до рекордных значений за 70 лет наблюдений",
        "standfirst": "Средняя температура поверхностного слоя воды в августе составила 19,4 °C. Учёные предупреждают, что тёплая вода уже меняет состав рыбы и повышает риск цветения водорослей.",
        "body": """<p>Средняя температура воды в заливе у Нортпорта в августе достигла 19,4 градуса — это самый высокий показатель за всю историю наблюдений, которые ведутся с середины прошлого века. Такие данные опубликовала в понедельник морская лаборатория Нортпортского университета.</p>
<p>Предыдущий рекорд, установленный восемь лет назад, был превышен сразу на 0,9 градуса. По словам руководителя лаборатории Марины Гольц, для морской среды это очень большой скачок. «Мы привыкли измерять изменения десятыми долями градуса за десятилетие. Здесь почти целый градус за несколько лет. Залив становится другим водоёмом буквально на наших глазах», — сказала она.</p>
<h2>Новые обитатели залива</h2>
<p>Учёные фиксируют заметные изменения в экосистеме. В уловах у побережья всё чаще встречаются южные виды — анчоус и морской окунь, которые ещё двадцать лет назад считались здесь редкостью. Треска, напротив, уходит на север, в более холодные воды. Рыбаки Нортпорта жалуются, что за треской теперь приходится ходить на 40–60 километров дальше, чем раньше.</p>
<p>По наблюдениям лаборатории, изменилось и время весеннего цветения планктона: оно начинается в среднем на две недели раньше, чем в 1980-х годах. Для молоди многих рыб это означает, что корма становится меньше как раз тогда, когда он нужнее всего. «Экосистема — это расписание, в котором всё связано. Если один поезд приходит раньше, остальные опаздывают», — пояснила Гольц.</p>
<p>Тёплая вода также способствует цветению сине-зелёных водорослей. Этим летом городские власти трижды закрывали пляжи в районе Солнечной косы из-за превышения концентрации токсинов. В городе это вызвало недовольство: многие жители узнавали о закрытии пляжа, только добравшись до него.</p>
<p>Врачи городской больницы напоминают, что контакт с водой во время цветения может вызывать кожную сыпь и расстройства пищеварения, а для собак токсины водорослей бывают смертельно опасны. Этим летом в городе зарегистрировали как минимум пять случаев отравления домашних животных после купания у Солнечной косы.</p>
<h2>Что делать городу</h2>
<p>Авторы доклада рекомендуют городу создать систему раннего оповещения о цветении водорослей и расширить сеть датчиков, которые передают данные о температуре и составе воды в реальном времени. Сейчас в заливе работают лишь четыре таких буя; лаборатория предлагает довести их число до пятнадцати. Стоимость проекта оценивается в 12 млн крон.</p>
<p>В департаменте охраны окружающей среды Нортпорта заявили, что изучают предложения учёных. «Мы понимаем, что климат меняется быстрее, чем наши регламенты. Решение о датчиках может быть принято уже в первом квартале», — сообщил представитель департамента Артём Лисицын.</p>
<p>Полный текст доклада доступен на <a href="https://example.org/northport/university/bay-report">сайте университета</a>. Лаборатория представит результаты на открытой лекции в центральной городской библиотеке в конце месяца; вход свободный.</p>""",
        "language": "ru",
        "section": "science",
        "authors": ["ilya-sokolov"],
        "tags": ["climate"],
        "summary": "",
        "summary_approved": False,
        "status": "published",
        "hours_ago": 20,
    },
    # ------------------------------------------------------------------ 5
    {
        "slug": "old-customs-house-reopens-contemporary-art-gallery",
        "headline": "Old Customs House reopens as Northport’s largest contemporary art gallery",
        "standfirst": "After a six-year restoration costing 310 million crowns, the 19th-century building on the waterfront opens to the public on Saturday, with free entry for the first month.",
        "body": """<p>The Old Customs House on Northport’s waterfront, empty for more than two decades, will reopen on Saturday as the Customs House Gallery, the largest space for contemporary art in the city. Entry will be free for the first month.</p>
<p>The 19th-century brick building, where merchants once paid duties on timber, salt and tea, has been restored over six years at a cost of 310 million crowns, split between the city, a national heritage fund and private donors. Its 4,200 square metres of galleries include the former cargo hall, a vaulted space 60 metres long that the architects have left almost untouched.</p>
<p>“We didn’t want to hide the history of the building behind white walls,” said the gallery’s director, Ingrid Solberg. “You can still see the marks where the scales stood and the soot from the fire of 1911. Artists have told us that this is exactly what makes the space exciting.”</p>
<h2>The opening programme</h2>
<p>The opening exhibition, <em>Tidewater</em>, brings together 34 artists from towns along the northern coasts, with works dealing with migration, trade and the changing shoreline. Its centrepiece is a sound installation in the cargo hall that plays recordings of the harbour made every decade since the 1950s, drawn from the city archive.</p>
<p>The gallery will also host a permanent display on the history of the port, and a studio programme will give six local artists free workspace on the top floor for a year at a time.</p>
<h2>Questions over running costs</h2>
<p>Not everyone is convinced the city can afford its new institution. Annual running costs are estimated at 28 million crowns, of which the city will cover 18 million. Several councillors voted against the subsidy last spring, arguing that neighbourhood libraries and music schools deserved the money more. “A beautiful building is not a cultural policy,” councillor Anja Reed said at the time.</p>
<p>Ms Solberg says the gallery hopes to attract 150,000 visitors in its first year and to earn a third of its budget from tickets, the café and venue hire. She pointed to the revival of the streets around the building, where two restaurants and a bookshop have opened in the past year. Opening hours and the programme for schools are listed on <a href="https://example.org/northport/customs-house">the gallery’s website</a>.</p>""",
        "language": "en",
        "section": "culture",
        "authors": ["maria-lindqvist"],
        "tags": ["arts"],
        "summary": "The restored Old Customs House reopens on Saturday as the Customs House Gallery, Northport’s largest contemporary art space, with free entry for the first month. The restoration cost 310 million crowns, and some councillors question the city’s 18-million-crown annual subsidy.",
        "summary_approved": True,
        "status": "published",
        "hours_ago": 30,
    },
    # ------------------------------------------------------------------ 6
    {
        "slug": "northport-renters-spend-half-of-income",
        "headline": "Исследование: жители Нортпорта тратят на аренду почти половину дохода",
        "standfirst": "Средняя арендная ставка в городе за два года выросла на 23%, а зарплаты — лишь на 9%. Сильнее всего рост цен ощущают молодые семьи и студенты.",
        "body": """<p>Жители Нортпорта, снимающие жильё, в среднем отдают за аренду 46% своего дохода. Об этом говорится в исследовании, которое во вторник представил Институт городской экономики. Два года назад этот показатель составлял 38%.</p>
<p>По данным института, средняя стоимость аренды двухкомнатной квартиры в городе достигла 14 800 крон в месяц. Самые высокие ставки — в центре и в районе Восточных доков, где за квартиру той же площади просят более 19 000 крон. Даже на окраинах Нортпорта, в Заречье и Северной слободе, цены выросли почти на пятую часть.</p>
<p>«Арендная плата растёт в два с половиной раза быстрее, чем зарплаты. Для многих семей это означает выбор между жильём и всем остальным», — сказала автор исследования, экономист Вера Климова.</p>
<h2>Почему дорожает жильё</h2>
<p>Эксперты называют несколько причин. Во-первых, в город приезжают работники порта и новых технологических компаний: за три года население Нортпорта выросло примерно на 27 тысяч человек. Во-вторых, строительство отстаёт от спроса — в прошлом году в городе было сдано лишь 2100 новых квартир при потребности около 3500. Наконец, часть жилья в центре ушла под краткосрочную аренду для туристов.</p>
<p>По оценке института, в историческом центре города туристам сдаётся каждая восьмая квартира. Городской совет обсуждает ограничение краткосрочной аренды 90 днями в году, однако решение пока не принято. Сторонники запрета указывают на опыт соседних городов, где подобные меры вернули на рынок долгосрочной аренды несколько тысяч квартир.</p>
<p>Рост цен заметен и на рынке покупки жилья. Средняя стоимость квадратного метра в Нортпорте за два года выросла на 17%, а доля сделок с ипотекой сократилась, поскольку кредиты подорожали. По словам Климовой, многие семьи, которые раньше купили бы квартиру, остаются арендаторами и тем самым ещё сильнее увеличивают спрос на съёмное жильё.</p>
<h2>Кто страдает больше всего</h2>
<p>Сильнее всего рост цен ударил по студентам и молодым семьям. Почти треть опрошенных в возрасте до 30 лет сообщили, что за последний год были вынуждены переехать из-за повышения арендной платы, а 14% живут с родителями, хотя хотели бы жить отдельно.</p>
<p>Ассоциация владельцев недвижимости Нортпорта считает выводы исследования односторонними. «Собственники тоже несут расходы: выросли налоги, ставки по ипотеке и стоимость ремонта. Ограничения лишь сократят предложение», — заявил председатель ассоциации Павел Рудаков.</p>
<p>Институт предлагает городу расширить программу доступного жилья и ввести налоговые льготы для собственников, которые сдают квартиры на длительный срок по ставкам ниже рыночных. Полный текст исследования размещён на <a href="https://example.org/northport/housing-study">сайте института</a>.</p>""",
        "language": "ru",
        "section": "business",
        "authors": ["dmitry-orlov"],
        "tags": ["housing", "economy"],
        "summary": "Исследование Института городской экономики показало, что арендаторы в Нортпорте тратят на жильё 46% дохода против 38% два года назад. Аренда дорожает быстрее, чем растут зарплаты, из-за притока населения, нехватки новостроек и краткосрочной аренды для туристов.",
        "summary_approved": False,
        "status": "published",
        "hours_ago": 44,
    },
    # ------------------------------------------------------------------ 7
    {
        "slug": "flood-barrier-passes-first-storm-test",
        "headline": "Northport’s new flood barrier passes first storm test as surge hits the harbour",
        "standfirst": "The 680-million-crown barrier closed for the first time on Sunday night as a storm surge pushed water 1.9 metres above normal levels. Engineers say it kept the Old Quay and Fish Market districts dry.",
        "body": """<p>Northport’s new storm-surge barrier closed for the first time on Sunday night, holding back water that rose 1.9 metres above the normal tide line as Storm Vera swept across the coast. City officials said the barrier prevented flooding in the low-lying Old Quay and Fish Market districts, where around 6,000 people live.</p>
<p>The two steel gates, each 45 metres wide, swung shut across the mouth of the inner harbour at 9.40pm and remained closed for just under seven hours. The peak of the surge arrived shortly after 1am.</p>
<p>“Four years ago, a smaller surge than this one put a metre of water into the Fish Market,” said Petra Lund, the city’s chief engineer for flood defence. “Last night, people in those streets slept through it. That is exactly what the barrier was built to do.”</p>
<h2>Not everywhere was protected</h2>
<p>Outside the barrier, the storm still caused damage. Waves overtopped the sea wall along Beach Road, flooding about 40 basements and closing the coastal road for most of Monday. The fire service said it had received 212 calls overnight, most of them about fallen trees and flooded cellars. No serious injuries were reported.</p>
<p>Residents of the Beach Road area, which the barrier does not cover, say they have been left behind. “Everyone is celebrating downtown, and we are pumping water out of our homes again,” said Karin Holm, who chairs the local residents’ group. The council has promised a study of options for the area, including raising the sea wall by 80 centimetres.</p>
<h2>An election issue</h2>
<p>The barrier, completed in June after five years of construction, cost 680 million crowns, around 15 per cent more than originally budgeted. It has become a central issue in the mayoral campaign. The mayor’s office pointed to Sunday night as proof that the investment was justified, while opposition candidates argued that the city still lacks a plan for the rest of its 23-kilometre coastline.</p>
<p>Climate scientists at Northport University estimate that, with projected sea-level rise, surges of this size could occur every two to three years by the 2050s, compared with roughly once a decade today. The city’s flood maps and a preparedness guide for residents are <a href="https://example.org/northport/flood-guide">available online</a>.</p>""",
        "language": "en",
        "section": "city",
        "authors": ["james-holloway", "sarah-okafor"],
        "tags": ["climate", "city-council", "elections"],
        "summary": "Northport’s 680-million-crown storm-surge barrier closed for the first time during Storm Vera, protecting the Old Quay and Fish Market districts from a 1.9-metre surge. Areas outside the barrier, including Beach Road, still flooded, and the project has become an issue in the mayoral race.",
        "summary_approved": True,
        "status": "published",
        "hours_ago": 60,
    },
    # ------------------------------------------------------------------ 8
    {
        "slug": "northport-hospital-trials-ai-triage",
        "headline": "Northport hospital trials AI tool to cut emergency waiting times",
        "standfirst": "Northport General Hospital says an early test cut the average wait for high-risk patients by 18 minutes, but doctors insist the final decision must stay with nurses.",
        "body": """<p>Northport General Hospital has begun a six-month trial of software that helps emergency nurses decide which patients need to be seen first, in an attempt to cut waiting times that are among the longest in the country.</p>
<p>The system analyses information that nurses already collect at the front desk — heart rate, blood pressure, oxygen levels, age and the patient’s main complaint — and flags people whose condition is likely to deteriorate. It does not diagnose and cannot change a patient’s place in the queue on its own; a nurse must confirm every recommendation.</p>
<p>During a preliminary test in the spring involving about 4,300 patients, the hospital says the average time before a doctor saw high-risk patients fell from 52 to 34 minutes. The number of patients who had to be moved to intensive care after waiting in the main hall dropped from 19 to 7.</p>
<p>“The software is not smarter than an experienced triage nurse,” said Dr Miriam Alvarez, head of emergency medicine. “But at three in the morning, with forty people in the waiting room and two nurses on duty, a second pair of eyes that never gets tired is genuinely useful.”</p>
<h2>Concerns over data and bias</h2>
<p>The project has drawn questions from patient groups and data protection campaigners. The software was developed by a Northport start-up, Clearpath Health, and trained on anonymised records from three hospitals over five years. Critics point out that older patients and people who do not speak the national language may be under-represented in that data.</p>
<p>“If the tool learns from past decisions, it can also learn past mistakes,” said Daniel Frost of the Northport Patients’ Council. He called on the hospital to publish regular reports on how the system performs for different groups of patients.</p>
<p>The hospital said an independent ethics committee at Northport University will review the results every two months, and that patient data does not leave the hospital’s own servers. The health ministry is watching closely: if the trial succeeds, a similar system could be offered to twelve other regional hospitals from next year.</p>
<p>Emergency waiting times remain a sensitive issue in the city. According to the regional health board, one in four patients at Northport General waited more than four hours last winter. Details of the trial are published on the <a href="https://example.org/northport/hospital/triage-pilot">hospital’s research page</a>.</p>""",
        "language": "en",
        "section": "science",
        "authors": ["sarah-okafor"],
        "tags": ["health", "technology"],
        "summary": "Northport General Hospital is trialling software that helps emergency nurses spot high-risk patients; an earlier test cut their average wait from 52 to 34 minutes. Patient groups want regular reports on whether the tool works equally well for everyone.",
        "summary_approved": True,
        "status": "published",
        "hours_ago": 78,
    },
    # ------------------------------------------------------------------ 9
    {
        "slug": "sea-stage-open-air-theatre-festival",
        "headline": "«Морская сцена»: в Нортпорте стартует театральный фестиваль под открытым небом",
        "standfirst": "Десять дней спектакли будут идти на причалах, в портовых складах и на палубе старого парома. Организаторы ждут более 40 тысяч зрителей.",
        "body": """<p>В пятницу в Нортпорте открывается международный театральный фестиваль «Морская сцена». В течение десяти дней 22 труппы из девяти стран покажут 48 спектаклей — не в театральных залах, а на причалах, в портовых складах, во дворах и даже на палубе списанного парома «Северянин».</p>
<p>Фестиваль проходит в городе уже в седьмой раз, но нынешний масштаб организаторы называют рекордным. Бюджет «Морской сцены» составил 9,5 млн крон: около половины выделил город, остальное — спонсоры и фонд поддержки искусства. В прошлом году фестиваль посетили около 31 тысячи человек, в этот раз организаторы рассчитывают на 40 тысяч зрителей, в том числе на несколько тысяч гостей из других городов страны.</p>
<p>«Нам хотелось показать, что театр может случиться где угодно. Зритель приходит на причал, с которого он сто раз ловил рыбу, и вдруг видит это место совершенно по-новому», — рассказала художественный руководитель фестиваля Елена Марковская.</p>
<h2>Главные события</h2>
<p>Фестиваль откроется спектаклем городского драматического театра «Шторм» по мотивам шекспировской «Бури», который сыграют прямо на воде: сцена смонтирована на понтонах у Старого причала. Среди других ожидаемых премьер — иммерсивная постановка о жизни портовых грузчиков начала XX века в бывшем зерновом складе и кукольный спектакль для детей на пароме.</p>
<p>Большая часть показов бесплатна. На спектакли в закрытых помещениях, где число мест ограничено, билеты стоят от 150 до 400 крон; для студентов и пенсионеров предусмотрена скидка 50%.</p>
<p>Владельцы кафе и гостиниц в Старом порту уже почувствовали интерес к фестивалю: по данным городского туристического центра, на первые выходные свободных номеров в центре почти не осталось. Городские власти на время фестиваля продлят работу трамваев и автобусов до часа ночи, а на набережной откроют дополнительные пункты проката велосипедов.</p>
<h2>Театр для школьников</h2>
<p>Впервые в программе появился образовательный раздел. Актёры и режиссёры проведут для старшеклассников Нортпорта 30 мастер-классов по сценической речи, движению и сценографии. Школы города уже подали заявки более чем на 1800 учеников.</p>
<p>«Многие подростки в нашем городе ни разу не были в театре. Если они хотя бы однажды увидят спектакль вживую и попробуют что-то сделать сами, это уже большая победа», — считает директор городского департамента образования Сергей Ланин.</p>
<p>Организаторы предупреждают, что программа может меняться из-за погоды: при сильном ветре спектакли на воде перенесут в резервные помещения. Расписание и схема площадок опубликованы на <a href="https://example.org/northport/sea-stage">сайте фестиваля</a>.</p>""",
        "language": "ru",
        "section": "culture",
        "authors": ["anna-petrova"],
        "tags": ["arts", "education"],
        "summary": "В Нортпорте открывается седьмой театральный фестиваль «Морская сцена»: 22 труппы покажут 48 спектаклей на причалах, в складах и на старом пароме. Большинство показов бесплатны, а для старшеклассников города впервые проведут 30 мастер-классов.",
        "summary_approved": True,
        "status": "published",
        "hours_ago": 100,
    },
    # ------------------------------------------------------------------ 10
    {
        "slug": "northport-mayoral-election-poll-three-way-race",
        "headline": "Выборы мэра Нортпорта: опрос показал равную борьбу трёх кандидатов",
        "standfirst": "За месяц до голосования ни один из кандидатов не набирает больше 30%. Главными темами кампании стали жильё, транспорт и защита города от наводнений.",
        "body": """<p>За месяц до выборов мэра Нортпорта три ведущих кандидата идут практически вровень. Согласно опросу, который социологический центр «Пульс» провёл по заказу нашей редакции, действующего мэра Карла Энгстрёма готовы поддержать 29% избирателей, кандидата «Гражданского альянса» Томаса Берга — 27%, а независимого кандидата, бывшего главного врача городской больницы Ирину Самойлову — 25%.</p>
<p>Разница между кандидатами находится в пределах статистической погрешности, которая составляет 3,1 процентного пункта. Ещё 14% горожан пока не определились, остальные голоса делят между собой четыре кандидата от небольших партий. Опрос проводился на прошлой неделе по телефону и через интернет; в нём приняли участие 1200 совершеннолетних жителей города.</p>
<h2>О чём спорят кандидаты</h2>
<p>Главной темой кампании стало жильё. Почти половина участников опроса (48%) назвали рост арендной платы самой серьёзной проблемой города. На втором месте — общественный транспорт (31%), на третьем — защита от наводнений (22%): этот вопрос обострился после прошлогоднего шторма, когда вода затопила десятки подвалов на Пляжной улице.</p>
<p>Энгстрём делает ставку на крупные проекты своей команды — защитный барьер в гавани и продление трамвайной линии в Восточные доки, которое городской совет должен рассмотреть в ближайшие недели. «Город наконец-то начал строить то, о чём говорили двадцать лет. Сейчас не время менять курс», — заявил он на встрече с избирателями в Заречье.</p>
<p>Берг, напротив, обвиняет мэрию в расточительстве и обещает провести независимый аудит всех крупных строек. Самойлова, которая впервые участвует в выборах, строит кампанию на теме здравоохранения и доступного жилья и заметно опережает соперников среди избирателей моложе 35 лет. «Город двадцать лет обсуждал, что построить. Пора наконец поговорить о том, кто в этом городе сможет позволить себе жить», — сказала она на прошлой неделе на встрече со студентами университета.</p>
<h2>Явка может стать решающей</h2>
<p>Социологи обращают внимание на традиционно низкую явку: на прошлых выборах мэра в Нортпорте проголосовали лишь 44% избирателей. «При таком раскладе исход решат не убеждённые сторонники, а те, кто в последний момент решит, идти ли на участки. В первую очередь это молодёжь и жители новых районов», — пояснил руководитель центра «Пульс» Андрей Вольский.</p>
<p>Если ни один из кандидатов не наберёт более половины голосов, через две недели пройдёт второй тур. Дебаты трёх ведущих кандидатов в прямом эфире городского телеканала назначены на следующий четверг. Методика опроса и полные результаты опубликованы <a href="https://example.org/northport/polls/mayor">на нашем сайте</a>.</p>""",
        "language": "ru",
        "section": "city",
        "authors": ["dmitry-orlov", "anna-petrova"],
        "tags": ["elections", "city-council"],
        "summary": "",
        "summary_approved": False,
        "status": "published",
        "hours_ago": 130,
    },
    # ------------------------------------------------------------------ 11
    {
        "slug": "shipyard-wins-grey-bank-offshore-wind-contract",
        "headline": "Offshore wind deal promises 1,200 jobs at Northport shipyard",
        "standfirst": "The contract to build foundations for the 900-megawatt Grey Bank wind farm is the largest order in the shipyard’s 140-year history.",
        "body": """<p>The Northport shipyard has won a contract worth 3.2 billion crowns to build foundations for the Grey Bank offshore wind farm, securing work for about 1,200 people over the next four years and offering a lifeline to a yard that was close to closure less than a decade ago.</p>
<p>Under the agreement announced on Monday, the yard will manufacture 64 steel foundations, each weighing around 2,000 tonnes, for the 900-megawatt project 40 kilometres off the coast. Once complete, Grey Bank is expected to generate enough electricity for roughly a million homes.</p>
<p>“Ten years ago, people in this city thought shipbuilding in Northport was finished,” said Mikael Strand, managing director of Northport Yards. “Today we are hiring welders again. Some of them are the sons and daughters of people who lost their jobs here.”</p>
<h2>Training and suppliers</h2>
<p>The yard plans to recruit about 700 new workers and says it cannot find enough qualified welders and crane operators locally. Together with the city’s vocational college, it will open a training centre next spring with places for 250 students a year. The city council has agreed to contribute 35 million crowns to the centre over five years.</p>
<p>Local suppliers are also expected to benefit. According to a summary of the contract, the wind farm’s developer has committed to sourcing at least 40 per cent of the project’s components from within the region. Business leaders estimate that another 800 jobs could be created among subcontractors, from steel processors to catering firms.</p>
<h2>Risks remain</h2>
<p>The deal is not without risk. Steel prices have swung sharply over the past two years, and several wind projects elsewhere have been delayed or cancelled because of rising costs. Analysts note that the contract includes a clause allowing the developer to postpone orders if final approval of the grid connection is delayed.</p>
<p>“It is a very good day for Northport, but we should not pretend it is guaranteed,” said Ruth Akerman, an energy analyst at the Northport Chamber of Commerce. “The yard needs to show that it can deliver on time. If it does, it can become a regional hub for offshore wind for the next twenty years.”</p>
<p>The first foundations are due to leave the yard by barge in the autumn of next year. The environmental assessment for Grey Bank is available on the <a href="https://example.org/energy/grey-bank">national energy agency’s website</a>.</p>""",
        "language": "en",
        "section": "business",
        "authors": ["james-holloway"],
        "tags": ["energy", "economy"],
        "summary": "Northport Yards has won a 3.2-billion-crown contract to build 64 foundations for the Grey Bank offshore wind farm, securing about 1,200 jobs for four years. The yard and the city will open a training centre for welders, though analysts warn of steel-price and grid-connection risks.",
        "summary_approved": True,
        "status": "published",
        "hours_ago": 170,
    },
    # ------------------------------------------------------------------ 12
    {
        "slug": "northport-schools-mandatory-coding-lessons",
        "headline": "Школы Нортпорта введут обязательные уроки программирования со следующего учебного года",
        "standfirst": "Городской департамент образования выделит 46 млн крон на оборудование и переподготовку учителей. Родители поддерживают идею, но сомневаются, хватит ли специалистов.",
        "body": """<p>Со следующего учебного года во всех 58 муниципальных школах Нортпорта появятся обязательные уроки программирования для учеников с пятого по девятый класс. Решение в четверг объявил городской департамент образования.</p>
<p>Новый предмет будет преподаваться один час в неделю. Пятиклассники начнут с визуальных языков, в которых программы собираются из блоков, а к девятому классу школьники должны освоить основы Python, научиться работать с данными и написать собственный небольшой проект. На закупку ноутбуков, робототехнических наборов и программного обеспечения город выделит 46 млн крон.</p>
<p>«Мы не ставим задачу сделать из каждого ребёнка программиста. Мы хотим, чтобы дети понимали, как устроены технологии, которыми они пользуются каждый день, и не боялись их», — пояснил директор департамента образования Сергей Ланин.</p>
<h2>Где взять учителей</h2>
<p>Главная проблема — нехватка кадров. По данным департамента, сейчас информатику в городе преподают лишь около 70 учителей, а для нового предмета их потребуется почти вдвое больше. Город планирует переобучить 90 педагогов других специальностей — в первую очередь учителей математики и физики. Курсы пройдут на базе Нортпортского университета и займут около полугода.</p>
<p>Кроме того, к урокам собираются привлекать специалистов местных технологических компаний. Несколько фирм, в том числе разработчики программного обеспечения для порта, уже согласились направить в школы своих сотрудников в качестве наставников. Каждый такой наставник будет проводить со школьниками не меньше двух часов в месяц.</p>
<p>Пилотный курс уже второй год работает в шести школах города. Как рассказали в департаменте, интерес к нему оказался выше ожидаемого: почти половина участников продолжила заниматься в кружках после окончания обязательной части, а доля девочек в кружках выросла с 18% до 35%. Учителя отмечают, что лучше всего работают проекты, связанные с жизнью Нортпорта, — например, программа, которая по данным портовых датчиков показывает, какие суда сейчас стоят у причалов.</p>
<h2>Мнения родителей</h2>
<p>Городской совет родителей в целом поддержал нововведение, однако попросил не увеличивать ради него общую нагрузку на детей. По предварительному плану час программирования заменит один из двух уроков технологии.</p>
<p>«Идея правильная, но я боюсь, что в некоторых школах предмет будут вести люди, которые сами прошли ускоренный курс за пару месяцев. Детей это может скорее отпугнуть», — поделилась мать двух школьников из Заречья Наталья Гриневич.</p>
<p>В департаменте обещают в первый год внимательно следить за качеством уроков и при необходимости скорректировать программу. Проект учебного плана опубликован на <a href="https://example.org/northport/schools/coding">сайте департамента</a>; отзывы учителей и родителей принимают до конца месяца.</p>""",
        "language": "ru",
        "section": "science",
        "authors": ["ilya-sokolov"],
        "tags": ["education", "technology"],
        "summary": "Со следующего учебного года во всех 58 муниципальных школах Нортпорта введут обязательные уроки программирования для 5–9 классов. Город выделит 46 млн крон на оборудование и переобучит 90 учителей; родители опасаются нехватки квалифицированных преподавателей.",
        "summary_approved": True,
        "status": "published",
        "hours_ago": 220,
    },
    # ------------------------------------------------------------------ 13 (draft)
    {
        "slug": "northport-book-fair-moves-to-eastern-docks",
        "headline": "Northport Book Fair moves to the docks as crowds outgrow the town hall",
        "standfirst": "This year’s fair will take over two warehouses at the Eastern Docks, with more than 200 exhibitors and a new programme for young readers.",
        "body": """<p>The Northport Book Fair, which has filled the town hall every November for more than thirty years, is moving to a larger site at the Eastern Docks after organisers turned away hundreds of visitors last year because the building had reached its safety limit.</p>
<p>This year’s fair will occupy two restored warehouses on Quay 4, giving it almost three times as much floor space. Organisers expect 210 exhibitors, from the country’s largest publishing houses to small presses that print only a few hundred copies of each title, and around 35,000 visitors over four days.</p>
<p>“We love the town hall, but last year we had queues around the block and publishers sharing tables,” said the fair’s director, Clara Moen. “A book fair should feel crowded in a good way, not in a dangerous way.”</p>
<h2>A focus on young readers</h2>
<p>One warehouse will be devoted almost entirely to children and teenagers. It will include a reading lounge, workshops on writing comics and a “swap shelf” where young visitors can exchange their own books. Schools in the city have booked more than 120 class visits for the two weekdays of the fair.</p>
<p>The move comes as the city’s libraries report a rise in borrowing among teenagers for the first time in a decade, which librarians attribute partly to book recommendations shared on social media. Borrowing by readers aged 13 to 17 rose by 11 per cent last year.</p>
<p>The programme will also feature a stage for debut authors, a translation corner where visitors can watch translators working live on a short story, and evening readings in the old harbour pilots’ station next door. Organisers say about a third of the events will be held in languages other than the national one, reflecting the city’s growing immigrant communities.</p>
<h2>Worries in the old town</h2>
<p>Not everyone welcomes the change. Cafés and bookshops around Town Hall Square say the fair brings them some of their best days of the year. “For four days in November we do the business of a whole month,” said Peter Vik, who runs a second-hand bookshop on Town Hall Street. Organisers say they will run a free shuttle bus between the old town and the docks and will encourage visitors to explore both.</p>
<p>Tickets will cost 90 crowns for adults, with free entry for under-18s and students. The full author programme will be announced next month on the <a href="https://example.org/northport/bookfair">fair’s website</a>.</p>""",
        "language": "en",
        "section": "culture",
        "authors": ["maria-lindqvist"],
        "tags": ["arts", "education"],
        "summary": "The Northport Book Fair is moving from the town hall to two warehouses at the Eastern Docks, nearly tripling its space. Organisers expect 210 exhibitors and 35,000 visitors, and are adding a dedicated area for children and teenagers.",
        "summary_approved": False,
        "status": "draft",
        "hours_ago": None,
    },
    # ------------------------------------------------------------------ 14 (review)
    {
        "slug": "northport-fishing-cooperatives-ask-for-help",
        "headline": "Рыбаки Нортпорта просят город о помощи: улов трески упал на треть",
        "standfirst": "Три рыболовецких кооператива просят городские власти компенсировать рост расходов на топливо. Причина — треска уходит на север вслед за холодной водой.",
        "body": """<p>Три крупнейших рыболовецких кооператива Нортпорта обратились в городской совет с просьбой о финансовой поддержке. По их данным, улов трески за последние двенадцать месяцев сократился на 34%, а расходы на топливо выросли почти вдвое, потому что за рыбой приходится уходить всё дальше от берега.</p>
<p>В обращении, которое подписали руководители кооперативов «Северная волна», «Рыбацкая артель» и «Маяк», говорится, что без помощи до конца года могут прекратить работу до 40 из 130 судов, приписанных к порту. В отрасли в городе заняты около 1100 человек, ещё несколько сотен работают на рыбоперерабатывающих предприятиях.</p>
<p>«Мы не просим милостыню. Мы просим время, чтобы перестроиться. Рыба ушла на север, и мы должны либо идти за ней, либо учиться ловить то, что теперь водится в наших водах», — сказал председатель кооператива «Северная волна» Николай Сорокин.</p>
<h2>Тёплая вода меняет отрасль</h2>
<p>Учёные связывают сокращение уловов с потеплением воды в заливе. Как сообщала наша редакция, в августе температура поверхностного слоя воды у Нортпорта достигла рекордных 19,4 градуса. Треска предпочитает холодную воду и смещается на север, а её место занимают южные виды — анчоус и морской окунь, на лов которых местный флот пока не рассчитан.</p>
<p>Кооперативы предлагают городу выделить 60 млн крон на компенсацию части топливных расходов в течение двух лет, а также помочь с переоборудованием судов и поиском новых рынков сбыта. По оценкам отраслевой ассоциации, переоснащение одного судна под новые виды рыбы обходится в 1,5–3 млн крон.</p>
<p>Проблема касается не только рыбаков. Завод по переработке рыбы в Старом порту, один из крупнейших работодателей района, уже сократил смены с трёх до двух и перевёл часть сотрудников на неполную неделю. «Если флот уменьшится на треть, нам просто нечего будет перерабатывать», — говорит технолог завода Лариса Ермакова, проработавшая там больше двадцати лет.</p>
<h2>Позиция мэрии</h2>
<p>В мэрии заявили, что готовы обсуждать поддержку, но не в форме прямых субсидий на топливо. «Компенсировать топливо — значит платить за то, чтобы суда уходили всё дальше. Логичнее вкладываться в модернизацию флота и переработку», — сказал советник мэра по экономике Глеб Новиков. Он добавил, что город может помочь кооперативам с выходом на рынки южных стран, где анчоус и окунь пользуются устойчивым спросом.</p>
<p>Вопрос планируется рассмотреть на заседании экономической комиссии городского совета в начале следующего месяца. До этого кооперативы и мэрия должны представить совместный расчёт затрат. В кооперативах предупреждают, что, если решение затянется, часть экипажей уйдёт работать в соседние порты уже этой зимой.</p>""",
        "language": "ru",
        "section": "business",
        "authors": ["dmitry-orlov"],
        "tags": ["economy", "climate"],
        "summary": "Три рыболовецких кооператива Нортпорта просят город выделить 60 млн крон: улов трески упал на 34%, а расходы на топливо почти удвоились. Мэрия готова обсуждать помощь, но предпочитает вкладываться в модернизацию флота, а не в топливные субсидии.",
        "summary_approved": False,
        "status": "review",
        "hours_ago": None,
    },
    # ------------------------------------------------------------------ 15 (scheduled)
    {
        "slug": "data-centre-waste-heat-district-heating",
        "headline": "Data centre waste heat to warm 9,000 Northport homes from this winter",
        "standfirst": "Northport Energy will switch on a heat-recovery system at the Marby data centre on Thursday, the largest project of its kind in the country.",
        "body": """<p>Northport Energy will on Thursday begin piping waste heat from a large data centre into the city’s district heating network, a project the municipal utility says will warm about 9,000 homes and cut the network’s carbon emissions by around 8 per cent.</p>
<p>The data centre at the Marby business park, which houses servers for several cloud computing companies, consumes roughly 60 megawatts of electricity. Almost all of that energy ends up as heat, which until now was released into the air through giant cooling fans on the roof.</p>
<p>Under the new system, water warmed by the servers to about 30°C passes through two industrial heat pumps that raise its temperature to 75°C before it enters the heating network. A 4-kilometre insulated pipeline connects the site to the network at the Ring Road pumping station.</p>
<p>“For years we have been burning gas to heat homes just a few kilometres from a building that throws away heat day and night,” said Sofia Berglund, head of development at Northport Energy. “This project simply connects the two.”</p>
<h2>Who pays and who benefits</h2>
<p>The project cost 145 million crowns, a quarter of which was covered by a national climate grant. The data centre operator pays nothing for the installation but has agreed to supply heat for at least 15 years. In return, it saves about a fifth of its cooling costs, because the heat pumps take over part of the work of the roof fans.</p>
<p>Customers should not expect an immediate change in their bills. Northport Energy says recovered heat is cheaper to produce than gas-fired heat, and that the savings will be passed on “gradually, as older contracts expire”. Consumer groups have asked for a clear timetable.</p>
<h2>More to come</h2>
<p>Engineers at Northport University, who helped design the system, say the city has several other potential sources of waste heat, including the port’s cold stores, a brewery and the sewage treatment plant. “Together, these could cover a quarter of the city’s heating demand,” said Professor Aleksei Voronin, who leads the university’s energy systems group. “The technology exists. The challenge is planning the pipes before the buildings go up, not afterwards.”</p>
<p>The utility plans to publish monthly figures on the amount of heat recovered. A map of the district heating network and the project’s environmental report are <a href="https://example.org/northport/energy/heat-recovery">available on its website</a>.</p>""",
        "language": "en",
        "section": "science",
        "authors": ["maria-lindqvist", "ilya-sokolov"],
        "tags": ["energy", "technology", "climate"],
        "summary": "From Thursday, heat from the Marby data centre will be fed into Northport’s district heating network, warming about 9,000 homes and cutting the network’s emissions by around 8%. The 145-million-crown project is the largest of its kind in the country.",
        "summary_approved": True,
        "status": "published",
        "hours_ago": -48,
    },
]
