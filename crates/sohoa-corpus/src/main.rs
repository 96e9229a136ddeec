//! `sohoa-corpus`: renders clean Vietnamese text to scanned-looking pages with gold text.
//!
//! ```text
//! sohoa-corpus render --text plan.txt --out DIR --variant clean --variant photocopy
//! sohoa-corpus tiff   --text plan.txt --out plan.tif --variant dpi200
//! sohoa-corpus pdf    --text plan.txt --out plan.pdf --variant clean --encoding dct
//! ```
//! Every image `X.png|jpg` gets its gold `X.gt.txt` beside it; containers get `OUT.gt.txt`
//! with pages separated by a form feed line. Output is deterministic for a given seed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use sohoa_corpus::{
    self as corpus, container, container::PdfImageEncoding, encode, layout, CorpusError,
    RenderedPage, ScanImage, Variant,
};

/// Renders Vietnamese text to A4 page images (300 dpi) and degraded scan variants.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct Common {
    /// UTF-8 text to render (one paragraph per line).
    #[arg(long)]
    text: PathBuf,
    /// TrueType/OpenType font covering Vietnamese.
    #[arg(long, default_value = sohoa_corpus::DEFAULT_FONT)]
    font: PathBuf,
    /// Seed for the random parts of degradations.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Type size in points.
    #[arg(long, default_value_t = 13.0)]
    font_pt: f32,
    /// Render at most this many pages.
    #[arg(long)]
    max_pages: Option<usize>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// One image per page and variant: OUT/NAME-NNN-VARIANT.{png,jpg} + .gt.txt.
    Render {
        #[command(flatten)]
        common: Common,
        /// Output directory (created).
        #[arg(long)]
        out: PathBuf,
        /// Variants (repeat, or `all`): clean skew blur noise jpeg40 dpi200 dpi150 photocopy.
        #[arg(long, default_value = "clean")]
        variant: Vec<String>,
        /// File name prefix; defaults to the text file's stem.
        #[arg(long)]
        name: Option<String>,
    },
    /// A document in the printed layout of Decree 30 (header table, centred type and title,
    /// justified body, recipients and a sealed signature block) from a marked text (see
    /// `corpus::decree`): OUT/NAME-NNN-VARIANT.{png,jpg} + .gt.txt per page, OUT/NAME.typed.txt
    /// (the same document as typed text) and, with --pdf, OUT/NAME-VARIANT.pdf.
    Decree {
        #[command(flatten)]
        common: Common,
        /// Output directory (created).
        #[arg(long)]
        out: PathBuf,
        /// Variants (repeat, `all`, or `conditions` for the scan conditions of an archive).
        #[arg(long, default_value = "clean")]
        variant: Vec<String>,
        /// File name prefix; defaults to the text file's stem.
        #[arg(long)]
        name: Option<String>,
        /// Also write each variant as one scanned PDF (JPEG pages).
        #[arg(long)]
        pdf: bool,
    },
    /// A multi-page TIFF of one variant, plus OUT.gt.txt.
    Tiff {
        #[command(flatten)]
        common: Common,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        /// Degradation applied to every page.
        #[arg(long, default_value = "clean")]
        variant: String,
    },
    /// A scanned PDF (image-only pages) of one variant, plus OUT.gt.txt.
    Pdf {
        #[command(flatten)]
        common: Common,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        /// Degradation applied to every page.
        #[arg(long, default_value = "clean")]
        variant: String,
        /// Page image encoding: dct, flate or g4.
        #[arg(long, default_value = "dct")]
        encoding: String,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sohoa-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn pages(c: &Common) -> Result<Vec<RenderedPage>, CorpusError> {
    let text = std::fs::read_to_string(&c.text).map_err(|source| CorpusError::Io {
        path: c.text.display().to_string(),
        source,
    })?;
    let font = layout::load_font(&c.font)?;
    let lay = layout::Layout {
        font_pt: c.font_pt,
        ..layout::Layout::default()
    };
    let mut pages = sohoa_corpus::render_text(&text, &font, &lay)?;
    if let Some(n) = c.max_pages {
        pages.truncate(n);
    }
    Ok(pages)
}

/// Each page gets its own stream of randomness, stable when pages are added after it.
fn page_seed(seed: u64, index: usize) -> u64 {
    seed.wrapping_mul(0x9E37_79B9)
        .wrapping_add(index as u64 * 0x0100_0000_01B3)
}

fn scans(pages: &[RenderedPage], variant: Variant, seed: u64) -> Vec<ScanImage> {
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| sohoa_corpus::degrade(&p.image, p.dpi, variant, page_seed(seed, i)))
        .collect()
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), CorpusError> {
    std::fs::write(path, bytes).map_err(|source| CorpusError::Io {
        path: path.display().to_string(),
        source,
    })?;
    println!("{}", path.display());
    Ok(())
}

fn container_gold(pages: &[RenderedPage]) -> String {
    let mut s = pages
        .iter()
        .map(|p| p.gold.as_str())
        .collect::<Vec<_>>()
        .join("\n\x0c\n");
    s.push('\n');
    s
}

fn variants(names: &[String]) -> Result<Vec<Variant>, CorpusError> {
    if names.iter().any(|v| v == "all") {
        Ok(Variant::ALL.to_vec())
    } else if names.iter().any(|v| v == "conditions") {
        Ok(Variant::CONDITIONS.to_vec())
    } else {
        names.iter().map(|v| v.parse()).collect()
    }
}

fn stem_of(text: &Path, name: Option<String>) -> String {
    name.unwrap_or_else(|| {
        text.file_stem()
            .map_or("page".into(), |s| s.to_string_lossy().into_owned())
    })
}

fn create_dir(out: &Path) -> Result<(), CorpusError> {
    std::fs::create_dir_all(out).map_err(|source| CorpusError::Io {
        path: out.display().to_string(),
        source,
    })
}

fn decree(
    common: &Common,
    out: &Path,
    variants: &[Variant],
    name: &str,
    pdf: bool,
) -> Result<(), CorpusError> {
    let text = std::fs::read_to_string(&common.text).map_err(|source| CorpusError::Io {
        path: common.text.display().to_string(),
        source,
    })?;
    // `@body PATH FROM TO` lines name their text relative to the directory run from (the
    // repository root for the committed heads of corpus/scan/decree).
    let text = corpus::decree_body::expand(&text, Path::new("."))?;
    let doc = corpus::decree::DecreeDoc::parse(&text);
    let faces = corpus::decree::Faces::beside(&common.font)?;
    let pages = corpus::decree::render(&doc, &faces)?;
    create_dir(out)?;
    write(
        &out.join(format!("{name}.typed.txt")),
        doc.typed_text().as_bytes(),
    )?;
    for &v in variants {
        let scans: Vec<ScanImage> = pages
            .iter()
            .enumerate()
            .map(|(i, (p, seals))| {
                corpus::degrade::degrade_sealed(
                    &p.image,
                    p.dpi,
                    v,
                    page_seed(common.seed, i),
                    seals,
                )
            })
            .collect();
        for (i, scan) in scans.iter().enumerate() {
            let (bytes, ext) = encode::scan_file(scan)?;
            let stem = format!("{name}-{:03}-{v}", i + 1);
            write(&out.join(format!("{stem}.{ext}")), &bytes)?;
            let gold = format!("{}\n", pages[i].0.gold);
            write(&out.join(format!("{stem}.gt.txt")), gold.as_bytes())?;
        }
        if pdf {
            let path = out.join(format!("{name}-{v}.pdf"));
            write(&path, &container::pdf(&scans, PdfImageEncoding::Dct)?)?;
            let golds: Vec<RenderedPage> = pages.iter().map(|(p, _)| p.clone()).collect();
            write(&gold_path(&path), container_gold(&golds).as_bytes())?;
        }
    }
    Ok(())
}

fn run(cli: Cli) -> Result<(), CorpusError> {
    match cli.command {
        Command::Decree {
            common,
            out,
            variant,
            name,
            pdf,
        } => {
            let name = stem_of(&common.text, name);
            decree(&common, &out, &variants(&variant)?, &name, pdf)
        }
        Command::Render {
            common,
            out,
            variant,
            name,
        } => {
            let variants: Vec<Variant> = if variant.iter().any(|v| v == "all") {
                Variant::ALL.to_vec()
            } else {
                variant
                    .iter()
                    .map(|v| v.parse())
                    .collect::<Result<_, _>>()?
            };
            let name = name.unwrap_or_else(|| {
                common
                    .text
                    .file_stem()
                    .map_or("page".into(), |s| s.to_string_lossy().into_owned())
            });
            std::fs::create_dir_all(&out).map_err(|source| CorpusError::Io {
                path: out.display().to_string(),
                source,
            })?;
            let pages = pages(&common)?;
            for v in variants {
                for (i, scan) in scans(&pages, v, common.seed).iter().enumerate() {
                    let (bytes, ext) = encode::scan_file(scan)?;
                    let stem = format!("{name}-{:03}-{v}", i + 1);
                    write(&out.join(format!("{stem}.{ext}")), &bytes)?;
                    let gold = format!("{}\n", pages[i].gold);
                    write(&out.join(format!("{stem}.gt.txt")), gold.as_bytes())?;
                }
            }
            Ok(())
        }
        Command::Tiff {
            common,
            out,
            variant,
        } => {
            let pages = pages(&common)?;
            let scans = scans(&pages, variant.parse()?, common.seed);
            write(&out, &container::tiff(&scans)?)?;
            write(&gold_path(&out), container_gold(&pages).as_bytes())
        }
        Command::Pdf {
            common,
            out,
            variant,
            encoding,
        } => {
            let encoding: PdfImageEncoding = encoding.parse()?;
            let pages = pages(&common)?;
            let scans = scans(&pages, variant.parse()?, common.seed);
            write(&out, &container::pdf(&scans, encoding)?)?;
            write(&gold_path(&out), container_gold(&pages).as_bytes())
        }
    }
}

fn gold_path(out: &Path) -> PathBuf {
    out.with_extension("gt.txt")
}
