// SPDX-License-Identifier: Apache-2.0
#include "data_names.hpp"

#include <array>

namespace crm::bench {

namespace {

constexpr std::array<Name, 20> english_given{{
    {"Oliver", "oliver"}, {"Amelia", "amelia"}, {"Harry", "harry"},     {"Isla", "isla"},       {"George", "george"},
    {"Ava", "ava"},       {"Noah", "noah"},     {"Grace", "grace"},     {"Jack", "jack"},       {"Sophie", "sophie"},
    {"Zoë", "zoe"},       {"Siobhán", "siobhan"}, {"Seán", "sean"},     {"Niamh", "niamh"},     {"Renée", "renee"},
    {"Chloë", "chloe"},   {"Eóin", "eoin"},     {"Charlotte", "charlotte"}, {"James", "james"}, {"Emily", "emily"},
}};
constexpr std::array<Name, 20> english_family{{
    {"Smith", "smith"},     {"Jones", "jones"},       {"Williams", "williams"}, {"Brown", "brown"},
    {"Taylor", "taylor"},   {"Davies", "davies"},     {"Evans", "evans"},       {"Wilson", "wilson"},
    {"O'Brien", "obrien"},  {"Brontë", "bronte"},     {"MacDonald", "macdonald"}, {"Ó Súilleabháin", "osullivan"},
    {"Wright", "wright"},   {"Walker", "walker"},     {"Hughes", "hughes"},     {"Green", "green"},
    {"Hall", "hall"},       {"Thomas", "thomas"},     {"Roberts", "roberts"},   {"Johnson", "johnson"},
}};

constexpr std::array<Name, 20> german_given{{
    {"Jürgen", "juergen"}, {"Jörg", "joerg"},   {"Björn", "bjoern"}, {"Günter", "guenter"}, {"Lukas", "lukas"},
    {"Leon", "leon"},      {"Maximilian", "maximilian"}, {"Sören", "soeren"}, {"Hannah", "hannah"}, {"Lea", "lea"},
    {"Emilia", "emilia"},  {"Käthe", "kaethe"}, {"Anja", "anja"},    {"Bärbel", "baerbel"}, {"Lena", "lena"},
    {"Felix", "felix"},    {"Jonas", "jonas"},  {"Özlem", "oezlem"}, {"Grete", "grete"},    {"Ute", "ute"},
}};
constexpr std::array<Name, 20> german_family{{
    {"Müller", "mueller"},   {"Schmidt", "schmidt"}, {"Schneider", "schneider"}, {"Fischer", "fischer"},
    {"Weiß", "weiss"},       {"Meyer", "meyer"},     {"Wagner", "wagner"},       {"Schäfer", "schaefer"},
    {"Koch", "koch"},        {"Bauer", "bauer"},     {"Groß", "gross"},          {"Schröder", "schroeder"},
    {"Köhler", "koehler"},   {"Hoffmann", "hoffmann"}, {"Zimmermann", "zimmermann"}, {"Krüger", "krueger"},
    {"Lehmann", "lehmann"},  {"Böhm", "boehm"},      {"Weber", "weber"},         {"Jäger", "jaeger"},
}};

constexpr std::array<Name, 20> french_given{{
    {"François", "francois"}, {"Hélène", "helene"}, {"Amélie", "amelie"},   {"Chloé", "chloe"},   {"Léa", "lea"},
    {"Zoé", "zoe"},           {"Jérôme", "jerome"}, {"Éric", "eric"},       {"Gaël", "gael"},     {"Anaïs", "anais"},
    {"Noël", "noel"},         {"Céline", "celine"}, {"Benoît", "benoit"},   {"Loïc", "loic"},     {"Inès", "ines"},
    {"Mathéo", "matheo"},     {"Clément", "clement"}, {"Océane", "oceane"}, {"Raphaël", "raphael"}, {"Maëlle", "maelle"},
}};
constexpr std::array<Name, 20> french_family{{
    {"Martin", "martin"},     {"Bernard", "bernard"}, {"Dubois", "dubois"},     {"Lefèvre", "lefevre"},
    {"Moreau", "moreau"},     {"Laurent", "laurent"}, {"Girard", "girard"},     {"Rousseau", "rousseau"},
    {"Faure", "faure"},       {"Mercier", "mercier"}, {"Bonnet", "bonnet"},     {"Gauthier", "gauthier"},
    {"Chevalier", "chevalier"}, {"Lemaître", "lemaitre"}, {"Bézier", "bezier"}, {"Ménard", "menard"},
    {"Hébert", "hebert"},     {"Desprès", "despres"}, {"Thébault", "thebault"}, {"Pâris", "paris"},
}};

constexpr std::array<Name, 20> spanish_given{{
    {"José", "jose"},     {"María", "maria"},   {"Lucía", "lucia"},   {"Martín", "martin"}, {"Sofía", "sofia"},
    {"Hugo", "hugo"},     {"Álvaro", "alvaro"}, {"Iñigo", "inigo"},   {"Begoña", "begona"}, {"Ramón", "ramon"},
    {"Inés", "ines"},     {"Jesús", "jesus"},   {"Raúl", "raul"},     {"Andrés", "andres"}, {"Núria", "nuria"},
    {"Pilar", "pilar"},   {"Ángel", "angel"},   {"Carmen", "carmen"}, {"Joaquín", "joaquin"}, {"Elena", "elena"},
}};
constexpr std::array<Name, 20> spanish_family{{
    {"García", "garcia"},   {"Fernández", "fernandez"}, {"González", "gonzalez"}, {"Rodríguez", "rodriguez"},
    {"López", "lopez"},     {"Martínez", "martinez"},   {"Sánchez", "sanchez"},   {"Pérez", "perez"},
    {"Gómez", "gomez"},     {"Núñez", "nunez"},         {"Peña", "pena"},         {"Muñoz", "munoz"},
    {"Jiménez", "jimenez"}, {"Ruiz", "ruiz"},           {"Díaz", "diaz"},         {"Álvarez", "alvarez"},
    {"Romero", "romero"},   {"Castaño", "castano"},     {"Ibáñez", "ibanez"},     {"Ordóñez", "ordonez"},
}};

constexpr std::array<Name, 20> polish_given{{
    {"Łukasz", "lukasz"},   {"Paweł", "pawel"},     {"Michał", "michal"},       {"Wojciech", "wojciech"},
    {"Zofia", "zofia"},     {"Małgorzata", "malgorzata"}, {"Agnieszka", "agnieszka"}, {"Józef", "jozef"},
    {"Jędrzej", "jedrzej"}, {"Grażyna", "grazyna"}, {"Katarzyna", "katarzyna"}, {"Bartłomiej", "bartlomiej"},
    {"Krzysztof", "krzysztof"}, {"Stanisław", "stanislaw"}, {"Ewa", "ewa"},     {"Anna", "anna"},
    {"Tomasz", "tomasz"},   {"Piotr", "piotr"},     {"Joanna", "joanna"},       {"Żaneta", "zaneta"},
}};
constexpr std::array<Name, 20> polish_family{{
    {"Nowak", "nowak"},         {"Kowalski", "kowalski"},     {"Wiśniewski", "wisniewski"}, {"Wójcik", "wojcik"},
    {"Kowalczyk", "kowalczyk"}, {"Kamiński", "kaminski"},     {"Lewandowski", "lewandowski"}, {"Zieliński", "zielinski"},
    {"Szymański", "szymanski"}, {"Woźniak", "wozniak"},       {"Dąbrowski", "dabrowski"},   {"Kozłowski", "kozlowski"},
    {"Jankowski", "jankowski"}, {"Mazur", "mazur"},           {"Wojciechowski", "wojciechowski"}, {"Kwiatkowski", "kwiatkowski"},
    {"Krawczyk", "krawczyk"},   {"Kaczmarek", "kaczmarek"},   {"Piotrowski", "piotrowski"}, {"Grabowski", "grabowski"},
}};

constexpr std::array<Name, 20> russian_given{{
    {"Александр", "aleksandr"}, {"Дмитрий", "dmitry"},   {"Максим", "maksim"},     {"Сергей", "sergey"},
    {"Андрей", "andrey"},       {"Алексей", "aleksey"},  {"Артём", "artyom"},      {"Илья", "ilya"},
    {"Кирилл", "kirill"},       {"Михаил", "mikhail"},   {"Анастасия", "anastasia"}, {"Мария", "maria"},
    {"Дарья", "darya"},         {"Анна", "anna"},        {"Елизавета", "elizaveta"}, {"Екатерина", "ekaterina"},
    {"Ольга", "olga"},          {"Татьяна", "tatyana"},  {"Наталья", "natalya"},   {"Юлия", "yulia"},
}};
constexpr std::array<Name, 20> russian_family{{
    {"Иванов", "ivanov"},     {"Смирнов", "smirnov"},   {"Кузнецов", "kuznetsov"}, {"Попов", "popov"},
    {"Васильев", "vasilyev"}, {"Петров", "petrov"},     {"Соколов", "sokolov"},    {"Михайлов", "mikhailov"},
    {"Новиков", "novikov"},   {"Фёдоров", "fyodorov"},  {"Морозов", "morozov"},    {"Волков", "volkov"},
    {"Алексеев", "alekseev"}, {"Лебедев", "lebedev"},   {"Семёнов", "semyonov"},   {"Егоров", "egorov"},
    {"Павлов", "pavlov"},     {"Козлов", "kozlov"},     {"Степанов", "stepanov"},  {"Николаев", "nikolaev"},
}};

constexpr std::array<Name, 20> greek_given{{
    {"Γιώργος", "giorgos"},   {"Κωνσταντίνος", "konstantinos"}, {"Δημήτρης", "dimitris"}, {"Νίκος", "nikos"},
    {"Παναγιώτης", "panagiotis"}, {"Ιωάννης", "ioannis"},       {"Χρήστος", "christos"},  {"Μαρία", "maria"},
    {"Ελένη", "eleni"},       {"Αικατερίνη", "aikaterini"},     {"Βασιλική", "vasiliki"}, {"Σοφία", "sofia"},
    {"Αναστασία", "anastasia"}, {"Δέσποινα", "despoina"},       {"Ευαγγελία", "evangelia"}, {"Αθηνά", "athina"},
    {"Σταύρος", "stavros"},   {"Αλέξανδρος", "alexandros"},     {"Ειρήνη", "eirini"},     {"Θεόδωρος", "theodoros"},
}};
constexpr std::array<Name, 20> greek_family{{
    {"Παπαδόπουλος", "papadopoulos"}, {"Γεωργίου", "georgiou"},   {"Οικονόμου", "oikonomou"},
    {"Παπαδημητρίου", "papadimitriou"}, {"Νικολάου", "nikolaou"}, {"Ιωάννου", "ioannou"},
    {"Βασιλείου", "vasileiou"},       {"Κωνσταντίνου", "konstantinou"}, {"Αθανασίου", "athanasiou"},
    {"Πετρόπουλος", "petropoulos"},   {"Χριστοδούλου", "christodoulou"}, {"Δημητρίου", "dimitriou"},
    {"Αντωνίου", "antoniou"},         {"Μακρής", "makris"},       {"Καραγιάννης", "karagiannis"},
    {"Παππάς", "pappas"},             {"Αλεξίου", "alexiou"},     {"Σταυρόπουλος", "stavropoulos"},
    {"Μιχαηλίδης", "michailidis"},    {"Λαμπράκης", "lamprakis"},
}};

constexpr std::array<Name, 20> japanese_given{{
    {"翔太", "shota"},  {"蓮", "ren"},      {"陽翔", "haruto"}, {"大翔", "hiroto"}, {"湊", "minato"},
    {"悠真", "yuma"},   {"結衣", "yui"},    {"陽菜", "hina"},   {"美咲", "misaki"}, {"さくら", "sakura"},
    {"花子", "hanako"}, {"太郎", "taro"},   {"健太", "kenta"},  {"由美", "yumi"},   {"愛", "ai"},
    {"翼", "tsubasa"},  {"葵", "aoi"},      {"凛", "rin"},      {"拓也", "takuya"}, {"直樹", "naoki"},
}};
constexpr std::array<Name, 20> japanese_family{{
    {"佐藤", "sato"},     {"鈴木", "suzuki"},   {"高橋", "takahashi"}, {"田中", "tanaka"},    {"伊藤", "ito"},
    {"渡辺", "watanabe"}, {"山本", "yamamoto"}, {"中村", "nakamura"},  {"小林", "kobayashi"}, {"加藤", "kato"},
    {"吉田", "yoshida"},  {"山田", "yamada"},   {"佐々木", "sasaki"},  {"山口", "yamaguchi"}, {"松本", "matsumoto"},
    {"井上", "inoue"},    {"木村", "kimura"},   {"林", "hayashi"},     {"斎藤", "saito"},     {"清水", "shimizu"},
}};

constexpr std::array<Name, 20> chinese_given{{
    {"伟", "wei"},    {"芳", "fang"},  {"娜", "na"},       {"敏", "min"},   {"静", "jing"},
    {"丽", "li"},     {"强", "qiang"}, {"磊", "lei"},      {"军", "jun"},   {"洋", "yang"},
    {"勇", "yong"},   {"艳", "yan"},   {"杰", "jie"},      {"娟", "juan"},  {"涛", "tao"},
    {"明", "ming"},   {"超", "chao"},  {"秀英", "xiuying"}, {"霞", "xia"},  {"志强", "zhiqiang"},
}};
constexpr std::array<Name, 20> chinese_family{{
    {"王", "wang"}, {"李", "li"},  {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"}, {"杨", "yang"}, {"黄", "huang"},
    {"赵", "zhao"}, {"吴", "wu"},  {"周", "zhou"},  {"徐", "xu"},  {"孙", "sun"},  {"马", "ma"},   {"朱", "zhu"},
    {"胡", "hu"},   {"郭", "guo"}, {"何", "he"},    {"高", "gao"}, {"林", "lin"},  {"罗", "luo"},
}};

constexpr std::array<Name, 20> korean_given{{
    {"민준", "minjun"}, {"서준", "seojun"}, {"도윤", "doyun"}, {"예준", "yejun"}, {"시우", "siwoo"},
    {"하준", "hajun"},  {"주원", "juwon"},  {"지호", "jiho"},  {"서연", "seoyeon"}, {"서윤", "seoyun"},
    {"지우", "jiwoo"},  {"서현", "seohyun"}, {"민서", "minseo"}, {"하은", "haeun"}, {"하윤", "hayun"},
    {"윤서", "yunseo"}, {"지민", "jimin"},  {"채원", "chaewon"}, {"수아", "sua"},  {"지아", "jia"},
}};
constexpr std::array<Name, 20> korean_family{{
    {"김", "kim"},  {"이", "lee"},  {"박", "park"}, {"최", "choi"}, {"정", "jung"}, {"강", "kang"}, {"조", "cho"},
    {"윤", "yoon"}, {"장", "jang"}, {"임", "lim"},  {"한", "han"},  {"오", "oh"},   {"서", "seo"},  {"신", "shin"},
    {"권", "kwon"}, {"황", "hwang"}, {"안", "ahn"}, {"송", "song"}, {"류", "ryu"},  {"홍", "hong"},
}};

constexpr std::array<Name, 20> arabic_given{{
    {"محمد", "mohammed"}, {"أحمد", "ahmed"},     {"علي", "ali"},     {"عمر", "omar"},     {"يوسف", "youssef"},
    {"خالد", "khaled"},   {"حسن", "hassan"},     {"إبراهيم", "ibrahim"}, {"عبدالله", "abdullah"}, {"مصطفى", "mostafa"},
    {"فاطمة", "fatima"},  {"مريم", "maryam"},    {"نور", "nour"},    {"سارة", "sara"},    {"ليلى", "layla"},
    {"هدى", "huda"},      {"عائشة", "aisha"},    {"زينب", "zainab"}, {"ريم", "reem"},     {"سلمى", "salma"},
}};
constexpr std::array<Name, 20> arabic_family{{
    {"الحسن", "alhassan"},   {"المنصوري", "almansouri"}, {"الشامسي", "alshamsi"}, {"العلي", "alali"},
    {"الهاشمي", "alhashemi"}, {"السيد", "elsayed"},     {"عبدالرحمن", "abdelrahman"}, {"حسين", "hussein"},
    {"إبراهيم", "ibrahim"},  {"محمود", "mahmoud"},      {"مصطفى", "mostafa"},    {"الكعبي", "alkaabi"},
    {"النعيمي", "alnuaimi"}, {"الظاهري", "aldhaheri"},  {"فاروق", "farouk"},     {"سليمان", "suleiman"},
    {"عثمان", "osman"},      {"يوسف", "youssef"},       {"الزعابي", "alzaabi"},  {"البلوشي", "albalushi"},
}};

constexpr std::array<Name, 20> hindi_given{{
    {"आरव", "aarav"},   {"विवान", "vivaan"}, {"आदित्य", "aditya"}, {"अर्जुन", "arjun"}, {"साई", "sai"},
    {"रोहन", "rohan"},  {"राहुल", "rahul"},  {"अमित", "amit"},     {"प्रिया", "priya"}, {"अनन्या", "ananya"},
    {"दीया", "diya"},   {"सान्वी", "saanvi"}, {"पूजा", "pooja"},   {"नेहा", "neha"},   {"कविता", "kavita"},
    {"सुनीता", "sunita"}, {"विकास", "vikas"}, {"संजय", "sanjay"},   {"अंजलि", "anjali"}, {"ईशा", "isha"},
}};
constexpr std::array<Name, 20> hindi_family{{
    {"शर्मा", "sharma"},   {"वर्मा", "verma"},   {"गुप्ता", "gupta"},   {"सिंह", "singh"},   {"कुमार", "kumar"},
    {"पटेल", "patel"},    {"जोशी", "joshi"},    {"मेहता", "mehta"},    {"अग्रवाल", "agarwal"}, {"चौधरी", "chaudhary"},
    {"मिश्रा", "mishra"},  {"यादव", "yadav"},    {"रेड्डी", "reddy"},   {"नायर", "nair"},    {"अय्यर", "iyer"},
    {"कपूर", "kapoor"},   {"मल्होत्रा", "malhotra"}, {"भट्ट", "bhatt"}, {"देसाई", "desai"},  {"राव", "rao"},
}};

// Indexed by Language.
const std::array<NameTable, 12> tables{{
    {english_given, english_family, false, " "},
    {german_given, german_family, false, " "},
    {french_given, french_family, false, " "},
    {spanish_given, spanish_family, false, " "},
    {polish_given, polish_family, false, " "},
    {russian_given, russian_family, false, " "},
    {greek_given, greek_family, false, " "},
    {japanese_given, japanese_family, true, " "},
    {chinese_given, chinese_family, true, ""},
    {korean_given, korean_family, true, ""},
    {arabic_given, arabic_family, false, " "},
    {hindi_given, hindi_family, false, " "},
}};

}  // namespace

const NameTable& names_of(Language language) { return tables[static_cast<std::size_t>(language)]; }

}  // namespace crm::bench
