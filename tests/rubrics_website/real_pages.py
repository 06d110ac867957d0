"""Real Polish public web pages (text excerpts) labelled by reading, for precision and recall.

Source: the pages' own text as published by the gminas and offices named in `url`, found
with the project's public-page search in December 2026. Official information published by
public bodies (BIP, urząd pages) is not protected by copyright (ustawa o prawie autorskim,
art. 4 pkt 2: urzędowe dokumenty i materiały); only short excerpts are kept, unchanged except
for whitespace and cuts marked "…". Labels say what a juror reading the excerpt finds:
- INF-26: the page tells deaf people both *how* to reach the office without voice (e-mail,
  fax, SMS, video, ePUAP…) and how to book an interpreter ahead of the visit;
- INF-10: the page gives the office's e-Doręczenia address (AE:PL-…);
- INF-25: the page carries a BIP metryczka (who produced / published / entered, when).
"""

from __future__ import annotations

REAL_PAGES: list[dict] = [
    {
        "url": "https://bip.wasilkow.pl/deklaracja_dostpnosci/informacja-dla-osob-nieslyszacych.html",
        "text": "Informacja dla osób niesłyszących. Osoby niesłyszące oraz osoby posiadające trudności w komunikowaniu się za pomocą głosu, w celu załatwienia sprawy w Urzędzie mogą skorzystać z pomocy tłumacza języka migowego lub tłumacza - przewodnika. Zamiar korzystania z usługi tłumacza języka migowego, należy zgłosić wskazując wybraną metodę komunikowania się, co najmniej na 3 dni robocze przed planowaną wizytą w Urzędzie. W tym celu skontaktuj się z pracownikiem Biura Obsługi Interesanta (kancelarii Urzędu) za pomocą: telefonu: 85 71-85-400 faksu.: 85 71- 85 - 700 e-mailowo: Napisz e-mail na adres: kancelaria małpa wasilkow kropka pl",
        "labels": {"INF-26": True, "INF-10": False},
    },
    {
        "url": "https://borzechow.eu/dla-niedoslyszacych",
        "text": "Zgodnie z przepisami obowiązującymi od 1 kwietnia 2012 r. (ustawa z dnia 19 sierpnia 2011 r. o języku migowym i innych środkach komunikowania się) informujemy, że w Urzędzie Gminy jest możliwość skorzystania z usług tłumacza języka migowego przez osoby doświadczone trwale lub okresowo trudnością w komunikowaniu się. Usługa tłumaczenia migowego przy załatwianiu spraw urzędowych jest bezpłatna. … Co zrobić, aby skorzystać z pomocy tłumacza języka migowego? W związku z powyższym osoba uprawniona, która zamierza skorzystać z powyższych usług, zobowiązana jest zgłosić ten fakt w sekretariacie Urzędu przed wizytą w urzędzie, z wyłączeniem sytuacji nagłych. Zgłoszenie powinno być dokonane w jednej z następujących form: W zgłoszeniu należy wskazać metodę komunikowania się.",
        "labels": {"INF-26": False},
    },
    {
        "url": "https://bip.gminatomaszowmaz.pl/contentsversions/245/648/preview",
        "text": "Osoby niesłyszące przy załatwianiu spraw w Urzędzie Gminy Tomaszów Mazowiecki mogą skorzystać z usługi tłumacza języka migowego, zgłaszając taką chęć co najmniej na 3 dni robocze przed planowaną wizytą. … Aby skorzystać z pomocy tłumacza należy zgłosić w Sekretariacie Urzędu Gminy Tomaszów Mazowiecki zamiar skorzystania z tłumacza. Zgłoszenia należy dokonać co najmniej na 3 dni robocze przed planowaną wizytą w urzędzie. Należy wskazać metodę komunikowania się (PJM, SJM lub SKOGN). Zgłoszenia można dokonać: Telefonicznie – za pośrednictwem osoby trzeciej, pod nr telefonu: 44 724 55 73, Wypełniając formularz zgłoszeniowy i przesyłając go mailem na adres: sekretariat@gmina.tomaszow.pl, faksem pod nr : 44 723 50 33, lub listownie na adres: Urząd Gminy Tomaszów Mazowiecki, ul. Prezydenta I. Mościckiego 4, 97-200 Tomaszów Mazowiecki",
        "labels": {"INF-26": True, "INF-10": False},
    },
    {
        "url": "http://daszyna.bip.cc/p,110,_.html",
        "text": "Informacja dla osób niesłyszących. Osoby niesłyszące - przy załatwianiu spraw w Urzędzie Gminy Daszyna - mogą skorzystać z usługi tłumacza języka migowego, zgłaszając taką chęć na trzy dni przed planowaną wizytą. … Aby skorzystać z pomocy tłumacza należy wcześniej zgłosić w sekretariacie Urzędu Gminy Daszyna zamiar skorzystania z tłumacza. Zgłoszenia należy dokonać co najmniej na 3 dni przed wizyta w urzędzie. Należy wskazać metodę komunikowania się. Jak dokonać zgłoszenia? - Telefonicznie - za pośrednictwem osoby trzeciej, sprawnej komunikacyjnie, pod nr telefonu: 24 389-04-00, lub - wypełnić formularz zgłoszeniowy i przesłać go mailem na adres: urzadgminydaszyna@wp.pl lub faksem na nr: 24 389-04-00 bądź listownie na adres: Urząd Gminy Daszyna, 99-107 Daszyna, Daszyna 34a.",
        "labels": {"INF-26": True},
    },
    {
        "url": "http://mgokpelczyce.pl/bip/index.php/o-biuletynie/pomoc-bip/125-informacja-dla-osob-gluchoniemych",
        "text": "Osoby głuche lub niedosłyszące mogą skorzystać z usług tłumacza migowego lub z pomocy osoby przybranej. Usługa tłumacza migowego przy załatwianiu spraw urzędowych jest bezpłatna dla osób uprawnionych. … Aby skorzystać z pomocy tłumacza języka migowego, należy: zgłosić chęć skorzystania z usługi tłumacza migowego co najmniej na 3 dni robocze przed terminem zaplanowanej wizyty w Urzędzie; wskazać metodę komunikowania się: PJM (polski język migowy), SJM (system językowo-migowy) albo SKOGN (sposoby komunikowania się osób głuchoniewidomych). Brak załączników. Opis zmian Data Osoba Porównaj Artykuł został zmieniony. wtorek, 15 lipiec 2025 18:48 Julita Kołda",
        "labels": {"INF-26": False, "INF-25": False},
    },
    {
        "url": "http://nowa.mecinka.pl/60-nieprzypiete/4792-informacja-dla-osob-nieslyszacych-i-gluchoniemych.html",
        "text": "W celu zagwarantowania osobom niesłyszącym i głuchoniemym funkcjonowania w społeczeństwie na zasadzie równości z innymi osobami, Urząd Gminy Męcinka zapewnia tłumacza języka migowego. Środki komunikowania się z urzędem: Osoba uprawniona jest zobowiązana zgłosić chęć skorzystania ze świadczenia usług tłumacza języka migowego ze wskazaniem wybranej metody komunikowania się, do tut. Urzędu, co najmniej na 3 dni robocze przed tym zdarzeniem, z wyłączeniem sytuacji nagłych.",
        "labels": {"INF-26": False},
    },
    {
        "url": "https://adamow.bip.gmina.pl/index.php?id=664",
        "text": "Tłumacz języka migowego (PJM, SJM i SKOGN). … Na mocy ustawy z dnia 19 sierpnia 2011r. o języku migowym i innych środkach komunikowania się, osobie doświadczającej trwale lub okresowo trudności w komunikowaniu się, podczas załatwiania spraw w Urzędzie Gminy Adamów w godzinach 7:00 – 15:00 przysługuje prawo do skorzystania z usług: tłumacza PJM (polski język migowy), tłumacza SJM (system językowo – migowy), tłumaczem SKOGN (systemu komunikowania się osób głuchoniewidomych). … Aby skorzystać z usługi należy zgłosić swoją planowaną wizytę w Urzędzie Gminy Adamów co najmniej na 3 dni robocze przed tym zdarzeniem: kontaktując się telefonicznie pod numerem: 84 6186 102 lub 84 6187 711; wysyłając fax pod numer : 84 6186 119; za pośrednictwem poczty elektronicznej na adres e-mail: poczta@adamow.gmina.pl; przy pomocy skrzynki podawczej ePUAP /UGADAMOW/skrytka; pocztą na adres: Urząd Gminy Adamów, Adamów 11b; 22-442 Adamów;",
        "labels": {"INF-26": True, "INF-10": False},
    },
    {
        "url": "https://zdunskawola.bip.net.pl/?c=728",
        "text": "Z dniem 1 kwietnia 2012 r. weszła w życie ustawa o języku migowym i innych środkach komunikowania się, która daje osobom niedosłyszącym, głuchym i głuchoniewidomym prawo do skorzystania z usług tłumacza języka migowego przy załatwianiu spraw w urzędzie. … Aby skorzystać z pośrednictwa tłumacza prosimy o powiadomienie Urzędu Gminy Zduńska Wola trzy dni przed planowanym terminem załatwienia sprawy, z wyłączeniem sytuacji nagłych. Wypełniony wniosek przesłać należy za pomocą: - poczty elektronicznej: sekretariat@ugzw.com.pl; - faxu: 43 823 27 50; - osobiste głoszenie się do sekretariatu Urzędu Gminy Zduńska Wola; - elektronicznej skrzynki podawczej na stronie: https://ugzdunskawola.eboi.pl/.",
        "labels": {"INF-26": True},
    },
    {
        "url": "https://nabor.pcss.pl/deklaracjadostepnosci/4548",
        "text": "Deklaracja dostępności. Status pod względem zgodności z ustawą. Strona internetowa jest niezgodna z ustawą o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych z powodu niezgodności lub wyłączeń wymienionych poniżej. Treści niedostępne: niektóry pliki do pobrania nie są dostępne cyfrowo, … Informacje zwrotne i dane kontaktowe. Każdy ma prawo: zgłosić uwagi dotyczące dostępności cyfrowej strony lub jej elementu, zgłosić żądanie zapewnienia dostępności cyfrowej strony lub jej elementu, wnioskować o udostępnienie niedostępnej informacji w innej alternatywnej formie.",
        "labels": {"INF-26": False, "INF-10": False},
    },
    {
        "url": "https://www.czarnozyly.pl/2140-e-doreczenienia-elektroniczne-2026-r",
        "text": "E-doręczenia elektroniczne 2026 r. Opublikowano: 01 luty 2026. Od 1 stycznia 2026 r. e-Doręczenia stanowią podstawowy kanał doręczania korespondencji przez podmioty publiczne, w tym Urząd Gminy Czarnożyły. Doręczanie korespondencji nadanej przez osobę fizyczną lub podmiot niepubliczny za pośrednictwem ePUAP nie będzie uznawane za skuteczne. Elektroniczną korespondencję do Urzędu Gminy Czarnożyły należy kierować na adres e-Doręczeń AE:PL-66081-65851-BHGEH-20",
        "labels": {"INF-10": True, "INF-26": False},
    },
    {
        "url": "https://sianow.pl/aktualnosci/wazna-zmiana-w-sposobie-zalatwiania-spraw-urzedowych-przez-internet",
        "text": "Od dnia 1 stycznia 2026 r. aby załatwić sprawy urzędowe przez internet i skorzystać z e-usług, należy posiadać skrzynkę do e-Doręczeń. … Od 1 stycznia 2026 roku to właśnie e-Doręczenia zastąpią korespondencję realizowaną do tej pory za pomocą skrzynek ePUAP. Korespondencja elektroniczna przez ePUAP od 1 stycznia 2026 roku będzie skuteczna jedynie w przypadkach, gdy wskazują na to przepisy szczególne.",
        "labels": {"INF-10": False},
    },
    {
        "url": "https://www.komorow.pl/aktualnosci/e-doreczenia-nowy-obowiazkowy-sposob-kontaktu-z-urzedem-gminy-michalowice-od-2026-roku,p565356702",
        "text": "e-Doręczenia – nowy, obowiązkowy sposób kontaktu z Urzędem Gminy Michałowice od 2026 roku. Od stycznia 2026 roku e-Doręczenia staną się podstawowym i obowiązkowym kanałem elektronicznej komunikacji z Urzędem Gminy Michałowice. … Adres e-Doręczeń Urzędu Gminy Michałowice: AE:PL-84192-40504-UIWTR-22",
        "labels": {"INF-10": True},
    },
    {
        "url": "https://wyryki.eu/elektroniczna-skrzynka-podawcza-epuap",
        "text": "E-Doręczenia / ePUAP. Na podstawie ustawy z dnia 18 listopada 2020 r. o doręczeniach elektronicznych urząd gminy wdrożył rozwiązania techniczne i organizacyjne niezbędne do uruchomienia systemu e-Doręczeń. … Adres urzędu gminy do e-Doręczeń to: AE:PL-59790-20180-TTVDT-31",
        "labels": {"INF-10": True},
    },
    {
        "url": "https://gminajawornikpolski.pl/strona-glowna/dla-mieszkanca/elektroniczna-skrzynka-podawcza/",
        "text": "Elektroniczna Skrzynka Podawcza (ESP) jest systemem służącym do przekazywania informacji (wniosków, pism lub innych dokumentów) w formie elektronicznej do podmiotu publicznego … Adres skrytki Urzędu Gminy w Jaworniku Polskim na ePUAP: /ah7qcy621b/skrytka. Istnieje możliwość skorzystania z formularza elektronicznego Pisma ogólnego do podmiotu publicznego na platformie ePUAP.",
        "labels": {"INF-10": False},
    },
    {
        "url": "http://bip.olszyna.nv.pl/Article/id,527.html",
        "text": 'Sesje Rady Miejskiej w Olszynie. art. 20, ust. 1b "Obrady rady gminy są transmitowane i utrwalane za pomocą urządzeń rejestrujących obraz i dźwięk. Nagrania obrad są udostępniane w Biuletynie Informacji Publicznej i na stronie internetowej gminy oraz w inny sposób zwyczajowo przyjęty". kliknij w ikonę System Rada PTI. Liczba odwiedzin : 163 Podmiot udostępniający informację : Urząd Miejski w Olszynie Osoba wprowadzająca informację : Jarosław Obrębski Osoba odpowiedzialna za informację : Obrębski Jarosław Czas wytworzenia: 2018-11-23 09:49:45 Czas publikacji: 2018-11-23 09:50:00 Data przeniesienia do archiwum: Brak',
        "labels": {"INF-25": True},
    },
    {
        "url": "https://bip.biesiekierz.pl/index.php?id=2701",
        "text": 'To jest WERSJA ARCHIWALNA strony z dnia 31.01.2023. Protokoły z sesji. … Zarejestrowane transmisje Sesji dostępne są na stronach: BIP w zakładce "Aktualności, informacje dodatkowe" … Ponadto informujemy, że oryginalne dokumenty znajdują się w Biurze Rady Gminy w Urzędzie Gminy w Biesiekierzu i są do wglądu w godzinach urzędowania. Dokument z dnia: 31.01.2023 Dokument oglądany razy: 13 664',
        "labels": {"INF-25": False},
    },
]

# Held out: gathered after INF-26 was tuned on the pages above, never used to change it.
HELD_OUT: list[dict] = [
    {
        "url": "https://pion.pl/aktualnosci/w-urzedzie-miasta-poznania-migaja-w-pjm",
        "text": "Bardziej dostępny Urząd Miasta Poznania! W celu zagwarantowania odwiedzającym profesjonalnej obsługi w instytucji tej możliwe jest teraz skorzystanie ze wsparcia tłumacza Polskiego Języka Migowego. To celowe działanie mające otworzyć drzwi urzędu dla klientów z niepełnosprawnością słuchu. … Z tłumaczem online porozumiewamy się przez wideo połączenie. … Jeżeli wybieramy tłumacza online, powinniśmy zgłosić taką potrzebę na minimum 3 dni robocze przed wizytą w urzędzie, z wyłączeniem zdarzeń nagłych. Z Urzędem można skontaktować się za pośrednictwem: poczty elektronicznej pk@um.poznan.pl; telefonicznie, przy pomocy osoby przybranej numer 61 646 33 44; wysłać sms na numer 783 944 112.",
        "labels": {"INF-26": True},
    },
    {
        "url": "http://bip2.test.lo.pl/artykuly/32667/pomoc-tlumacza-pjm-dla-osob-nieslyszacych",
        "text": "Pomoc tłumacza PJM dla osób niesłyszących. Informacja dla osób niesłyszących. Osoby niesłyszące - przy załatwianiu spraw w Urzędzie Miasta Torunia - mogą skorzystać z tłumacza Polskiego Języka Migowego. … Co zrobić, żeby skorzystać z pomocy tłumacza języka migowego? wystarczy zgłosić wcześniej zamiar skorzystania z tłumacza, zgłoszenia należy dokonać co najmniej 3 dni robocze przed planowaną wizytą w urzędzie, … Jak dokonać zgłoszenia? wyślij email ze zgłoszeniem potrzeby wsparcia tłumacza PJM na adres: dostepnosc@um.torun.pl lub skontaktuj się za pośrednictwem osoby trzeciej - telefonicznie, na numer: 56 611 86 06.",
        "labels": {"INF-26": True},
    },
    {
        "url": "https://bip.mwik.pila.pl/index.php?option=com_govarticle&view=article&id=125&Itemid=292",
        "text": "Osoby głuche lub niedosłyszące mogą skorzystać w Spółce MWiK z usług tłumacza migowego lub z pomocy osoby przybranej. … Aby skorzystać z pomocy tłumacza języka migowego, należy: zgłosić chęć skorzystania z usługi tłumacza migowego co najmniej na 3 dni robocze przed terminem zaplanowanej wizyty w siedzibie Spółki; wskazać metodę komunikowania się: PJM (polski język migowy), SJM (system językowo-migowy) albo SKOGN (sposoby komunikowania się osób głuchoniewidomych). Jak dokonać zgłoszenia? Zgłoszenia można dokonać w dowolny sposób z wymienionych poniżej: przesłać prośbę pocztą elektroniczną na adres: … lub faksem na nr telefonu +48 67 212 59 30.",
        "labels": {"INF-26": True},
    },
    {
        "url": "https://kamiennagora.pl/jezyk-migowy/",
        "text": "Język migowy. … Osoba uprawniona powinna zgłosić chęć skorzystania z usług tłumacza co najmniej na trzy dni robocze przed zdarzeniem z wyłączeniem sytuacji nagłych. Chęć skorzystania z usługi należy zgłosić w formie pisemnej. … 3. Przesłanie drogą elektroniczną na adres: sekretariat@kamiennagora.pl 4. Przesłanie za pośrednictwem platformy e-PUAP … Osoba uprawniona, która będzie chciała załatwić sprawę w instytucji publicznej może skorzystać z pomocy tłumacza: polskiego języka migowego (PJM), systemu językowo – migowego (SJM), sposobu komunikowania się osób głuchoniewidomych (SKOGN)",
        "labels": {"INF-26": True},
    },
    {
        "url": "https://botg.tarnowskiegory.pl/o-budzecie/tlumacz-jezyka-migowego",
        "text": "Tłumacz języka migowego. W związku z wejściem w życie z dniem 1 kwietnia 2012 r. Ustawy z dnia 19 sierpnia 2011 r. o języku migowym i innych środkach komunikowania się Urząd Miejski w Tarnowskich Górach informuje, że osoby doświadczające trwale lub okresowo trudnością w komunikowaniu się (głuche i głuchoniewidome) mogą kontaktować się z Urzędem poprzez e-mail: … Zgłoszenia można dokonać: listownie na adres Rynek 4, 42-600 Tarnowskie Góry (termin spotkania należy ustalić na 3 dni liczone od dnia otrzymania listu), e-mailem (3 dni przed planowanym dniem załatwienia sprawy w Urzędzie), telefonicznie na numer +48 32 39 33 600 (3 dni przed planowanym dniem załatwienia sprawy w Urzędzie).",
        "labels": {"INF-26": True},
    },
    {
        "url": "https://cnsonline.pl/tlumacz-pjm-w-urzedzie",
        "text": "Podstawa prawna prawa do tłumacza PJM w urzędzie. Prawo do skorzystania z tłumacza Polskiego Języka Migowego (PJM) w urzędzie nie jest „uprzejmością” urzędnika, tylko konkretnym obowiązkiem wynikającym z przepisów. … Ustawa z dnia 19 sierpnia 2011 r. o języku migowym i innych środkach komunikowania się – reguluje prawo osób niesłyszących, słabosłyszących i głuchoniewidomych do korzystania z usług tłumacza, w tym PJM, SJM i SKOGN. … Dzięki tym przepisom osoba głucha lub słabosłysząca może żądać zapewnienia tłumacza PJM w kontakcie z organem administracji publicznej.",
        "labels": {"INF-26": False},
    },
]
