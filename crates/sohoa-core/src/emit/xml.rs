//! The little XML writing the ALTO and hOCR files need: escaping text and attribute values.

/// `s` escaped for XML text or a double-quoted attribute value. Characters XML 1.0 cannot hold
/// (controls other than tab, newline and carriage return) are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(
            super::escape("a<b>&\"c'\u{1}Đ"),
            "a&lt;b&gt;&amp;&quot;c&apos;Đ"
        );
    }
}
