//! Error analysis of the language model's choices on old OCR (issue 14): for each `NAME.input.txt`
//! / `NAME.gold.txt` pair of a set folder, every word whose line has as many input words as
//! gold words, restored wrongly although the gold form was an option, printed as one TSV line:
//! input, chosen form, gold form, their channel costs and LM scores, whether the input shows a
//! tone or a vowel mark, whether the kept form is unknown to the model, its position in the line.
//! `cargo run --release --example lm_errors -- DIR [DICTIONARIES]`

use sohoa_core::restore::Restorer;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("a set folder");
    let restorer = match args.next() {
        Some(d) => Restorer::load(std::path::Path::new(&d)).expect("tables"),
        None => Restorer::embedded(),
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let n = e.ok()?.file_name().into_string().ok()?;
            n.strip_suffix(".input.txt").map(str::to_owned)
        })
        .collect();
    names.sort();
    println!("doc\tinput\tchosen\tgold\tc_cost\tc_lm\tg_cost\tg_lm\tpos\tkind");
    for name in names {
        let input = std::fs::read_to_string(format!("{dir}/{name}.input.txt")).unwrap();
        let gold = std::fs::read_to_string(format!("{dir}/{name}.gold.txt")).unwrap();
        let explained = restorer.explain(&input);
        // Lines with text, in order (OCR adds blank lines the gold lacks).
        let mut at = 0;
        let lines: Vec<(usize, &str)> = input
            .split('\n')
            .map(|l| {
                let start = at;
                at += l.len() + 1;
                (start, l)
            })
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        let gold_lines = gold.lines().filter(|l| !l.trim().is_empty());
        for ((start, il), gl) in lines.into_iter().zip(gold_lines) {
            let iw: Vec<(usize, &str)> = il
                .split_whitespace()
                .map(|w| (w.as_ptr() as usize - il.as_ptr() as usize + start, w))
                .collect();
            let gw: Vec<&str> = gl.split_whitespace().collect();
            if iw.len() != gw.len() {
                continue;
            }
            for (k, ((off, w), g)) in iw.iter().zip(&gw).enumerate() {
                let Some(ex) = explained
                    .iter()
                    .find(|e| e.source.start >= *off && e.source.start < off + w.len())
                else {
                    continue;
                };
                let trim = |s: &str| {
                    s.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                };
                let g = trim(g);
                let chosen = &ex.options[ex.chosen];
                if trim(&chosen.form) == g {
                    continue;
                }
                let Some(go) = ex.options.iter().find(|o| trim(&o.form) == g) else {
                    continue;
                };
                let src = &input[ex.source.clone()];
                let kind = if chosen.form == src {
                    "kept"
                } else {
                    "changed"
                };
                println!(
                    "{name}\t{src}\t{}\t{g}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{k}\t{kind}",
                    chosen.form, chosen.cost, chosen.lm, go.cost, go.lm
                );
            }
        }
    }
}
