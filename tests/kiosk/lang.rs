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
