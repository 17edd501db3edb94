//! Language detection: the function-word fast path never contradicts
//! whatlang, and leaves other languages alone.

use kiosk::load::lang::{detect_with_whatlang, german_or_english, SAMPLE_CHARS};
use kiosk::Library;

use crate::common::{gen_corpus, ReadsArticles};

fn sample(text: &str) -> &str {
    match text.char_indices().nth(SAMPLE_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

fn agree(lib: &Library) -> (usize, usize) {
    let mut fired = 0;
    for a in lib.articles() {
        let text = lib.document_of(a).text_sample(SAMPLE_CHARS);
        let text = sample(&text);
        if let Some(fast) = german_or_english(text) {
            fired += 1;
            // whatlang says the same, or is unsure (word salad in the corpus).
            let slow = detect_with_whatlang(text);
            assert!(
                slow.is_none() || slow.as_deref() == Some(fast),
                "{}: {fast} vs {slow:?}: {text}",
                a.id
            );
        }
    }
    (fired, lib.articles().len())
}

#[test]
fn the_fast_path_agrees_with_whatlang_on_the_corpus_and_the_seeds() {
    let tmp = tempfile::tempdir().unwrap();
    gen_corpus::write_corpus(tmp.path(), 400).unwrap();
    let (fired, total) = agree(&Library::load(tmp.path()).unwrap());
    assert!(fired * 2 > total, "the fast path answers for most: {fired} of {total}");
    let (fired, _) = agree(&super::common::seeds());
    assert!(fired >= 3, "and for the long seed articles: {fired}");
}

#[test]
fn other_languages_are_left_to_whatlang() {
    let texts = [
        // Dutch
        "De regering heeft besloten dat de gegevens van de gebruikers niet langer bewaard worden. Het is een \
         belangrijke stap voor de privacy van de burgers, zegt de minister. Ook de oppositie is tevreden met \
         het besluit, maar wil meer duidelijkheid over de uitvoering en de controle daarop in de komende jaren.",
        // Swedish
        "Regeringen har beslutat att användarnas uppgifter inte längre ska sparas. Det är ett viktigt steg för \
         medborgarnas integritet, säger ministern. Även oppositionen är nöjd med beslutet men vill ha mer \
         klarhet om hur det ska genomföras och kontrolleras under de kommande åren.",
        // Danish
        "Regeringen har besluttet, at brugernes oplysninger ikke længere skal gemmes. Det er et vigtigt skridt \
         for borgernes privatliv, siger ministeren. Også oppositionen er tilfreds med beslutningen, men vil \
         have mere klarhed over gennemførelsen og kontrollen af den i de kommende år.",
        // French
        "Le gouvernement a décidé que les données des utilisateurs ne seront plus conservées. C'est une étape \
         importante pour la vie privée des citoyens, affirme le ministre. L'opposition est également satisfaite \
         de la décision, mais souhaite plus de clarté sur sa mise en œuvre et son contrôle.",
        // Spanish
        "El gobierno ha decidido que los datos de los usuarios ya no se conservarán. Es un paso importante para \
         la privacidad de los ciudadanos, dice el ministro. La oposición también está satisfecha con la \
         decisión, pero quiere más claridad sobre su aplicación y su control en los próximos años.",
        // A German text quoting English at length: no overwhelming evidence.
        "Der Bericht zitiert the company statement that says the data is safe and that the users have nothing \
         to fear, which the authors doubt. Die Autoren sind nicht überzeugt und fordern mehr Transparenz.",
    ];
    for text in texts {
        assert_eq!(german_or_english(text), None, "{text}");
    }
}

#[test]
fn detection_names_nine_languages_from_their_prose() {
    use kiosk::load::lang::detect;
    let texts = [
        (
            "de",
            "Die Stadtverwaltung hat am Montag beschlossen, dass die neue Brücke über den Fluss erst im \
                nächsten Jahr gebaut wird. Die Anwohner sind darüber nicht glücklich, weil sie seit Jahren auf \
                eine bessere Verbindung in die Innenstadt warten.",
        ),
        (
            "en",
            "The city council decided on Monday that the new bridge across the river will not be built \
                before next year. The residents are unhappy about this, because they have been waiting for a \
                better connection to the town centre for years.",
        ),
        (
            "fr",
            "Le conseil municipal a décidé lundi que le nouveau pont sur la rivière ne serait pas construit \
                avant l'année prochaine. Les habitants ne sont pas contents, car ils attendent depuis des années \
                une meilleure liaison avec le centre-ville.",
        ),
        (
            "es",
            "El ayuntamiento decidió el lunes que el nuevo puente sobre el río no se construirá hasta el año \
                que viene. Los vecinos no están contentos, porque llevan años esperando una mejor conexión con \
                el centro de la ciudad.",
        ),
        (
            "ja",
            "市議会は月曜日、川に架かる新しい橋の建設を来年まで延期することを決めました。住民たちは、何年も前から\
                町の中心部へのより良い交通手段を待っているため、この決定に不満を持っています。",
        ),
        (
            "zh",
            "市议会星期一决定，横跨河流的新桥要到明年才会开始建设。居民们对此很不满意，因为他们多年来一直在等待\
                一条通往市中心的更好的道路。",
        ),
        (
            "ko",
            "시의회는 월요일에 강을 가로지르는 새 다리를 내년 이후에 짓기로 결정했습니다. 주민들은 수년 동안 \
                시내 중심으로 가는 더 나은 교통편을 기다려 왔기 때문에 이 결정에 불만을 나타냈습니다.",
        ),
        (
            "fa",
            "شورای شهر روز دوشنبه تصمیم گرفت که ساخت پل جدید روی رودخانه تا سال آینده آغاز نشود. ساکنان از \
                این تصمیم راضی نیستند، زیرا سال‌هاست که منتظر راه بهتری به مرکز شهر هستند و می‌خواهند زودتر \
                کار شروع شود.",
        ),
        (
            "ru",
            "Городской совет в понедельник решил, что новый мост через реку будет построен не раньше \
                следующего года. Жители недовольны этим решением, потому что уже много лет ждут удобной \
                дороги в центр города.",
        ),
    ];
    for (code, text) in texts {
        assert_eq!(detect(text).as_deref(), Some(code), "{text}");
    }
    // Technical Japanese with English words and code names is Japanese.
    let technical = "Hugo のテーマを設定するには、config.toml に theme = \"congo\" を追加します。\
                     その後、hugo server コマンドでサイトをプレビューできます。";
    assert_eq!(detect(technical).as_deref(), Some("ja"));
    // Too little to tell: unknown rather than a guess.
    for unsure in ["", "OK", "Kubernetes Docker API", "12 34 56", "計装"] {
        assert_eq!(detect(unsure), None, "{unsure}");
    }
}
