//! Plain text per page, as OCRmyPDF's sidecar: each page's restored text, pages separated by a
//! form feed.

use super::layout::Layout;

/// The restored text of every page, each followed by a newline, pages separated by `\f`.
pub fn render(layout: &Layout) -> String {
    let mut out = String::new();
    for (i, page) in layout.pages.iter().enumerate() {
        if i > 0 {
            out.push('\u{c}');
        }
        out.push_str(page.text.trim_end());
        out.push('\n');
    }
    out
}
