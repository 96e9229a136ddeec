//! One Tesseract engine per worker thread: created on first use with the thread's settings,
//! reused for every page that thread reads, and deleted when the thread ends.
//!
//! Loading the `vie` model costs far more than a small page, so engines are never created per
//! page; a `thread_local!` gives each rayon worker its own (`TessBaseAPI` is not thread-safe).

use std::cell::RefCell;
use std::ffi::{CStr, CString};
use std::ptr::NonNull;
use std::sync::Mutex;

use tesseract_sys as tess;
use unicode_normalization::UnicodeNormalization;

use super::choices::{self, Lexicon, Symbol};
use super::pix::Pix;
use super::reading::{LineWord, OcrLine};
use super::OcrOptions;
use crate::text::BBox;

/// Why an engine could not be made or could not read a page.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EngineError {
    /// `Init` failed: usually the language's traineddata is missing from the tessdata dir.
    #[error(
        "cannot load Tesseract language {lang:?} from {datapath}: is {lang}.traineddata there?"
    )]
    Init {
        /// Language requested.
        lang: String,
        /// Directory searched.
        datapath: String,
    },
    /// An option held a NUL byte.
    #[error("invalid OCR option: {0}")]
    BadOption(String),
    /// Recognition itself failed.
    #[error("Tesseract could not recognise the page")]
    Recognise,
}

/// Settings that decide which engine a thread needs; a change makes a new engine.
#[derive(Debug, Clone, PartialEq, Eq)]
struct EngineKey {
    lang: String,
    datapath: Option<std::path::PathBuf>,
    psm: u32,
}

impl EngineKey {
    fn of(options: &OcrOptions) -> EngineKey {
        EngineKey {
            lang: options.lang.clone(),
            datapath: options.datapath.clone(),
            psm: options.psm,
        }
    }
}

/// A Tesseract `TessBaseAPI`, initialised with one language, deleted on drop.
#[derive(Debug)]
pub struct Engine {
    api: NonNull<tess::TessBaseAPI>,
    key: EngineKey,
}

impl Engine {
    /// Creates and initialises an engine for `options` (language, tessdata dir, PSM).
    ///
    /// # Errors
    /// [`EngineError::Init`] when the model cannot be loaded.
    pub fn new(options: &OcrOptions) -> Result<Engine, EngineError> {
        let key = EngineKey::of(options);
        let lang = CString::new(key.lang.as_str())
            .map_err(|_| EngineError::BadOption(format!("lang {:?}", key.lang)))?;
        let datapath = match &key.datapath {
            Some(p) => Some(
                CString::new(p.to_string_lossy().as_bytes())
                    .map_err(|_| EngineError::BadOption(format!("tessdata {}", p.display())))?,
            ),
            None => None,
        };
        // SAFETY: TessBaseAPICreate returns a fresh handle or null.
        let api = NonNull::new(unsafe { tess::TessBaseAPICreate() }).ok_or(EngineError::Init {
            lang: key.lang.clone(),
            datapath: "(allocation failed)".into(),
        })?;
        let engine = Engine { api, key };
        // SAFETY: live handle; CStrings outlive the call.
        let rc = unsafe {
            tess::TessBaseAPIInit2(
                engine.api.as_ptr(),
                datapath.as_ref().map_or(std::ptr::null(), |d| d.as_ptr()),
                lang.as_ptr(),
                tess::TessOcrEngineMode_OEM_DEFAULT,
            )
        };
        if rc != 0 {
            return Err(EngineError::Init {
                lang: engine.key.lang.clone(),
                datapath: engine.key.datapath.as_ref().map_or_else(
                    || "the default tessdata dir (TESSDATA_PREFIX)".into(),
                    |p| p.display().to_string(),
                ),
            });
        }
        // SAFETY: live handle; the C strings are static.
        unsafe {
            tess::TessBaseAPISetPageSegMode(engine.api.as_ptr(), engine.key.psm);
            // Tesseract prints progress notes ("Detected 101 diacritics") on stderr, which would
            // bury our own per-page errors in a batch.
            tess::TessBaseAPISetVariable(
                engine.api.as_ptr(),
                c"debug_file".as_ptr(),
                c"/dev/null".as_ptr(),
            );
        }
        Ok(engine)
    }

    /// Recognises `pix` at resolution `dpi`: its lines in Tesseract's order, each with its
    /// block, paragraph, box and words (NFC, with boxes and confidences).
    ///
    /// With a `lexicon`, the LSTM also gives each symbol's other readings
    /// (`lstm_choice_mode = 2`) and each word takes the form [`choices::choose`] picks.
    ///
    /// # Errors
    /// [`EngineError::Recognise`] when Tesseract fails on the image.
    pub fn read(
        &mut self,
        pix: &Pix,
        dpi: u32,
        lexicon: Option<&dyn Lexicon>,
    ) -> Result<Vec<OcrLine>, EngineError> {
        let api = self.api.as_ptr();
        // SAFETY: live handle and PIX; Tesseract keeps a reference to the PIX only until the
        // next SetImage/Clear, and we Clear before returning.
        unsafe {
            set_page(api, pix, dpi, lexicon.is_some());
            if !recognise(api) {
                tess::TessBaseAPIClear(api);
                return Err(EngineError::Recognise);
            }
            let out = collect_lines(api, lexicon);
            tess::TessBaseAPIClear(api);
            Ok(out)
        }
    }
}

impl Engine {
    /// Reads each of `regions` of `pix` (resolution `dpi`) alone, as one line of text (page
    /// segmentation mode 7): one result per region, its boxes in `pix`'s coordinates. With a
    /// `lexicon`, each word's form is chosen among the LSTM's alternatives as in [`Engine::read`].
    /// The engine's own mode is restored afterwards.
    ///
    /// # Errors
    /// [`EngineError::Recognise`] when Tesseract fails on a region.
    pub fn read_lines(
        &mut self,
        pix: &Pix,
        dpi: u32,
        regions: &[BBox],
        lexicon: Option<&dyn Lexicon>,
    ) -> Result<Vec<Vec<OcrLine>>, EngineError> {
        let api = self.api.as_ptr();
        let mut out = Vec::with_capacity(regions.len());
        // SAFETY: live handle and PIX; the PIX outlives every Recognize below, and we Clear
        // before returning.
        unsafe {
            tess::TessBaseAPISetPageSegMode(api, tess::TessPageSegMode_PSM_SINGLE_LINE);
            set_page(api, pix, dpi, lexicon.is_some());
            for r in regions {
                tess::TessBaseAPISetRectangle(api, r.x as i32, r.y as i32, r.w as i32, r.h as i32);
                if !recognise(api) {
                    out.clear();
                    break;
                }
                out.push(collect_lines(api, lexicon));
            }
            tess::TessBaseAPIClear(api);
            tess::TessBaseAPISetPageSegMode(api, self.key.psm);
        }
        if out.len() == regions.len() {
            Ok(out)
        } else {
            Err(EngineError::Recognise)
        }
    }
}

/// Hands Tesseract `pix` at `dpi`, with the LSTM's alternatives (`lstm_choice_mode = 2`) on
/// only when a lexicon will choose among them: they cost five more decodings of every line.
///
/// # Safety
/// `api` is a live handle, and `pix` outlives every Recognize until the next SetImage or Clear.
unsafe fn set_page(api: *mut tess::TessBaseAPI, pix: &Pix, dpi: u32, choices: bool) {
    tess::TessBaseAPISetImage2(api, pix.as_ptr().cast());
    tess::TessBaseAPISetSourceResolution(api, dpi as i32);
    let mode = if choices { c"2" } else { c"0" };
    tess::TessBaseAPISetVariable(api, c"lstm_choice_mode".as_ptr(), mode.as_ptr());
}

/// Recognises the image (or rectangle) set, with Tesseract's line images kept uncompressed
/// (`line_images`); false when Tesseract fails.
///
/// # Safety
/// `api` is a live handle with an image set.
unsafe fn recognise(api: *mut tess::TessBaseAPI) -> bool {
    super::line_images::recognising(|| tess::TessBaseAPIRecognize(api, std::ptr::null_mut())) == 0
}

/// Walks Tesseract's result iterator word by word, grouping the words into its lines (with the
/// block and paragraph each line belongs to). With a `lexicon` (the page was read with
/// `lstm_choice_mode = 2`), each word's form is chosen among its symbols' readings.
///
/// # Safety
/// `api` must be a live handle on which `Recognize` has just succeeded.
unsafe fn collect_lines(
    api: *mut tess::TessBaseAPI,
    lexicon: Option<&dyn Lexicon>,
) -> Vec<OcrLine> {
    let mut lines: Vec<OcrLine> = Vec::new();
    // Each word's symbols, line by line, for the choice made once the line is whole.
    let mut symbols: Vec<Vec<Vec<Symbol>>> = Vec::new();
    let ri = tess::TessBaseAPIGetIterator(api);
    if ri.is_null() {
        return lines;
    }
    let pi = tess::TessResultIteratorGetPageIterator(ri);
    let (mut block, mut para) = (0usize, 0usize);
    let bbox_at = |level| {
        let (mut l, mut t, mut r, mut b) = (0, 0, 0, 0);
        tess::TessPageIteratorBoundingBox(pi, level, &mut l, &mut t, &mut r, &mut b);
        BBox {
            x: l.max(0) as u32,
            y: t.max(0) as u32,
            w: (r - l).max(0) as u32,
            h: (b - t).max(0) as u32,
        }
    };
    loop {
        let at = |level| tess::TessPageIteratorIsAtBeginningOf(pi, level) != 0;
        if !lines.is_empty() {
            if at(tess::TessPageIteratorLevel_RIL_BLOCK) {
                block += 1;
            }
            if at(tess::TessPageIteratorLevel_RIL_PARA) {
                para += 1;
            }
        }
        if lines.is_empty() || at(tess::TessPageIteratorLevel_RIL_TEXTLINE) {
            lines.push(OcrLine {
                block,
                para,
                bbox: bbox_at(tess::TessPageIteratorLevel_RIL_TEXTLINE),
                words: Vec::new(),
            });
            symbols.push(Vec::new());
        }
        let raw = tess::TessResultIteratorGetUTF8Text(ri, tess::TessPageIteratorLevel_RIL_WORD);
        if !raw.is_null() {
            let word: String = CStr::from_ptr(raw).to_string_lossy().nfc().collect();
            // The symbols must spell the word as Tesseract wrote it (before the trim and the
            // eth below), or their readings sit on other places.
            let word_symbols = match lexicon {
                Some(_) => spelled_symbols(ri, &word),
                None => Vec::new(),
            };
            tess::TessDeleteText(raw);
            let word = without_eth(word.trim());
            let word = word.as_str();
            if !word.is_empty() {
                let confidence =
                    tess::TessResultIteratorConfidence(ri, tess::TessPageIteratorLevel_RIL_WORD);
                if let Some(line) = lines.last_mut() {
                    line.words.push(LineWord {
                        text: word.to_string(),
                        bbox: bbox_at(tess::TessPageIteratorLevel_RIL_WORD),
                        confidence: confidence.clamp(0.0, 100.0),
                    });
                }
                if let Some(line) = symbols.last_mut() {
                    line.push(word_symbols);
                }
            }
        }
        if tess::TessResultIteratorNext(ri, tess::TessPageIteratorLevel_RIL_WORD) == 0 {
            break;
        }
    }
    tess::TessResultIteratorDelete(ri);
    if let Some(lexicon) = lexicon {
        for (line, symbols) in lines.iter_mut().zip(&symbols) {
            choose_forms(line, symbols, lexicon);
        }
    }
    lines.retain(|l| !l.words.is_empty());
    lines
}

/// Each word of `line` in the form [`choices::choose`] picks from its `symbols` (one list per
/// word, empty where they do not spell it), beside its neighbours' letters.
fn choose_forms(line: &mut OcrLine, symbols: &[Vec<Symbol>], lexicon: &dyn Lexicon) {
    let neighbour = |w: Option<&LineWord>| w.and_then(|w| choices::letters_of(&w.text));
    for i in 0..line.words.len() {
        let Some(syms) = symbols.get(i).filter(|s| !s.is_empty()) else {
            continue;
        };
        let prev = neighbour(i.checked_sub(1).and_then(|j| line.words.get(j)));
        let next = neighbour(line.words.get(i + 1));
        let word = &line.words[i].text;
        if let Some(form) = choices::choose(word, syms, prev.as_deref(), next.as_deref(), lexicon) {
            line.words[i].text = form;
        }
    }
}

/// [`word_symbols`] when they spell `word` (NFC, then trimmed and with the eth read as Đ as the
/// word is kept), each symbol's glyphs made the same way; otherwise none.
///
/// # Safety
/// `ri` must be a live result iterator standing on a word.
unsafe fn spelled_symbols(ri: *mut tess::TessResultIterator, word: &str) -> Vec<Symbol> {
    let mut syms = word_symbols(ri);
    let clean = |t: &str| without_eth(&t.nfc().collect::<String>());
    for s in &mut syms {
        s.text = clean(&s.text);
        for a in &mut s.alternatives {
            a.0 = clean(&a.0);
        }
        let best = s.text.clone();
        s.alternatives
            .retain(|a| a.0 != best && !a.0.trim().is_empty());
    }
    // Symbols that stand for nothing in the kept word (spaces at the edges) are dropped.
    syms.retain(|s| !s.text.trim().is_empty());
    let spelled: String = syms.iter().map(|s| s.text.as_str()).collect();
    if spelled == without_eth(word.trim()) {
        syms
    } else {
        Vec::new()
    }
}

/// The symbols of the word the iterator stands on, with the LSTM's alternatives.
///
/// # Safety
/// `ri` must be a live result iterator standing on a word.
unsafe fn word_symbols(ri: *mut tess::TessResultIterator) -> Vec<Symbol> {
    let it = tess::TessResultIteratorCopy(ri);
    if it.is_null() {
        return Vec::new();
    }
    let pi = tess::TessResultIteratorGetPageIterator(it);
    let mut out = Vec::new();
    loop {
        let raw = tess::TessResultIteratorGetUTF8Text(it, tess::TessPageIteratorLevel_RIL_SYMBOL);
        let text = if raw.is_null() {
            String::new()
        } else {
            let t = CStr::from_ptr(raw).to_string_lossy().into_owned();
            tess::TessDeleteText(raw);
            t
        };
        let confidence =
            tess::TessResultIteratorConfidence(it, tess::TessPageIteratorLevel_RIL_SYMBOL);
        let mut alternatives = Vec::new();
        let ci = tess::TessResultIteratorGetChoiceIterator(it);
        if !ci.is_null() {
            loop {
                let a = tess::TessChoiceIteratorGetUTF8Text(ci);
                if !a.is_null() {
                    let a = CStr::from_ptr(a).to_string_lossy().into_owned();
                    alternatives.push((a, tess::TessChoiceIteratorConfidence(ci)));
                }
                if tess::TessChoiceIteratorNext(ci) == 0 {
                    break;
                }
            }
            tess::TessChoiceIteratorDelete(ci);
        }
        out.push(Symbol {
            text,
            confidence,
            alternatives,
        });
        if tess::TessPageIteratorIsAtFinalElement(
            pi,
            tess::TessPageIteratorLevel_RIL_WORD,
            tess::TessPageIteratorLevel_RIL_SYMBOL,
        ) != 0
            || tess::TessResultIteratorNext(it, tess::TessPageIteratorLevel_RIL_SYMBOL) == 0
        {
            break;
        }
    }
    tess::TessResultIteratorDelete(it);
    out
}

/// The word with Tesseract's Icelandic eth (Ð, U+00D0) read as the Vietnamese Đ (U+0110) it
/// looks exactly like: the `vie` model gives "Ð" for "Đ" ("TÐKT") and, for one printed "Đ",
/// both ("QĐÐ-UBND", "GD&ĐÐT"). Vietnamese has no eth, so an eth after a Đ is that second
/// reading and goes, and any other eth is a Đ.
pub fn without_eth(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'Ð' if out.ends_with('Đ') => {}
            'Ð' => out.push('Đ'),
            _ => out.push(c),
        }
    }
    out
}

impl Drop for Engine {
    fn drop(&mut self) {
        // SAFETY: we own the handle; End releases the model, Delete frees the object.
        unsafe {
            tess::TessBaseAPIEnd(self.api.as_ptr());
            tess::TessBaseAPIDelete(self.api.as_ptr());
        }
    }
}

// SAFETY: a `TessBaseAPI` has no tie to the thread that made it; what it forbids is use by two
// threads at once, which ownership of the `Engine` (never shared, only moved) rules out.
unsafe impl Send for Engine {}

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// The engine [`identity`] loaded to check the settings, kept for the first worker that needs
/// one: the same settings make the same engine, and loading the model again cost as many
/// instructions as the restorer's tables (0.47 G, BENCHMARKS.md session 13).
static SPARE: Mutex<Option<Engine>> = Mutex::new(None);

/// The spare engine when it was made for `key`.
fn take_spare(key: &EngineKey) -> Option<Engine> {
    let mut spare = SPARE.lock().unwrap_or_else(|e| e.into_inner());
    if spare.as_ref().is_some_and(|e| e.key == *key) {
        spare.take()
    } else {
        None
    }
}

/// Runs `f` with this thread's engine for `options`, creating it on first use (or when the
/// language, tessdata dir or PSM changed since).
///
/// # Errors
/// The engine's [`EngineError`] when it cannot be created, or whatever `f` returns.
pub fn with_engine<T>(
    options: &OcrOptions,
    f: impl FnOnce(&mut Engine) -> Result<T, EngineError>,
) -> Result<T, EngineError> {
    ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let key = EngineKey::of(options);
        if !slot.as_ref().is_some_and(|e| e.key == key) {
            *slot = None;
            *slot = Some(match take_spare(&key) {
                Some(engine) => engine,
                None => Engine::new(options)?,
            });
        }
        match slot.as_mut() {
            Some(engine) => f(engine),
            None => Err(EngineError::Recognise),
        }
    })
}

/// Drops this thread's engine now (it is otherwise dropped when the thread ends).
pub fn release_thread_engine() {
    ENGINE.with(|cell| cell.borrow_mut().take());
}

/// Drops the engines of every thread of the current rayon pool and of this thread. Call it
/// when OCR is over and the pool lives on (rayon's global pool never ends its threads), so the
/// models are released before Tesseract's own static caches are torn down at exit.
pub fn release_all_engines() {
    rayon::broadcast(|_| release_thread_engine());
    release_thread_engine();
    SPARE.lock().unwrap_or_else(|e| e.into_inner()).take();
}

/// The linked Tesseract's version, e.g. `5.3.0`.
pub fn tesseract_version() -> String {
    // SAFETY: TessVersion returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(tess::TessVersion()) }
        .to_string_lossy()
        .into_owned()
}

/// What OCR with `options` would run on, checked before any document is read: the settings
/// must name a loadable model (an unknown language, a missing traineddata file or an unreadable
/// tessdata directory is an error here, once, not a failure of every page), and the answer is
/// the engine version with a hash of each model file, for the records' fingerprint.
///
/// # Errors
/// [`EngineError::Init`] (or `BadOption`) when no engine can be made with these settings.
pub fn identity(options: &OcrOptions) -> Result<String, EngineError> {
    let engine = Engine::new(options)?;
    // SAFETY: live handle; the returned string belongs to the engine and is copied at once.
    let dir = unsafe {
        let p = tess::TessBaseAPIGetDatapath(engine.api.as_ptr());
        (!p.is_null()).then(|| CStr::from_ptr(p).to_string_lossy().into_owned())
    };
    // Kept for the first worker: the settings were checked so that OCR can follow.
    *SPARE.lock().unwrap_or_else(|e| e.into_inner()) = Some(engine);
    let dir = std::path::PathBuf::from(dir.unwrap_or_default());
    let mut id = format!("tesseract {}", tesseract_version());
    for lang in options.lang.split('+').filter(|l| !l.is_empty()) {
        let file = dir.join(format!("{lang}.traineddata"));
        let hash = std::fs::read(&file)
            .map(|b| crate::ingest::sha256_hex(&b)[..16].to_string())
            .unwrap_or_else(|_| "unread".into());
        id.push_str(&format!("; {lang} {hash}"));
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_that_checked_the_settings_reads_the_first_page() {
        let options = OcrOptions::default();
        let id = identity(&options).expect("the default model loads");
        assert!(id.starts_with("tesseract "), "{id}");
        assert!(SPARE.lock().unwrap().is_some());
        // Another thread (a worker) takes it instead of loading the model again.
        let worker = options.clone();
        std::thread::spawn(move || with_engine(&worker, |_| Ok(())).unwrap())
            .join()
            .unwrap();
        assert!(SPARE.lock().unwrap().is_none());
        // Settings that make another engine leave a spare where it is.
        identity(&options).unwrap();
        let other = OcrOptions {
            psm: 6,
            ..options.clone()
        };
        std::thread::spawn(move || with_engine(&other, |_| Ok(())).unwrap())
            .join()
            .unwrap();
        assert!(SPARE.lock().unwrap().is_some());
        release_all_engines();
        assert!(SPARE.lock().unwrap().is_none());
    }

    #[test]
    fn eth_read_for_d_stroke_becomes_d_stroke_once() {
        assert_eq!(without_eth("401/QĐÐ-UBND"), "401/QĐ-UBND");
        assert_eq!(without_eth("GD&ĐÐT"), "GD&ĐT");
        assert_eq!(without_eth("TÐKT"), "TĐKT");
        // A real double Đ (an acronym such as ĐĐBQH) is kept.
        assert_eq!(without_eth("ĐĐBQH"), "ĐĐBQH");
    }
}
