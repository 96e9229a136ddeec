//! Fuzz target: diacritic restoration — any text → restored text whose offsets point back
//! into the source and whose line structure is the source's.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sohoa::restore::Restorer;
use sohoa::text::SourceText;

// Loading the dictionary and language model once, not per input, keeps the fuzzer fast.
static RESTORER: LazyLock<Restorer> = LazyLock::new(Restorer::default);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceText::from_plain(text);
    let restored = RESTORER.restore(&source);
    assert_eq!(
        restored.text.lines().count(),
        source.text.lines().count(),
        "restoration keeps lines"
    );
    for t in &restored.tokens {
        assert!(source.text.get(t.source.clone()).is_some(), "source span {:?}", t.source);
        assert!(restored.text.get(t.output.clone()).is_some(), "output span {:?}", t.output);
    }
});
